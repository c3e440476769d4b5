import HTTPTypes
import Hummingbird
import NIOCore

/// An area of the API (Open Referral reads, referrals, gaps, operations): its routes as a `RouteCollection`, mounted
/// with who may call them. Adding a route is one line in its controller.
protocol APIController: Sendable {
    func mount(on api: APIMount)
}

/// Mounts route collections on the router, each on a group that carries its access rule (``AccessMiddleware``) and,
/// for routes any web page may read, Hummingbird's CORS middleware. Every path and method mounted is recorded in the
/// ``RouteTable``.
struct APIMount {
    let router: Router<SignpostRequestContext>
    let policy: AccessPolicy
    let table: RouteTable

    /// Headers a page reading the API from a browser may see.
    static let exposedHeaders = ["Retry-After", "WWW-Authenticate", "ETag"]

    func mount(
        _ routes: RouteCollection<SignpostRequestContext>,
        access: RouteAccess,
        browsersMayRead: Bool = false
    ) {
        var group = router.group()
        if browsersMayRead {
            group = group.add(
                middleware: CORSMiddleware(
                    allowOrigin: .all,
                    allowHeaders: [.authorization, .contentType, .accept],
                    allowMethods: [.get, .head, .options],
                    exposedHeaders: Self.exposedHeaders,
                    maxAge: .seconds(86400)
                )
            )
            // Inside CORS: errors become problem documents that carry the CORS headers, so a page can read why.
            group = group.add(middleware: ExposedHeadersMiddleware()).add(middleware: ProblemMiddleware())
        }
        // OPTIONS needs no key: it says what the path takes, nothing of the catalog.
        let options = browsersMayRead ? group : nil
        let guarded = group.group().add(middleware: AccessMiddleware(policy: policy, access: access))
        RecordingGroup(group: guarded, table: table, options: options).addRoutes(routes)
    }
}

/// A router group that records each route in the table and, for browser-readable groups, answers OPTIONS at each
/// path (a preflight is answered by the CORS middleware before it reaches the route; a plain OPTIONS gets `Allow`).
private struct RecordingGroup: RouterMethods {
    typealias Context = SignpostRequestContext
    let group: RouterGroup<Context>
    let table: RouteTable
    /// Where OPTIONS is answered, for browser-readable routes.
    let options: RouterGroup<Context>?

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        table.add(path, method)
        group.on(path, method: method, responder: responder)
        if let options, table.add(path, .options) {
            let table = self.table
            options.on(path, method: .options) { request, _ -> Response in
                let allow = RouteTable.allow(table.methods(for: request.uri.path) ?? [.options])
                return Response(status: .noContent, headers: [.allow: allow])
            }
        }
        return self
    }

    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        RecordingGroup(group: group.add(middleware: middleware), table: table, options: options)
    }
}

/// Hummingbird's CORS middleware names the exposed headers only in a preflight's answer; browsers read them from
/// the answer itself.
private struct ExposedHeadersMiddleware: RouterMiddleware {
    typealias Context = SignpostRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if request.headers[.origin] != nil, request.method != .options {
            response.headers[.accessControlExposeHeaders] = APIMount.exposedHeaders.joined(separator: ", ")
        }
        return response
    }
}
