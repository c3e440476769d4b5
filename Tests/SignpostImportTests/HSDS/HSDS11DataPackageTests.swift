import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Open Referral (HSDS) 1.1 data packages")
struct HSDS11DataPackageTests {
    let vocabularies: Vocabularies
    let source = SourceName("hsds11-test")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// A data package descriptor in the 1.1 shape (its resources trimmed to their names and paths).
    static func descriptor(prefix: String = "") -> String {
        let tables = [
            ("organization", "organizations"), ("service", "services"), ("location", "locations"),
            ("service_at_location", "services_at_location"), ("physical_address", "physical_addresses"),
            ("phone", "phones"), ("language", "languages"), ("service_area", "service_area"),
            ("regular_schedule", "regular_schedules"), ("eligibility", "eligibility"), ("taxonomy", "taxonomy"),
            ("service_taxonomy", "service_taxonomy"),
        ]
        let resources = tables.map { #"{"name": "\#($0.0)", "path": "\#(prefix)\#($0.1).csv", "format": "csv"}"# }
        return
            #"{"name": "human_services_data", "version": "1.1", "resources": [\#(resources.joined(separator: ", "))]}"#
    }

    // Headers as HSDS 1.1 lays them out; the rows are made up for these tests.
    static let tables: [String: [String]] = [
        "organizations": [
            "id,name,alternate_name,description,email,url,tax_status,tax_id,year_incorporated,legal_status",
            "o1,Kirkstall Women's Centre,,,,https://kwc.example,,,,",
        ],
        "services": [
            "id,organization_id,program_id,location_id,name,alternate_name,description,url,email,status,"
                + "interpretation_services,application_process,wait_time,fees,accreditations,licenses,taxonomy_ids",
            #"s1,o1,,,Women's Outreach,,"Outreach, advocacy and advice.",,help@kwc.example,active,,,,,,,"101,103""#,
            "s2,o1,,,Stalking Clinic,,,,,inactive,,,,,,,\"102, 199\"",
            "s3,o1,,,Pottery Group,,,,,active,,,,,,,104",
        ],
        "taxonomy": [
            "id,name,parent_id,parent_name,vocabulary",
            "101,Domestic violence,,,local",
            "102,Stalking,,,local",
            "103,LGBT,,,local",
            "104,Pottery classes,,,local",
            "105,Sexual assault,,,local",
        ],
        "service_taxonomy": [
            "id,service_id,taxonomy_id,taxonomy_detail",
            "st1,s2,105,",
            "st2,s-ghost,101,",
        ],
        "locations": [
            "id,organization_id,name,alternate_name,description,transportation,latitude,longitude",
            "l1,o1,Kirkstall hub,,,,53.8160,-1.6040",
        ],
        "services_at_location": ["id,service_id,location_id,description", "sl1,s1,l1,"],
        "physical_addresses": [
            "id,location_id,attention,address_1,address_2,address_3,address_4,city,region,state_province,postal_code,"
                + "country",
            "pa1,l1,,3 Abbey Road,,,,Leeds,,West Yorkshire,LS5 3HS,GB",
        ],
        "phones": [
            "id,location_id,service_id,organization_id,contact_id,service_at_location_id,number,extension,type,"
                + "language,description",
            "p1,,s1,,,,0113 496 0500,,voice,,",
        ],
        "languages": [
            "id,service_id,location_id,language",
            "lg1,s1,,Polish",
            "lg2,s1,,cy",
            "lg3,s1,,\"Punjabi, Urdu\"",
            "lg4,s2,,Klingon",
        ],
        "service_area": [
            "id,service_id,service_area,description",
            "sa1,s1,West Yorkshire,",
            "sa2,s2,Leeds,",
            "sa3,s2,Atlantis,",
            "sa4,s3,Leeds,",
        ],
        "regular_schedules": [
            "id,service_id,location_id,service_at_location_id,weekday,opens_at,closes_at",
            "r1,s1,,,Monday,09:00,17:00", "r2,s1,,,Tuesday,09:00,17:00", "r3,s1,,,Wednesday,09:00,17:00",
            "r4,s1,,,Thursday,09:00,17:00", "r5,s1,,,Friday,09:00,17:00", "r6,s1,,,Saturday,10:00,13:00",
        ],
        "eligibility": ["id,service_id,eligibility", "e1,s1,Women aged 16 and over"],
    ]

    /// Writes the package into a new temporary folder (its CSVs under `subfolder` when given) and reads it.
    func read(
        _ tables: [String: [String]] = Self.tables,
        descriptor: String? = Self.descriptor(),
        subfolder: String? = nil
    ) throws -> HSDSReadResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds11-\(UUID().uuidString)")
        let data = subfolder.map { folder.appendingPathComponent($0) } ?? folder
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let descriptor { try Data(descriptor.utf8).write(to: folder.appendingPathComponent("datapackage.json")) }
        for (name, lines) in tables {
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(
                to: data.appendingPathComponent("\(name).csv")
            )
        }
        return HSDSTabularReader.read(folder: folder.path, vocabularies: vocabularies, source: source)
    }

