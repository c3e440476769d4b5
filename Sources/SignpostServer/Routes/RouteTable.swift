import HTTPTypes
import Hummingbird
import Synchronization

/// Every path the API has and the methods it takes there, recorded as the controllers are mounted (``APIMount``), so
/// that a wrong method is 405 with `Allow` and a preflight can name the methods without a second list to keep.
final class RouteTable: Sendable {
    private let entries = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    /// Records `method` at `path`; false when it was already there.
    @discardableResult
    func add(_ path: RouterPath, _ method: HTTPRequest.Method) -> Bool {
        entries.withLock { entries in
            if let index = entries.firstIndex(where: { $0.path == path }) {
                if entries[index].methods.contains(method) { return false }
                entries[index].methods.append(method)
            } else {
                entries.append((path, [method]))
            }
            return true
        }
    }

    /// The methods the route at `path` takes (HEAD wherever GET is), or nil when the API has no such path.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let found = entries.withLock { entries in entries.first { Self.path($0.path, matches: segments) }?.methods }
        guard let found else { return nil }
        return found.contains(.get) && !found.contains(.head) ? found + [.head] : found
    }

    /// The header value naming `methods`, in a fixed order.
    static func allow(_ methods: [HTTPRequest.Method]) -> String {
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        return order.filter(methods.contains).map(\.rawValue).joined(separator: ", ")
    }

    /// Whether a route path (with captures and wildcards, as the router matches them) matches a request's segments.
    private static func path(_ route: RouterPath, matches segments: [Substring]) -> Bool {
        var index = 0
        for element in route.components {
            if element.description == "**" { return index < segments.count }
            guard index < segments.count, element ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}

/// A path the API has, asked with a method it does not take, is 405 with `Allow` rather than 404. (Added to the
/// router after the routes, so it runs only where no route matched: Hummingbird builds the not-found responder with
/// every router middleware.)
struct MethodMiddleware: RouterMiddleware {
    typealias Context = SignpostRequestContext
    let table: RouteTable

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard let allowed = table.methods(for: path), !allowed.contains(request.method) else {
            return try await next(request, context)
        }
        let allow = RouteTable.allow(allowed)
        throw Problem(
            .methodNotAllowed,
            "Method Not Allowed",
            detail: "\(path) takes \(allow), not \(request.method.rawValue)",
            headers: [.allow: allow]
        )
    }
}
