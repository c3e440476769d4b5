import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Import profiles: row filters, conditional values, captured values and bracket-aware splitting")
struct ProfileRowRulesTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    func read(_ json: String, _ csv: String) throws -> ParsedList {
        let loaded = try ImportProfile.decode(json: Array(json.utf8), file: "rows.json", name: "rows")
        return try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
            .read(Array(csv.utf8), file: "list.csv", source: SourceName("test"))
    }

    static func profile(csv: String = "{}", extra: String = "") -> String {
        """
        { "format": "csv", "csv": \(csv),
          "fields": { "source_record_id": "Ref", "name": "Name", "provider_name": "Org",
                      "need_types": { "constant": "stalking" }, "coverage": { "constant": "national" }\(extra) } }
        """
    }

    @Test("csv.skip leaves out rows where a column says so, csv.keep keeps only rows of a kind; both counted")
    func rowFilters() throws {
        let csv =
            "Ref,Name,Org,ExcludeFromDirectory,Type\nA,Line,Org,No,Service\nB,Hidden,Org,Yes,service\n"
            + "C,Office,Org,,Building\nD,Outreach,Org,,SERVICE\nE,Gone,Org,yes,Building\n"
        let list = try read(
            Self.profile(csv: #"{ "skip": ["ExcludeFromDirectory=Yes"], "keep": ["Type=service|project"] }"#),
            csv
        )
        #expect(list.services.map(\.provenance.sourceRecordID) == ["A", "D"])
        #expect(list.recordCount == 2)
        let skipped = try #require(list.issues.first { $0.message.contains("csv.skip") })
        #expect(skipped.severity == .warning)
        #expect(skipped.message.contains("2 rows were left out because ExcludeFromDirectory=Yes"))
        #expect(skipped.message.contains("lines 3, 6"))
        #expect(list.issues.contains { $0.message.contains("1 row was left out because not Type=service|project") })
        // The filter's columns are read, so they are not reported as unread.
        #expect(!list.issues.contains { $0.message.contains("does not read") })
    }

    @Test("a filter or condition on a column the header lacks stops the read, naming it")
    func missingConditionColumn() throws {
        #expect(throws: ImportFileError.self) {
            try read(Self.profile(csv: #"{ "skip": ["Hidden=yes"] }"#), "Ref,Name,Org\nA,Line,Org\n")
        }
    }

    @Test("when: a phone is read only where the row's Private column says no")
    func conditionalValue() throws {
        let list = try read(
            Self.profile(extra: #", "phone": { "column": "Phone", "when": "Private=no|n" }"#),
            "Ref,Name,Org,Phone,Private\nA,Line,Org,0113 496 0000,no\nB,Refuge,Org,07700 900111,yes\n"
                + "C,Other,Org,0113 496 0001,\n"
        )
        let phones = Dictionary(
            uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0.contact.phone) }
        )
        #expect(phones["A"] == .some("0113 496 0000"))
        #expect(phones["B"] == .some(nil))
        #expect(phones["C"] == .some(nil))
    }

    @Test("capture: a regular expression's groups give latitude and longitude; a miss is reported, not lost")
    func capturedValues() throws {
        let pattern = #"Geolocation is (-?[0-9.]+), *(-?[0-9.]+)"#
        let list = try read(
            Self.profile(
                extra: """
                    , "latitude": { "column": "Notes", "capture": "\(pattern.replacingOccurrences(of: "\\", with: "\\\\"))" },
                    "longitude": { "column": "Notes", "capture": { "pattern": "\(pattern.replacingOccurrences(of: "\\", with: "\\\\"))", "group": 2 } }
                    """
            ),
            "Ref,Name,Org,Notes\nA,Line,Org,\"Open daily. Geolocation is 53.8, -1.55\"\nB,Other,Org,No location given\n"
        )
        let a = try #require(list.services.first { $0.provenance.sourceRecordID == "A" })
        #expect(a.locations.first?.point?.latitude == 53.8)
        #expect(a.locations.first?.point?.longitude == -1.55)
        #expect(list.acceptedCount == 2)
        let misses = list.issues.filter { $0.message.contains("capture pattern") }
        #expect(misses.map(\.field) == ["Notes → latitude", "Notes → longitude"])
        let miss = try #require(misses.first)
        #expect(miss.severity == .warning)
        #expect(miss.line == 3)
        #expect(miss.value == "No location given")
        #expect(miss.message.hasPrefix("1 value does not match"))
        // A long value is searched only so far, and quickly.
        let capture = try ValueCapture(pattern: pattern)
        #expect(capture.value(in: String(repeating: "x", count: 100_000) + "Geolocation is 1, 2") == nil)
        #expect(capture.value(in: "Geolocation is 1.5, 2") == "1.5")
    }

    @Test("split never divides inside brackets: Chinese (Cantonese, Mandarin), Polish is two languages")
    func bracketAwareSplit() throws {
        let list = try read(
            Self.profile(extra: #", "languages": { "column": "Languages", "split": [",", ";"] }"#),
            "Ref,Name,Org,Languages\nA,Line,Org,\"Chinese (Cantonese, Mandarin), Polish; Urdu\"\n"
        )
        let service = try #require(list.services.first)
        #expect(service.languages.map(\.rawValue) == ["zh", "pl", "ur"])
        #expect(list.unmapped.isEmpty)
    }
}
