import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignpostOpenReferral
import SignpostTestSupport
import Testing

/// What HTTP clients and the ORUK documents expect of every route: HEAD, 405, `+` as a space, paging and the ORUK
/// query parameters.
@Suite("The API speaks HTTP and ORUK as clients expect")
struct HTTPProtocolTests {
    @Test func headAnswersAsGetWithoutABody() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let health = try await client.call(.head, "/healthz")
            #expect(health.status == .ok)
            #expect(health.body.readableBytes == 0)
            let service = try await client.call(.head, "/services/test-list/WY-1", key: fixture.partner)
            #expect(service.status == .ok)
            #expect(service.headers[.eTag] != nil)
            #expect(service.body.readableBytes == 0)
            #expect(try await client.call(.head, "/services/test-list/WY-1").status == .unauthorized)
        }
    }

    /// The OpenAPI document and the routes are one truth: every documented path and method is routed (with an admin
    /// key it is never "no such route" nor 405), and a path the document does not have is not.
    @Test func everyDocumentedRouteIsRouted() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let document = try await client.call(.get, "/openapi.json")
            let object = try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView))
            let paths = try #require((object as? [String: Any])?["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 15)
            for (path, operations) in paths {
                let uri = path.replacingOccurrences(of: "{source}", with: "test-list")
                    .replacingOccurrences(of: "{record}", with: "WY-1").replacingOccurrences(of: "{id}", with: "x")
                for method in operations.keys {
                    let verb = try #require(HTTPRequest.Method(method.uppercased()))
                    let response = try await client.call(
                        verb,
                        uri,
                        key: fixture.admin,
                        body: verb == .post ? "{}" : nil
                    )
                    let text = String(buffer: response.body)
                    #expect(response.status != .methodNotAllowed, "\(method) \(path)")
                    #expect(!text.contains("no such route"), "\(method) \(path): \(text)")
                }
            }
            #expect(
                String(buffer: try await client.call(.get, "/service", key: fixture.admin).body).contains(
                    "no such route"
                )
            )
        }
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let post = try await client.call(.post, "/services", key: fixture.partner, body: "{}")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD, OPTIONS")
            let get = try await client.call(.get, "/referrals/suggest", key: fixture.partner)
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            #expect(
                try await client.call(.delete, "/services/test-list/WY-1", key: fixture.admin).status
                    == .methodNotAllowed
            )
            #expect(try await client.call(.get, "/no-such-route", key: fixture.partner).status == .notFound)
            // A plain OPTIONS (no Origin: not a preflight) names the methods.
            let options = try await client.call(.options, "/taxonomies/need-types")
            #expect(options.status == .noContent)
            #expect(options.headers[.allow] == "GET, HEAD, OPTIONS")
            #expect(try await client.call(.options, "/gaps", key: fixture.admin).headers[.allow] == "GET, HEAD")
        }
    }

    @Test func aPlusInTheQueryIsASpace() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let plus = try json(try await client.call(.get, "/services?search=West+Yorkshire", key: fixture.partner))
            let encoded = try json(
                try await client.call(.get, "/services?search=West%20Yorkshire", key: fixture.partner)
            )
            #expect((plus["total_items"] as? Int ?? 0) > 0)
            #expect(plus["total_items"] as? Int == encoded["total_items"] as? Int)
            // An encoded plus stays a plus.
            let literal = try json(
                try await client.call(.get, "/services?search=West%2BYorkshire", key: fixture.partner)
            )
            #expect(literal["total_items"] as? Int == 0)
        }
    }

    @Test func taxonomiesAndTermsPageAndFilterAsORUKSays() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let second = try json(try await client.call(.get, "/taxonomies?page=2&per_page=1", key: fixture.partner))
            #expect(second["total_items"] as? Int == 2)
            #expect(second["total_pages"] as? Int == 2)
            let items = try #require(second["contents"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [OpenReferralID.uuid("specialisms")])
            let searched = try json(
                try await client.call(.get, "/taxonomy_terms?search=stalk", key: fixture.partner)
            )
            let codes = (searched["contents"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes.contains("stalking"))
            #expect(!codes.contains("fraud"))
            let children = try json(
                try await client.call(
                    .get,
                    "/taxonomy_terms?parent_id=\(OpenReferralID.uuid("need-types:stalking"))",
                    key: fixture.partner
                )
            )
            #expect(children["total_items"] as? Int == 0)
            let top = try json(
                try await client.call(.get, "/taxonomy_terms?top_only=true&per_page=500", key: fixture.partner)
            )
            let all = try json(try await client.call(.get, "/taxonomy_terms?per_page=500", key: fixture.partner))
            #expect(top["total_items"] as? Int == all["total_items"] as? Int)
            #expect(
                try await client.call(.get, "/taxonomy_terms?top_only=maybe", key: fixture.partner).status
                    == .badRequest
            )
            let root = try json(try await client.call(.get, "/", key: fixture.partner))
            #expect((root["openapi_url"] as? String)?.hasPrefix("http") == true)
            #expect((root["openapi_url"] as? String)?.hasSuffix("/openapi.json") == true)
        }
    }
}

