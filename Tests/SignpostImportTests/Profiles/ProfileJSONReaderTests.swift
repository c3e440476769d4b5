import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("JSON lists through a profile: records at a path, fields by path, arrays as lists, bounds")
struct ProfileJSONReaderTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    static let profileText = """
        {
          "title": "A council's open data list of services",
          "source": "council-json",
          "format": "json",
          "json": { "records": "$.data.services" },
          "dateFormat": "DD/MM/YYYY",
          "fields": {
            "source_record_id": "id",
            "name": "name",
            "provider_name": { "path": "organisation.name" },
            "need_types": { "path": "categories", "map": "categories" },
            "languages": "languages",
            "bsl": "access.bsl",
            "min_age": "eligibility.min_age",
            "phone": { "paths": ["contact.phone", "contact.mobile"] },
            "postcode": "locations[0].postcode",
            "town": "locations[0].town",
            "contract_end": "contract.ends",
            "coverage": { "constant": "E23000010" }
          },
          "maps": { "categories": { "Domestic violence": "domestic-abuse", "Rape": "sexual-violence", "Admin": [] } }
        }
        """

    static let list = """
        {
          "meta": { "published": "2026-11-30" },
          "data": { "services": [
            { "id": 101, "name": "Leeds Advocacy", "internal_notes": "call first", "organisation": { "name": "Aire Women's Aid" },
              "categories": ["Domestic violence", "Rape", "Admin"], "languages": ["English", "Urdu", "Polish"],
              "access": { "bsl": true }, "eligibility": { "min_age": 16 },
              "contact": { "phone": "0113 000 0001" }, "contract": { "ends": "31/03/2027" },
              "locations": [ { "postcode": "LS1 4AP", "town": "Leeds" }, { "postcode": "LS2 7EY" } ] },
            { "id": "102", "name": "Wakefield ISVA", "organisation": { "name": "WISVA" },
              "categories": ["Rape"], "contact": { "phone": { "number": "01924 000000" } } },
            "not a record",
            { "id": "104", "organisation": { "name": "Nameless" }, "categories": ["Rape"] },
            { "id": "101", "name": "Again", "organisation": { "name": "X" }, "categories": ["Rape"] }
          ] }
        }
        """

    func profile(_ text: String = Self.profileText) throws -> ImportProfile {
        try ImportProfile.decode(json: Array(text.utf8), file: "council.json", name: "council")
    }

    func read(_ text: String, profile: ImportProfile? = nil, limits: JSONLimits = .default) throws -> ParsedList {
        var reader = ProfileJSONReader(profile: try profile ?? self.profile(), vocabularies: vocabularies)
        reader.limits = limits
        return try reader.read(Array(text.utf8), file: "services.json", source: SourceName("council-json"))
    }

    func fileError(_ text: String, limits: JSONLimits = .default) throws -> ImportFileError? {
        do {
            _ = try read(text, limits: limits)
            return nil
        } catch let error as ImportFileError {
            return error
        }
    }

    @Test("fields are read by path, arrays become lists, numbers and booleans become text the mapping reads")
    func recordsAreMappedByPath() throws {
        let list = try read(Self.list)
        #expect(list.format == .profileJSON)
        #expect(list.recordCount == 5)
        #expect(list.acceptedCount == 1)
        let service = try #require(list.services.first)
        #expect(service.id.rawValue == "council-json/101")
        #expect(service.provider.name == "Aire Women's Aid")
        #expect(service.needTypes.map(\.rawValue) == ["domestic-abuse", "sexual-violence"])
        #expect(service.languages.map(\.rawValue).sorted() == ["en", "pl", "ur"])
        #expect(service.offersBSL)
        #expect(service.eligibility.minimumAge == 16)
        #expect(service.contact.phone == "0113 000 0001")
        #expect(service.locations.first?.postcode?.description == "LS1 4AP")
        #expect(service.locations.first?.town == "Leeds")
        #expect(service.commissioning.contractEnd?.description == "2027-03-31")
        // A key no path reads is named, as a CSV column the profile does not read is.
        let unread = list.issues.first { $0.message.contains("does not read") }
        #expect(unread?.message == "key(s) the profile council does not read: internal_notes (records 1)")
        #expect(unread?.severity == .warning)
    }

    @Test("bad records are reported by their number in the list, with the path and the reason")
    func badRecordsNameTheirRecord() throws {
        let list = try read(Self.list)
        let errors = list.issues.filter { $0.severity == .error }
        let object = try #require(errors.first { $0.line == 2 })
        #expect(object.place == "record 2")
        #expect(object.message.contains("'contact.phone' leads to an object"))
        #expect(object.message.contains("its keys: number"))
        #expect(object.description.hasPrefix("services.json: record 2: "))
        let text = try #require(errors.first { $0.line == 3 })
        #expect(text.message.contains("is text, not an object"))
        #expect(errors.contains { $0.place == "record 4" && $0.field == "name → name" })
        let duplicate = try #require(errors.first { $0.line == 5 })
        #expect(duplicate.message.contains("already used on record 1"))
    }

    @Test("a location path gives a record several locations")
    func locationPathGivesSeveralLocations() throws {
        let text = Self.profileText
            .replacingOccurrences(
                of: #""records": "$.data.services""#,
                with: #""records": "data.services", "location": "locations""#
            )
            .replacingOccurrences(of: "locations[0].postcode", with: "postcode")
            .replacingOccurrences(of: "locations[0].town", with: "town")
        let list = try read(Self.list, profile: try profile(text))
        let service = try #require(list.services.first)
        #expect(service.locations.compactMap(\.postcode?.description) == ["LS1 4AP", "LS2 7EY"])
    }

    @Test("a document that is an object needs json.records, and the message lists its keys")
    func objectWithoutRecordsPath() throws {
        let bare = try profile(
            Self.profileText.replacingOccurrences(of: #""json": { "records": "$.data.services" },"#, with: "")
        )
        do {
            _ = try read(Self.list, profile: bare)
            Issue.record("an object was read as a list")
        } catch let error as ImportFileError {
            #expect(error.description.contains("say where the records are with json.records"))
            #expect(error.description.contains("keys: data, meta"))
        }
        let wrong = try profile(Self.profileText.replacingOccurrences(of: "$.data.services", with: "data.items"))
        do {
            _ = try read(Self.list, profile: wrong)
            Issue.record("a path to nothing was read")
        } catch let error as ImportFileError {
            #expect(error.description.contains("json.records 'data.items'"))
        }
    }

    @Test("input is bounded: file size, nesting depth; broken JSON is refused with the reason")
    func inputIsBounded() throws {
        let small = JSONLimits(maximumBytes: 100, maximumDepth: 64)
        let big = try #require(try fileError(Self.list, limits: small))
        #expect(big.description.contains("more than 100 bytes, the most a JSON list may be"))
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let nested = try #require(try fileError(deep))
        #expect(nested.description.contains("nested more than 64 deep (the limit)"))
        // Brackets inside strings do not count.
        let inString =
            #"{"data": {"services": [{"id": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}]}}"#
        #expect(try fileError(inString) == nil)
        let broken = try #require(try fileError(#"{"data": {"services": [ {"id": 1,, } ]}}"#))
        #expect(broken.description.contains("is not valid JSON"))
    }

    @Test("profile mistakes for JSON: positions, unreadable paths, unknown keys in the json section")
    func profileMistakes() throws {
        func mistake(_ text: String) -> ProfileError? {
            do {
                _ = try ImportProfile.decode(json: Array(text.utf8), file: "council.json", name: "council")
                return nil
            } catch {
                return error
            }
        }
        let position = mistake(Self.profileText.replacingOccurrences(of: #""name": "name""#, with: #""name": 2"#))
        #expect(position?.at == "fields.name")
        #expect(position?.message.contains("no column positions") == true)
        let badPath = mistake(Self.profileText.replacingOccurrences(of: #""name": "name""#, with: #""name": "a..b""#))
        #expect(badPath?.at == "fields.name")
        let unknown = mistake(
            Self.profileText.replacingOccurrences(of: #""json": {"#, with: #""json": { "record": "x","#)
        )
        #expect(unknown?.at == "json.record", "unknown keys are named by their whole path")
        #expect(unknown?.message.contains("unknown key 'record'") == true)
        let misplaced = mistake(
            Self.profileText.replacingOccurrences(of: #""format": "json""#, with: #""format": "csv""#)
        )
        #expect(misplaced?.at == "json")
    }

    @Test("the shipped example JSON profile is sound and reads its sample without rejects")
    func shippedExampleReadsItsSample() throws {
        let example = try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("example-json-list")
        #expect(example.problems(with: vocabularies).isEmpty)
        let list = try ProfileJSONReader(profile: example, vocabularies: vocabularies)
            .read(
                path: "\(Fixtures.projectRoot)/importers/samples/example-json-list.json",
                file: "example-json-list.json",
                source: SourceName("example-council")
            )
        #expect(list.recordCount == 2)
        #expect(list.rejectedCount == 0)
        #expect(list.services.first?.locations.count == 2)
    }

    @Test("the parser keeps numbers as written, reads escapes, and names the line and column of a mistake")
    func parserDetails() throws {
        let list = try read(
            #"{"data": {"services": [{"id": 12345678901234567890, "name": "Caf\u00e9 \ud83d\ude00 \"Drop-in\"", "#
                + #""organisation": {"name": "Org"}, "categories": ["Rape"], "eligibility": {"min_age": 18}}]}}"#
        )
        let service = try #require(list.services.first)
        #expect(service.provenance.sourceRecordID == "12345678901234567890")
        #expect(service.name == "Café 😀 \"Drop-in\"")
        #expect(service.eligibility.minimumAge == 18)
        for (text, line, column, reason) in [
            ("{\"data\": [1,\n  2,, 3]}", 2, 5, "expected a value"),
            ("{\"data\": {\"a\" 1}}", 1, 15, "expected ':' after a key"),
            ("[\"open", 1, 7, "never closed"),
            ("{\"data\": True}", 1, 10, "lower case"),
            ("[1] 2", 1, 5, "after the document's end"),
        ] {
            let error = try #require(try fileError(text), "\(text)")
            #expect(error.issues.first?.line == line, "\(text)")
            #expect(error.description.contains("is not valid JSON: column \(column): "), "\(error)")
            #expect(error.description.contains(reason), "\(error)")
        }
    }
}
