import Foundation
import Hummingbird
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostWorkflows

/// Coverage-gap reports: a commissioner's key or higher. Reports run as heavy work (``HeavyWork``), a few at a time.
struct GapsController: APIController {
    let state: ServerState

    func mount(on api: APIMount) {
        let routes = RouteCollection(context: SignpostRequestContext.self)
        routes.get("/gaps", use: gaps)
        api.mount(routes, access: .role(.commissioner))
    }

    @Sendable func gaps(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let snapshot = state.holder.snapshot
        let gapQuery = try await GapParameters(query: query, vocabularies: state.vocabularies, catalog: state.catalog)
            .query(services: snapshot.services, today: Today.inLondon(at: state.clock()))
        let vocabularies = state.vocabularies
        let now = state.clock()
        // The same report for the same catalog load and day is the same answer.
        let key = "\(snapshot.loadedAt.timeIntervalSince1970)|\(gapQuery.today)|\(query.canonical)"
        if let known = state.gapAnswers.answer(for: key) { return APIResponse.json(known) }
        let heavy = state.heavy
        let bytes = try await withDeadline(state.timeout) {
            try await heavy.run { stop in
                guard let findings = GapAnalysis(index: snapshot.index).run(gapQuery, shouldStop: { stop.isSet })
                else { throw CancellationError() }
                let document = GapDocument(
                    findings: findings,
                    query: gapQuery,
                    catalog: CatalogProvenance(services: snapshot.services, lastImport: snapshot.lastImport?.startedAt),
                    vocabularies: vocabularies,
                    generatedAt: now
                )
                return Array(try JSONOutput.encode(document, compact: true).utf8)
            }
        }
        state.gapAnswers.keep(bytes, for: key)
        return APIResponse.json(bytes)
    }
}
