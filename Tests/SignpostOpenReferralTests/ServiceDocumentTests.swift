import Foundation
import SignpostCore
import SignpostOpenReferral
import SignpostTestSupport
import Testing

@Test func fullServiceHasOnlyReferenceKeysAndTheRequiredOnes() throws {
    let document = try parseObject(
        OpenReferral.service(fullService(), vocabularies: try vocabularies(), includeConfidential: false)
    )
    #expect(unexpectedKeys(document, allowed: ReferenceShapes.service) == [])
    #expect(ReferenceShapes.serviceRequired.isSubset(of: Set(document.keys)))
    #expect(document["url"] as? String == "https://example.org/outreach")
    for name in [
        "contacts", "schedules", "service_areas", "service_at_locations", "languages", "funding", "attributes",
        "service_capacities",
    ] {
        #expect(document[name] is [[String: Any]], "\(name) should be written for the fixture")
    }
}

@Test func fullServiceNestedObjectsHaveOnlyReferenceKeys() throws {
    let document = try parseObject(
        OpenReferral.service(fullService(), vocabularies: try vocabularies(), includeConfidential: false)
    )
    let organization = try object(document, "organization")
    #expect(unexpectedKeys(organization, allowed: ReferenceShapes.organization) == [])
    for identifier in try objects(organization, "organization_identifiers") {
        #expect(unexpectedKeys(identifier, allowed: ReferenceShapes.organizationIdentifier) == [])
    }
    for area in try objects(document, "service_areas") {
        #expect(unexpectedKeys(area, allowed: ReferenceShapes.serviceArea) == [])
    }
    for serviceAtLocation in try objects(document, "service_at_locations") {
        #expect(unexpectedKeys(serviceAtLocation, allowed: ReferenceShapes.serviceAtLocation) == [])
        let location = try object(serviceAtLocation, "location")
        #expect(unexpectedKeys(location, allowed: ReferenceShapes.location) == [])
        for address in try objects(location, "addresses") {
            #expect(unexpectedKeys(address, allowed: ReferenceShapes.address) == [])
        }
    }
    for language in try objects(document, "languages") {
        #expect(unexpectedKeys(language, allowed: ReferenceShapes.language) == [])
    }
    for contact in try objects(document, "contacts") {
        #expect(unexpectedKeys(contact, allowed: ReferenceShapes.contact) == [])
        for phone in try objects(contact, "phones") {
            #expect(unexpectedKeys(phone, allowed: ReferenceShapes.phone) == [])
        }
    }
    for schedule in try objects(document, "schedules") {
        #expect(unexpectedKeys(schedule, allowed: ReferenceShapes.schedule) == [])
    }
    for funding in try objects(document, "funding") {
        #expect(unexpectedKeys(funding, allowed: ReferenceShapes.funding) == [])
    }
    for attribute in try objects(document, "attributes") {
        #expect(unexpectedKeys(attribute, allowed: ReferenceShapes.attribute) == [])
        let term = try object(attribute, "taxonomy_term")
        #expect(unexpectedKeys(term, allowed: ReferenceShapes.taxonomyTerm) == [])
    }
    for capacity in try objects(document, "service_capacities") {
        #expect(unexpectedKeys(capacity, allowed: ReferenceShapes.serviceCapacity) == [])
        #expect(unexpectedKeys(try object(capacity, "unit"), allowed: ReferenceShapes.unit) == [])
    }
}

