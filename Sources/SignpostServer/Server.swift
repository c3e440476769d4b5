public import Foundation
public import Hummingbird
public import Logging
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching

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

    public init() {}
}

/// Builds the partner API application: Hummingbird on the catalog snapshot, run as a swift-service-lifecycle service
/// that shuts down gracefully on SIGTERM or SIGINT.
public enum SignpostServer {
    public static func application(
        catalog: SQLiteCatalog,
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
        let router = self.router(
            catalog: catalog,
            holder: holder,
            vocabularies: vocabularies,
            access: access,
            timeout: settings.requestTimeout,
            clock: clock
        )
        let watcher = CatalogWatcher(
            catalog: catalog,
            holder: holder,
            vocabularies: vocabularies,
            weights: weights,
            access: access,
            keysPath: settings.keysPath,
            interval: settings.reloadInterval,
            logger: logger
        )
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "signpost"),
            services: [watcher],
            logger: logger
        )
    }

    /// The router alone (tests drive it in-process).
    public static func router(
        catalog: SQLiteCatalog,
        holder: CatalogHolder,
        vocabularies: Vocabularies,
        access: AccessPolicy,
        timeout: Duration = .seconds(10),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> Router<SignpostRequestContext> {
        let metrics = HTTPMetrics()
        let router = Router(context: SignpostRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: TimeoutMiddleware(limit: timeout))
        router.add(middleware: AccessMiddleware(policy: access))
        APIRoutes(
            holder: holder,
            catalog: catalog,
            vocabularies: vocabularies,
            access: access,
            metrics: metrics,
            clock: clock
        ).register(on: router)
        return router
    }
}

/// Answers 503 when a request takes longer than the limit.
struct TimeoutMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Duration

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        try await withoutActuallyEscaping(next) { next in
            try await withThrowingTaskGroup(of: Response.self) { group in
                nonisolated(unsafe) let next = next
                group.addTask { try await next(request, context) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    throw Problem(
                        .serviceUnavailable,
                        "Took too long",
                        detail: "the request took longer than \(limit) to answer; try again, or narrow it",
                        headers: [.retryAfter: "5"]
                    )
                }
                defer { group.cancelAll() }
                guard let response = try await group.next() else {
                    throw Problem(.internalServerError, "Internal error")
                }
                return response
            }
        }
    }
}
