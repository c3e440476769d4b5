import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignpostCatalog
import SignpostCore
import SignpostServer
import SignpostTestSupport
import SignpostWorkflows
import Testing

/// One server over SQLite: what its watcher picks up without a restart.
@Suite("Partner API: reloads over SQLite")
struct ReloadTests {
    @Test func aKeyRevokedInTheKeysFileAndAReportedFigureAreServedWithinSeconds() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let keysPath = "\(fixture.folder)/keys.json"
        try fixture.keys.save(to: keysPath)
        let app = fixture.application { settings in
            settings.keysPath = keysPath
            settings.reloadInterval = .milliseconds(100)
        }
        try await app.test(.live) { client in
            let path = "/services/test-list%2FWY-1"
            #expect(try await client.call(.get, path, key: fixture.partner).status == .ok)

            // A figure reported through the API is served once the watcher sees the catalog's version change.
            let report = try await client.call(
                .patch,
                "\(path)/availability",
                key: fixture.provider,
                body: #"{"status": "paused"}"#
            )
            #expect(report.status == .ok)
            var served = false
            for _ in 0..<40 where !served {
                let body = String(buffer: try await client.call(.get, path, key: fixture.partner).body)
                served = body.contains("Not taking referrals for now")
                if !served { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(served, "the paused status is not served 2 s after the report")

            // A key revoked in the file stops working without a restart.
            var store = try APIKeyStore.load(from: keysPath)
            let revoked = store.revoke(fixture.partner)
            #expect(revoked)
            try store.save(to: keysPath)
            var refused = false
            for _ in 0..<40 where !refused {
                refused = try await client.call(.get, path, key: fixture.partner).status == .unauthorized
                if !refused { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(refused, "the revoked key still works 2 s later")
        }
    }
}