    @Test func aDataPackageIsReadAsHSDS11WithEveryTableMapped() throws {
        let result = try read()
        #expect(result.version == .hsds11)
        try #require(result.services.map(\.id) == [ServiceID("hsds11-test/s1"), ServiceID("hsds11-test/s2")])
        let outreach = result.services[0]
        #expect(outreach.name == "Women's Outreach")
        #expect(outreach.description == "Outreach, advocacy and advice.")
        #expect(outreach.provider.name == "Kirkstall Women's Centre")
        #expect(outreach.provider.website == "https://kwc.example")
        #expect(outreach.status == .accepting)
        #expect(outreach.needTypes == ["domestic-abuse"])
        #expect(outreach.specialisms == ["lgbt-plus"])
        #expect(outreach.languages == ["pl", "cy", "pa", "ur"])
        #expect(outreach.coverage.areas == [AreaCode("E23000010")])
        #expect(outreach.contact.phone == "0113 496 0500")
        #expect(outreach.contact.email == "help@kwc.example")
        #expect(outreach.contact.hours == "Mon-Fri 09:00-17:00; Sat 10:00-13:00")
        #expect(outreach.eligibility.notes == "Women aged 16 and over")
        let location = try #require(outreach.locations.first)
        #expect(location.name == "Kirkstall hub")
        #expect(location.address == "3 Abbey Road")
        #expect(location.town == "Leeds")
        #expect(location.postcode == Postcode("LS5 3HS"))
        #expect(location.point == GeoPoint(latitude: 53.8160, longitude: -1.6040))

        let stalking = result.services[1]
        #expect(stalking.status == .paused)
        // taxonomy_ids gives stalking; service_taxonomy adds sexual violence.
        #expect(stalking.needTypes == ["stalking", "sexual-violence"])
        #expect(stalking.languages.isEmpty)
        #expect(stalking.coverage.areas == [AreaCode("E08000035")])
    }

    @Test func orphanRowsAreReportedWithFileLineAndField() throws {
        let result = try read()
        let ghost = try #require(result.issues.first { $0.file == "service_taxonomy.csv" })
        #expect(ghost.severity == .warning)
        #expect(ghost.line == 3)
        #expect(ghost.field == "service_id")
        #expect(ghost.value == "s-ghost")
        let missingTerm = try #require(result.issues.first { $0.field == "taxonomy_ids" })
        #expect(missingTerm.severity == .warning)
        #expect(missingTerm.file == "services.csv")
        #expect(missingTerm.line == 3)
        #expect(missingTerm.value == "199")
        #expect(missingTerm.message.contains("taxonomy.csv"))
    }

    @Test func unmappedValuesAreCountedAndAServiceWithoutANeedIsRejected() throws {
        let result = try read()
        let language = try #require(result.unmapped.first { $0.value == "Klingon" })
        #expect(language.field == "language")
        #expect(language.file == "languages.csv")
        #expect(language.lines == [5])
        let area = try #require(result.unmapped.first { $0.value == "Atlantis" })
        #expect(area.field == "area")
        #expect(area.file == "service_area.csv")
        let term = try #require(result.unmapped.first { $0.value == "Pottery classes" })
        #expect(term.field == "need type or specialism")
        #expect(term.file == "services.csv")
        #expect(term.lines == [4])
        let rejected = try #require(result.issues.first { $0.severity == .error })
        #expect(rejected.recordID == "s3")
        // Named by the 1.1 tables the need types come from, not 3.0's attributes and taxonomy_terms.
        #expect(rejected.field == "services.taxonomy_ids + service_taxonomy → need_types")
        #expect(rejected.message.contains("service_taxonomy.csv"), "\(rejected.message)")
        #expect(rejected.message.contains("taxonomy.csv"))
        #expect(!rejected.message.contains("attributes"), "\(rejected.message)")
    }

