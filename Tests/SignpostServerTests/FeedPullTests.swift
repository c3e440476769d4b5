import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import SignpostWorkflows
import Synchronization
import Testing

/// Signpost's own API is an Open Referral UK feed: a catalog served on 127.0.0.1 and pulled into another catalog
/// arrives with what the API publishes, and a re-run asks only for what changed.
@Suite("Pulling an Open Referral UK feed from a live server")
struct FeedPullTests {
    /// Imports the feed at `address` into `catalog` with a cache in `folder`.
    static func pull(
        _ address: String,
        into catalog: SQLiteCatalog,
        vocabularies: Vocabularies,
        cache: String?,
        key: String? = nil,
        configure: (inout FeedSettings) -> Void = { _ in }
    ) async throws -> ImportJob.Result {
        var job = ImportJob(vocabularies: vocabularies, files: [address])
        job.source = SourceName("pulled")
        job.feedSettings.cacheFolder = cache
        job.feedSettings.apiKey = key
        job.feedSettings.perPage = 3
        job.feedSettings.backoff = 0.05
        configure(&job.feedSettings)
        return try await job.run(into: catalog)
    }

    @Test func aServedCatalogPulledIntoAnotherHoldsWhatTheAPIPublishes() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let target = try SQLiteCatalog(path: "\(fixture.folder)/pulled.sqlite")
        let cache = "\(fixture.folder)/cache"
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let address = "http://127.0.0.1:\(port)"
            let first = try await Self.pull(
                address,
                into: target,
                vocabularies: fixture.vocabularies,
                cache: cache,
                key: fixture.partner
            )
            #expect(first.stop == nil, "\(first.fileErrors)")
            let original = try await fixture.catalog.allServices()
            #expect(first.outcome.inserted.count == original.count)
            // 9 services at 3 a page.
            #expect(first.feeds.first?.pages == 3)
            #expect(first.feeds.first?.fetched == original.count)
            let pulled = try await target.allServices()
            for service in original {
                let copy = try #require(
                    pulled.first { $0.id == ServiceID(source: SourceName("pulled"), recordID: service.id.rawValue) },
                    "\(service.id) arrived"
                )
                #expect(copy.name == service.name)
                #expect(copy.description == service.description)
                #expect(copy.provider.name == service.provider.name)
                #expect(copy.provider.charityNumber == service.provider.charityNumber)
                #expect(copy.contact.phone == service.contact.phone)
                #expect(copy.contact.email == service.contact.email)
                #expect(copy.contact.website == service.contact.website)
                #expect(copy.status == service.status)
                #expect(Set(copy.needTypes) == Set(service.needTypes), "\(service.id) need types")
                #expect(Set(copy.specialisms) == Set(service.specialisms), "\(service.id) specialisms")
                #expect(Set(copy.coverage.areas) == Set(service.coverage.areas), "\(service.id) coverage")
                #expect(Set(copy.languages) == Set(service.languages), "\(service.id) languages")
                #expect(copy.offersInterpreting == service.offersInterpreting)
                #expect(copy.eligibility.minimumAge == service.eligibility.minimumAge)
                #expect(copy.eligibility.maximumAge == service.eligibility.maximumAge)
                #expect(copy.capacity == service.capacity, "\(service.id) capacity")
                #expect(copy.waitingTime == service.waitingTime, "\(service.id) wait")
                #expect(copy.provenance.lastVerified == service.provenance.lastVerified)
                #expect(copy.commissioning.commissioner == service.commissioning.commissioner)
                // A refuge's address is never published, so it never arrives.
                let published = service.locations.filter { !$0.isConfidential }
                #expect(copy.locations.map(\.postcode) == published.map(\.postcode), "\(service.id) locations")
                #expect(copy.locations.map(\.point) == published.map(\.point))
            }
            #expect(!pulled.contains { $0.locations.contains { $0.name == APIFixture.refugeName } })

            // A second pull asks with the ETags it kept: nothing is fetched again, nothing changes.
            let second = try await Self.pull(
                address,
                into: target,
                vocabularies: fixture.vocabularies,
                cache: cache,
                key: fixture.partner
            )
            #expect(second.feeds.first?.fetched == 0)
            #expect(second.feeds.first?.unchanged == original.count)
            #expect(second.outcome.unchanged.count == original.count)
        }
    }

    @Test func theCommandLinePullsAFeedGivenAsAnAddress() async throws {
        let binary = try #require(Fixtures.executable("signpost"), "the signpost executable is built with the tests")
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let database = "\(fixture.folder)/cli.sqlite"
        let environment = ["SIGNPOST_FEED_KEY": fixture.partner, "XDG_CACHE_HOME": "\(fixture.folder)/cache"]
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let arguments = [
                "import", "http://127.0.0.1:\(port)/services", "--db", database, "--home", Fixtures.projectRoot,
            ]
            let text = try await Fixtures.capture(binary, arguments, environment: environment)
            #expect(text.status == 0, "\(text.error)")
            #expect(
                text.output.contains("Feed http://127.0.0.1:\(port)/services: 1 page, 9 services listed; 9 fetched")
            )
            #expect(text.output.contains("9 inserted"))
            let again = try await Fixtures.capture(binary, arguments + ["--format", "json"], environment: environment)
            #expect(again.status == 0, "\(again.error)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any]
            )
            let feeds = try #require(report["feeds"] as? [[String: Any]])
            #expect(feeds.first?["unchanged"] as? Int == 9)
            #expect(report["unchanged"] as? Int == 9)
        }
        // Nothing listens on the port any more: exit 2, the address named, the catalog as it was.
        let gone = try await Fixtures.capture(
            binary,
            [
                "import", "--feed", "http://127.0.0.1:9/", "--retries", "0", "--db", database, "--home",
                Fixtures.projectRoot,
            ],
            environment: environment
        )
        #expect(gone.status == 2)
        #expect(gone.output.contains("http://127.0.0.1:9/: the feed refused the connection"), "\(gone.output)")
        #expect(gone.output.contains("Not imported"))
        #expect(try await SQLiteCatalog(path: database).serviceCount() == 9)
    }

    @Test func aFeedThatRefusesTheKeyImportsNothingAndSaysWhy() async throws {
        let fixture = try await APIFixture()
        defer { fixture.remove() }
        let target = try SQLiteCatalog(path: "\(fixture.folder)/pulled.sqlite")
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let result = try await Self.pull(
                "http://127.0.0.1:\(port)/services",
                into: target,
                vocabularies: fixture.vocabularies,
                cache: nil
            )
            #expect(result.stop == .fileErrors)
            let message = result.fileErrors.first?.description ?? ""
            #expect(message.contains("401"), "\(message)")
            #expect(message.contains("SIGNPOST_FEED_KEY"))
        }
        #expect(try await target.serviceCount() == 0)
    }

    /// A feed served by a router of the test's own, which fails in the ways real feeds do.
    static func flakyFeed(
        failures: Int,
        failWith status: HTTPResponse.Status = .serviceUnavailable,
        servicePage: @escaping @Sendable () -> String = { okPage }
    ) -> (some ApplicationProtocol, Counter) {
        let asked = Counter()
        let router = Router()
        router.get("/services") { _, _ -> Response in
            let count = asked.next()
            if count <= failures { return Response(status: status) }
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: servicePage()))
            )
        }
        return (Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))), asked)
    }

    /// One page holding one whole ORUK service (so no document is fetched).
    static let okPage = """
        {"total_items": 1, "total_pages": 1, "page_number": 1, "contents": [
          {"id": "svc-1", "name": "Cardiff Hate Crime Support", "status": "active",
           "organization": {"id": "org-1", "name": "Bay Advocacy"},
           "contacts": [{"id": "c-1", "phones": [{"id": "p-1", "number": "029 2000 0000"}]}],
           "service_areas": [{"id": "a-1", "name": "Cardiff", "uri": "http://statistics.data.gov.uk/id/statistical-geography/W06000015"}],
           "attributes": [{"id": "t-1", "taxonomy_term_id": "term-1",
             "taxonomy_term": {"id": "term-1", "name": "Hate crime"}}]}
        ]}
        """

    @Test func aFeedThatFailsAndRecoversIsRetriedWithBackoff() async throws {
        let (app, asked) = Self.flakyFeed(failures: 2)
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try await scratch.pull(from: app)
        #expect(result.stop == nil, "\(result.fileErrors)")
        #expect(asked.count == 3)
        #expect(result.feeds.first?.fromList == 1)
        let service = try #require(try await scratch.target.allServices().first)
        #expect(service.name == "Cardiff Hate Crime Support")
        #expect(service.contact.phone == "029 2000 0000")
        #expect(service.coverage.areas == [AreaCode("W06000015")])
        #expect(service.needTypes == ["hate-crime"])
    }

    @Test func aFeedThatKeepsFailingOrAnswersBadlyImportsNothing() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let cases = [
            (Self.flakyFeed(failures: 100), "503"),
            (Self.flakyFeed(failures: 0, servicePage: { "<html>Welcome to our directory</html>" }), "not JSON"),
            (Self.flakyFeed(failures: 0, servicePage: { #"{"services": []}"# }), "no `contents`"),
        ]
        for (feed, expected) in cases {
            let result = try await scratch.pull(from: feed.0) { $0.retries = 2 }
            #expect(result.stop == .fileErrors)
            let message = result.fileErrors.first?.description ?? ""
            #expect(message.contains(expected), "\(message)")
            #expect(message.contains("nothing was imported"))
        }
        #expect(try await scratch.target.serviceCount() == 0)
    }

    @Test func aFeedThatIgnoresPagingOrSendsTooMuchIsBounded() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Claims a million pages and sends the same one for every page number.
        let endless = Self.flakyFeed(
            failures: 0,
            servicePage: {
                Self.okPage.replacingOccurrences(of: "\"total_pages\": 1", with: "\"total_pages\": 1000000")
            }
        )
        let pulled = try await scratch.pull(from: endless.0)
        #expect(pulled.stop == nil, "\(pulled.fileErrors)")
        #expect(endless.1.count == 2)
        #expect(pulled.outcome.inserted.count == 1)
        let large = Self.flakyFeed(failures: 0, servicePage: { String(repeating: " ", count: 300_000) + Self.okPage })
        let refused = try await scratch.pull(from: large.0) { $0.maximumBytes = 100_000 }
        #expect(refused.stop == .fileErrors)
        let message = refused.fileErrors.first?.description ?? ""
        #expect(message.contains("larger than"), "\(message)")
    }

    @Test func aFeedThatNeverAnswersTimesOut() async throws {
        let router = Router()
        router.get("/services") { _, _ -> Response in
            try await Task.sleep(for: .seconds(3))
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (target, vocabularies) = (scratch.target, scratch.vocabularies)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Timed inside: the server's own start and stop (it waits for the sleeping handler) are not the pull's.
            let started = ContinuousClock.now
            let result = try await Self.pull(
                "http://127.0.0.1:\(port)",
                into: target,
                vocabularies: vocabularies,
                cache: nil,
                configure: {
                    $0.timeout = 0.5
                    $0.retries = 1
                }
            )
            #expect(ContinuousClock.now - started < .seconds(8))
            let message = result.fileErrors.first?.description ?? ""
            #expect(message.contains("timeout"), "\(message)")
            #expect(message.contains("asked 2 times"))
        }
    }
}

/// How many times a test feed was asked.
final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }

    var count: Int { value.withLock { $0 } }
}

/// A catalog to pull into, in a temporary folder of its own, and the vocabularies.
struct Scratch {
    let folder: String
    let vocabularies: Vocabularies
    let target: SQLiteCatalog

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-feed-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        target = try SQLiteCatalog(path: "\(folder)/pulled.sqlite")
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// Serves `app` on 127.0.0.1 and pulls it, as a feed without a cache, into the scratch catalog.
    func pull(
        from app: some ApplicationProtocol,
        configure: @escaping @Sendable (inout FeedSettings) -> Void = { _ in }
    ) async throws -> ImportJob.Result {
        let (target, vocabularies) = (self.target, self.vocabularies)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await FeedPullTests.pull(
                "http://127.0.0.1:\(port)",
                into: target,
                vocabularies: vocabularies,
                cache: nil,
                configure: configure
            )
        }
    }
}
