import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// A profile from JSON text, as if read from `name.json` in `folder` (the built-in profiles are its library).
private func profile(
    _ json: String,
    name: String = "test",
    folder: String? = nil
) throws(ProfileError) -> ImportProfile {
    try ImportProfile.decode(
        json: Array(json.utf8),
        file: folder.map { "\($0)/\(name).json" } ?? "\(name).json",
        name: name,
        library: ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers")
    )
}

/// The mistake a profile's JSON is refused with.
private func mistake(_ json: String, folder: String? = nil) -> ProfileError? {
    do {
        _ = try profile(json, folder: folder)
        return nil
    } catch {
        return error
    }
}

/// A fresh folder holding `files`, removed by the caller.
private func folder(_ files: [String: String]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-profile-keys-\(UUID())").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8) }
    return path
}

@Suite("Import profiles: extends, fallback, on_invalid, value-map order and unknown keys")
struct ProfileKeysTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    func readCSV(_ loaded: ImportProfile, _ text: String, file: String = "list.csv") throws -> ParsedList {
        try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
            .read(Array(text.utf8), file: file, source: SourceName("test"))
    }

    // MARK: Value maps

    @Test("value-map order is exact, prefix, keyword, catch-all, whatever the order the keys are written in")
    func valueMapPrecedence() throws {
        let loaded = try profile(
            """
            { "format": "csv", "fields": { "need_types": { "column": "Needs", "map": "needs" } },
              "maps": { "needs": { "*": [], "*violence*": "domestic-abuse", "SV*": "sexual-violence",
                                   "SV help": "stalking" } } }
            """
        )
        let map = try #require(loaded.maps["needs"])
        #expect(map.codes(for: "domestic violence help") == ["domestic-abuse"])
        #expect(map.codes(for: "Knitting circle") == [])
        #expect(map.codes(for: "SV help") == ["stalking"])
        #expect(map.codes(for: "SV violence") == ["sexual-violence"])
        #expect(map.count == 4)
        let catchAll = ValueMap(name: "areas", entries: [("*", ["national"]), ("Leeds", ["E08000035"])])
        #expect(catchAll.codes(for: "Leeds") == ["E08000035"])
        #expect(catchAll.codes(for: "Anywhere") == ["national"])
        #expect(catchAll.allCodes.sorted() == ["E08000035", "national"])
    }

    // MARK: Unknown keys

    @Test("unknown keys are refused with their JSON path, new keys included")
    func unknownKeysNameTheirPath() {
        let misspelt = mistake(
            #"{"format": "csv", "fields": {"need_types": {"column": "N", "fallbak": "domestic-abuse"}}}"#
        )
        #expect(misspelt?.at == "fields.need_types.fallbak")
        #expect(misspelt?.message.contains("unknown key 'fallbak'") == true)
        #expect(mistake(#"{"format": "csv", "csv": {"skipp": ["A=b"]}, "fields": {}}"#)?.at == "csv.skipp")
        #expect(mistake(#"{"format": "csv", "extend": "hsds", "fields": {}}"#)?.at == "extend")
        #expect(
            mistake(#"{"format": "hsds", "fields": {"coverage": {"column": "x"}}}"#)?.at == "fields.coverage.column"
        )
        #expect(
            mistake(#"{"format": "hsds", "fields": {"coverage": "area"}}"#)?.message.contains("only add values") == true
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"name": {"column": "N", "on_invalid": "drop"}}}"#)?.at
                == "fields.name.on_invalid"
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"email": {"column": "E", "on_invalid": "ignore"}}}"#)?.message
                .contains("drop") == true
        )
        #expect(mistake(#"{"format": "csv", "fields": {"phone": {"fallback": "x"}}}"#)?.at == "fields.phone.fallback")
        #expect(
            mistake(#"{"format": "xml", "xml": {"record": "S"}, "fields": {"phone": {"path": "P", "when": "a=b"}}}"#)?
                .at == "fields.phone.when"
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"latitude": {"column": "G", "capture": "no group"}}}"#)?.at
                == "fields.latitude.capture"
        )
        #expect(mistake(#"{"format": "csv", "csv": {"skip": ["no condition"]}, "fields": {}}"#)?.at == "csv.skip")
    }

    @Test("a fallback that is not a Signpost code is a problem `profiles check` reports")
    func fallbackCodesAreChecked() throws {
        let loaded = try profile(
            #"{"format": "hsds", "fields": {"need_types": {"fallback": "domestic-abuses"}, "coverage": {"default": "Atlantis"}}}"#
        )
        let problems = loaded.problems(with: vocabularies)
        #expect(problems.contains { $0.at == "fields.need_types.fallback" && $0.message.contains("domestic-abuses") })
        #expect(problems.contains { $0.at == "fields.coverage" && $0.message.contains("Atlantis") })
    }

    // MARK: constant, default, fallback

    @Test("CSV: a default fills an empty cell, a fallback stands in when the values map to nothing, both reported")
    func csvDefaultAndFallback() throws {
        let loaded = try profile(
            """
            { "format": "csv",
              "fields": { "source_record_id": "Ref", "name": "Name", "provider_name": "Org",
                          "need_types": { "column": "Needs", "split": ";", "fallback": "emotional-practical-support" },
                          "coverage": { "column": "Area", "default": "national" } } }
            """
        )
        let list = try readCSV(
            loaded,
            "Ref,Name,Org,Needs,Area\nA,Helpline,Org A,Knitting; Gardening,\nB,Outreach,Org B,stalking,Leeds\n"
                + "C,Nothing given,Org C,,Leeds\n"
        )
        let byID = Dictionary(uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0) })
        #expect(byID["A"]?.needTypes.map(\.rawValue) == ["emotional-practical-support"])
        #expect(byID["A"]?.coverage.areas.map(\.rawValue) == ["national"])
        #expect(byID["B"]?.needTypes.map(\.rawValue) == ["stalking"])
        #expect(byID["B"]?.coverage.areas.map(\.rawValue) == ["E08000035"])
        // No values at all: the fallback does not apply, and the required field rejects the row.
        #expect(byID["C"] == nil)
        #expect(
            list.issues.contains { $0.severity == .error && $0.line == 4 && $0.field?.contains("need_types") == true }
        )
        // The values that mapped to nothing are still reported.
        #expect(list.unmapped.map(\.value).sorted() == ["Gardening", "Knitting"])
    }

    /// A small HSDS 3.0 folder: one service with a known area and an unknown term, one with no area and a known
    /// term, one with an unknown area and no term.
    static let hsdsTables = [
        "organizations.csv": "id,name\no1,Calder Trust\n",
        "services.csv": "id,organization_id,name,status,email\ns1,o1,Scam advice,active,help@calder.example\n"
            + "s2,o1,Stalking line,active,use linkedin for enquiries\ns3,o1,Drop in,active,\n",
        "service_areas.csv": "id,service_id,name\na1,s1,Calderdale\na3,s3,Springfield\n",
        "taxonomy_terms.csv": "id,code,name\nt1,,Knitting\nt2,,Stalking\n",
        "attributes.csv": "id,link_id,taxonomy_term_id,link_type,link_entity\nx1,s1,t1,,service\nx2,s2,t2,,service\n",
    ]

    @Test("HSDS folder: a profile extending hsds gives a default area, a fallback need type and lenient email")
    func hsdsExtendsWithDefaultsAndFallback() throws {
        let path = try folder(Self.hsdsTables)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try profile(
            """
            { "extends": "hsds", "source": "calder",
              "fields": { "coverage": { "default": "E08000033", "fallback": "national" },
                          "need_types": { "fallback": "emotional-practical-support" },
                          "email": { "on_invalid": "drop" },
                          "status": { "constant": "paused" } } }
            """
        )
        #expect(loaded.formatName == "hsds")
        #expect(loaded.maps[ImportProfile.taxonomyTermMap] != nil)
        #expect(loaded.problems(with: vocabularies).isEmpty)
        let result = HSDSTabularReader.read(
            folder: path,
            vocabularies: vocabularies,
            source: SourceName("calder"),
            termMap: loaded.maps[ImportProfile.taxonomyTermMap],
            rules: loaded.fields
        )
        let byID = Dictionary(uniqueKeysWithValues: result.services.map { ($0.provenance.sourceRecordID, $0) })
        // s1: its term is unknown, so the fallback need type; its area is known.
        #expect(byID["s1"]?.needTypes.map(\.rawValue) == ["emotional-practical-support"])
        #expect(byID["s1"]?.coverage.areas.map(\.rawValue) == ["E08000033"])
        // s2: no area row, so the default; its bad email dropped with a warning naming file, line, field, value.
        #expect(byID["s2"]?.needTypes.map(\.rawValue) == ["stalking"])
        #expect(byID["s2"]?.coverage.areas.map(\.rawValue) == ["E08000033"])
        #expect(byID["s2"]?.contact.email == nil)
        let dropped = try #require(result.issues.first { $0.value == "use linkedin for enquiries" })
        #expect(dropped.severity == .warning)
        #expect(dropped.line == 3)
        #expect(dropped.file.hasSuffix("services.csv"))
        #expect(dropped.field == "services.email → email")
        #expect(dropped.message.contains("not an email address") && dropped.message.contains("dropped"))
        // s3: an area that maps to nothing, so the area fallback; no term at all and no need-type default: rejected.
        #expect(byID["s3"] == nil)
        #expect(result.issues.contains { $0.severity == .error && $0.recordID == "s3" })
        #expect(result.services.count == 2)
        #expect(result.services.allSatisfy { $0.status == .paused })
    }

    @Test("AIRS: a profile extending airs adds a fallback area for records whose areas map to nothing")
    func airsExtendsWithFallback() throws {
        let loaded = try profile(
            """
            { "extends": "airs", "source": "airs-test",
              "fields": { "coverage": { "fallback": "national" },
                          "need_types": { "fallback": "emotional-practical-support" } } }
            """
        )
        #expect(loaded.problems(with: vocabularies).isEmpty)
        // The paths and map of the built-in profile are kept under the new keys.
        let coverage = try #require(loaded.rule(for: .coverage))
        #expect(coverage.map?.name == "airs-areas")
        #expect(coverage.sources.count == 10)
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Source>
              <Agency>
                <Key>1</Key><Name>Lakeside Crisis Line</Name>
                <Site>
                  <Key>2</Key><Name>Main office</Name>
                  <SiteService>
                    <Key>3</Key><Name>Crisis line</Name>
                    <Taxonomy><Code>RP-1500.1400-250</Code></Taxonomy>
                    <GeographicAreaServed><ZipCode>60601</ZipCode><State>IL</State></GeographicAreaServed>
                  </SiteService>
                  <SiteService>
                    <Key>4</Key><Name>Food pantry</Name>
                    <Taxonomy><Code>BD-1800.2000</Code></Taxonomy>
                    <GeographicAreaServed><Country>United Kingdom</Country></GeographicAreaServed>
                  </SiteService>
                </Site>
              </Agency>
            </Source>
            """
        let list = try ProfileXMLReader(profile: loaded, vocabularies: vocabularies)
            .read(.memory(Array(xml.utf8)), file: "airs.xml", source: SourceName("airs-test"))
        let byID = Dictionary(uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0) })
        #expect(byID["3"]?.coverage.areas.map(\.rawValue) == ["national"])
        #expect(byID["3"]?.needTypes.map(\.rawValue) == ["emotional-practical-support"])
        #expect(byID["4"]?.needTypes.map(\.rawValue) == ["emotional-practical-support"])
        #expect(list.unmapped.contains { $0.value == "60601" })
    }

    // MARK: extends

    @Test("extends: fields are added or overridden key by key, maps merged, a null field removed")
    func extendsMergesFieldsAndMaps() throws {
        let path = try folder([
            "base.json": """
            { "title": "Base", "format": "csv", "csv": { "delimiter": ";" },
              "fields": { "source_record_id": "Ref", "name": "Name", "provider_name": "Org",
                          "need_types": { "column": "Needs", "map": "needs" }, "coverage": { "constant": "national" },
                          "phone": "Tel" },
              "maps": { "needs": { "DV": "domestic-abuse" } } }
            """
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try profile(
            """
            { "extends": "base.json",
              "fields": { "name": { "column": "Service name" }, "need_types": { "split": "+" },
                          "coverage": { "column": "Area", "default": "national" }, "phone": null },
              "maps": { "needs": { "SV": "sexual-violence" } } }
            """,
            folder: path
        )
        #expect(loaded.title == "test")
        #expect(loaded.rule(for: .phone) == nil)
        #expect(loaded.rule(for: .coverage)?.sources == [.column("Area")])
        let list = try readCSV(loaded, "Ref;Service name;Org;Needs;Area\nA;Line;Org A;DV+SV;\n")
        let service = try #require(list.services.first)
        #expect(service.name == "Line")
        #expect(service.needTypes.map(\.rawValue) == ["domestic-abuse", "sexual-violence"])
        #expect(service.coverage.areas.map(\.rawValue) == ["national"])
    }

    @Test("extends: unknown names, cycles and mistakes in the parent are refused, naming where")
    func extendsRefusesCyclesAndUnknownNames() throws {
        let path = try folder([
            "a.json": #"{ "extends": "b", "format": "csv", "fields": {} }"#,
            "b.json": #"{ "extends": "a.json", "format": "csv", "fields": {} }"#,
            "broken.json": #"{ "format": "csv", "fields": { "name": { "colum": "N" } } }"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let unknown = mistake(#"{ "extends": "no-such-profile", "fields": {} }"#, folder: path)
        #expect(unknown?.at == "extends")
        #expect(unknown?.message.contains("no profile named 'no-such-profile'") == true)
        #expect(unknown?.message.contains("hsds") == true)
        let cycle = mistake(#"{ "extends": "a", "fields": {} }"#, folder: path)
        #expect(cycle?.at == "extends")
        #expect(cycle?.message.contains("circle") == true)
        #expect(throws: ProfileError.self) { try ProfileLibrary.load(path: "\(path)/a.json") }
        let parent = mistake(#"{ "extends": "broken", "fields": {} }"#, folder: path)
        #expect(parent?.file == "\(path)/broken.json")
        #expect(parent?.at == "fields.name.colum")
        #expect(mistake(#"{ "extends": 3, "fields": {} }"#, folder: path)?.at == "extends")
    }

    // MARK: on_invalid

    @Test("on_invalid drop keeps the service and reports the dropped value; the default still rejects the row")
    func onInvalidDrop() throws {
        let json = """
            { "format": "csv", "dateFormat": "DD/MM/YYYY",
              "fields": { "source_record_id": "Ref", "name": "Name", "provider_name": "Org",
                          "need_types": { "constant": "stalking" }, "coverage": { "constant": "national" },
                          "email": { "column": "Email", "on_invalid": "drop" },
                          "postcode": { "column": "Postcode", "on_invalid": "drop" },
                          "contract_end": { "column": "Ends", "on_invalid": "drop" },
                          "website": "Web", "phone": "Tel" } }
            """
        let csv =
            "Ref,Name,Org,Email,Postcode,Ends,Web,Tel\n"
            + "A,Line,Org A,use linkedin for enquiries,not a postcode,31/02/2027,https://a.example,0113 000\n"
            + "B,Line B,Org B,b@b.example,LS1 4AP,31/03/2027,,\n"
        let lenient = try readCSV(try profile(json), csv)
        #expect(lenient.acceptedCount == 2)
        let a = try #require(lenient.services.first { $0.provenance.sourceRecordID == "A" })
        #expect(a.contact.email == nil)
        #expect(a.contact.website == "https://a.example")
        #expect(a.contact.phone == "0113 000")
        #expect(a.locations.allSatisfy { $0.postcode == nil })
        #expect(a.commissioning.contractEnd == nil)
        let warnings = lenient.issues.filter { $0.severity == .warning && $0.message.contains("dropped") }
        #expect(warnings.count == 3)
        let email = try #require(warnings.first { $0.value == "use linkedin for enquiries" })
        #expect(email.file == "list.csv")
        #expect(email.line == 2)
        #expect(email.field == "Email → email")
        #expect(email.message.contains("not an email address"))
        let b = try #require(lenient.services.first { $0.provenance.sourceRecordID == "B" })
        #expect(b.contact.email == "b@b.example")
        #expect(b.locations.first?.postcode?.description == "LS1 4AP")
        #expect(b.commissioning.contractEnd == CalendarDate(year: 2027, month: 3, day: 31))

        // Without on_invalid the row is rejected, as before.
        let strict = try readCSV(try profile(json.replacingOccurrences(of: #", "on_invalid": "drop""#, with: "")), csv)
        #expect(strict.acceptedCount == 1)
        #expect(
            strict.issues.contains { $0.severity == .error && $0.line == 2 && $0.value == "use linkedin for enquiries" }
        )
    }

    @Test("on_invalid drop does not save a row with another problem: it is rejected with every reason")
    func onInvalidDropDoesNotHideOtherErrors() throws {
        let loaded = try profile(
            """
            { "format": "csv",
              "fields": { "source_record_id": "Ref", "name": "Name", "provider_name": "Org",
                          "need_types": { "constant": "stalking" }, "coverage": { "constant": "national" },
                          "email": { "column": "Email", "on_invalid": "drop" }, "min_age": "Age" } }
            """
        )
        let list = try readCSV(loaded, "Ref,Name,Org,Email,Age\nA,Line,Org A,nope,old\n")
        #expect(list.acceptedCount == 0)
        #expect(list.issues.filter { $0.severity == .error }.compactMap(\.value).sorted() == ["nope", "old"])
    }
}