@Test func fullServiceMapsSignpostFields() throws {
    let service = fullService()
    let document = try parseObject(
        OpenReferral.service(service, vocabularies: try vocabularies(), includeConfidential: false)
    )
    #expect(document["id"] as? String == OpenReferralID.uuid("test-list/T-001"))
    #expect(document["name"] as? String == "Leeds Domestic Abuse Outreach")
    #expect(document["email"] as? String == "help@example.org")
    #expect(document["status"] as? String == "active")
    #expect(document["minimum_age"] as? Int == 16)
    #expect(document["maximum_age"] as? Int == 99)
    #expect(document["assured_date"] as? String == "2026-10-01")
    #expect(document["alert"] == nil)
    #expect(document["last_modified"] == nil)
    #expect(document["interpretation_services"] as? String == "The service arranges interpreters.")
    #expect(document["application_process"] as? String == "Referral routes: Police referral, Self-referral.")
    #expect(
        document["wait_time"] as? String
            == "Typical wait from referral to first contact: 9 days (reported 2026-11-01)."
    )

    let organization = try object(document, "organization")
    #expect(organization["id"] as? String == OpenReferralID.organization("charity-9000001"))
    #expect((organization["description"] as? String)?.isEmpty == false)
    #expect(organization["name"] as? String == "Aire Valley Support (sample)")
    #expect(organization["website"] as? String == "https://example.org")
    let identifier = try #require(try objects(organization, "organization_identifiers").first)
    #expect(identifier["identifier_scheme"] as? String == "GB-CHC")
    #expect(identifier["identifier"] as? String == "9000001")

    let contact = try #require(try objects(document, "contacts").first)
    let phone = try #require(try objects(contact, "phones").first)
    #expect(phone["number"] as? String == "0113 496 0000")
    #expect(try objects(document, "schedules").first?["description"] as? String == "Mon-Fri 09:00-17:00")
    #expect(try objects(document, "funding").first?["source"] as? String == "Commissioned by West Yorkshire (sample)")

    let languages = try objects(document, "languages")
    #expect(languages.map { $0["code"] as? String } == ["en", "pl", "bfi"])
    #expect(languages.map { $0["name"] as? String } == ["English", "Polish", "British Sign Language"])

    let capacity = try #require(try objects(document, "service_capacities").first)
    #expect(capacity["available"] as? Int == 6)
    #expect(capacity["maximum"] as? Int == 40)
    #expect(capacity["updated"] as? String == "2026-11-01T00:00:00Z")
    #expect(try object(capacity, "unit")["id"] as? String == "cases")
}

@Test func serviceAreasNameEachCoverageArea() throws {
    let document = try parseObject(
        OpenReferral.service(fullService(), vocabularies: try vocabularies(), includeConfidential: false)
    )
    let areas = try objects(document, "service_areas")
    #expect(
        areas.map { $0["id"] as? String }
            == [
                "test-list/T-001#area-E23000010", "test-list/T-001#area-E08000035", "test-list/T-001#area-LS1",
                "test-list/T-001#area-national",
            ].map(OpenReferralID.uuid)
    )
    #expect(areas[0]["name"] as? String == "West Yorkshire")
    #expect(areas[0]["service_area"] as? String == "West Yorkshire")
    #expect(areas[0]["description"] as? String == "Police force area, ONS code E23000010")
    #expect(areas[0]["uri"] as? String == "http://statistics.data.gov.uk/id/statistical-geography/E23000010")
    #expect(areas[1]["name"] as? String == "Leeds")
    #expect(areas[1]["description"] as? String == "Local authority, ONS code E08000035")
    #expect(areas[2]["description"] as? String == "Postcode district LS1")
    #expect(areas[2]["uri"] == nil)
    #expect(areas[3]["name"] as? String == "England and Wales")
    #expect(areas[3]["description"] as? String == "England and Wales")
}

