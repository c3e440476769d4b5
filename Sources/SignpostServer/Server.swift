public import Foundation
public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching
public import SignpostWorkflows
import Synchronization

/// How the partner API server runs.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Whether the Open Referral read routes answer without a key.
    public var publicRead = false
    /// Requests a second per caller (0: unlimited), and the burst allowed (default twice the rate).
    public var ratePerSecond = 20.0
    public var burst: Double?
    /// A request taking longer than this is answered 503.
    public var requestTimeout: Duration = .seconds(10)
    /// How often the catalog and keys file are checked for changes.
    public var reloadInterval: Duration = .seconds(2)
    /// The keys file, watched for changes.
    public var keysPath: String?
    /// How long a connection may sit without a whole request: an unfinished request head or body, or a kept-alive
    /// connection between requests. It is then closed (Hummingbird's idle timer).
    public var idleTimeout: Duration = .seconds(10)
    /// How long a request may take to arrive whole once its head has: a body that trickles in longer is answered 408
    /// and its connection closed.
    public var requestReadTimeout: Duration = .seconds(5)
    /// Connections one client address may hold open (0: no limit); past it a connection is answered 503. Behind a
    /// reverse proxy every client has the proxy's address: raise it or set 0 there.
    public var maxConnectionsPerAddress = 256

    public init() {}
}

/// Builds the partner API application: Hummingbird on the catalog snapshot, run as a swift-service-lifecycle service
/// that shuts down gracefully on SIGTERM or SIGINT.
public enum SignpostServer {
    public static func application(
        catalog: any Catalog,
        snapshot: CatalogSnapshot,
        vocabularies: Vocabularies,
        weights: ScoringWeights,
        keys: APIKeyStore,
        settings: ServerSettings,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> some ApplicationProtocol {
        let holder = CatalogHolder(snapshot)
        let access = AccessPolicy(
            keys: keys,
            publicRead: settings.publicRead,
            ratePerSecond: settings.ratePerSecond,
            burst: settings.burst
        )
        let locations = LocationCache()
        let router = self.router(
            catalog: catalog,
            holder: holder,
            vocabularies: vocabularies,
            access: access,
            locations: locations,
            timeout: settings.requestTimeout,
            clock: clock
        )
        let watcher = CatalogWatcher(
            catalog: catalog,
            holder: holder,
            vocabularies: vocabularies,
            weights: weights,
            access: access,
            locations: locations,
            keysPath: settings.keysPath,
            interval: settings.reloadInterval,
            logger: logger
        )
        let counts = ConnectionCounts(limit: settings.maxConnectionsPerAddress)
        let readTimeout = TimeAmount(settings.requestReadTimeout)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(counts: counts, requestTimeout: readTimeout)],
            idleTimeout: TimeAmount(settings.idleTimeout)
        )
        return Application(
            router: router,
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "signpost"),
            services: [watcher],
            logger: logger
        )
    }

    /// The router alone (tests drive it in-process).
    public static func router(
        catalog: any Catalog,
        holder: CatalogHolder,
        vocabularies: Vocabularies,
        access: AccessPolicy,
        locations: LocationCache = LocationCache(),
        timeout: Duration = .seconds(10),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> Router<SignpostRequestContext> {
        let metrics = HTTPMetrics()
        // HEAD answers as GET does, without the body (Hummingbird makes a HEAD endpoint for every GET).
        let router = Router(context: SignpostRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        let state = ServerState(
            holder: holder,
            catalog: catalog,
            vocabularies: vocabularies,
            metrics: metrics,
            locations: locations,
            timeout: timeout,
            clock: clock
        )
        let table = RouteTable()
        let mount = APIMount(router: router, policy: access, table: table)
        let controllers: [any APIController] = [
            OpenReferralController(state: state),
            ReferralsController(state: state),
            GapsController(state: state),
            AvailabilityController(state: state),
            OperationsController(state: state),
        ]
        for controller in controllers { controller.mount(on: mount) }
        // After the routes: it runs only where no route matched.
        router.add(middleware: MethodMiddleware(table: table))
        return router
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let parts = duration.components
        self = .seconds(parts.seconds) + .nanoseconds(parts.attoseconds / 1_000_000_000)
    }
}

/// Runs `work` and answers 503 when it takes longer than `limit` (suggestions and gap reports; lists are answered
/// inline). Matching on the shared pool cannot stop half way and is left to finish; heavy work (``HeavyWork``) is told
/// to stop. Whichever comes second is cancelled: the timer does not sleep on for the whole limit after the work has
/// answered.
func withDeadline<Value: Sendable>(
    _ limit: Duration,
    timedOut: Problem? = nil,
    _ work: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let first = FirstResult<Value>()
    return try await withCheckedThrowingContinuation { continuation in
        first.set(continuation)
        let task = Task {
            do { first.resume(with: .success(try await work())) } catch { first.resume(with: .failure(error)) }
        }
        let timer = Task {
            try await Task.sleep(for: limit)
            let problem =
                timedOut
                ?? Problem(
                    .serviceUnavailable,
                    "Took too long",
                    detail: "the request took longer than \(limit) to answer; try again, or narrow it",
                    headers: [.retryAfter: "5"]
                )
            if first.resume(with: .failure(problem)) { task.cancel() }
        }
        first.onFinish { timer.cancel() }
    }
}

/// Resumes a continuation once, with whichever result comes first.
private final class FirstResult<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, any Error>?>(nil)
    private let finished = Mutex<(done: Bool, action: (@Sendable () -> Void)?)>((false, nil))

    func set(_ continuation: CheckedContinuation<Value, any Error>) { self.continuation.withLock { $0 = continuation } }

    /// Runs `action` once a result has been given (at once if one has).
    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let now = finished.withLock { state -> Bool in
            if state.done { return true }
            state.action = action
            return false
        }
        if now { action() }
    }

    /// Whether this result was the first.
    @discardableResult
    func resume(with result: Result<Value, any Error>) -> Bool {
        let waiting = continuation.withLock { value in
            defer { value = nil }
            return value
        }
        guard let waiting else { return false }
        waiting.resume(with: result)
        let action = finished.withLock { state -> (@Sendable () -> Void)? in
            state.done = true
            defer { state.action = nil }
            return state.action
        }
        action?()
        return true
    }
}
