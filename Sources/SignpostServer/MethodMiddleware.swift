import HTTPTypes
import Hummingbird

/// A path the API has, asked with a method it does not take, is 405 with `Allow` rather than 404. (Hummingbird runs
/// router middleware on matched routes and on the not-found path, so this sees exactly the requests no route took.
/// HEAD is answered by the router's own HEAD endpoints.)
struct MethodMiddleware: RouterMiddleware {
    typealias Context = SignpostRequestContext

    /// The methods each route takes: exact paths, and prefixes ending in `/` for routes with an id.
    static let routes: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/", [.get]), ("/services", [.get]), ("/services/", [.get]), ("/service_at_locations", [.get]),
        ("/service_at_locations/", [.get]), ("/taxonomies", [.get]), ("/taxonomies/", [.get]),
        ("/taxonomy_terms", [.get]), ("/taxonomy_terms/", [.get]), ("/referrals/suggest", [.post]), ("/gaps", [.get]),
        ("/healthz", [.get]), ("/readyz", [.get]), ("/metrics", [.get]), ("/openapi.json", [.get]),
    ]

    /// The methods the route at `path` takes, or nil when the API has no such path.
    static func methods(for path: String) -> [HTTPRequest.Method]? {
        if let exact = routes.first(where: { $0.path == path }) { return exact.methods }
        return routes.first { $0.path.count > 1 && $0.path.hasSuffix("/") && path.hasPrefix($0.path) }?.methods
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let method = request.method
        if method == .options { return try await next(request, context) }
        let path = request.uri.path
        guard let allowed = Self.methods(for: path) else { return try await next(request, context) }
        guard allowed.contains(method) || (method == .head && allowed.contains(.get)) else {
            let allow = (allowed.contains(.get) ? allowed + [.head] : allowed).map(\.rawValue).joined(separator: ", ")
            throw Problem(
                .methodNotAllowed,
                "Method Not Allowed",
                detail: "\(path) takes \(allow), not \(method.rawValue)",
                headers: [.allow: allow]
            )
        }
        return try await next(request, context)
    }
}
