import Foundation
import SignpostTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue 16: two API servers over one PostgreSQL catalog, as a national deployment runs them behind a load balancer.
/// A change made through the command line (an import, a key revoked) is served by both within two seconds.
@Suite("Several nodes over one PostgreSQL catalog", .serialized)
struct MultiNodeTests {
    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)))
    func anImportAndARevokedKeyReachBothServersWithinTwoSeconds() async throws {
        let signpost = try #require(Fixtures.executable("signpost"), "signpost is built with the tests")
        let serverProgram = try #require(Fixtures.executable("signpost-server"), "signpost-server is built too")
        let url = try #require(TestPostgres.freshSchemaURL())
        let home = Fixtures.projectRoot
        let sample = "\(home)/catalog/sample"
        let first = try await Fixtures.capture(
            signpost,
            ["import", "\(sample)/national-helplines.csv", "--db", url, "--home", home]
        )
        #expect(first.status == 0, "\(first.error)")
        let created = try await Fixtures.capture(
            signpost,
            ["keys", "create", "--name", "Hub", "--role", "partner", "--db", url, "--home", home]
        )
        #expect(created.status == 0, "\(created.error)")
        let key = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("sp_"))

        let nodes = try [
            Node(program: serverProgram, url: url, home: home), Node(program: serverProgram, url: url, home: home),
        ]
        // Stopped without waiting on Swift's shared threads (a server's graceful stop can take seconds).
        defer { for node in nodes { node.terminate() } }
        for node in nodes { try await node.waitUntilReady() }
        let before = try await nodes[0].totalServices(key: key)
        #expect(try await nodes[1].totalServices(key: key) == before)

        // An import through the command line: both nodes serve it within 2 s.
        let second = try await Fixtures.capture(
            signpost,
            ["import", "\(sample)/pcc-wales.xml", "--db", url, "--home", home]
        )
        #expect(second.status == 0, "\(second.error)")
        let imported = ContinuousClock.now
        for node in nodes {
            let after = try await node.poll(within: .seconds(2), since: imported) {
                try await node.totalServices(key: key) != before
            }
            #expect(after, "node on port \(node.port) still serves \(before) services 2 s after the import")
            print(
                "multi-node: the import served by the node on port \(node.port) after \(ContinuousClock.now - imported)"
            )
        }

        // A service reports its figures through one node; the other serves them within 2 s.
        let service = "pcc-wales/DPP-0001"
        let providerKey = try await Fixtures.capture(
            signpost,
            [
                "keys", "create", "--name", "Dyfed-Powys staff", "--role", "provider", "--services", service, "--db",
                url,
                "--home", home,
            ]
        )
        #expect(providerKey.status == 0, "\(providerKey.error)")
        let bound = providerKey.output.trimmingCharacters(in: .whitespacesAndNewlines)
        // A key created on one machine holds on every node within 2 s.
        let keyCreated = ContinuousClock.now
        var report = 0
        let accepted = try await nodes[0].poll(within: .seconds(2), since: keyCreated) {
            report = try await nodes[0].patch(
                "/services/pcc-wales%2FDPP-0001/availability",
                key: bound,
                body: #"{"wait_days": 47, "status": "waitlist"}"#
            )
            return report != 401
        }
        #expect(accepted && report == 200, "the new provider key: \(report)")
        let reportedAt = ContinuousClock.now
        let served = try await nodes[1].poll(within: .seconds(2), since: reportedAt) {
            try await nodes[1].body("/services/pcc-wales%2FDPP-0001", key: key).contains("waiting list")
        }
        #expect(served, "the other node does not serve the report 2 s later")
        print("multi-node: the availability report served by the other node after \(ContinuousClock.now - reportedAt)")

        // A key revoked on one machine stops working on both within 2 s.
        let revoked = try await Fixtures.capture(signpost, ["keys", "revoke", key, "--db", url, "--home", home])
        #expect(revoked.status == 0, "\(revoked.error)")
        let revokedAt = ContinuousClock.now
        for node in nodes {
            let refused = try await node.poll(within: .seconds(2), since: revokedAt) {
                try await node.status("/services?per_page=1", key: key) == 401
            }
            #expect(refused, "node on port \(node.port) still accepts the revoked key 2 s later")
            print(
                "multi-node: the revoked key refused by the node on port \(node.port) after \(ContinuousClock.now - revokedAt)"
            )
        }
    }
}

/// A `signpost-server` process on a free port of 127.0.0.1.
final class Node: Sendable {
    let port: Int
    private let process: Process

    init(program: String, url: String, home: String) throws {
        port = try Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = [
            "--db", url, "--home", home, "--port", String(port), "--sample", "--rate-limit", "0", "--log-level",
            "error",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Asks the server to stop (SIGTERM) without waiting for it.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    func waitUntilReady() async throws {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(60) {
            if (try? await status("/readyz", key: nil)) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the server on port \(port) was not ready within 60 s")
    }

    /// Whether `condition` holds before `limit` has passed since `start`, checking every 50 ms.
    func poll(
        within limit: Duration,
        since start: ContinuousClock.Instant,
        _ condition: () async throws -> Bool
    )
        async throws -> Bool
    {
        while ContinuousClock.now - start <= limit {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition() && ContinuousClock.now - start <= limit
    }

    func status(_ path: String, key: String?) async throws -> Int {
        try await get(path, key: key).status
    }

    func body(_ path: String, key: String) async throws -> String {
        String(decoding: try await get(path, key: key).body, as: UTF8.self)
    }

    func patch(_ path: String, key: String, body: String) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = "PATCH"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func totalServices(key: String) async throws -> Int {
        let (status, body) = try await get("/services?per_page=1", key: key)
        #expect(status == 200)
        let json = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        return json?["total_items"] as? Int ?? -1
    }

    private func get(_ path: String, key: String?) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.timeoutInterval = 5
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (body, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
    }

    /// A port nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
