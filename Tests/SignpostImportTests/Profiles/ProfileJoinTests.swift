import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Import profiles: several CSV files joined by key")
struct ProfileJoinTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// An Ohana-like export: services point at their location, locations at their organisation, phones at services.
    static let profileJSON = """
        { "format": "csv", "source": "ohana",
          "files": {
            "services": "services.csv",
            "locations": { "file": "locations.csv", "key": "id", "from": "location_id" },
            "organizations": { "file": "organizations.csv", "key": "id", "from": "locations.organization_id" },
            "phones": { "file": "phones.csv", "key": "service_id", "from": "id" }
          },
          "fields": {
            "source_record_id": "id", "name": "name", "provider_name": "organizations.name",
            "need_types": { "column": "keywords", "split": "," }, "coverage": { "constant": "national" },
            "location_name": "locations.name", "postcode": "locations.postal_code",
            "phone": { "column": "phones.number", "join": "; " }
          } }
        """

    static let tables = [
        "services.csv": "id,location_id,name,keywords\n1,10,Advocacy,domestic abuse\n2,11,Helpline,stalking\n"
            + "3,99,Lost service,stalking\n",
        "locations.csv": "id,organization_id,name,postal_code\n10,100,Leeds office,LS1 4AP\n11,101,Head office,\n",
        "organizations.csv": "id,name\n100,Aire Women's Aid\n101,Stalking Support\n",
        "phones.csv": "id,service_id,number\np1,1,0113 496 0000\np2,1,0800 000 111\np3,2,0808 802 0300\n",
    ]

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-joins-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in Self.tables {
            try text.write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8)
        }
        return path
    }

    @Test("a field comes from a related row by key, through a chain of joins; one-to-many joins give every value")
    func threeFileExportIsJoined() throws {
        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try ImportProfile.decode(json: Array(Self.profileJSON.utf8), file: "ohana.json", name: "ohana")
        var reader = ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
        reader.folder = path
        let list = try reader.read(
            CSVFileSource(path: "\(path)/services.csv"),
            file: "\(path)/services.csv",
            source: SourceName("ohana")
        )
        let byID = Dictionary(uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0) })
        let advocacy = try #require(byID["1"])
        #expect(advocacy.provider.name == "Aire Women's Aid")
        #expect(advocacy.locations.first?.name == "Leeds office")
        #expect(advocacy.locations.first?.postcode?.description == "LS1 4AP")
        #expect(advocacy.contact.phone == "0113 496 0000; 0800 000 111")
        #expect(byID["2"]?.provider.name == "Stalking Support")
        #expect(byID["2"]?.contact.phone == "0808 802 0300")
        // A location id found nowhere: no provider, so the row is rejected, and the broken link is reported.
        #expect(byID["3"] == nil)
        let dangling = try #require(list.issues.first { $0.message.contains("found no row of") })
        #expect(dangling.line == 4)
        #expect(dangling.value == "99")
        #expect(dangling.message.contains("locations.csv"))
    }

    @Test("the shipped Charity Commission profile joins classifications and areas of operation to each charity")
    func charityCommissionExtract() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-cc-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let charity = [
            "organisation_number\tregistered_charity_number\tlinked_charity_number\tcharity_name\t"
                + "charity_registration_status\tcharity_activities\tcharity_contact_postcode\tcharity_contact_email",
            "1\t1100001\t0\tAire Valley Women's Aid\tRegistered\tRefuge and support for survivors of domestic "
                + "abuse\tLS1 4AP\tinfo@aire.example",
            "2\t1100001\t1\tAire Valley Trading\tRegistered\tShops\tLS1 4AP\t",
            "3\t1100002\t0\tCalder Rape Crisis\tRegistered\tSupport after rape and sexual violence, and stalking"
                + "\tnot known\tsee website",
            "4\t1100003\t0\tOld Charity\tRemoved\tDomestic abuse\t\t",
        ]
        let classification = [
            "organisation_number\tregistered_charity_number\tclassification_code\tclassification_type\t"
                + "classification_description",
            "1\t1100001\t101\tWhat\tGeneral Charitable Purposes",
            "1\t1100001\t201\tWho\tChildren/young People",
            "3\t1100002\t202\tWho\tElderly/old People",
        ]
        let areas = [
            "organisation_number\tregistered_charity_number\tgeographic_area_type\tgeographic_area_description",
            "1\t1100001\tLocal Authority\tLeeds City", "1\t1100001\tLocal Authority\tKirklees",
            "3\t1100002\tRegion\tThroughout England And Wales",
        ]
        for (name, lines) in [
            ("publicextract.charity.txt", charity), ("publicextract.charity_classification.txt", classification),
            ("publicextract.charity_area_of_operation.txt", areas),
        ] {
            try (lines.joined(separator: "\n") + "\n").write(
                toFile: "\(path)/\(name)",
                atomically: true,
                encoding: .utf8
            )
        }
        let loaded = try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile(
            "example-charity-commission"
        )
        #expect(loaded.problems(with: vocabularies).isEmpty)
        let main = "\(path)/publicextract.charity.txt"
        let list = try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
            .read(CSVFileSource(path: main), file: main, source: SourceName("ccew"))
        #expect(list.recordCount == 2)
        let byID = Dictionary(uniqueKeysWithValues: list.services.map { ($0.provenance.sourceRecordID, $0) })
        let aire = try #require(byID["1100001"])
        #expect(aire.needTypes.map(\.rawValue) == ["domestic-abuse"])
        #expect(aire.specialisms.map(\.rawValue) == ["children-young-people"])
        #expect(aire.coverage.areas.map(\.rawValue) == ["E08000035", "E08000034"])
        #expect(aire.provider.charityNumber == "1100001")
        let calder = try #require(byID["1100002"])
        #expect(calder.needTypes.map(\.rawValue).sorted() == ["sexual-violence", "stalking"])
        #expect(calder.coverage.areas.map(\.rawValue) == ["national"])
        #expect(calder.contact.email == nil)
        #expect(calder.locations.isEmpty)
        #expect(
            list.issues.contains {
                $0.message.contains("2 rows were left out") || $0.message.contains("1 row was left out")
            }
        )
    }

    @Test("files: one main table, known tables in from, no circles; a missing key column stops the read")
    func joinMistakes() throws {
        func mistake(_ files: String) -> ProfileError? {
            do {
                _ = try ImportProfile.decode(
                    json: Array(#"{ "format": "csv", "files": \#(files), "fields": {} }"#.utf8),
                    file: "j.json",
                    name: "j"
                )
                return nil
            } catch { return error }
        }
        #expect(mistake(#"{ "a": "a.csv", "b": "b.csv" }"#)?.at == "files.b")
        #expect(mistake(#"{ "b": { "file": "b.csv", "key": "id", "from": "x" } }"#)?.at == "files")
        #expect(
            mistake(#"{ "a": "a.csv", "b": { "file": "b.csv", "key": "id", "from": "c.x" } }"#)?.message
                .contains("no table 'c'") == true
        )
        #expect(
            mistake(
                #"{ "a": "a.csv", "b": { "file": "b.csv", "key": "id", "from": "c.x" }, "c": { "file": "c.csv", "key": "id", "from": "b.y" } }"#
            )?.message.contains("circle") == true
        )
        #expect(mistake(#"{ "a": "a.csv", "b": { "file": "b.csv", "key": "id" } }"#)?.at == "files.b")
        #expect(mistake(#"{ "a": "a.csv", "b": { "file": "b.csv", "key": "id", "form": "x" } }"#)?.at == "files.b.form")

        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let broken = Self.profileJSON.replacingOccurrences(of: #""key": "service_id""#, with: #""key": "svc""#)
        let loaded = try ImportProfile.decode(json: Array(broken.utf8), file: "ohana.json", name: "ohana")
        let error = #expect(throws: ImportFileError.self) {
            try ProfileCSVReader(profile: loaded, vocabularies: vocabularies)
                .read(
                    CSVFileSource(path: "\(path)/services.csv"),
                    file: "\(path)/services.csv",
                    source: SourceName("o")
                )
        }
        #expect(error?.description.contains("key column 'svc'") == true)
    }
}
