import Foundation
import Hummingbird
import NIOCore
import SignpostCatalog
import SignpostWorkflows

/// Health checks and the API description, open to anyone (a load balancer has no key; a page may read the
/// description), and metrics for a scraper on this machine or an admin key.
struct OperationsController: APIController {
    let state: ServerState

    func mount(on api: APIMount) {
        let open = RouteCollection(context: SignpostRequestContext.self)
        open.get("/healthz") { _, _ in APIResponse.json(#"{"status":"ok"}"#) }
        open.get("/readyz", use: ready)
        open.get("/openapi.json", use: openAPI)
        api.mount(open, access: .open, browsersMayRead: true)
        let metrics = RouteCollection(context: SignpostRequestContext.self)
        metrics.get("/metrics", use: metricsText)
        api.mount(metrics, access: .loopbackOr(.admin))
    }

    @Sendable func ready(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let snapshot = state.holder.snapshot
        return APIResponse.json(#"{"status":"ready","services":\#(snapshot.services.count)}"#)
    }

    @Sendable func metricsText(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let snapshot = state.holder.snapshot
        let age = snapshot.lastImport.map { state.clock().timeIntervalSince($0.startedAt) }
        let text = state.metrics.text(catalogServices: snapshot.services.count, catalogAgeSeconds: age)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    @Sendable func openAPI(_ request: Request, context: SignpostRequestContext) throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw Problem(.internalServerError, "Internal error", detail: "the OpenAPI document is missing") }
        return APIResponse.json(Array(data))
    }
}
