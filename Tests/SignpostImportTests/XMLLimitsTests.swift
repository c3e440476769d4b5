import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// Hostile XML: entity expansion, attribute floods and external entities are refused before libxml2 parses them, with
/// a message naming the limit; internal entities within the limits keep their text.
@Suite("XML lists against hostile input")
struct XMLLimitsTests {
    let vocabularies: Vocabularies
    let reader: SignpostXMLReader

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        reader = SignpostXMLReader(vocabularies: vocabularies)
    }

    /// A valid one-service list with `doctype` before the root and `name` as the service's name.
    static func list(
        doctype: String = "",
        name: String = "Leeds Outreach",
        providerName: String = "Aire (sample)"
    )
        -> String
    {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(doctype)
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <commissioner code="pcc-test" name="Test PCC"><area>E23000010</area></commissioner>
          <service id="WY-1">
            <name>\(name)</name>
            <provider name="\(providerName)"/>
            <needs><need>domestic-abuse</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
        </serviceList>
        """
    }

    func message(_ xml: String) -> String? {
        do {
            _ = try reader.read(.memory(Array(xml.utf8)), file: "list.xml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anInternalEntityKeepsItsTextInAnElementAndAnAttribute() throws {
        let xml = Self.list(
            doctype: #"<!DOCTYPE serviceList [<!ENTITY org "Harebell Trust">]>"#,
            name: "Leeds Outreach &org;",
            providerName: "&org; (sample)"
        )
        let list = try reader.read(.memory(Array(xml.utf8)), file: "list.xml")
        #expect(list.services.first?.name == "Leeds Outreach Harebell Trust")
        #expect(list.services.first?.provider.name == "Harebell Trust (sample)")
    }

    @Test func entitiesThatReferToEntitiesAreRefused() {
        // The "billion laughs": each entity ten of the one before.
        var declarations = #"<!ENTITY a0 "ha">"#
        for level in 1...9 {
            let previous = String(repeating: "&a\(level - 1);", count: 10)
            declarations += #"<!ENTITY a\#(level) "\#(previous)">"#
        }
        let refused = message(Self.list(doctype: "<!DOCTYPE serviceList [\(declarations)]>", name: "&a9;"))
        #expect(refused?.contains("refers to another entity") == true, "\(refused ?? "read")")
    }

    @Test func manyReferencesToAnEntityAreBoundedByTheTotalExpansion() {
        var limits = XMLLimits()
        limits.totalExpansion = 100_000
        let value = String(repeating: "x", count: 4_000)
        let references = String(repeating: "&big;", count: 30)
        let xml = Self.list(doctype: #"<!DOCTYPE serviceList [<!ENTITY big "\#(value)">]>"#, name: references)
        do {
            _ = try SignpostXMLReader(vocabularies: vocabularies, limits: limits).read(
                .memory(Array(xml.utf8)),
                file: "list.xml"
            )
            Issue.record("a 120 KB expansion was read under a 100 KB limit")
        } catch {
            #expect(error.description.contains("entity references expand to more than"))
        }
        // And with the default limit, entity references in attributes (the 2.4 GB case) stop at 16 MiB.
        let attributeBomb = Self.list(
            doctype: #"<!DOCTYPE serviceList [<!ENTITY big "\#(value)">]>"#,
            providerName: String(repeating: "&big;", count: 5_000)
        )
        #expect(message(attributeBomb)?.contains("expand to more than 16 MiB") == true)
    }

    @Test func anElementWithTooManyAttributesIsRefusedWithItsLine() {
        let attributes = (0..<300).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let xml = Self.list().replacingOccurrences(of: "<needs>", with: "<needs \(attributes)>")
        let refused = message(xml)
        #expect(refused?.contains("more than 256 attributes") == true, "\(refused ?? "read")")
        #expect(refused?.contains("list.xml:8") == true, "the element's line: \(refused ?? "")")
    }

    @Test(arguments: [
        (#"<!DOCTYPE serviceList [<!ENTITY ext SYSTEM "file:///etc/passwd">]>"#, "is external"),
        (#"<!DOCTYPE serviceList [<!ENTITY % p "x">]>"#, "parameter entity"),
        (#"<!DOCTYPE serviceList [<!ENTITY m "<b>bold</b>">]>"#, "contains markup"),
    ])
    func declarationsSignpostDoesNotReadAreRefused(_ doctype: String, _ reason: String) {
        let refused = message(Self.list(doctype: doctype))
        #expect(refused?.contains(reason) == true, "\(refused ?? "read")")
        #expect(refused?.contains("root:") != true)
    }

    @Test func aFileWithTooManyAttributesIsRefusedWhenReadFromDiskToo() throws {
        let attributes = (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let xml = Self.list().replacingOccurrences(of: "<needs>", with: "<needs \(attributes)>")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-attr-\(UUID()).xml").path
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ImportFileError.self) { try reader.read(.file(path: path), file: "attributes.xml") }
    }
}
