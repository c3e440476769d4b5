import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

/// Issue 16, item 4: `PATCH /services/{id}/availability`, for every role.
@Suite("Partner API: services report their availability")
struct AvailabilityAPITests {
    let body = #"{"capacity_available": 0, "wait_days": 21, "status": "waitlist"}"#

    @Test func onlyAProviderKeyBoundToTheServiceOrAnAdminKeyMayReport() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let path = "/services/test-list%2FWY-1/availability"
            #expect(try await client.call(.patch, path, body: body).status == .unauthorized)
            for (key, role) in [(fixture.partner, "partner"), (fixture.commissioner, "commissioner")] {
                let refused = try await client.call(.patch, path, key: key, body: body)
                #expect(refused.status == .forbidden, "\(role)")
                #expect(String(buffer: refused.body).contains("provider key"), "\(role)")
            }
            // A provider key for another provider, and the bound key on a service it is not bound to.
            #expect(try await client.call(.patch, path, key: fixture.otherProvider, body: body).status == .forbidden)
            let notItsOwn = try await client.call(
                .patch,
                "/services/test-list/WY-2/availability",
                key: fixture.provider,
                body: body
            )
            #expect(notItsOwn.status == .forbidden)
            #expect(String(buffer: notItsOwn.body).contains("only its own services"))
            // Nor may a provider key read anything else.
            #expect(
                try await client.call(.post, "/referrals/suggest", key: fixture.provider, body: assessmentBody).status
                    == .forbidden
            )

            let accepted = try await client.call(.patch, path, key: fixture.provider, body: body)
            #expect(accepted.status == .ok, "\(String(buffer: accepted.body))")
            let change = try json(accepted)
            #expect(change["service_id"] as? String == "test-list/WY-1")
            #expect((change["changed_by"] as? String)?.hasPrefix("key:") == true)
            #expect((change["old"] as? [String: Any])?["capacity_available"] as? Int == 6)
            #expect((change["new"] as? [String: Any])?["status"] as? String == "waitlist")
            // Admin: any service, by either form of its id.
            #expect(
                try await client.call(
                    .patch,
                    "/services/test-list/WY-2/availability",
                    key: fixture.admin,
                    body: #"{"capacity_maximum": 50}"#
                ).status == .ok
            )
            #expect(
                try await client.call(.patch, "/services/test-list%2FNOPE/availability", key: fixture.admin, body: body)
                    .status == .notFound
            )
        }
        let history = try await fixture.catalog.availabilityHistory(of: ServiceID("test-list/WY-1"))
        #expect(history.count == 1)
        #expect(history.first?.new.waitDays == 21)
        #expect(history.first?.changedAt == Date(timeIntervalSince1970: 1_795_305_600))
        let stored = try await fixture.catalog.service(id: ServiceID("test-list/WY-1"))
        #expect(stored?.status == .waitlist && stored?.provenance.availabilityReport != nil)
    }

    @Test(arguments: [
        (#"{"capacity_available": 41}"#, 422, "capacity_available"),
        (#"{"capacity_available": 1.5}"#, 400, "whole numbers"),
        (#"{"wait_days": true}"#, 400, "whole numbers"),
        (#"{"status": "closed"}"#, 422, "closed"),
        (#"{"status": "open"}"#, 400, "accepting, waitlist or paused"),
        (#"{"capacity": 3}"#, 400, "'capacity' is not a field"),
        (#"{}"#, 422, "nothing to change"),
        (#"[1, 2]"#, 400, "JSON object"),
        ("not json", 400, "JSON object"),
    ])
    func aBadReportIsRefusedNamingWhy(body: String, status: Int, says: String) async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .patch,
                "/services/test-list/WY-1/availability",
                key: fixture.provider,
                body: body
            )
            #expect(response.status.code == status, "\(body): \(String(buffer: response.body))")
            #expect(String(buffer: response.body).contains(says), "\(body): \(String(buffer: response.body))")
        }
        #expect(try await fixture.catalog.availabilityHistory(of: ServiceID("test-list/WY-1")).isEmpty)
    }
}
