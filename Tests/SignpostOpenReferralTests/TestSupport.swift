import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// The project's vocabularies, loaded once for every test.
private let loadedVocabularies = Result { () throws(VocabularyError) -> Vocabularies in
    try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
}

/// The project's vocabularies.
func vocabularies() throws -> Vocabularies { try loadedVocabularies.get() }

/// `bytes` parsed by Foundation's JSON parser (which rejects anything that is not valid JSON).
func parseJSON(_ bytes: [UInt8]) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
}

/// `bytes` parsed as a JSON object.
func parseObject(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try parseJSON(bytes) as? [String: Any], sourceLocation: sourceLocation)
}

/// `value[name]` as an array of objects.
func objects(
    _ value: [String: Any],
    _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> [[String: Any]] {
    try #require(value[name] as? [[String: Any]], "\(name) is not an array of objects", sourceLocation: sourceLocation)
}

/// `value[name]` as an object.
func object(
    _ value: [String: Any],
    _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> [String: Any] {
    try #require(value[name] as? [String: Any], "\(name) is not an object", sourceLocation: sourceLocation)
}

/// The names in `value` that `allowed` does not hold (empty when every name is allowed).
func unexpectedKeys(_ value: [String: Any], allowed: Set<String>) -> [String] {
    value.keys.filter { !allowed.contains($0) }.sorted()
}

/// Bytes as text, for searching.
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// The fixture service with everything a full document can show filled in.
func fullService() -> Service {
    var service = Fixtures.service()
    service.contact = Contact(
        phone: "0113 496 0000",
        email: "help@example.org",
        website: "https://example.org/outreach",
        hours: "Mon-Fri 09:00-17:00"
    )
    service.provider.website = "https://example.org"
    service.eligibility.maximumAge = 99
    service.eligibility.notes = "Women aged 16 and over"
    service.offersBSL = true
    service.coverage = Coverage(areas: [AreaCode("E23000010"), AreaCode("E08000035"), AreaCode("LS1"), .national])
    return service
}
