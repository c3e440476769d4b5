import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignpostTestSupport
import Testing

/// Every Open Referral route's answer, for a catalog with a refuge, validated against the ORUK 3.0 schemas.
@Suite("Open Referral answers validate against the HSDS 3.0 schemas with the ORUK profile")
struct ConformanceTests {
    func failures(_ body: ByteBuffer, _ validator: JSONSchemaValidator) -> [String] {
        validator.validate(json: Data(body.readableBytesView)).map(\.description)
    }

    @Test func everyRouteValidates() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let service = try ORUKSchemas.validator("service")
        let listItem = try ORUKSchemas.validator("service_list")
        let term = try ORUKSchemas.validator("taxonomy_term")
        let taxonomy = try ORUKSchemas.validator("taxonomy")
        try await fixture.application().test(.router) { client in
            for key in [fixture.partner, fixture.admin] {
                let list = try await client.call(.get, "/services?per_page=50", key: key)
                let page = try json(list)
                let contents = try #require(page["contents"] as? [[String: Any]])
                #expect(contents.count == 9)
                for item in contents {
                    #expect(listItem.validate(item).map(\.description) == [], "list item \(item["name"] ?? "")")
                    let id = try #require(item["id"] as? String)
                    let full = try await client.call(.get, "/services/\(id)", key: key)
                    #expect(full.status == .ok)
                    #expect(failures(full.body, service) == [], "/services/\(id)")
                }
            }
            let terms = try json(try await client.call(.get, "/taxonomy_terms?per_page=200", key: fixture.partner))
            for item in try #require(terms["contents"] as? [[String: Any]]) {
                #expect(term.validate(item).map(\.description) == [])
            }
            // Services at locations: the list and each item, by the UUID the list gives.
            let salList = try ORUKSchemas.validator("service_at_location_list")
            let salFull = try ORUKSchemas.validator("service_at_location")
            let sals = try json(try await client.call(.get, "/service_at_locations?per_page=50", key: fixture.admin))
            let salItems = try #require(sals["contents"] as? [[String: Any]])
            // Every fixture service has one public location; the refuge's own is never listed.
            #expect(salItems.count == 9)
            #expect(!String(describing: sals).contains(APIFixture.refugeName))
            for item in salItems {
                #expect(salList.validate(item).map(\.description) == [])
                let id = try #require(item["id"] as? String)
                let full = try await client.call(.get, "/service_at_locations/\(id)", key: fixture.partner)
                #expect(full.status == .ok)
                #expect(failures(full.body, salFull) == [], "/service_at_locations/\(id)")
            }
            let taxonomies = try json(try await client.call(.get, "/taxonomies", key: fixture.partner))
            for item in try #require(taxonomies["contents"] as? [[String: Any]]) {
                #expect(taxonomy.validate(item).map(\.description) == [])
            }
            // Every list's envelope is an ORUK page, with every field the profile names.
            let envelope = try ORUKSchemas.validator("page")
            let services = try json(try await client.call(.get, "/services?per_page=5&page=2", key: fixture.partner))
            for (name, page) in [
                ("/services", services), ("/taxonomy_terms", terms), ("/service_at_locations", sals),
                ("/taxonomies", taxonomies),
            ] {
                #expect(envelope.validate(page).map(\.description) == [], "\(name)")
                for field in ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"] {
                    #expect(page[field] != nil, "\(name) has no \(field)")
                }
            }
            // The root: what the API is, with an absolute address for its OpenAPI document.
            let root = try await client.call(.get, "/", key: fixture.partner)
            #expect(failures(root.body, try ORUKSchemas.validator("api_meta")) == [])
        }
    }
}
