import Foundation
import HTTPTypes
import Hummingbird
import SignpostCatalog
import SignpostMatching
import SignpostOpenReferral
import SignpostWorkflows

/// The Open Referral UK reads: services, services at locations, taxonomies and terms. Any valid key may read them
/// (anyone, with public read access), and any web page.
struct OpenReferralController: APIController {
    let state: ServerState

    func mount(on api: APIMount) {
        let routes = RouteCollection(context: SignpostRequestContext.self)
        routes.get("/", use: details)
        routes.get("/services", use: services)
        // Service ids are "source/record": the id may arrive as two path segments or with the slash encoded.
        routes.get("/services/**", use: service)
        routes.get("/service_at_locations", use: servicesAtLocations)
        routes.get("/service_at_locations/:id", use: serviceAtLocation)
        routes.get("/taxonomies", use: taxonomies)
        routes.get("/taxonomies/:id", use: taxonomy)
        routes.get("/taxonomy_terms", use: taxonomyTerms)
        routes.get("/taxonomy_terms/:id", use: taxonomyTerm)
        api.mount(routes, access: .read, browsersMayRead: true)
    }

    @Sendable func details(_ request: Request, context: SignpostRequestContext) throws -> Response {
        // HSDS wants an absolute URI: the address the caller used (behind a proxy, its X-Forwarded-Proto).
        let host = request.head.authority ?? "localhost"
        let forwarded = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let scheme = forwarded == "https" ? "https" : "http"
        let safeHost = host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? host : "localhost"
        let body =
            #"{"version":"\#(OpenReferral.version)","profile":"\#(OpenReferral.profile)","#
            + #""openapi_url":"\#(scheme)://\#(safeHost)/openapi.json","name":"Signpost victim support directory"}"#
        return APIResponse.json(body)
    }

    /// The filters and paging of a list of services (`/services`, `/service_at_locations`), checked before any work.
    private func listing(_ query: QueryParameters) async throws -> (ServiceFilter, (page: Int, perPage: Int)) {
        let paging = try query.paging()
        let filter = try await ServiceFilter(
            query: query,
            vocabularies: state.vocabularies,
            catalog: state.catalog,
            locations: state.locations
        )
        return (filter, paging)
    }

    /// A page of services. Answered inline, without a deadline: the filter reads the in-memory index (a few
    /// milliseconds for 100,000 services) and cannot stop half way, so a deadline would only cost two tasks a request.
    @Sendable func services(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        let snapshot = state.holder.snapshot
        let admin = context.role == .admin
        // The same query (as sent: a free-text search is not normalised) for the same catalog load and audience is
        // the same page.
        let key = "\(snapshot.loadedAt.timeIntervalSince1970)|\(admin ? "admin" : "public")|\(request.uri.query ?? "")"
        if let known = state.pages.answer(for: key) { return APIResponse.json(known) }
        let (filter, paging) = try await listing(QueryParameters(request))
        let positions = filter.positions(in: snapshot)
        let start = (paging.page - 1) * paging.perPage
        let page = start < positions.count ? positions[start..<min(start + paging.perPage, positions.count)] : []
        let bytes =
            admin
            ? OpenReferral.servicePage(
                page.map { snapshot.index.services[Int($0)] },
                totalItems: positions.count,
                page: paging.page,
                perPage: paging.perPage,
                vocabularies: state.vocabularies,
                includeConfidential: true
            )
            // Prepared when the catalog was loaded: a page is spliced together, not written.
            : OpenReferral.servicePage(
                encoded: page.map { snapshot.publicSummaries[Int($0)] },
                totalItems: positions.count,
                page: paging.page,
                perPage: paging.perPage
            )
        state.pages.keep(bytes, for: key)
        return APIResponse.json(bytes)
    }

    @Sendable func service(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let id = context.parameters.getCatchAll().map { APIResponse.decode(String($0)) }.joined(separator: "/")
        let snapshot = state.holder.snapshot
        if context.role != .admin, let document = snapshot.publicDocument(id: id) {
            return APIResponse.json(document.bytes, tag: document.tag, validating: request)
        }
        guard let service = snapshot.service(id: id) else {
            throw Problem.notFound("no service has the id '\(id)'")
        }
        let bytes = OpenReferral.service(service, vocabularies: state.vocabularies, includeConfidential: true)
        return APIResponse.json(bytes, validating: request)
    }

    /// Each published location of each service `/services` would list for the same query, a page at a time.
    /// Confidential locations are never listed, whatever the role.
    @Sendable func servicesAtLocations(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        let (filter, paging) = try await listing(QueryParameters(request))
        let snapshot = state.holder.snapshot
        let entries = filter.positions(in: snapshot).flatMap {
            OpenReferral.ServiceAtLocation.all(of: snapshot.index.services[Int($0)])
        }
        return APIResponse.json(
            OpenReferral.serviceAtLocationPage(
                OpenReferral.pageSlice(entries, page: paging.page, perPage: paging.perPage),
                totalItems: entries.count,
                page: paging.page,
                perPage: paging.perPage,
                vocabularies: state.vocabularies
            )
        )
    }

    @Sendable func serviceAtLocation(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let id = APIResponse.decode(try context.parameters.require("id"))
        guard let entry = state.holder.snapshot.serviceAtLocation(id: id) else {
            throw Problem.notFound("no service at a location has the id '\(id)'")
        }
        return APIResponse.json(
            OpenReferral.serviceAtLocation(entry, vocabularies: state.vocabularies),
            validating: request
        )
    }

    @Sendable func taxonomies(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let query = QueryParameters(request)
        let page = try query.integer("page", in: 1...1_000_000) ?? 1
        let perPage = try query.integer("per_page", in: 1...500)
        return APIResponse.json(OpenReferral.taxonomies(vocabularies: state.vocabularies, page: page, perPage: perPage))
    }

    @Sendable func taxonomy(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let id = APIResponse.decode(try context.parameters.require("id"))
        guard let bytes = OpenReferral.taxonomy(id: id, vocabularies: state.vocabularies) else {
            throw Problem.notFound("no taxonomy has the id '\(id)' (there are need-types and specialisms)")
        }
        return APIResponse.json(bytes)
    }

    @Sendable func taxonomyTerms(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let query = QueryParameters(request)
        let paging = try query.paging()
        let taxonomy = query.first("taxonomy_id")
        if let taxonomy, OpenReferral.taxonomy(id: taxonomy, vocabularies: state.vocabularies) == nil {
            throw Problem.badRequest(
                "taxonomy_id '\(taxonomy)' is not a taxonomy (there are need-types and specialisms)"
            )
        }
        if let topOnly = query.first("top_only"), !["true", "false", "1", "0"].contains(topOnly.lowercased()) {
            throw Problem.badRequest("top_only must be true or false, not '\(topOnly)'")
        }
        return APIResponse.json(
            OpenReferral.taxonomyTerms(
                vocabularies: state.vocabularies,
                taxonomyID: taxonomy,
                page: paging.page,
                perPage: paging.perPage,
                search: query.first("search"),
                parentID: query.first("parent_id")
            )
        )
    }

    @Sendable func taxonomyTerm(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let id = APIResponse.decode(try context.parameters.require("id"))
        guard let bytes = OpenReferral.taxonomyTerm(id: id, vocabularies: state.vocabularies) else {
            throw Problem.notFound("no taxonomy term has the id '\(id)' (ids look like need-types:domestic-abuse)")
        }
        return APIResponse.json(bytes)
    }
}
