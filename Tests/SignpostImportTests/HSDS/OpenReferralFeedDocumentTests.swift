import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// Service documents as an ORUK 3.0 feed serves them (`service_full`, HSDS 3.0 JSON) read by the HSDS reader: every
/// nested table arrives, a phone's own languages are not the service's, and a document that is not JSON is rejected
/// with its place while the others are read.
@Suite("Open Referral UK feed documents read as HSDS tables")
struct OpenReferralFeedDocumentTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// A service_full shaped as the HSDS 3.0 and ORUK 3.0 examples are, with UK values.
    static let document = """
        {
          "id": "9d1c5f8a-0000-4000-8000-000000000001",
          "name": "Calder Valley Hate Crime Advocacy",
          "description": "Advocacy after a hate incident.",
          "url": "https://calder.example.org/hate-crime",
          "email": "advocacy@calder.example.org",
          "status": "active",
          "interpretation_services": "Interpreters for Urdu and Polish on request",
          "wait_time": "Usually 2-3 weeks",
          "minimum_age": 16,
          "assured_date": "2026-09-14",
          "organization": {
            "id": "org-7", "name": "Calder Advocacy Trust",
            "organization_identifiers": [
              {"id": "oi-1", "identifier_scheme": "GB-CHC", "identifier_type": "Charity number", "identifier": "1123456"}
            ],
            "locations": [{"id": "loc-hq", "name": "Head office"}]
          },
          "contacts": [
            {"id": "c-1", "name": "Duty advocate",
             "phones": [{"id": "p-1", "number": "01422 000 111", "languages": [{"id": "pl-1", "name": "Welsh"}]}]}
          ],
          "service_areas": [
            {"id": "sa-1", "name": "Calderdale", "uri": "http://statistics.data.gov.uk/id/statistical-geography/E08000033"}
          ],
          "languages": [{"id": "l-1", "name": "English", "code": "en"}, {"id": "l-2", "name": "Urdu", "code": "ur"}],
          "schedules": [{"id": "s-1", "description": "Weekdays 9am to 5pm"}],
          "service_at_locations": [
            {"id": "sal-1",
             "location": {
               "id": "loc-1", "name": "Halifax drop-in", "latitude": 53.7248, "longitude": -1.8658,
               "addresses": [{"id": "ad-1", "address_1": "1 Square Road", "city": "Halifax", "postal_code": "HX1 1QG",
                              "country": "GB", "address_type": "physical"}],
               "accessibility": [{"id": "ac-1", "description": "Wheelchair access and an induction loop"}]
             }}
          ],
          "attributes": [
            {"id": "at-1", "taxonomy_term_id": "t-1", "taxonomy_term": {"id": "t-1", "name": "Hate crime"}}
          ],
          "cost_options": [{"id": "co-1", "amount": 0}]
        }
        """

    @Test func aServiceFullArrivesWithEveryNestedTable() throws {
        let result = HSDSTabularReader.read(
            documents: [.init(address: "https://feed.example/services/1", bytes: Array(Self.document.utf8))],
            feed: "https://feed.example",
            vocabularies: vocabularies,
            source: SourceName("calder")
        )
        #expect(result.issues.filter { $0.severity == .error }.isEmpty, "\(result.issues)")
        let service = try #require(result.services.first)
        #expect(service.name == "Calder Valley Hate Crime Advocacy")
        #expect(service.provider.name == "Calder Advocacy Trust")
        #expect(service.provider.charityNumber == "1123456")
        #expect(service.contact.phone == "01422 000 111")
        #expect(service.contact.hours == "Weekdays 9am to 5pm")
        #expect(service.needTypes == ["hate-crime"])
        #expect(service.coverage.areas == [AreaCode("E08000033")])
        // The phone's Welsh is the line's, not the service's.
        #expect(Set(service.languages) == ["en", "ur", "pl"])
        #expect(service.offersInterpreting)
        #expect(service.waitingTime?.days == 21)
        #expect(service.eligibility.minimumAge == 16)
        #expect(service.locations.map(\.postcode) == [Postcode("HX1 1QG")])
        #expect(Set(service.accessibility).isSuperset(of: ["step-free", "hearing-loop"]))
        #expect(!result.issues.contains { $0.message.contains("names no") }, "\(result.issues)")
    }

    @Test func aDocumentThatIsNotJSONIsRejectedAtItsPlaceAndTheOthersAreRead() throws {
        let result = HSDSTabularReader.read(
            documents: [
                .init(address: "https://feed.example/services/0", bytes: Array("<html>gone</html>".utf8)),
                .init(address: "https://feed.example/services/1", bytes: Array(Self.document.utf8)),
            ],
            feed: "https://feed.example",
            vocabularies: vocabularies,
            source: SourceName("calder")
        )
        #expect(result.services.count == 1)
        #expect(result.recordCount == 2)
        let rejected = try #require(result.issues.first { $0.severity == .error })
        #expect(rejected.place == "service 1 of the feed")
        #expect(rejected.value == "https://feed.example/services/0")
        #expect(rejected.message.contains("not JSON"))
    }

    @Test func aListPageGivesItsPagingAndSaysWhichItemsAreWhole() throws {
        let page = try OpenReferralFeedPage.parse(
            Array(
                """
                {"total_items": 2, "total_pages": 1, "page_number": 1, "contents": [
                  {"id": "a", "name": "A", "last_modified": "2026-11-30T10:00:00Z"},
                  \(Self.document)
                ]}
                """.utf8
            )
        )
        #expect(page.totalPages == 1)
        #expect(page.items.map(\.id) == ["a", "9d1c5f8a-0000-4000-8000-000000000001"])
        #expect(page.items.map(\.isFull) == [false, true])
        #expect(page.items[0].lastModified == "2026-11-30T10:00:00Z")
        // An item kept as a document reads back as the same JSON.
        let again = try JSONSerialization.jsonObject(with: Data(page.items[1].document)) as? [String: Any]
        #expect(again?["name"] as? String == "Calder Valley Hate Crime Advocacy")
        #expect(throws: OpenReferralFeedError.self) { try OpenReferralFeedPage.parse(Array(#"{"items": []}"#.utf8)) }
    }
}
