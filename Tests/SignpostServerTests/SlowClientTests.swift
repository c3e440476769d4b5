import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SignpostMatching
import SignpostTestSupport
import Testing

@testable import SignpostServer

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP client: what a slow, broken or hostile HTTP client does, byte by byte.
struct RawClient {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0, "connected to 127.0.0.1:\(port)")
    }

    func send(_ text: String) {
        _ = text.withCString { Glibc.send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// What the server sends before it closes the connection or `seconds` pass, and whether it closed. The blocking
    /// reads run on a thread of their own: on Swift's shared pool (two threads on two cores) they would stall every
    /// other test of the suite for as long as they wait.
    func read(for seconds: Double) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            let socket = self.socket
            Thread { continuation.resume(returning: RawClient.blockingRead(socket, for: seconds)) }.start()
        }
    }

    private static func blockingRead(_ socket: Int32, for seconds: Double) -> (text: String, closed: Bool) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[0..<count]
                continue
            }
            return (String(decoding: received, as: UTF8.self), count == 0)
        }
    }

    func close() { _ = Glibc.close(socket) }
}

@Suite("Slow and broken clients hold nothing for long", .timeLimit(.minutes(1)))
struct SlowClientTests {
    @Test func anUnfinishedHeadOrBodyIsClosed() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let app = fixture.application { $0.idleTimeout = .seconds(1) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let head = try RawClient(port: port)
            defer { head.close() }
            head.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            let started = ContinuousClock.now
            let unfinished = await head.read(for: 5)
            #expect(unfinished.closed, "the connection was closed")
            #expect(ContinuousClock.now - started < .seconds(4))

            // A body shorter than its Content-Length holds the connection no longer.
            let body = try RawClient(port: port)
            defer { body.close() }
            body.send(
                "POST /referrals/suggest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.partner)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"needs\": "
            )
            let bodyStarted = ContinuousClock.now
            #expect(await body.read(for: 5).closed)
            #expect(ContinuousClock.now - bodyStarted < .seconds(4))

        }
    }

    @Test func aBodyThatTricklesInIs408() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        // The idle timer far off: only the read timeout can answer, and only it answers 408.
        let app = fixture.application {
            $0.idleTimeout = .seconds(40)
            $0.requestReadTimeout = .seconds(1)
        }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let slow = try RawClient(port: port)
            defer { slow.close() }
            slow.send(
                "POST /referrals/suggest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.partner)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 60\r\n\r\n{"
            )
            // A byte every 300 ms keeps the connection busy (the idle timer never fires), but not the request whole.
            let started = ContinuousClock.now
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(300))
                slow.send(" ")
            }
            let answer = await slow.read(for: 20)
            #expect(answer.text.hasPrefix("HTTP/1.1 408"), "\(answer.text)")
            #expect(answer.text.lowercased().contains("connection: close"))
            #expect(answer.closed)
            // Well before the idle timer (a loaded machine can stretch the 300 ms sleeps).
            #expect(ContinuousClock.now - started < .seconds(30))
            // A whole request on a new connection is answered as ever.
            let whole = try RawClient(port: port)
            defer { whole.close() }
            whole.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(await whole.read(for: 10).text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func anAddressPastItsConnectionsIsRefusedUntilOneCloses() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        // Four: the test framework's own client holds one connection from the start.
        let app = fixture.application { $0.maxConnectionsPerAddress = 4 }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Three connections held open without a request (a slow or hostile client's).
            let held = try (0..<3).map { _ in try RawClient(port: port) }
            // The first is closed by the test (closing it twice could close another test's socket of the same number).
            defer { for connection in held.dropFirst() { connection.close() } }
            try await Task.sleep(for: .milliseconds(200))
            let fourth = try RawClient(port: port)
            defer { fourth.close() }
            fourth.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let refused = await fourth.read(for: 10)
            #expect(refused.text.hasPrefix("HTTP/1.1 503"), "\(refused.text)")
            #expect(refused.text.lowercased().contains("retry-after: 5"))
            #expect(refused.text.contains("Too many connections"))
            #expect(refused.closed)
            // One of the three closes: there is room again (once the server has seen it go; on a loaded machine
            // that can take a moment, so a refused attempt is tried again).
            held[0].close()
            var answer = ""
            for _ in 0..<20 where !answer.hasPrefix("HTTP/1.1 200") {
                try await Task.sleep(for: .milliseconds(300))
                let next = try RawClient(port: port)
                next.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                answer = await next.read(for: 10).text
                next.close()
            }
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        }
    }
}
