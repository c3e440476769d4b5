import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// Ohana API CSV exports: HSDS's forerunner, with services hanging off locations (`services.location_id`) and
/// locations off organisations. Headers as Ohana's sample CSVs lay them out; the rows are made up.
@Suite("Ohana API exports")
struct OhanaExportTests {
    let vocabularies: Vocabularies
    let source = SourceName("ohana-test")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    static let servicesHeader =
        "id,location_id,program_id,accepted_payments,alternate_name,application_process,audience,description,"
        + "eligibility,email,fees,funding_sources,interpretation_services,keywords,languages,name,required_documents,"
        + "service_areas,status,wait_time,website,taxonomy_ids"
    static let locationsHeader =
        "id,organization_id,accessibility,admin_emails,alternate_name,description,email,languages,latitude,longitude,"
        + "name,short_desc,transportation,website,virtual"

    static var tables: [String: [String]] {
        [
            "organizations": [
                "id,accreditations,alternate_name,date_incorporated,description,email,funding_sources,legal_status,"
                    + "licenses,name,tax_id,tax_status,website",
                "1,,,,,,,,,Kirklees Women's Aid,,,https://kwa.example",
            ],
            "locations": [
                locationsHeader,
                HSDSFolder.line(
                    locationsHeader,
                    [
                        "id": "10", "organization_id": "1",
                        "accessibility": "wheelchair, disabled_parking, wheelchair_van",
                        "languages": "Urdu, Chinese (Cantonese)", "latitude": "53.6458", "longitude": "-1.7850",
                        "name": "Huddersfield hub", "virtual": "false",
                    ]
                ),
            ],
            "services": [
                servicesHeader,
                HSDSFolder.line(
                    servicesHeader,
                    [
                        "id": "100", "location_id": "10", "description": "Outreach for women.",
                        "eligibility": "Women aged 16 and over", "email": "help@kwa.example",
                        "interpretation_services": "Interpreters available in Slovak",
                        "keywords": "Domestic Violence, Counselling", "languages": "Polish",
                        "name": "Kirklees Outreach",
                        "service_areas": "Kirklees, Calderdale", "status": "active",
                        "website": "https://kwa.example/outreach", "taxonomy_ids": "101-06-01",
                    ]
                ),
                HSDSFolder.line(
                    servicesHeader,
                    [
                        "id": "101", "location_id": "10", "keywords": "Stalking", "name": "Stalking Clinic",
                        "service_areas": "Kirklees", "status": "active",
                    ]
                ),
                HSDSFolder.line(
                    servicesHeader,
                    [
                        "id": "102", "location_id": "99", "keywords": "Stalking", "name": "Ghost Clinic",
                        "service_areas": "Kirklees", "status": "active",
                    ]
                ),
            ],
            "addresses": [
                "id,location_id,address_1,address_2,city,state_province,postal_code,country",
                "1,10,1 Market Street,,Huddersfield,,HD1 2AA,GB",
            ],
            "mail_addresses": [
                "id,location_id,attention,address_1,address_2,city,state_province,postal_code,country",
                "1,10,,PO Box 1,,Huddersfield,,HD1 9ZZ,GB",
            ],
            "phones": [
                "id,contact_id,location_id,organization_id,service_id,country_prefix,department,extension,number,"
                    + "number_type,vanity_number",
                "1,,10,,,,,,01484 496 001,fax,",
                "2,,10,,,,,,01484 496 000,voice,",
                "3,,,,100,,,,01484 496 100,voice,",
            ],
            "contacts": [
                "id,location_id,organization_id,service_id,name,title,email,department", "1,10,,,Sam Doe,Manager,,",
            ],
            "regular_schedules": [
                "id,location_id,service_id,weekday,opens_at,closes_at",
                "1,10,,Monday,9am,5:00 PM", "2,10,,Tuesday,9am,5:00 PM", "3,10,,Wednesday,9am,5:00 PM",
                "4,10,,Thursday,9am,5:00 PM", "5,10,,Friday,9am,5:00 PM", "6,,101,Saturday,10:00,13:00",
            ],
            "holiday_schedules": [
                "id,location_id,service_id,start_date,end_date,closed,opens_at,closes_at",
                "1,10,,\"December 25, 2026\",\"December 25, 2026\",true,,",
            ],
            "programs": ["id,organization_id,alternate_name,name", "1,1,,Outreach programme"],
            "taxonomy": [
                "taxonomy_id,name,parent_id,parent_name", "101-06-01,Help Escape Violence,101-06,Immediate Safety",
            ],
        ]
    }