@Test func attributesCarryNeedTypesAndSpecialismsAsTaxonomyTerms() throws {
    let document = try parseObject(
        OpenReferral.service(fullService(), vocabularies: try vocabularies(), includeConfidential: false)
    )
    let attributes = try objects(document, "attributes")
    #expect(
        attributes.map { $0["taxonomy_term_id"] as? String }
            == [
                "need-types:domestic-abuse", "specialisms:women-only", "signpost-service:id",
            ].map(OpenReferralID.uuid)
    )
    #expect(attributes.map { $0["link_type"] as? String } == ["need_type", "specialism", "signpost_id"])
    // The readable id is kept beside the UUID.
    #expect(attributes[2]["value"] as? String == "test-list/T-001")
    #expect(attributes.allSatisfy { $0["link_entity"] as? String == "service" })
    let term = try object(attributes[0], "taxonomy_term")
    #expect(term["id"] as? String == OpenReferralID.uuid("need-types:domestic-abuse"))
    #expect(term["code"] as? String == "domestic-abuse")
    #expect(term["name"] as? String == "Domestic abuse")
    #expect(term["taxonomy_id"] as? String == OpenReferralID.uuid("need-types"))
    #expect((term["description"] as? String)?.isEmpty == false)
}

@Test(
    arguments: [
        (ServiceStatus.accepting, "active", nil),
        (.waitlist, "active", "Taking referrals onto a waiting list."),
        (.paused, "temporarily closed", "Not taking referrals for now."),
        (.closed, "defunct", nil),
    ] as [(ServiceStatus, String, String?)]
)
func statusMapsToTheHSDSEnumWithAnAlert(_ status: ServiceStatus, _ expected: String, _ alert: String?) throws {
    let document = try parseObject(
        OpenReferral.service(
            Fixtures.service(status: status),
            vocabularies: try vocabularies(),
            includeConfidential: false
        )
    )
    #expect(document["status"] as? String == expected)
    #expect(ReferenceShapes.statuses.contains(expected))
    #expect(document["alert"] as? String == alert)
}

@Test func missingOptionalValuesAreLeftOutNotNull() throws {
    var service = Fixtures.service()
    service.description = nil
    service.contact = Contact()
    service.provider = Provider(id: ProviderID("slug-provider"), name: "No Charity Number")
    service.eligibility = .anyone
    service.languages = []
    service.offersInterpreting = false
    service.locations = []
    service.capacity = Capacity(maximum: 10)
    service.waitingTime = nil
    service.commissioning = Commissioning()
    service.specialisms = []
    service.provenance.lastVerified = nil
    let bytes = OpenReferral.service(service, vocabularies: try vocabularies(), includeConfidential: false)
    #expect(!text(bytes).contains("null"))
    #expect(!text(bytes).contains("[]"))
    let document = try parseObject(bytes)
    for name in [
        "description", "url", "email", "minimum_age", "maximum_age", "assured_date", "wait_time",
        "interpretation_services", "eligibility_description", "contacts", "schedules", "service_at_locations",
        "languages", "funding", "service_capacities",
    ] {
        #expect(document[name] == nil, "\(name) should be left out")
    }
    #expect(try object(document, "organization")["organization_identifiers"] == nil)
    #expect(try objects(document, "attributes").count == 2)
}

@Test func summaryHasTheServiceListItemKeysOnly() throws {
    var writer = JSONWriter()
    OpenReferral.writeService(
        fullService(),
        vocabularies: try vocabularies(),
        detail: .summary,
        includeConfidential: true,
        into: &writer
    )
    let item = try parseObject(writer.bytes)
    #expect(unexpectedKeys(item, allowed: ReferenceShapes.serviceListItem) == [])
    #expect(ReferenceShapes.serviceRequired.isSubset(of: Set(item.keys)))
    #expect(unexpectedKeys(try object(item, "organization"), allowed: ReferenceShapes.organizationInList) == [])
    #expect(item["service_at_locations"] == nil)
}

@Test func writingLeavesNoFoundationInTheModule() throws {
    let folder = "\(Fixtures.projectRoot)/Sources/SignpostOpenReferral"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
    #expect(files.contains("JSONWriter.swift"))
    for file in files {
        let source = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
        #expect(!source.contains("import Foundation"), "\(file) imports Foundation")
        #expect(!source.contains("import FoundationEssentials"), "\(file) imports FoundationEssentials")
        #expect(!source.contains("JSONEncoder()"), "\(file) uses JSONEncoder")
    }
}
