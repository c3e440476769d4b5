import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Open Referral (HSDS) CSV folders")
struct HSDSTabularReaderTests {
    let vocabularies: Vocabularies
    let source = SourceName("hsds-test")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    // Headers as HSDS 3.0 lays them out; the rows are made up for these tests.
    static let organizations = [
        "id,name,alternate_name,description,email,website,tax_status,tax_id,year_incorporated,legal_status,logo,uri,"
            + "parent_organization_id",
        "org-1,Aire Valley Support,,,,https://aire.example,,,,,,,",
        "org-2,Calder Stalking Service,,,,,,,,,,,",
    ]
    static let servicesHeader =
        "id,organization_id,program_id,name,alternate_name,description,url,email,status,interpretation_services,"
        + "application_process,fees_description,wait_time,fees,accreditations,eligibility_description,minimum_age,"
        + "maximum_age,assured_date,assurer_email,licenses,alert,last_modified"
    static let services = [
        servicesHeader,
        "svc-1,org-1,,Leeds Outreach,,Outreach and safety planning.,https://aire.example/outreach,help@aire.example,"
            + "active,,,,,,,,16,,,,,,",
        "svc-2,org-2,,Stalking Advocacy,,,,,inactive,,,,,,,,,,,,,,",
    ]
    static let locations = [
        "id,location_type,url,organization_id,name,alternate_name,description,transportation,latitude,longitude,"
            + "external_identifier,external_identifier_type",
        "loc-1,physical,,org-1,Leeds hub,,,,53.7965,-1.5478,,",
    ]
    static let addresses = [
        "id,location_id,attention,address_1,address_2,city,region,state_province,postal_code,country,address_type",
        "adr-1,loc-1,,1 Park Row,,Leeds,,,LS1 4AP,GB,physical",
    ]
    static let serviceAtLocation = [
        "id,service_id,location_id,description",
        "sal-1,svc-1,loc-1,",
    ]
    static let phonesHeader =
        "id,location_id,service_id,organization_id,contact_id,service_at_location_id,number,extension,type,description"
    static let phones = [
        phonesHeader,
        "ph-1,,svc-1,,,,0113 496 0000,,voice,",
        "ph-2,,,org-2,,,0113 496 0999,,voice,",
    ]
    static let languages = [
        "id,service_id,location_id,phone_id,name,code,note",
        "lang-1,svc-1,,,Polish,,",
        "lang-2,svc-1,,,,cy,",
        "lang-3,svc-2,,,English,en,",
    ]
    static let serviceAreas = [
        "id,service_id,name,description,extent,extent_type,uri",
        "area-1,svc-1,West Yorkshire,,,,",
        "area-2,svc-2,Leeds,,,,",
        "area-3,svc-2,Atlantis,,,,",
    ]
    static let taxonomyTerms = [
        "id,code,name,description,parent_id,taxonomy,language,taxonomy_id,term_uri",
        "term-1,,Domestic violence,,,,,,",
        "term-2,stalking,Stalking support,,,,,,",
        "term-3,,women,,,,,,",
        "term-4,HA-1,Housing advice,,,,,,",
    ]
    static let attributesHeader = "id,link_id,taxonomy_term_id,link_type,link_entity,value"
    static let attributes = [
        attributesHeader,
        "att-1,svc-1,term-1,,service,",
        "att-2,svc-1,term-3,,service,",
        "att-3,svc-2,term-2,,service,",
        "att-4,svc-1,term-4,,service,",
        "att-5,svc-2,term-4,,service,",
    ]

    static var twoServiceFolder: [String: [String]] {
        [
            "organizations": organizations, "services": services, "locations": locations, "addresses": addresses,
            "service_at_location": serviceAtLocation, "phones": phones, "languages": languages,
            "service_areas": serviceAreas, "taxonomy_terms": taxonomyTerms, "attributes": attributes,
        ]
    }

