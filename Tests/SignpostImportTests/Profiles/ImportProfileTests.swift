import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// A profile from JSON text, as if read from `name.json`.
private func profile(_ json: String, name: String = "test") throws -> ImportProfile {
    try ImportProfile.decode(json: Array(json.utf8), file: "\(name).json", name: name)
}

/// The mistake a profile's JSON is refused with.
private func mistake(_ json: String) -> ProfileError? {
    do {
        _ = try ImportProfile.decode(json: Array(json.utf8), file: "test.json", name: "test")
        return nil
    } catch {
        return error
    }
}

@Suite("Import profiles: the profile language, bespoke CSV and XML through it")
struct ImportProfileTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// A commissioner's CSV, two title lines above the header, Windows-1252, its own shorthand and dates.
    static let commissionerProfile = """
        {
          "title": "A commissioner's spreadsheet",
          "source": "pcc-test",
          "format": "csv",
          "csv": { "encoding": "windows-1252", "headerRow": 3 },
          "dateFormat": "DD/MM/YYYY",
          "fields": {
            "source_record_id": "Ref",
            "name": "Service",
            "provider_name": { "column": "Provider", "default": "Unknown provider" },
            "need_types": { "column": "Client group", "split": [";", "/"], "map": "groups" },
            "languages": { "column": "Languages", "split": "," },
            "bsl": "BSL",
            "coverage": { "constant": "E23000010" },
            "postcode": "Postcode",
            "location_confidential": "Withheld",
            "contract_end": "Contract end",
            "last_verified": { "column": 9, "dateFormat": "M/D/YY" },
            "address": { "columns": ["Address 1", "Address 2"] }
          },
          "maps": { "groups": { "DV": "domestic-abuse", "SV": "sexual-violence", "IDVA": ["domestic-abuse", "idva"],
                                "Admin": [] } }
        }
        """

    static let commissionerCSV = """
        Commissioned services,,,,,,,,,,,,
        Quarter 3,,,,,,,,,,,,
        Ref,Service,Provider,Client group,Languages,BSL,Postcode,Withheld,Last checked,Contract end,Address 1,Address 2,Notes
        A1,Leeds advocacy,Aire Women\u{92}s Aid,DV / IDVA,"English, Chinese (Mandarin), Filipino (Tagalog)",Y,LS1 4AP,,10/31/26,31/03/2027,1 Park Row,Leeds,
        A2,Wakefield ISVA,,SV; Gambling; Admin,"Punjabi, Cymraeg, Klingon",X,WF1 2AA,X,2/3/26,30/09/2027,,,
        A3,Bad dates,Someone,SV,English,maybe,WF1 2AA,,10/31/26,2027-13-45,,,
        A4,Nothing known,Someone,Gambling,English,,WF1 2AA,,10/31/26,,,,
        A5,Gambling helpline,Someone,Gambling,Klingon,,,,,,,,

        """

    func readCommissionerList() throws -> ParsedList {
        let loaded = try profile(Self.commissionerProfile)
        // Make the file Windows-1252: U+0092 in the text becomes the byte 0x92, the right single quote.
        let cp1252 = Self.commissionerCSV.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        return try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
            .read(cp1252, file: "q3.csv", source: loaded.source ?? SourceName("test"))
    }

    @Test("a bespoke CSV: header below title lines, value maps, splits, constants, defaults, names for languages")
    func bespokeCSVIsMapped() throws {
        let list = try readCommissionerList()
        #expect(list.recordCount == 5)
        #expect(list.encoding == .windows1252)
        #expect(list.profile == "test")
        let byID = Dictionary(uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0) })
        let leeds = try #require(byID["A1"])
        #expect(leeds.id.rawValue == "pcc-test/A1")
        #expect(leeds.provider.name == "Aire Women\u{2019}s Aid")
        #expect(leeds.needTypes.map(\.rawValue) == ["domestic-abuse", "idva"])
        #expect(leeds.languages.map(\.rawValue) == ["en", "cmn", "tl"])
        #expect(leeds.offersBSL)
        #expect(leeds.coverage.areas.map(\.rawValue) == ["E23000010"])
        #expect(leeds.commissioning.contractEnd == CalendarDate(year: 2027, month: 3, day: 31))
        #expect(leeds.provenance.lastVerified == CalendarDate(year: 2026, month: 10, day: 31))
        #expect(leeds.locations.first?.address == "1 Park Row, Leeds")
        #expect(leeds.locations.first?.isConfidential == false)

        let wakefield = try #require(byID["A2"])
        #expect(wakefield.provider.name == "Unknown provider")
        #expect(wakefield.needTypes.map(\.rawValue) == ["sexual-violence"])
        #expect(wakefield.languages.map(\.rawValue) == ["pa", "cy"])
        #expect(wakefield.locations.first?.isConfidential == true)
        #expect(wakefield.provenance.lastVerified == CalendarDate(year: 2026, month: 2, day: 3))
    }

    @Test("values that map to nothing are reported with their counts and first lines, never silently dropped")
    func unmappedValuesAreReported() throws {
        let list = try readCommissionerList()
        let gambling = try #require(list.unmapped.first { $0.value == "Gambling" })
        #expect(gambling.count == 3)
        #expect(gambling.lines == [5, 7, 8])
        #expect(gambling.field == "Client group → need_types")
        let klingon = try #require(list.unmapped.first { $0.value == "Klingon" })
        #expect(klingon.count == 2)
        // "Admin" is mapped to nothing on purpose, so it is not reported.
        #expect(!list.unmapped.contains { $0.value == "Admin" })
        let warning = try #require(list.issues.first { $0.value == "Gambling" })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("3 times; lines 5, 7, 8"))
        // The column the profile does not read is named.
        #expect(list.issues.contains { $0.line == 3 && $0.message.contains("does not read: Notes") })
    }

    @Test("dates in another form than declared, and unknown yes/no words, reject the row with the reason")
    func badDatesAndWordsRejectTheRow() throws {
        let list = try readCommissionerList()
        #expect(!list.services.contains { $0.provenance.sourceRecordID == "A3" })
        let problems = list.issues.filter { $0.recordID == "A3" && $0.severity == .error }
        #expect(
            problems.contains { $0.field == "Contract end → contract_end" && $0.value == "2027-13-45" && $0.line == 6 }
        )
        #expect(problems.contains { $0.field == "BSL → bsl" && $0.message.contains("neither a yes word") })
        // A row whose only need type maps to nothing is rejected for want of one, and the value is reported.
        let a4 = list.issues.filter { $0.recordID == "A4" && $0.severity == .error }
        #expect(a4.contains { $0.field == "Client group → need_types" && $0.message.contains("need type") })
        #expect(list.acceptedCount == 2)
        #expect(list.rejectedCount == 3)
    }

    @Test("a CSV without a header row is read by column positions, and naming a column there is a mistake")
    func headerlessCSVByPosition() throws {
        let loaded = try profile(
            #"""
            { "format": "csv", "csv": { "headerRow": 0, "delimiter": "tab" },
              "fields": { "source_record_id": 1, "name": 2, "provider_name": { "column": 3 },
                          "need_types": { "position": 4, "split": "|" }, "coverage": 5, "bsl": 6 } }
            """#
        )
        let text = "7\tSwansea ISVA\tGower Aid\tisva|sexual-violence\tSouth Wales\tY\n8\tShort row\tP\n"
        let list = try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
            .read(Array(text.utf8), file: "tabs.txt", source: SourceName("gower"))
        #expect(list.recordCount == 2)
        let swansea = try #require(list.services.first)
        #expect(swansea.needTypes.map(\.rawValue) == ["isva", "sexual-violence"])
        #expect(swansea.coverage.areas.map(\.rawValue) == ["W15000003"])
        #expect(swansea.offersBSL)
        #expect(list.issues.contains { $0.line == 2 && $0.severity == .error && $0.recordID == "8" })

        let named = try profile(
            #"{ "format": "csv", "csv": { "headerRow": 0 }, "fields": { "source_record_id": "Ref", "name": 2 } }"#
        )
        #expect(throws: ImportFileError.self) {
            try ProfileCSVReader(profile: named, vocabularies: vocabularies)
                .read(Array(text.utf8), file: "tabs.txt", source: SourceName("gower"))
        }
    }

    @Test("a row with a quote left open is rejected with its line, and the rows after it are read")
    func aQuoteLeftOpenRejectsOneRowThroughAProfile() throws {
        let loaded = try profile(
            #"""
            { "format": "csv", "csv": { "headerRow": 2 },
              "fields": { "source_record_id": "Ref", "name": "Title", "provider_name": "Org",
                          "need_types": "Need", "coverage": "Area" } }
            """#
        )
        let text = """
            Services list, "Q3
            Ref,Title,Org,Need,Area
            9,"Swansea ISVA,Gower Aid,isva,South Wales
            10,Cardiff ISVA,Taff Aid,isva,South Wales

            """
        var reader = ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
        let list = try reader.read(Array(text.utf8), file: "q3.csv", source: SourceName("gower"))
        #expect(list.services.map(\.provenance.sourceRecordID) == ["10"])
        #expect(list.rejectedCount == 1)
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.line == 3)
        #expect(error.field == "Title")
        #expect(error.recordID == "9")
        #expect(error.message.contains("never closed") && error.message.contains("went on from line 4"))

        reader.limits = CSVLimits(maximumCellBytes: 64, maximumRecordBytes: 1_024, maximumColumns: 4)
        #expect {
            _ = try reader.read(Array(text.utf8), file: "q3.csv", source: SourceName("gower"))
        } throws: { error in
            (error as? ImportFileError)?.issues.first?.message.hasPrefix("the header row cannot be read") == true
        }
    }

    @Test("a bespoke XML: group and record, paths up to the group, conditions, several locations, namespaces")
    func bespokeXMLIsMapped() throws {
        let loaded = try profile(
            """
            {
              "format": "xml",
              "xml": { "record": "Project", "group": "Organisation", "location": "Sites/Site" },
              "dateFormat": "D MMM YYYY",
              "fields": {
                "source_record_id": "@ref",
                "name": "Title",
                "provider_name": "../../Name",
                "charity_number": "../../@charity",
                "need_types": { "path": "Offers/Offer/@code", "map": { "DA-*": "domestic-abuse", "ST": "stalking" } },
                "coverage": { "paths": ["Areas/Area/@code", "Areas/Area"] },
                "location_name": "@name",
                "postcode": "Postcode",
                "location_confidential": { "path": "@private", "default": "no" },
                "contract_end": "Funding[@kind=contract]/@until",
                "phone": { "paths": ["Contact/Phone[@public!=no]", "../../Phone"] }
              }
            }
            """
        )
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Export xmlns="urn:example">
              <Organisation charity="1190100">
                <Name>Severn Vale Trust</Name>
                <Phone>01452 496 100</Phone>
                <Projects>
                  <Project ref="P1">
                    <Title>Stalking advocacy</Title>
                    <Offers><Offer code="ST"/><Offer code="DA-ADV"/><Offer code="ZZ"/></Offers>
                    <Areas><Area code="E23000037"/></Areas>
                    <Sites><Site name="Office"><Postcode>GL1 1DQ</Postcode></Site>
                      <Site name="Refuge" private="yes"><Postcode>GL1 2AA</Postcode></Site></Sites>
                    <Funding kind="grant" until="1 Jan 2030"/><Funding kind="contract" until="31 Mar 2027"/>
                    <Contact><Phone public="no">07700 900555</Phone></Contact>
                  </Project>
                  <Project ref="P2">
                    <Title>Drop-in</Title>
                    <Offers><Offer code="DA-DROP"/></Offers>
                    <Areas><Area>West Mercia</Area></Areas>
                    <Contact><Phone>01452 496 222</Phone></Contact>
                  </Project>
                </Projects>
              </Organisation>
            </Export>
            """
        let list = try ProfileXMLReader(profile: loaded, vocabularies: vocabularies)
            .read(.memory(Array(xml.utf8)), file: "export.xml", source: SourceName("charity"))
        #expect(list.recordCount == 2)
        let first = try #require(list.services.first)
        #expect(first.provider.name == "Severn Vale Trust")
        #expect(first.provider.charityNumber == "1190100")
        #expect(first.needTypes.map(\.rawValue) == ["stalking", "domestic-abuse"])
        #expect(first.locations.map(\.name) == ["Office", "Refuge"])
        #expect(first.locations.map(\.isConfidential) == [false, true])
        #expect(first.commissioning.contractEnd == CalendarDate(year: 2027, month: 3, day: 31))
        // The private number is passed over for the organisation's.
        #expect(first.contact.phone == "01452 496 100")
        let second = try #require(list.services.last)
        #expect(second.contact.phone == "01452 496 222")
        #expect(second.coverage.areas.map(\.rawValue) == ["E23000016"])
        let unknown = try #require(list.unmapped.first)
        #expect(unknown.value == "ZZ")
        #expect(unknown.lines == [9])
    }

    @Test("an XML list in ISO-8859-1 with CR-only line ends reads, with the right lines")
    func xmlEncodingsAndLineEnds() throws {
        let loaded = try profile(
            """
            { "format": "xml", "xml": { "record": "S" },
              "fields": { "source_record_id": "@id", "name": "N", "provider_name": "P", "need_types": "Need",
                          "coverage": "Area" } }
            """
        )
        let text =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r<L>\r<S id=\"1\">\r<N>Caf\u{E9} support</N>\r"
            + "<P>Ysbyty Gwynedd</P>\r<Need>domestic-abuse</Need>\r<Area>North Wales</Area>\r</S>\r"
            + "<S id=\"2\">\r<N>Second</N>\r<P>P</P>\r<Need>nothing-like-this</Need>\r<Area>Gwent</Area>\r</S>\r</L>\r"
        let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let list = try ProfileXMLReader(profile: loaded, vocabularies: vocabularies)
            .read(.memory(latin1), file: "old.xml", source: SourceName("old"))
        #expect(list.services.first?.name == "Caf\u{E9} support")
        #expect(list.recordCount == 2)
        let unmapped = try #require(list.unmapped.first)
        #expect(unmapped.value == "nothing-like-this")
        #expect(unmapped.lines == [12])
    }

    @Test("messages name the path that gave the value, when a field has several, or the profile's default")
    func messagesNameThePathThatGaveTheValue() throws {
        let loaded = try profile(
            """
            { "format": "xml", "xml": { "record": "S", "location": "Site" },
              "fields": { "source_record_id": "@id", "name": "N", "provider_name": "P", "need_types": "Need",
                          "coverage": { "paths": ["Area/@code", "Area"] },
                          "contract_end": { "paths": ["Ends/@on", "Ends"] },
                          "location_name": "@name",
                          "postcode": { "paths": ["Postcode", "PostalCode"] },
                          "status": { "path": "@status", "default": "open" } } }
            """
        )
        let xml = """
            <L>
            <S id="1" status="accepting"><N>Advocacy</N><P>Trust</P><Need>stalking</Need>
              <Area code="E23000037"/><Area>Atlantis</Area><Ends>2027-13-45</Ends>
              <Site name="Office"><PostalCode>ABC 1234</PostalCode></Site></S>
            <S id="2"><N>Drop-in</N><P>Trust</P><Need>stalking</Need><Area code="E23000037"/></S>
            </L>
            """
        let list = try ProfileXMLReader(profile: loaded, vocabularies: vocabularies)
            .read(.memory(Array(xml.utf8)), file: "mixed.xml", source: SourceName("mixed"))
        let atlantis = try #require(list.unmapped.first { $0.value == "Atlantis" })
        #expect(atlantis.field == "Area → coverage")
        let first = list.issues.filter { $0.recordID == "1" && $0.severity == .error }
        #expect(first.contains { $0.field == "Ends → contract_end" && $0.value == "2027-13-45" })
        #expect(first.contains { $0.field == "PostalCode → postcode" && $0.value == "ABC 1234" })
        let second = list.issues.filter { $0.recordID == "2" && $0.severity == .error }
        #expect(second.contains { $0.field == "the profile's default → status" && $0.value == "open" })
        #expect(list.acceptedCount == 0)
    }

    @Test("Signpost's own CSV and XML, read through their profiles, give what the built-in readers give")
    func builtInFormatsAsProfiles() throws {
        let library = ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers")
        let csvProfile = try library.profile("signpost-csv")
        let xmlProfile = try library.profile("signpost-xml")
        #expect(csvProfile.problems(with: vocabularies).isEmpty)
        #expect(xmlProfile.problems(with: vocabularies).isEmpty)
        let sample = "\(Fixtures.projectRoot)/catalog/sample"
        // Every sample CSV list: comma and semicolon, UTF-8 and Windows-1252.
        let csvFiles = try FileManager.default.contentsOfDirectory(atPath: sample).filter { $0.hasSuffix(".csv") }
        #expect(csvFiles.count >= 4)
        for name in csvFiles {
            let csvBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(sample)/\(name)")))
            let builtInCSV = try SignpostCSVReader(vocabularies: vocabularies)
                .read(csvBytes, file: name, source: SourceName("s"))
            let profiledCSV = try ProfileCSVReader(profile: csvProfile, vocabularies: vocabularies)
                .read(csvBytes, file: name, source: SourceName("s"))
            #expect(builtInCSV.services.count > 10)
            #expect(profiledCSV.services == builtInCSV.services, "\(name)")
        }

        // Every sample XML list; one has a service covering <national/>.
        let xmlFiles = try FileManager.default.contentsOfDirectory(atPath: sample).filter { $0.hasSuffix(".xml") }
        #expect(xmlFiles.count >= 5)
        for name in xmlFiles {
            let xmlPath = "\(sample)/\(name)"
            let builtInXML = try SignpostXMLReader(vocabularies: vocabularies)
                .read(.file(path: xmlPath), file: name, source: SourceName("s"))
            let profiledXML = try ProfileXMLReader(profile: xmlProfile, vocabularies: vocabularies)
                .read(.file(path: xmlPath), file: name, source: SourceName("s"))
            #expect(builtInXML.services.count > 10)
            // The built-in reader takes the list's <commissioner> as the default commissioner; a profile reads only
            // inside <service>, so compare with that default cleared where the service names none.
            let withoutDefault = builtInXML.services.map { service -> Service in
                var copy = service
                if profiledXML.services.first(where: { $0.id == service.id })?.commissioning.commissioner == nil {
                    copy.commissioning.commissioner = nil
                }
                return copy
            }
            #expect(profiledXML.services == withoutDefault, "\(name)")
        }
    }

    @Test("every profile shipped in importers/ is sound, and the examples read their samples without rejects")
    func shippedProfilesAreSound() throws {
        let library = ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers")
        let entries = library.entries()
        #expect(entries.count >= 4)
        for entry in entries {
            let loaded = try entry.profile.get()
            #expect(loaded.problems(with: vocabularies).isEmpty, "\(entry.name)")
        }
        let samples = "\(Fixtures.projectRoot)/importers/samples"
        let csv = try library.profile("example-commissioner-spreadsheet")
        let csvList = try ProfileCSVReader(profile: csv, vocabularies: vocabularies).read(
            [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(samples)/example-commissioner-spreadsheet.csv"))),
            file: "sheet.csv",
            source: SourceName("example-pcc")
        )
        #expect(csvList.recordCount == 4)
        #expect(csvList.rejectedCount == 0)
        let xml = try library.profile("example-charity-xml")
        let xmlList = try ProfileXMLReader(profile: xml, vocabularies: vocabularies)
            .read(
                .file(path: "\(samples)/example-charity-xml.xml"),
                file: "export.xml",
                source: SourceName("example-charity")
            )
        #expect(xmlList.recordCount == 2)
        #expect(xmlList.rejectedCount == 0)
    }

    @Test("profile mistakes name where they are and what is allowed")
    func mistakesAreExplained() {
        #expect(
            mistake(#"{"format": "csv", "fields": {"need_type": "Needs"}}"#)?.message.contains("not a Signpost field")
                == true
        )
        #expect(mistake(#"{"format": "csv", "fields": {"name": {"colum": "Name"}}}"#)?.at == "fields.name.colum")
        #expect(
            mistake(#"{"format": "csv", "fields": {"name": {"colum": "Name"}}}"#)?.message.contains(
                "unknown key 'colum'"
            ) == true
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"name": {"column": "N", "split": ";"}}}"#)?.at == "fields.name.split"
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"need_types": {"column": "N", "map": "nope"}}}"#)?.message.contains(
                "no map named 'nope'"
            ) == true
        )
        #expect(mistake(#"{"format": "csv", "dateFormat": "QQ/MM", "fields": {}}"#)?.at == "dateFormat")
        #expect(
            mistake(#"{"format": "xml", "xml": {"record": "S"}, "fields": {"name": "A[@x]"}}"#)?.message.contains(
                "condition"
            ) == true
        )
        #expect(mistake(#"{"format": "tsv"}"#)?.at == "format")
        #expect(
            mistake(#"{"format": "xml", "xml": {"record": "S"}, "fields": {"name": "SiteID->Site/Title"}}"#)?.message
                .contains("xml.lookup does not keep") == true
        )
        #expect(
            mistake(#"{"format": "csv", "fields": {"need_types": {"column": "N", "first": true}}}"#)?.at
                == "fields.need_types.first"
        )
        #expect(mistake("{not json")?.message.contains("not valid JSON") == true)
    }

    @Test("map targets and constants that are not Signpost codes, and missing required fields, are problems")
    func problemsNeedTheVocabularies() throws {
        let loaded = try profile(
            """
            { "format": "csv",
              "fields": { "source_record_id": "Ref", "name": "Name", "need_types": { "column": "N", "map": "m" },
                          "coverage": { "constant": "Atlantis" } },
              "maps": { "m": { "DV": "domestic-abuses" } } }
            """
        )
        let problems = loaded.problems(with: vocabularies)
        #expect(problems.contains { $0.at == "fields" && $0.message.contains("provider_name") })
        #expect(problems.contains { $0.at == "maps.m" && $0.message.contains("domestic-abuses") })
        #expect(problems.contains { $0.at == "fields.coverage" && $0.message.contains("Atlantis") })
    }

    @Test("an hsds profile's taxonomy-term map is tried before the vocabularies, and its codes are checked")
    func hsdsProfileTermMap() throws {
        let loaded = try profile(
            #"{ "format": "hsds", "maps": { "taxonomy-terms": { "Scams": "fraud", "*refuge*": "safe-accommodation" } } }"#
        )
        #expect(loaded.problems(with: vocabularies).isEmpty)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-hsds-map-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tables = [
            "organizations.csv": "id,name\no1,Calder Trust\n",
            "services.csv":
                "id,organization_id,name,status\ns1,o1,Scam advice,active\ns2,o1,Halifax Refuge Rooms,active\n",
            "service_areas.csv": "id,service_id,name\na1,s1,Calderdale\na2,s2,Calderdale\n",
            "taxonomy_terms.csv": "id,code,name\nt1,,Scams\nt2,,Women's refuge places\nt3,,Knitting\n",
            "attributes.csv":
                "id,link_id,taxonomy_term_id,link_type,link_entity\nx1,s1,t1,,service\nx2,s2,t2,,service\n"
                + "x3,s2,t3,,service\n",
        ]
        for (name, text) in tables { try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        let result = HSDSTabularReader.read(
            folder: folder,
            vocabularies: vocabularies,
            source: SourceName("calder"),
            termMap: loaded.maps[ImportProfile.taxonomyTermMap]
        )
        #expect(result.services.map { $0.needTypes.map(\.rawValue) } == [["fraud"], ["safe-accommodation"]])
        #expect(result.unmapped.map(\.value) == ["Knitting"])
        let wrong = try profile(
            #"{ "format": "hsds", "maps": { "taxonomy-terms": { "Scams": "scam-stuff" }, "other": {} } }"#
        )
        let problems = wrong.problems(with: vocabularies)
        #expect(problems.contains { $0.message.contains("'scam-stuff' is neither a need type nor a specialism") })
        #expect(problems.contains { $0.at == "maps.other" })
    }

    @Test("value maps: exact keys, then the longest prefix, then every keyword found in free text")
    func valueMapMatching() {
        let map = ValueMap(
            name: "needs",
            entries: [
                ("SV-*", ["sexual-violence"]), ("SV-ISVA", ["sexual-violence", "isva"]), ("*stalk*", ["stalking"]),
                ("*harass*", ["harassment"]), ("*newsletter*", []), ("DV", ["domestic-abuse"]),
            ]
        )
        #expect(map.codes(for: "dv") == ["domestic-abuse"])
        #expect(map.codes(for: "SV-ISVA") == ["sexual-violence", "isva"])
        #expect(map.codes(for: "sv-counselling") == ["sexual-violence"])
        #expect(map.codes(for: "Stalking and  harassment advice") == ["harassment", "stalking"])
        #expect(map.codes(for: "Monthly newsletter") == [])
        #expect(map.codes(for: "Burglary") == nil)
    }

    @Test("date patterns read exactly what they declare, never guessing between UK and US order")
    func datePatterns() throws {
        let uk = try DatePattern("DD/MM/YYYY")
        let us = try DatePattern("M/D/YY")
        #expect(uk.date(from: "03/04/2027") == CalendarDate(year: 2027, month: 4, day: 3))
        #expect(us.date(from: "3/4/27") == CalendarDate(year: 2027, month: 3, day: 4))
        #expect(uk.date(from: "31/03/2027 00:00") == CalendarDate(year: 2027, month: 3, day: 31))
        #expect(uk.date(from: "2027-03-31") == CalendarDate(year: 2027, month: 3, day: 31))
        #expect(uk.date(from: "03/31/2027") == nil)
        #expect(uk.date(from: "31/02/2027") == nil)
        #expect(us.date(from: "3/4/2027") == nil)
        #expect(
            try DatePattern("D MMM YYYY").date(from: "1 September 2026") == CalendarDate(year: 2026, month: 9, day: 1)
        )
        #expect(try DatePattern("DD.MM.YYYY").date(from: "01.09.2026") == CalendarDate(year: 2026, month: 9, day: 1))
        #expect(throws: ProfileError.self) { try DatePattern("MM/YYYY") }
    }
}
