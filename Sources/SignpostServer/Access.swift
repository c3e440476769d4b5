import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who may call what: keys from the keys file, roles, public read access, and per-caller rate limits.
public final class AccessPolicy: Sendable {
    /// Whether the Open Referral read routes answer without a key (ORUK expects open read access).
    public let publicRead: Bool
    /// Requests a second each caller may make on average (0: no limit), and the burst allowed.
    public let ratePerSecond: Double
    public let burst: Double
    private let keys: Mutex<APIKeyStore>
    private let buckets = Mutex<[String: TokenBucket]>([:])

    public init(keys: APIKeyStore, publicRead: Bool, ratePerSecond: Double = 20, burst: Double? = nil) {
        self.keys = Mutex(keys)
        self.publicRead = publicRead
        self.ratePerSecond = ratePerSecond
        self.burst = burst ?? max(1, ratePerSecond * 2)
    }

    /// Replaces the keys (after the keys file changed): revoked keys stop working at once.
    public func replaceKeys(_ store: APIKeyStore) { keys.withLock { $0 = store } }

    func verify(_ key: String) -> APIKeyRecord? { keys.withLock { $0.verify(key) } }

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

/// Reads `Authorization: Bearer ...`, refuses a bad key with 401, and limits each caller's rate (429 with
/// Retry-After). Callers without a key are limited by address.
struct AccessMiddleware: RouterMiddleware {
    let policy: AccessPolicy

    func handle(
        _ request: Request,
        context: SignpostRequestContext,
        next: (Request, SignpostRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let record = policy.verify(parts[1].trimmingCharacters(in: .whitespaces))
            else {
                throw AccessPolicy.unauthorized("the API key is not valid (unknown, revoked or mistyped)")
            }
            context.caller = record
        }
        let caller = context.caller.map { "key:\($0.id)" } ?? "address:\(context.remoteAddress?.ipAddress ?? "unknown")"
        if let wait = policy.take(for: caller) {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw Problem(
                .tooManyRequests,
                "Too many requests",
                detail: "the rate limit is \(policy.ratePerSecond) requests a second; try again in \(seconds) s",
                headers: [.retryAfter: String(seconds)]
            )
        }
        return try await next(request, context)
    }
}
