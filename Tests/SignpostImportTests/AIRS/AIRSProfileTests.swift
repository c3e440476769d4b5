import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// AIRS XML read through the shipped profile `importers/airs.json` by the generic XML profile reader. The fixtures in
/// `Fixtures/` are small hand-made files in each AIRS layout (made-up services, not copies of the AIRS samples).
@Suite("AIRS XML through the airs profile")
struct AIRSProfileTests {
    let vocabularies: Vocabularies
    let profile: ImportProfile

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        profile = try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("airs")
    }

    /// Reads one fixture through the profile.
    func read(_ fixture: String) throws -> ParsedList {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/\(fixture)", withExtension: nil),
            "missing fixture \(fixture)"
        )
        return try ProfileXMLReader(profile: profile, vocabularies: vocabularies)
            .read(.file(path: url.path), file: fixture, source: SourceName("airs-test"))
    }

    func service(_ recordID: String, in list: ParsedList) throws -> Service {
        try #require(list.services.first { $0.provenance.sourceRecordID == recordID }, "no service \(recordID)")
    }

    @Test("the profile is sound: its map targets are Signpost codes and every required field has a rule")
    func profileIsSound() {
        #expect(profile.problems(with: vocabularies).isEmpty)
        guard case .xml(let layout) = profile.layout else {
            Issue.record("the airs profile is not an XML profile")
            return
        }
        #expect(layout.group == "Agency")
        #expect(layout.record == "SiteService")
        #expect(profile.maps["airs-taxonomy"] != nil)
    }

    @Test("AIRS 3.0 (no namespace, attributes): SiteServices become services with their Agency and Site")
    func airs30Mapping() throws {
        let list = try read("airs-3.0.xml")
        #expect(list.recordCount == 3)
        #expect(list.acceptedCount == 2)
        #expect(list.rejectedCount == 1)

        let refuge = try service("3001", in: list)
        #expect(refuge.name == "Refuge and outreach")
        #expect(refuge.description == "Safe accommodation and outreach for women fleeing abuse.")
        #expect(refuge.provider.name == "Severn Vale Women's Aid")
        #expect(refuge.provider.website == "https://severnvale.example")
        #expect(refuge.needTypes.map(\.rawValue) == ["safe-accommodation", "domestic-abuse"])
        // The service's languages, then its Site's.
        #expect(refuge.languages.map(\.rawValue) == ["cy", "pl", "ur"])
        #expect(refuge.coverage.areas.map(\.rawValue) == ["E23000037"])
        #expect(refuge.contact.hours == "24 hours; office Mon-Fri 09:00-17:00")
        let location = try #require(refuge.locations.first)
        #expect(refuge.locations.count == 1)
        #expect(location.name == "Gloucester refuge")
        #expect(location.address == "7 Hidden Lane")
        #expect(location.town == "Gloucester")
        #expect(location.postcode == Postcode("GL1 2AA"))

        let hub = try service("3002", in: list)
        #expect(hub.provider.name == "Severn Vale Women's Aid")
        #expect(hub.needTypes.map(\.rawValue) == ["emotional-practical-support"])
        #expect(hub.coverage.areas == [.national])
        #expect(hub.contact.phone == "01452 496 222")
        #expect(hub.locations.first?.point == GeoPoint(latitude: 51.8642, longitude: -2.2382))
        #expect(hub.locations.first?.isConfidential == false)
    }

    @Test("a Confidential=\"true\" physical address makes the location confidential")
    func confidentialAddress() throws {
        let list = try read("airs-3.0.xml")
        #expect(try service("3001", in: list).locations.map(\.isConfidential) == [true])
        #expect(try service("3002", in: list).locations.map(\.isConfidential) == [false])
        let nested = try read("airs-4.0-nested.xml")
        let refuge = try service("SS902", in: nested)
        #expect(refuge.locations.map(\.isConfidential) == [true])
        #expect(refuge.locations.first?.postcode == Postcode("HX1 1AA"))
    }

    @Test("a confidential phone is withheld and the Site's or Agency's public phone is used")
    func confidentialPhoneWithheld() throws {
        // 3.0: the SiteService's own phone is Confidential="true"; the Site's public phone is taken.
        let refuge = try service("3001", in: read("airs-3.0.xml"))
        #expect(refuge.contact.phone == "01452 496 100")
        // 3.1: Confidential="1" (xs:boolean) is confidential too; the Site's phone says Confidential="0".
        let helpline = try service("701", in: read("airs-3.1.xml"))
        #expect(helpline.contact.phone == "0113 496 0500")
        // 4.0 child elements: the service's and the Site's phones are confidential; the Agency's is public.
        let calder = try service("SS902", in: read("airs-4.0-nested.xml"))
        #expect(calder.contact.phone == "01422 496 000")
        for list in try ["airs-3.0.xml", "airs-3.1.xml", "airs-4.0-nested.xml"].map(read) {
            for service in list.services {
                let phone = service.contact.phone ?? ""
                #expect(!phone.contains("07700"), "\(service.id) kept a confidential number: \(phone)")
                #expect(!phone.contains("01422 496 111"), "\(service.id) kept a confidential number: \(phone)")
            }
        }
    }

    @Test("unmapped taxonomy codes and areas are reported with their counts and lines")
    func unmappedValuesReported() throws {
        let list = try read("airs-3.0.xml")
        let code = try #require(list.unmapped.first { $0.value == "YF-5000" })
        #expect(code.count == 2)
        #expect(code.lines == [60, 124])
        let food = try #require(list.unmapped.first { $0.value == "BD-1800.2000" })
        #expect(food.lines == [123])
        let atlantis = try #require(list.unmapped.first { $0.value == "Atlantis" })
        #expect(atlantis.count == 1)
        #expect(atlantis.lines == [68])
        // US places map to nothing and are reported; the state abbreviation WA (also the Warrington postcode area)
        // is deliberately ignored rather than read as Warrington.
        #expect(list.unmapped.contains { $0.value == "Seattle" && $0.lines == [127] })
        #expect(list.unmapped.contains { $0.value == "United States" && $0.lines == [130] })
        #expect(!list.unmapped.contains { $0.value == "WA" })
        #expect(list.issues.contains { $0.severity == .warning && $0.value == "YF-5000" })
        // The US record has no need type and no area in England and Wales, so it is rejected with both reasons.
        let rejects = list.issues.filter { $0.severity == .error && $0.line == 119 }
        #expect(rejects.contains { $0.message.contains("need type") })
        #expect(rejects.contains { $0.message.contains("areas the service covers") })
        #expect(!list.services.contains { $0.provenance.sourceRecordID == "3003" })
    }

    @Test("AIRS 3.1 (default namespace): status, taxonomy prefixes, languages, dates and Site contacts")
    func airs31Mapping() throws {
        let list = try read("airs-3.1.xml")
        #expect(list.recordCount == 2)
        #expect(list.acceptedCount == 2)
        let helpline = try service("701", in: list)
        #expect(helpline.provider.name == "Aire Valley Rape Crisis")
        #expect(helpline.status == .accepting)
        // RP-1500.1400-750 (sexual assault hotlines), then a linked code under RP-1400.8000-020.21.
        #expect(helpline.needTypes.map(\.rawValue) == ["sexual-violence", "domestic-abuse", "mental-health-trauma"])
        #expect(helpline.languages.map(\.rawValue) == ["en", "es"])
        #expect(helpline.coverage.areas.map(\.rawValue) == ["LS1", "E23000010"])
        #expect(helpline.provenance.lastVerified == CalendarDate(year: 2026, month: 4, day: 30))
        #expect(helpline.contact.email == "help@airevalley.example")
        // Only Line1 of the address is read (the engine joins no paths for a single-valued field).
        #expect(helpline.locations.first?.address == "2 Park Row")
        #expect(helpline.locations.first?.point == GeoPoint(latitude: 53.799, longitude: -1.547))

        let dropIn = try service("702", in: list)
        #expect(dropIn.status == .paused)
        #expect(dropIn.needTypes.map(\.rawValue) == ["domestic-abuse", "emotional-practical-support"])
        #expect(dropIn.coverage.areas.map(\.rawValue) == ["E08000035"])
        // The Site's opening hours serve when the service gives none.
        #expect(dropIn.contact.hours == "Mon-Thu 10:00-16:00")
    }

    @Test("AIRS 4.0-rc1 element forms: ID, Title, AgencyName, TaxonomyCode, LanguageName lists, ServiceArea, OpenHours")
    func airs40ChildElements() throws {
        let list = try read("airs-4.0-nested.xml")
        #expect(list.recordCount == 1)
        #expect(list.rejectedCount == 0)
        let calder = try service("SS902", in: list)
        #expect(calder.name == "Calder refuge")
        #expect(calder.provider.name == "Calder Safe Homes")
        #expect(calder.status == .accepting)
        #expect(calder.needTypes.map(\.rawValue) == ["safe-accommodation", "domestic-abuse"])
        #expect(calder.languages.map(\.rawValue) == ["en", "pl", "ur"])
        #expect(calder.coverage.areas.map(\.rawValue) == ["HX1", "HX2", "E23000010"])
        #expect(calder.contact.hours == "Monday 09:00:00 17:00:00; Tuesday 09:00:00 17:00:00")
        #expect(calder.contact.email == "refuge@calder.example")
        #expect(calder.locations.first?.name == "Halifax refuge")
        #expect(calder.provenance.lastVerified == CalendarDate(year: 2026, month: 3, day: 31))
    }

    @Test("a flat AIRS 4.0-rc1 file (Agency, Site, SiteService side by side) is joined by its ids")
    func airs40FlatLayoutIsJoined() throws {
        // 4.0-rc1 links SiteService to its Site and Agency by SiteID and AgencyID; the profile keeps Agency, Site and
        // Service by id (xml.lookup) and follows the links (SiteID->Site/...).
        let list = try read("airs-4.0-flat.xml")
        #expect(list.recordCount == 1)
        let calder = try service("SS902", in: list)
        #expect(calder.name == "Calder advocacy")
        #expect(calder.provider.name == "Calder Safe Homes")
        #expect(calder.needTypes.map(\.rawValue) == ["domestic-abuse"])
        #expect(calder.coverage.areas.map(\.rawValue) == ["E23000010"])
        let site = try #require(calder.locations.first)
        #expect(site.name == "Halifax hub")
        #expect(site.address == "1 Square Road")
        #expect(site.postcode?.description == "HX1 1QE")
        #expect(site.isConfidential == false)
    }

    @Test("records marked deleted or excluded from directories are left out and counted")
    func deletedRecordsAreLeftOut() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Source xmlns="http://www.airs.org/schema/3_1/AIRS.xsd">
              <Agency><Key>1</Key><Name>Leeds Trust</Name>
                <Site><Key>2</Key><Name>Hub</Name>
                  <SiteService delete="true"><Key>3</Key><Name>Old service</Name></SiteService>
                  <SiteService><Key>4</Key><Name>Advocacy</Name><Taxonomy><Code>FN-1900</Code></Taxonomy>
                    <GeographicAreaServed><County>West Yorkshire</County></GeographicAreaServed></SiteService>
                </Site>
              </Agency>
              <Agency ExcludeFromDirectory="1"><Key>5</Key><Name>Hidden</Name>
                <Site><Key>6</Key><SiteService><Key>7</Key><Name>Hidden service</Name></SiteService></Site>
              </Agency>
            </Source>
            """
        let list = try ProfileXMLReader(profile: profile, vocabularies: vocabularies)
            .read(.memory(Array(xml.utf8)), file: "delta.xml", source: SourceName("airs-test"))
        #expect(list.services.map(\.provenance.sourceRecordID) == ["4"])
        #expect(list.recordCount == 1)
        #expect(
            list.issues.contains { $0.message.contains("1 <SiteService> record was left out because @delete=true|1") }
        )
        #expect(list.issues.contains { $0.message.contains("because ../../@ExcludeFromDirectory=true|1 (lines 11)") })
    }

    /// Reads AIRS XML given as text.
    func read(xml: String, file: String = "contacts.xml") throws -> ParsedList {
        try ProfileXMLReader(profile: profile, vocabularies: vocabularies)
            .read(.memory(Array(xml.utf8)), file: file, source: SourceName("airs-test"))
    }

    @Test("a Contact's public phone serves when the service, its Site and its Agency give none of their own")
    func contactPhones() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Source xmlns="http://www.airs.org/schema/3_1/AIRS.xsd">
              <Agency><Key>1</Key><Name>Leeds Trust</Name>
                <Contact Type="Director"><Name>Ann</Name>
                  <Phone TollFree="false" Confidential="true"><PhoneNumber>07700 900 001</PhoneNumber></Phone></Contact>
                <Site><Key>2</Key><Name>Hub</Name>
                  <Contact Type="Intake"><Name>Bob</Name>
                    <Phone TollFree="false" Confidential="false"><PhoneNumber>0113 496 0700</PhoneNumber></Phone></Contact>
                  <SiteService><Key>3</Key><Name>Advocacy</Name><Taxonomy><Code>FN-1900</Code></Taxonomy>
                    <GeographicAreaServed><County>West Yorkshire</County></GeographicAreaServed></SiteService>
                </Site>
                <ResourceInfo><Contact Type="Updater"><Name>Data team</Name>
                  <Phone TollFree="false" Confidential="false"><PhoneNumber>0113 496 0999</PhoneNumber></Phone></Contact>
                </ResourceInfo>
              </Agency>
              <Agency><Key>4</Key><Name>Bradford Trust</Name>
                <Phone TollFree="false" Confidential="false"><PhoneNumber>01274 496 000</PhoneNumber></Phone>
                <Site><Key>5</Key><Name>Hub</Name>
                  <Contact Type="Intake"><Name>Cat</Name>
                    <Phone TollFree="false" Confidential="false"><PhoneNumber>01274 496 111</PhoneNumber></Phone></Contact>
                  <SiteService><Key>6</Key><Name>Advocacy</Name><Taxonomy><Code>FN-1900</Code></Taxonomy>
                    <GeographicAreaServed><County>West Yorkshire</County></GeographicAreaServed></SiteService>
                </Site>
              </Agency>
            </Source>
            """
        let list = try read(xml: xml)
        // The only public number is the Site contact's; the Agency contact's is confidential and the data team's
        // (ResourceInfo) is not for the public.
        #expect(try service("3", in: list).contact.phone == "0113 496 0700")
        // An Agency's own public number beats a contact's.
        #expect(try service("6", in: list).contact.phone == "01274 496 000")
    }

    @Test("AIRS 4.0-rc1 ContactPhone elements are read, confidential ones withheld")
    func contactPhones40() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Source xmlns="http://www.airs.org/schema/4_0_0/AIRS.xsd">
              <Agency><AgencyID>A1</AgencyID><AgencyName>Calder Safe Homes</AgencyName>
                <Contact><Name>Ann</Name><ContactPhone><Phone>07700 900 002</Phone><Confidential>true</Confidential>
                  </ContactPhone><ContactType>Director</ContactType></Contact></Agency>
              <Site><ID>S1</ID><AgencyID>A1</AgencyID><Title>Halifax hub</Title></Site>
              <SiteService><ID>SS1</ID><SiteID>S1</SiteID><AgencyID>A1</AgencyID><Title>Advocacy</Title>
                <Taxonomy><TaxonomyCode>FN-1900</TaxonomyCode></Taxonomy><ServiceArea><County>West Yorkshire</County></ServiceArea>
                <Contact><Name>Dee</Name><ContactPhone><Phone>01422 496 500</Phone><Confidential>false</Confidential>
                  </ContactPhone><ContactType>Intake</ContactType></Contact>
              </SiteService>
              <SiteService><ID>SS2</ID><SiteID>S1</SiteID><AgencyID>A1</AgencyID><Title>Outreach</Title>
                <Taxonomy><TaxonomyCode>FN-1900</TaxonomyCode></Taxonomy><ServiceArea><County>West Yorkshire</County></ServiceArea>
              </SiteService>
            </Source>
            """
        let list = try read(xml: xml)
        #expect(try service("SS1", in: list).contact.phone == "01422 496 500")
        #expect(try service("SS2", in: list).contact.phone == nil)
    }

    @Test("a file declaring ISO-8859-1 is read in that encoding")
    func latin1Encoding() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/airs-3.0-latin1.xml", withExtension: nil))
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(bytes.contains(0xE9))  // é as one Latin-1 byte: the file really is ISO-8859-1
        #expect(String(bytes: bytes, encoding: .utf8) == nil)
        let list = try read("airs-3.0-latin1.xml")
        #expect(list.acceptedCount == 1)
        let cafe = try service("303", in: list)
        #expect(cafe.name == "Caf\u{E9} cefnogaeth - victim support caf\u{E9}")
        #expect(cafe.locations.first?.name == "Caf\u{E9} Cymraeg, Llanelli")
        #expect(cafe.provider.name == "Gwasanaeth Cefnogi Dioddefwyr Llanelli")
        #expect(cafe.languages.map(\.rawValue) == ["cy", "en"])
        #expect(cafe.coverage.areas.map(\.rawValue) == ["W15000004"])
    }

    @Test("CR-only line ends read, with the right line numbers in the report")
    func crOnlyLineEnds() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/airs-3.1-cr.xml", withExtension: nil))
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(!bytes.contains(UInt8(ascii: "\n")))  // the fixture really has CR-only line ends
        let list = try read("airs-3.1-cr.xml")
        #expect(list.recordCount == 2)
        #expect(list.acceptedCount == 1)
        let advocacy = try service("403", in: list)
        #expect(advocacy.coverage.areas.map(\.rawValue) == ["E23000004"])
        #expect(advocacy.locations.first?.postcode == Postcode("L2 2HZ"))
        let unknown = try #require(list.unmapped.first { $0.value == "ZZ-9999.0000" })
        #expect(unknown.count == 2)
        #expect(unknown.lines == [24, 34])
        // The second SiteService (line 30) has no code Signpost knows, so it is rejected at its own line.
        #expect(list.issues.contains { $0.severity == .error && $0.line == 30 && $0.message.contains("need type") })
    }
}
