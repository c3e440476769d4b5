import Foundation
import SignpostCore
import SignpostImport
import SignpostOpenReferral
import SignpostTestSupport
import Testing

/// Export to HSDS CSV tables, read them back with the HSDS reader, and compare.
@Suite("HSDS CSV export: round trip through the HSDS reader")
struct HSDSRoundTripTests {
    /// The source the re-imported services get (the folder's name, when `signpost import DIR` reads it).
    static let importSource = SourceName("hsds-export")

    /// Three services that between them fill every field: an outreach service with every list and value, a refuge
    /// with a confidential location, and a national helpline with odd values (closed, a wait of 0 days with no date,
    /// a capacity with no maximum, text with commas, quotes and line breaks).
    static func services() -> [Service] {
        var outreach = fullService()
        outreach.description = "Outreach, safety planning and \"drop-in\" advice.\nEvenings by appointment."
        outreach.status = .waitlist
        outreach.eligibility = Eligibility(
            minimumAge: 16,
            maximumAge: 99,
            genders: ["female", "non-binary"],
            crimeTypes: ["rape", "violence-with-injury"],
            riskLevels: ["medium", "high"],
            notes: "Women aged 16 and over, \"any\" risk; no fixed address is fine."
        )
        outreach.accessibility = ["step-free", "hearing-loop"]
        outreach.channels = ["phone", "face-to-face", "online"]
        outreach.referralRoutes = ["police", "self", "marac"]
        outreach.locations[0].address = "1 Park Row, Floor 2"
        outreach.capacity = Capacity(
            available: 0,
            maximum: 12,
            unit: .sessionsPerWeek,
            updated: CalendarDate(iso: "2026-11-02")
        )

        let sourceName = SourceName("pcc-west-yorkshire")
        let refuge = Service(
            id: ServiceID(source: sourceName, recordID: "WY-REF-7"),
            name: "Aire Valley Refuge",
            description: "Safe accommodation for women and children.",
            provider: Provider(
                id: ProviderID("aire-refuge"),
                name: "Aire Valley Refuge Trust",
                website: "https://refuge.example"
            ),
            status: .paused,
            needTypes: ["domestic-abuse"],
            specialisms: ["women-only"],
            eligibility: Eligibility(genders: ["female"], riskLevels: ["high"]),
            languages: ["en", "ur", "pa"],
            offersInterpreting: true,
            accessibility: ["accessible-toilet"],
            channels: ["face-to-face"],
            referralRoutes: ["professional"],
            coverage: Coverage(areas: [AreaCode("LS"), AreaCode("LS6"), AreaCode("E08000035"), .england]),
            locations: [
                ServiceLocation(
                    name: "Headingley Safe House",
                    address: "12 Hidden Lane",
                    town: "Leeds",
                    postcode: Postcode("LS6 9ZZ"),
                    point: GeoPoint(latitude: 53.8198, longitude: -1.5795),
                    isConfidential: true
                ),
                ServiceLocation(name: "Outreach office", town: "Leeds", postcode: Postcode("LS1 2AB")),
            ],
            capacity: Capacity(available: 2, maximum: 9, unit: .places),
            waitingTime: WaitingTime(days: 3),
            commissioning: Commissioning(commissioner: "West Yorkshire Combined Authority, Mayor's Office"),
            contact: Contact(phone: "0113 496 0123 ext. 4", hours: "24 hours, every day"),
            provenance: Provenance(
                source: sourceName,
                sourceRecordID: "WY-REF-7",
                lastVerified: CalendarDate(iso: "2026-09-30")
            )
        )

        let helplineSource = SourceName("national-helplines")
        let helpline = Service(
            id: ServiceID(source: helplineSource, recordID: "NH/12"),
            name: "Cymorth Line, Wales & England",
            provider: Provider(
                id: ProviderID("charity-sc000123"),
                name: "Cymorth (Scotland)",
                charityNumber: "SC000123"
            ),
            status: .closed,
            needTypes: ["stalking", "domestic-abuse"],
            languages: ["cy", "bfi"],
            offersBSL: true,
            channels: ["phone", "video"],
            coverage: Coverage(areas: [.national, .wales, AreaCode("E23000001")]),
            capacity: Capacity(available: 40, unit: .referralsPerWeek),
            waitingTime: WaitingTime(days: 0),
            commissioning: Commissioning(contractEnd: CalendarDate(iso: "2027-03-31")),
            contact: Contact(email: "help@cymorth.example", website: "https://cymorth.example"),
            provenance: Provenance(source: helplineSource, sourceRecordID: "NH/12")
        )
        return [outreach, refuge, helpline]
    }

