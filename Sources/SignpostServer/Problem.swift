public import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import SignpostOpenReferral

/// An RFC 9457 problem: what went wrong, in words a partner's developer can act on, never internal text.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ title: String, detail: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, "Bad request", detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, "Not found", detail: detail) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: document(instance: request.uri.path)))
        )
    }

    /// The problem as RFC 9457 JSON.
    func document(instance: String?) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("type", "about:blank")
        writer.field("title", title)
        writer.field("status", status.code)
        writer.field("detail", detail)
        writer.field("instance", instance)
        writer.endObject()
        return writer.bytes
    }
}

/// Turns every error into a problem document: ours as they are, Hummingbird's with their status, anything else as a
/// 500 that says nothing of the inside.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try Problem(
                .contentTooLarge,
                "Content too large",
                detail: "the request body is larger than the 64 KB allowed"
            ).response(from: request, context: context)
        } catch let error as HTTPError {
            let title = error.status.reasonPhrase
            let detail: String? =
                switch error.status {
                case .contentTooLarge: "the request body is larger than the 64 KB allowed"
                case .notFound where error.body == nil: "no such route: see /openapi.json"
                case .methodNotAllowed: "this route does not take \(request.method.rawValue)"
                default: error.body
                }
            return try Problem(error.status, title, detail: detail, headers: error.headers)
                .response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try Problem(error.status, error.status.reasonPhrase).response(from: request, context: context)
        } catch {
            context.logger.error("internal error", metadata: ["type": "\(type(of: error))"])
            return try Problem(.internalServerError, "Internal error", detail: "the error has been logged")
                .response(from: request, context: context)
        }
    }
}