    func read(_ tables: [String: [String]] = Self.tables) throws -> HSDSReadResult {
        try HSDSFolder.read(tables, vocabularies: vocabularies, source: source)
    }

    @Test func anOhanaExportIsRecognisedAndNotTakenForHSDS11() throws {
        let result = try read()
        #expect(result.version == .ohana)
        #expect(result.version?.description == "Ohana API export")
    }

    @Test func servicesAreReachedThroughTheirLocations() throws {
        let result = try read()
        try #require(result.services.map(\.id) == [ServiceID("ohana-test/100"), ServiceID("ohana-test/101")])
        let outreach = result.services[0]
        #expect(outreach.name == "Kirklees Outreach")
        #expect(outreach.description == "Outreach for women.")
        // The provider is the organisation of the service's location.
        #expect(outreach.provider.name == "Kirklees Women's Aid")
        #expect(outreach.provider.website == "https://kwa.example")
        #expect(outreach.contact.website == "https://kwa.example/outreach")
        #expect(outreach.contact.email == "help@kwa.example")
        #expect(outreach.status == .accepting)
        #expect(outreach.needTypes.map(\.rawValue) == ["domestic-abuse", "mental-health-trauma"])
        #expect(outreach.coverage.areas.map(\.rawValue) == ["E08000034", "E08000033"])
        // The service's languages, then its location's ("Chinese (Cantonese)" is Cantonese), then the ones
        // interpreting is offered in.
        #expect(outreach.languages.map(\.rawValue) == ["pl", "ur", "yue", "sk"])
        #expect(outreach.offersInterpreting)
        #expect(outreach.eligibility.notes == "Women aged 16 and over")
        #expect(outreach.accessibility.map(\.rawValue) == ["step-free", "accessible-parking"])
        #expect(outreach.contact.phone == "01484 496 100")
        #expect(outreach.contact.hours == "Mon-Fri 09:00-17:00")
        let location = try #require(outreach.locations.first)
        #expect(outreach.locations.count == 1)
        #expect(location.name == "Huddersfield hub")
        #expect(location.address == "1 Market Street")
        #expect(location.town == "Huddersfield")
        #expect(location.postcode == Postcode("HD1 2AA"))
        #expect(location.point == GeoPoint(latitude: 53.6458, longitude: -1.7850))

        let stalking = result.services[1]
        #expect(stalking.needTypes.map(\.rawValue) == ["stalking"])
        // The location's voice number, not its fax; the service's own hours rather than its location's.
        #expect(stalking.contact.phone == "01484 496 000")
        #expect(stalking.contact.hours == "Sat 10:00-13:00")
    }

    @Test func whatAnOhanaExportHoldsThatSignpostCannotUseIsReported() throws {
        let result = try read()
        let van = try #require(result.unmapped.first { $0.value == "wheelchair_van" })
        #expect(van.field == "accessibility")
        #expect(van.file == "locations.csv")
        let term = try #require(result.unmapped.first { $0.value == "Help Escape Violence" })
        #expect(term.field == "need type or specialism")
        // A service whose location does not exist: reported on its row, and rejected for want of a provider.
        let orphan = try #require(result.issues.first { $0.severity == .warning && $0.recordID == "102" })
        #expect(orphan.file == "services.csv")
        #expect(orphan.line == 4)
        #expect(orphan.field == "location_id")
        #expect(orphan.value == "99")
        let rejected = result.issues.filter { $0.severity == .error && $0.recordID == "102" }
        let provider = try #require(rejected.first { $0.field == "organizations.name → provider_name" })
        #expect(provider.message.contains("location_id"), "\(provider.message)")
    }
}