@Suite("What the documents promise, the API does")
struct DocumentedRulesTests {
    @Test func aFractionalAgeIsNamed() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post,
                "/referrals/suggest",
                key: fixture.partner,
                body: #"{"needs": ["domestic-abuse"], "area": "E23000010", "age": 34.7}"#
            )
            #expect(response.status == .badRequest)
            let detail = try json(response)["detail"] as? String ?? ""
            #expect(detail.contains("age: must be a whole number, not 34.7"), "\(detail)")
        }
    }

    /// Forms send `""` for what was not chosen, and JSON libraries `null`: both are a member not given. A blank entry
    /// in a list is refused.
    @Test func blankAndNullMembersAreNotGiven() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let blank =
                #"{"needs": ["domestic-abuse"], "area": "E23000010", "crime_type": "", "risk_level": " ", "#
                + #""gender": null, "language": "", "postcode": "", "referral_route": null, "age_band": ""}"#
            let answered = try await client.call(.post, "/referrals/suggest", key: fixture.partner, body: blank)
            #expect(answered.status == .ok, "\(String(buffer: answered.body))")
            #expect(((try json(answered))["suggestions"] as? [Any])?.isEmpty == false)
            let refused = try await client.call(
                .post,
                "/referrals/suggest",
                key: fixture.partner,
                body: #"{"needs": ["domestic-abuse", ""], "area": "E23000010"}"#
            )
            #expect(refused.status == .badRequest)
        }
    }

    @Test func aPostcodeWinsOverAnAreaAndUUIDsFilterAsReadableIdsDo() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let both = try await client.call(
                .get,
                "/services?postcode=LS1+4AP&area=Cardiff",
                key: fixture.partner
            )
            #expect(both.status == .ok)
            let postcode = try json(try await client.call(.get, "/services?postcode=LS1+4AP", key: fixture.partner))
            #expect(try json(both)["total_items"] as? Int == postcode["total_items"] as? Int)
            for (readable, uuid) in [
                (
                    "taxonomy_term_id=need-types:stalking",
                    "taxonomy_term_id=\(OpenReferralID.uuid("need-types:stalking"))"
                ),
                (
                    "organization_id=charity-9000001",
                    "organization_id=\(OpenReferralID.organization("charity-9000001"))"
                ),
                ("taxonomy_id=specialisms", "taxonomy_id=\(OpenReferralID.uuid("specialisms"))"),
            ] {
                let byReadable = try json(try await client.call(.get, "/services?\(readable)", key: fixture.partner))
                let byUUID = try json(try await client.call(.get, "/services?\(uuid)", key: fixture.partner))
                #expect((byReadable["total_items"] as? Int ?? 0) > 0, "\(readable)")
                #expect(byReadable["total_items"] as? Int == byUUID["total_items"] as? Int, "\(uuid)")
            }
        }
    }
}