    @Test func errorsNameThe11TablesTheValuesCameFrom() throws {
        var tables = Self.tables
        // s3 gets a need but no area, and its location an address whose postcode is not one.
        tables["service_area"] = Array(Self.tables["service_area"]!.dropLast())
        tables["services"] = Self.tables["services"]!.dropLast() + ["s3,o1,,,Pottery Group,,,,,active,,,,,,,101"]
        tables["services_at_location"] = ["id,service_id,location_id,description", "sl1,s1,l1,", "sl2,s3,l2,"]
        tables["locations"] = Self.tables["locations"]! + ["l2,o1,Kirkstall annexe,,,,53.8161,-1.6041"]
        tables["physical_addresses"] =
            Self.tables["physical_addresses"]! + ["pa2,l2,,4 Abbey Road,,,,Leeds,,,NOT A CODE,GB"]
        let result = try read(tables)
        let errors = result.issues.filter { $0.severity == .error && $0.recordID == "s3" }
        let coverage = try #require(errors.first { $0.field?.hasSuffix("coverage") == true })
        #expect(coverage.field == "service_area → coverage")
        #expect(coverage.message.contains("service_area.csv"), "\(coverage.message)")
        #expect(!coverage.message.contains("service_areas.csv"))
        let postcode = try #require(errors.first { $0.field?.hasSuffix("postcode") == true })
        #expect(postcode.field == "physical_addresses.postal_code → postcode")
    }

    @Test func accessibilityForDisabilitiesIsRead() throws {
        var tables = Self.tables
        tables["accessibility_for_disabilities"] = [
            "id,location_id,accessibility,details",
            "ad1,l1,Wheelchair accessible; hearing loop,Ring the bell",
            "ad2,l-ghost,Ramp,",
        ]
        let result = try read(tables)
        #expect(result.services.first?.accessibility.map(\.rawValue) == ["step-free", "hearing-loop"])
        let orphan = try #require(result.issues.first { $0.file == "accessibility_for_disabilities.csv" })
        #expect(orphan.line == 3)
        #expect(orphan.field == "location_id")
    }

    @Test func numericWeekdaysRunFromMonday() throws {
        var tables = Self.tables
        // HSDS 1.1 numbers the days 1 (Monday) to 7 (Sunday).
        tables["regular_schedules"] = [
            "id,service_id,location_id,service_at_location_id,weekday,opens_at,closes_at",
            "r1,s1,,,1,09:00,17:00", "r2,s1,,,2,09:00,17:00", "r3,s1,,,3,09:00,17:00", "r4,s1,,,4,09:00,17:00",
            "r5,s1,,,5,09:00,17:00", "r6,s1,,,6,10:00,13:00", "r7,s1,,,7,10:00,13:00", "r8,s2,,,9,10:00,12:00",
        ]
        let result = try read(tables)
        #expect(result.services.first?.contact.hours == "Mon-Fri 09:00-17:00; Sat, Sun 10:00-13:00")
        // A number that is no weekday is kept as written, and reported.
        #expect(result.services.last?.contact.hours == "9 10:00-12:00")
        let odd = try #require(result.issues.first { $0.file == "regular_schedules.csv" })
        #expect(odd.severity == .warning)
        #expect(odd.line == 9)
        #expect(odd.field == "weekday")
        #expect(odd.value == "9")
    }

    @Test func withoutADescriptorTaxonomyIDsStillMarkTheFolderAs11() throws {
        var tables = Self.tables
        tables["service_taxonomy"] = nil
        tables["services_at_location"] = nil
        tables["physical_addresses"] = nil
        tables["regular_schedules"] = nil
        tables["eligibility"] = nil
        let result = try read(tables, descriptor: nil)
        #expect(result.version == .hsds11)
        #expect(result.services.first?.needTypes == ["domestic-abuse"])
        #expect(result.services.first?.specialisms == ["lgbt-plus"])
    }

    @Test func tablesUnderTheFolderTheDescriptorNamesAreRead() throws {
        let result = try read(descriptor: Self.descriptor(prefix: "data/"), subfolder: "data")
        #expect(result.version == .hsds11)
        #expect(result.services.count == 2)
        #expect(result.services.first?.locations.first?.postcode == Postcode("LS5 3HS"))
    }

    @Test func a30FolderIsNotTakenForA11One() throws {
        let result = try read(
            [
                "services": [
                    "id,organization_id,name,status", "svc-1,org-1,Leeds Outreach,active",
                ],
                "organizations": ["id,name", "org-1,Aire Valley Support"],
                "taxonomy": ["id,name,description,uri,version", "tx-1,Local taxonomy,,,"],
                "service_areas": ["id,service_id,name", "a1,svc-1,Leeds"],
            ],
            descriptor: nil
        )
        #expect(result.version == .hsds30)
        // taxonomy.csv is ORUK's copy of taxonomies.csv here, not a table of terms: nothing is read from it.
        #expect(result.unmapped.isEmpty)
    }
}