    /// Writes `tables` into a new temporary folder and reads it back.
    static func readBack(_ tables: [CSVTable], vocabularies: Vocabularies) throws -> HSDSReadResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds-round-trip-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for table in tables {
            try Data(table.bytes).write(to: folder.appendingPathComponent(table.fileName))
        }
        return HSDSTabularReader.read(folder: folder.path, vocabularies: vocabularies, source: importSource)
    }

    /// What re-importing `service` must give. Justified exceptions, and only these:
    /// - `id`: the importing source is the folder's, and the exported id (`SOURCE/RECORD`) is the record id, so the
    ///   service becomes `IMPORT-SOURCE/SOURCE/RECORD` (record ids of different sources cannot collide).
    /// - `provenance.source`, `provenance.sourceRecordID`: the same, for the same reason.
    /// - `provenance.importID`: set by the catalog when it stores a service, never by a reader.
    static func expected(_ service: Service) -> Service {
        var expected = service
        expected.id = ServiceID(source: importSource, recordID: service.id.rawValue)
        expected.provenance = Provenance(
            source: importSource,
            sourceRecordID: service.id.rawValue,
            importID: nil,
            lastVerified: service.provenance.lastVerified
        )
        return expected
    }

    /// Compares every field, one `#expect` each, so a failure names the field.
    static func expectSame(_ back: Service, _ original: Service, sourceLocation: SourceLocation = #_sourceLocation) {
        let want = expected(original)
        #expect(back.id == want.id, sourceLocation: sourceLocation)
        #expect(back.name == want.name, sourceLocation: sourceLocation)
        #expect(back.description == want.description, sourceLocation: sourceLocation)
        #expect(back.provider == want.provider, sourceLocation: sourceLocation)
        #expect(back.status == want.status, sourceLocation: sourceLocation)
        #expect(back.needTypes == want.needTypes, sourceLocation: sourceLocation)
        #expect(back.specialisms == want.specialisms, sourceLocation: sourceLocation)
        #expect(back.eligibility == want.eligibility, sourceLocation: sourceLocation)
        #expect(back.languages == want.languages, sourceLocation: sourceLocation)
        #expect(back.offersInterpreting == want.offersInterpreting, sourceLocation: sourceLocation)
        #expect(back.offersBSL == want.offersBSL, sourceLocation: sourceLocation)
        #expect(back.accessibility == want.accessibility, sourceLocation: sourceLocation)
        #expect(back.channels == want.channels, sourceLocation: sourceLocation)
        #expect(back.referralRoutes == want.referralRoutes, sourceLocation: sourceLocation)
        #expect(back.coverage == want.coverage, sourceLocation: sourceLocation)
        #expect(back.locations == want.locations, sourceLocation: sourceLocation)
        #expect(back.capacity == want.capacity, sourceLocation: sourceLocation)
        #expect(back.waitingTime == want.waitingTime, sourceLocation: sourceLocation)
        #expect(back.commissioning == want.commissioning, sourceLocation: sourceLocation)
        #expect(back.contact == want.contact, sourceLocation: sourceLocation)
        #expect(back.provenance == want.provenance, sourceLocation: sourceLocation)
        // And as a whole, so that a field added to Service later is not forgotten here.
        #expect(back == want, sourceLocation: sourceLocation)
    }

    @Test func everyFieldSurvivesExportAndImport() throws {
        let vocabularies = try vocabularies()
        let originals = Self.services()
        let tables = OpenReferral.tables(originals, vocabularies: vocabularies, includeConfidential: true)
        let result = try Self.readBack(tables, vocabularies: vocabularies)
        #expect(result.issues == [])
        #expect(result.unmapped == [])
        #expect(result.version == .hsds31)
        try #require(result.services.count == originals.count)
        for (back, original) in zip(result.services, originals) { Self.expectSame(back, original) }
    }

    @Test func aPublicExportLeavesTheRefugeOutAndReadsBackWithoutIt() throws {
        let vocabularies = try vocabularies()
        let originals = Self.services()
        let tables = OpenReferral.tables(originals, vocabularies: vocabularies, includeConfidential: false)
        let text = tables.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        for secret in [
            "Headingley Safe House", "12 Hidden Lane", "LS6 9ZZ", "53.8198", "#location-2",
            "#signpost-service:confidential",
        ] {
            #expect(!text.contains(secret), "\(secret) is in the public export")
        }
        let result = try Self.readBack(tables, vocabularies: vocabularies)
        let refuge = try #require(result.services.first { $0.name == "Aire Valley Refuge" })
        #expect(
            refuge.locations == [ServiceLocation(name: "Outreach office", town: "Leeds", postcode: Postcode("LS1 2AB"))]
        )
        var withoutRefuge = originals[1]
        withoutRefuge.locations.removeFirst()
        Self.expectSame(refuge, withoutRefuge)
    }

    @Test func aPhoneGivenForAConfidentialLocationIsNotReadAsTheServicesPhone() throws {
        let vocabularies = try vocabularies()
        var refuge = Self.services()[1]
        refuge.contact.phone = nil
        var tables = OpenReferral.tables([refuge], vocabularies: vocabularies, includeConfidential: true)
        let locations = try #require(tables.first { $0.name == "locations" })
        let ids = locations.values(of: "id")
        #expect(locations.values(of: "name") == ["Headingley Safe House", "Outreach office"])
        // A publisher gives each location a phone: the refuge's own number must not become the service's.
        tables.removeAll { $0.name == "phones" }
        var phones = CSVTable(name: "phones", columns: ["id", "location_id", "number"])
        phones.append(["id": "p1", "location_id": ids[0], "number": "0113 496 0999"])
        phones.append(["id": "p2", "location_id": ids[1], "number": "0113 496 0123"])
        tables.append(phones)
        let result = try Self.readBack(tables, vocabularies: vocabularies)
        let back = try #require(result.services.first)
        #expect(back.locations.first?.isConfidential == true)
        #expect(back.locations.first?.name == "Headingley Safe House")
        #expect(back.contact.phone == "0113 496 0123")
    }

    @Test func theSampleCatalogSurvivesExportAndImport() throws {
        let vocabularies = try vocabularies()
        let folder = Fixtures.projectRoot + "/catalog/sample"
        var originals: [Service] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let path = folder + "/" + name
            if name.hasSuffix(".xml") {
                originals += try SignpostXMLReader(vocabularies: vocabularies).read(.file(path: path), file: path)
                    .services
            } else if name.hasSuffix(".csv") {
                let bytes = try #require(FileManager.default.contents(atPath: path))
                let source = SourceName((name as NSString).deletingPathExtension)
                originals += try SignpostCSVReader(vocabularies: vocabularies).read(
                    Array(bytes),
                    file: path,
                    source: source
                )
                .services
            }
        }
        originals.sort { $0.id < $1.id }
        try #require(originals.count > 100)
        let tables = OpenReferral.tables(originals, vocabularies: vocabularies, includeConfidential: true)
        let result = try Self.readBack(tables, vocabularies: vocabularies)
        #expect(result.issues.filter { $0.severity == .error } == [])
        #expect(result.unmapped == [])
        try #require(result.services.count == originals.count)
        let mismatched = zip(result.services, originals).filter { $0.0 != Self.expected($0.1) }.map(\.1.id)
        #expect(mismatched == [], "\(mismatched.count) services differ after the round trip")
        if let first = mismatched.first, let index = originals.firstIndex(where: { $0.id == first }) {
            Self.expectSame(result.services[index], originals[index])
        }
    }

    /// Charities are registered in England and Wales (GB-CHC), Scotland (GB-SC, `SC...`) or Northern Ireland (GB-NIC,
    /// `NIC...`): each number goes under its own register's scheme, and reads back unchanged.
    @Test func eachCharityNumberGoesUnderItsRegistersScheme() throws {
        let vocabularies = try vocabularies()
        var services = Self.services()
        services[1].provider.charityNumber = "NIC100001"
        let tables = OpenReferral.tables(services, vocabularies: vocabularies, includeConfidential: false)
        let identifiers = try #require(tables.first { $0.name == "organization_identifiers" })
        #expect(identifiers.values(of: "identifier_scheme") == ["GB-CHC", "GB-NIC", "GB-SC"])
        let result = try Self.readBack(tables, vocabularies: vocabularies)
        #expect(result.services.map(\.provider.charityNumber) == services.map(\.provider.charityNumber))
    }

    @Test func theTablesHaveTheHSDSNamesAndHeaders() throws {
        let tables = OpenReferral.tables(Self.services(), vocabularies: try vocabularies(), includeConfidential: false)
        #expect(
            tables.map(\.fileName) == [
                "organizations.csv", "organization_identifiers.csv", "services.csv", "locations.csv", "addresses.csv",
                "service_at_location.csv", "phones.csv", "languages.csv", "service_areas.csv", "schedules.csv",
                "funding.csv", "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv", "service_capacity.csv",
                "units.csv",
            ]
        )
        let services = try #require(tables.first { $0.name == "services" })
        #expect(services.columns.prefix(4) == ["id", "organization_id", "program_id", "name"])
        #expect(
            services.values(of: "id") == ["test-list/T-001", "pcc-west-yorkshire/WY-REF-7", "national-helplines/NH/12"]
        )
        #expect(services.values(of: "status") == ["active", "temporarily closed", "defunct"])
        #expect(services.values(of: "minimum_age") == ["16", "", ""])
        #expect(services.values(of: "assured_date") == ["2026-10-01", "2026-09-30", ""])
        let areas = try #require(tables.first { $0.name == "service_areas" })
        // Names that read back as the same area; a postcode area by its code.
        #expect(areas.values(of: "name").contains("West Yorkshire"))
        #expect(areas.values(of: "name").contains("LS"))
        let identifiers = try #require(tables.first { $0.name == "organization_identifiers" })
        #expect(identifiers.values(of: "identifier_scheme") == ["GB-CHC", "GB-SC"])
        let attributes = try #require(tables.first { $0.name == "attributes" })
        #expect(attributes.values(of: "taxonomy_term_id").contains("channels:video"))
        #expect(attributes.values(of: "taxonomy_term_id").contains("signpost-service:contract-end"))
        let capacity = try #require(tables.first { $0.name == "service_capacity" })
        #expect(capacity.values(of: "maximum") == ["12", "9", ""])
        #expect(capacity.values(of: "updated") == ["2026-11-02T00:00:00Z", "", ""])
    }
}
