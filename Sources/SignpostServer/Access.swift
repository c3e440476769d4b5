import Foundation
import HTTPTypes
import Hummingbird
import SignpostCatalog
public import SignpostWorkflows
import Synchronization

/// Who may call what: keys from the keys file, roles, public read access, and per-caller rate limits.
public final class AccessPolicy: Sendable {
    /// Whether the Open Referral read routes answer without a key (ORUK expects open read access).
    public let publicRead: Bool
    /// Requests a second each caller may make on average (0: no limit), and the burst allowed.
    public let ratePerSecond: Double
    public let burst: Double
    private let keys: Mutex<Keys>
    private let buckets = Mutex<[String: TokenBucket]>([:])

    /// The keys, and the ones already verified (so that a partner's every request does not hash its key again),
    /// with a generation that changes whenever the keys do: a revoked key stops working at once.
    struct Keys {
        var store: APIKeyStore
        var verified: [String: APIKeyRecord] = [:]
        var generation = 0
    }

    public init(keys: APIKeyStore, publicRead: Bool, ratePerSecond: Double = 20, burst: Double? = nil) {
        self.keys = Mutex(Keys(store: keys))
        self.publicRead = publicRead
        self.ratePerSecond = ratePerSecond
        self.burst = burst ?? max(1, ratePerSecond * 2)
    }

    /// Replaces the keys (after the keys file changed).
    public func replaceKeys(_ store: APIKeyStore) {
        keys.withLock { keys in
            keys = Keys(store: store, verified: [:], generation: keys.generation + 1)
        }
    }

    func verify(_ key: String) -> APIKeyRecord? {
        let (known, store, generation) = keys.withLock { ($0.verified[key], $0.store, $0.generation) }
        if let known { return known }
        // Hash outside the lock.
        guard let record = store.verify(key) else { return nil }
        keys.withLock { keys in
            guard keys.generation == generation else { return }
            if keys.verified.count > 10_000 { keys.verified.removeAll() }
            keys.verified[key] = record
        }
        return record
    }

    /// Takes a token for `caller`; nil when allowed, else the seconds until the next token.
    func take(for caller: String, now: ContinuousClock.Instant = .now) -> Double? {
        guard ratePerSecond > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[caller] ?? TokenBucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * ratePerSecond)
            bucket.updated = now
            defer { buckets[caller] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / ratePerSecond
        }
    }

    struct TokenBucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// Throws 401 when the route is not public and no key was given.
    func requireRead(_ context: SignpostRequestContext) throws {
        if !publicRead, context.caller == nil { throw Self.unauthorized("an API key is required") }
    }

    /// Throws 401 without a key, 403 with a key of too low a role.
    func require(_ role: Role, _ context: SignpostRequestContext) throws {
        guard let caller = context.caller else { throw Self.unauthorized("an API key is required") }
        guard caller.role >= role else {
            throw Problem(
                .forbidden,
                "Forbidden",
                detail: "this route needs a \(role.rawValue) key or higher; this key is \(caller.role.rawValue)"
            )
        }
    }

    static func unauthorized(_ detail: String) -> Problem {
        Problem(.unauthorized, "Unauthorized", detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }
}

/// Who may call a group of routes. Every route belongs to a group (``APIMount``): no handler checks access itself.
enum RouteAccess: Sendable {
    /// Anyone, without reading a key or counting against a rate (health checks, the API description).
    case open
    /// The Open Referral reads: anyone when the server runs with public read access, else any valid key.
    case read
    /// A key of this role or higher.
    case role(Role)
    /// A client on this machine, or a key of this role or higher (metrics for a local scraper).
    case loopbackOr(Role)
}

/// Reads `Authorization: Bearer ...`, refuses a bad key with 401, limits each caller's rate (429 with Retry-After;
/// callers without a key are limited by address) and enforces the group's ``RouteAccess``.
struct AccessMiddleware: RouterMiddleware {
    let policy: AccessPolicy
    let access: RouteAccess

    func handle(
        _ request: Request,
        context: SignpostRequestContext,
        next: (Request, SignpostRequestContext) async throws -> Response
    ) async throws -> Response {
        if case .open = access { return try await next(request, context) }
        var context = context
        let address = "address:\(context.remoteAddress?.ipAddress ?? "unknown")"
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let record = policy.verify(String(URLText.trimmed(parts[1])))
            else {
                // Guessing keys costs a token of the address's bucket.
                try limit(address)
                throw AccessPolicy.unauthorized("the API key is not valid (unknown, revoked or mistyped)")
            }
            context.caller = record
        }
        try limit(context.caller.map { "key:\($0.id)" } ?? address)
        switch access {
        case .open: break
        case .read: try policy.requireRead(context)
        case .role(let role): try policy.require(role, context)
        case .loopbackOr(let role): if !context.isLoopback { try policy.require(role, context) }
        }
        return try await next(request, context)
    }

    private func limit(_ caller: String) throws {
        guard let wait = policy.take(for: caller) else { return }
        let seconds = max(1, Int(wait.rounded(.up)))
        throw Problem(
            .tooManyRequests,
            "Too many requests",
            detail: "the rate limit is \(policy.ratePerSecond) requests a second; try again in \(seconds) s",
            headers: [.retryAfter: String(seconds)]
        )
    }
}
