import FuzzSupport
import SignpostCore
import SignpostImport

/// An import profile and a list read through it. The input is the profile's JSON, a NUL byte, then the list (CSV,
/// XML or JSON, as the profile's layout says); with no NUL it is all profile. As `signpost import --profile` does, the list
/// is read only when the profile decodes and has no problems with the vocabularies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (json, list) = FuzzInput.split(FuzzInput.bytes(data, size))
    guard let profile = try? ImportProfile.decode(json: json, file: "fuzz.json", name: "fuzz") else { return 0 }
    guard profile.problems(with: FuzzInput.vocabularies).isEmpty, let list else { return 0 }
    let source = SourceName("fuzz")
    switch profile.layout {
    case .csv:
        let reader = ProfileCSVReader(profile: profile, vocabularies: FuzzInput.vocabularies)
        _ = try? reader.read(list, file: "fuzz.csv", source: source)
    case .xml:
        let reader = ProfileXMLReader(profile: profile, vocabularies: FuzzInput.vocabularies)
        _ = try? reader.read(.memory(list), file: "fuzz.xml", source: source)
    case .json:
        // The JSON reader has its own parser (depth and size bounded): fuzzed through its profile.
        let reader = ProfileJSONReader(profile: profile, vocabularies: FuzzInput.vocabularies)
        _ = try? reader.read(list, file: "fuzz.json", source: source)
    case .xlsx:
        break  // reads a zip file from disk, not bytes
    case .openReferralTables:
        break  // reads a folder of tables, not bytes
    }
    return 0
}