    /// Writes `tables` (name -> lines) as CSV files in a new temporary folder and reads it.
    func read(_ tables: [String: [String]], lineEnd: String = "\n") throws -> HSDSReadResult {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hsds-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, lines) in tables {
            let text = lines.joined(separator: lineEnd) + lineEnd
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).csv"))
        }
        return HSDSTabularReader.read(folder: folder.path, vocabularies: vocabularies, source: source)
    }

    @Test func aTwoServiceFolderMapsEveryLinkedTable() throws {
        let result = try read(Self.twoServiceFolder)
        #expect(result.issues.filter { $0.severity == .error }.isEmpty)
        try #require(result.services.count == 2)
        let outreach = result.services[0]
        #expect(outreach.id == ServiceID("hsds-test/svc-1"))
        #expect(outreach.provenance.sourceRecordID == "svc-1")
        #expect(outreach.name == "Leeds Outreach")
        #expect(outreach.description == "Outreach and safety planning.")
        #expect(outreach.provider.name == "Aire Valley Support")
        #expect(outreach.provider.website == "https://aire.example")
        #expect(outreach.status == .accepting)
        #expect(outreach.needTypes == ["domestic-abuse"])
        #expect(outreach.specialisms == ["women-only"])
        #expect(outreach.eligibility.minimumAge == 16)
        #expect(outreach.languages == ["pl", "cy"])
        #expect(outreach.coverage.areas == [AreaCode("E23000010")])
        #expect(outreach.contact.phone == "0113 496 0000")
        #expect(outreach.contact.email == "help@aire.example")
        #expect(outreach.contact.website == "https://aire.example/outreach")
        let location = try #require(outreach.locations.first)
        #expect(location.name == "Leeds hub")
        #expect(location.address == "1 Park Row")
        #expect(location.town == "Leeds")
        #expect(location.postcode == Postcode("LS1 4AP"))
        #expect(location.point == GeoPoint(latitude: 53.7965, longitude: -1.5478))

        let stalking = result.services[1]
        #expect(stalking.name == "Stalking Advocacy")
        #expect(stalking.provider.name == "Calder Stalking Service")
        #expect(stalking.status == .paused)
        #expect(stalking.needTypes == ["stalking"])
        #expect(stalking.languages == ["en"])
        #expect(stalking.coverage.areas == [AreaCode("E08000035")])
        #expect(stalking.contact.phone == "0113 496 0999")
        #expect(stalking.locations.isEmpty)
    }

    @Test func unmappedTermsAndUnknownAreasAreCountedWithTheirLines() throws {
        let result = try read(Self.twoServiceFolder)
        let term = try #require(result.unmapped.first { $0.value == "Housing advice" })
        #expect(term.field == "need type or specialism")
        #expect(term.file == "attributes.csv")
        #expect(term.count == 2)
        #expect(term.lines == [5, 6])
        let area = try #require(result.unmapped.first { $0.value == "Atlantis" })
        #expect(area.field == "area")
        #expect(area.file == "service_areas.csv")
        #expect(area.count == 1)
        #expect(area.lines == [4])
    }

    @Test func anOrphanPhoneIsReportedWithFileAndLine() throws {
        var tables = Self.twoServiceFolder
        tables["phones"] = Self.phones + ["ph-3,,svc-ghost,,,,0113 496 0123,,voice,"]
        let result = try read(tables)
        #expect(result.services.count == 2)
        let orphan = try #require(result.issues.first { $0.file == "phones.csv" })
        #expect(orphan.severity == .warning)
        #expect(orphan.line == 4)
        #expect(orphan.field == "service_id")
        #expect(orphan.value == "svc-ghost")
    }

    @Test func aRowWithAQuoteLeftOpenIsReportedAndTheTableIsStillRead() throws {
        var tables = Self.twoServiceFolder
        tables["phones"] = [Self.phones[0], "ph-0,,svc-1,,,,\"0113 496 0001,,voice,"] + Self.phones.dropFirst()
        let result = try read(tables)
        #expect(result.services.count == 2)
        #expect(result.services.first?.contact.phone == "0113 496 0000")
        let broken = try #require(result.issues.first { $0.file == "phones.csv" })
        #expect(broken.severity == .error)
        #expect(broken.line == 2)
        #expect(broken.recordID == "ph-0")
        #expect(broken.message.contains("a quoted cell opened on line 2 is never closed"), "\(broken.message)")
        #expect(broken.message.contains("reading went on from line 3"))
    }

    @Test func aServiceWithNoMappableNeedIsAnError() throws {
        var tables = Self.twoServiceFolder
        tables["attributes"] = [Self.attributesHeader, "att-1,svc-1,term-1,,service,", "att-4,svc-2,term-4,,service,"]
        let result = try read(tables)
        #expect(result.services.map(\.id) == [ServiceID("hsds-test/svc-1")])
        let error = try #require(result.issues.first { $0.severity == .error })
        #expect(error.file == "services.csv")
        #expect(error.line == 3)
        #expect(error.recordID == "svc-2")
        #expect(error.field == "attributes + taxonomy_terms → need_types")
        #expect(error.message.contains("taxonomy term"))
    }

    @Test func doubledCarriageReturnLineEndsReadLikeNewlines() throws {
        let result = try read(Self.twoServiceFolder, lineEnd: "\r\r\n")
        #expect(result.services.map(\.name) == ["Leeds Outreach", "Stalking Advocacy"])
        #expect(result.services.first?.contact.phone == "0113 496 0000")
        #expect(result.unmapped.first { $0.value == "Housing advice" }?.lines == [5, 6])
    }

    @Test func aFolderWithoutServicesIsAFileError() throws {
        let result = try read(["organizations": Self.organizations])
        #expect(result.services.isEmpty)
        #expect(result.issues.map(\.file) == ["services.csv"])
    }

    @Test func hsds31CapacityBecomesAvailableAndMaximum() throws {
        var tables = Self.twoServiceFolder
        tables["service_capacity"] = [
            "id,service_id,unit_id,available,maximum,description,updated",
            "cap-1,svc-1,unit-1,3,12,,2026-11-01T09:00:00Z",
        ]
        tables["units"] = ["id,name,scheme,identifier,uri", "unit-1,Places,,,"]
        let result = try read(tables)
        let capacity = try #require(result.services.first?.capacity)
        #expect(capacity.available == 3)
        #expect(capacity.maximum == 12)
        #expect(capacity.unit == .places)
        #expect(capacity.updated == CalendarDate(iso: "2026-11-01"))
    }

    @Test func orukDuplicateTablesAreMergedById() throws {
        var tables = Self.twoServiceFolder
        tables["address"] = [
            "id,location_id,attention,address_1,city,region,state_province,postal_code,country,address_type",
            "adr-1,loc-1,,1 Park Row,Leeds,,,LS1 4AP,GB,physical",
        ]
        let result = try read(tables)
        #expect(result.services.first?.locations.count == 1)
        let note = try #require(result.issues.first { $0.file == "address.csv" })
        #expect(note.severity == .warning)
        #expect(note.message.contains("1 row(s)"))
    }
}
