import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import SignpostServer
@testable import signpost

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A slow report must never starve lookups: gap reports run on threads of their own, a bounded few at a time.
@Suite("Heavy reports do not stall lookups", .timeLimit(.minutes(1)))
struct IsolationTests {
    @Test func lookupsAnswerQuicklyWhileTwoLargeGapReportsRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-iso-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let catalog = try SQLiteCatalog(path: "\(folder)/catalog.sqlite")
        var generator = NationalCatalogGenerator(
            vocabularies: vocabularies,
            seed: 7,
            today: try #require(CalendarDate(iso: "2026-12-01"))
        )
        let services = generator.services(count: 6_000)
        _ = try await catalog.apply(ImportRequest(services: services))
        let snapshot = try await CatalogSnapshot.load(
            from: catalog,
            vocabularies: vocabularies,
            weights: ScoringWeights()
        )
        var keys = APIKeyStore()
        let commissioner = keys.create(name: "PCC office", role: .commissioner)
        var settings = ServerSettings()
        settings.ratePerSecond = 10_000
        settings.requestTimeout = .seconds(2)
        let app = SignpostServer.application(
            catalog: catalog,
            snapshot: snapshot,
            vocabularies: vocabularies,
            weights: ScoringWeights(),
            keys: keys,
            settings: settings,
            logger: Logger(label: "test")
        )
        let id = try #require(services.first?.id.rawValue)
        try await app.test(.live) { client in
            // Three reports at once: one runs, one waits, and the third is refused at once with Retry-After.
            let reports = Task {
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for by in ["specialism", "language", "specialism&need=stalking"] {
                        group.addTask {
                            try await client.call(.get, "/gaps?level=lad&by=\(by)", key: commissioner).status
                        }
                    }
                    var statuses: [HTTPResponse.Status] = []
                    for try await status in group { statuses.append(status) }
                    return statuses
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            // Lookups on connections of their own (the test client's one connection carries the reports).
            let port = try #require(client.port)
            let session = URLSession(configuration: .ephemeral)
            func get(_ path: String) async throws -> Int {
                var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
                request.setValue("Bearer \(commissioner)", forHTTPHeaderField: "Authorization")
                let (_, response) = try await session.data(for: request)
                return (response as? HTTPURLResponse)?.statusCode ?? 0
            }
            var slowest = Duration.zero
            for _ in 0..<10 {
                let start = ContinuousClock.now
                #expect(try await get("/healthz") == 200)
                #expect(try await get("/services/\(id)") == 200)
                slowest = max(slowest, ContinuousClock.now - start)
                try await Task.sleep(for: .milliseconds(50))
            }
            // Not stalled: before the reports ran on threads of their own, a lookup waited for a whole report (8 s
            // here). The bound is loose because the whole suite shares two cores (with the Chromium print of the
            // gap report among them); alone, the slowest pair takes under 100 ms.
            #expect(slowest < .seconds(2), "slowest pair of lookups: \(slowest)")
            let statuses = try await reports.value
            // None takes the server down: each is answered, within its deadline or with 503.
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .serviceUnavailable }, "\(statuses)")
        }
    }

    @Test func theThirdReportWaitingIsRefusedAtOnce() async throws {
        let work = HeavyWork(width: 1, queue: 1)
        let gate = HeavyWork.StopFlag()
        defer { gate.stop() }
        let first = Task { try await work.run { _ in while !gate.isSet { usleep(1_000) } } }
        let second = Task { try await work.run { _ in () } }
        // Both admitted (one running, one waiting) before the third asks.
        while work.load < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: Problem.self) { try await work.run { _ in () } }
        gate.stop()
        try await first.value
        try await second.value
        // Room again once they are done.
        try await work.run { _ in () }
    }

    @Test func aCancelledReportIsToldToStop() async throws {
        let work = HeavyWork(width: 1, queue: 0)
        let started = HeavyWork.StopFlag()
        let stopped = HeavyWork.StopFlag()
        let task = Task {
            try await work.run { stop in
                started.stop()
                while !stop.isSet { usleep(1_000) }
                stopped.stop()
            }
        }
        // Cancelled once running (on a loaded machine the job's thread can take a while to start).
        let deadline = ContinuousClock.now + .seconds(20)
        while !started.isSet, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(started.isSet)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        while !stopped.isSet, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(stopped.isSet)
    }

    @Test func theAnswerCacheKeepsWithinItsCountAndBytes() {
        let cache = AnswerCache(limit: 3, byteLimit: 100)
        cache.keep(Array(repeating: 1, count: 40), for: "a")
        cache.keep(Array(repeating: 2, count: 40), for: "b")
        #expect(cache.answer(for: "a")?.count == 40)
        // 120 bytes would be over: the oldest goes.
        cache.keep(Array(repeating: 3, count: 40), for: "c")
        #expect(cache.answer(for: "a") == nil)
        #expect(cache.answer(for: "b") != nil && cache.answer(for: "c") != nil)
        // Replacing an answer counts its new size only.
        cache.keep(Array(repeating: 4, count: 10), for: "b")
        cache.keep(Array(repeating: 5, count: 10), for: "d")
        #expect(cache.answer(for: "b")?.first == 4)
        #expect(cache.answer(for: "d") != nil)
        // Never more than three answers, and an answer over the whole budget is not kept.
        cache.keep([6], for: "e")
        #expect(cache.answer(for: "b") == nil)
        cache.keep(Array(repeating: 7, count: 101), for: "f")
        #expect(cache.answer(for: "f") == nil)
    }
}
