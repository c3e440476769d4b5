import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostOpenReferral
import SignpostReports
import SignpostWorkflows

/// The routes of the partner API (Docs/API.md): Open Referral UK reads, referral suggestions, gaps, health, metrics
/// and the OpenAPI document.
struct APIRoutes: Sendable {
    let holder: CatalogHolder
    let catalog: SQLiteCatalog
    let vocabularies: Vocabularies
    let access: AccessPolicy
    let metrics: HTTPMetrics
    let locations: LocationCache
    let timeout: Duration
    let clock: @Sendable () -> Date
    /// Gap reports run here, off the event loops and the shared pool, a bounded few at a time.
    var heavy = HeavyWork()
    /// Gap answers by catalog load, day and query.
    var gapAnswers = AnswerCache()

    func register(on router: Router<SignpostRequestContext>) {
        let reads = router
        reads.get("/", use: details)
        reads.get("/services", use: services)
        // Service ids are "source/record": the id may arrive as two path segments or with the slash encoded.
        reads.get("/services/**", use: service)
        reads.get("/service_at_locations", use: servicesAtLocations)
        reads.get("/service_at_locations/:id", use: serviceAtLocation)
        reads.get("/taxonomies", use: taxonomies)
        reads.get("/taxonomies/:id", use: taxonomy)
        reads.get("/taxonomy_terms", use: taxonomyTerms)
        reads.get("/taxonomy_terms/:id", use: taxonomyTerm)
        router.post("/referrals/suggest", use: suggest)
        router.get("/gaps", use: gaps)
        router.get("/healthz") { _, _ in Self.json(#"{"status":"ok"}"#) }
        router.get("/readyz", use: ready)
        router.get("/metrics", use: metricsText)
        router.get("/openapi.json", use: openAPI)
    }

    // MARK: Open Referral reads

    @Sendable func details(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        // HSDS wants an absolute URI: the address the caller used (behind a proxy, its X-Forwarded-Proto).
        let host = request.head.authority ?? "localhost"
        let forwarded = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let scheme = forwarded == "https" ? "https" : "http"
        let safeHost = host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? host : "localhost"
        let body =
            #"{"version":"\#(OpenReferral.version)","profile":"\#(OpenReferral.profile)","#
            + #""openapi_url":"\#(scheme)://\#(safeHost)/openapi.json","name":"Signpost victim support directory"}"#
        return Self.json(body)
    }

    /// The filters and paging of a list of services (`/services`, `/service_at_locations`), checked before any work.
    private func listing(_ request: Request) async throws -> (ServiceFilter, (page: Int, perPage: Int)) {
        let query = QueryParameters(request)
        let paging = try query.paging()
        let filter = try await ServiceFilter(
            query: query,
            vocabularies: vocabularies,
            catalog: catalog,
            locations: locations
        )
        return (filter, paging)
    }

    @Sendable func services(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        try access.requireRead(context)
        let (filter, paging) = try await listing(request)
        let snapshot = holder.snapshot
        let includeConfidential = context.role == .admin
        let vocabularies = self.vocabularies
        return Self.json(
            try await withDeadline(timeout) {
                let positions = filter.positions(in: snapshot)
                let start = (paging.page - 1) * paging.perPage
                let page =
                    start < positions.count ? positions[start..<min(start + paging.perPage, positions.count)] : []
                guard includeConfidential else {
                    // Prepared when the catalog was loaded: a page is spliced together, not written.
                    return OpenReferral.servicePage(
                        encoded: page.map { snapshot.publicSummaries[Int($0)] },
                        totalItems: positions.count,
                        page: paging.page,
                        perPage: paging.perPage
                    )
                }
                return OpenReferral.servicePage(
                    page.map { snapshot.index.services[Int($0)] },
                    totalItems: positions.count,
                    page: paging.page,
                    perPage: paging.perPage,
                    vocabularies: vocabularies,
                    includeConfidential: true
                )
            }
        )
    }

    @Sendable func service(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let id = context.parameters.getCatchAll().map { Self.decode(String($0)) }.joined(separator: "/")
        let snapshot = holder.snapshot
        if context.role != .admin, let bytes = snapshot.publicDocument(id: id) {
            return Self.json(bytes, validating: request)
        }
        guard let service = snapshot.service(id: id) else {
            throw Problem.notFound("no service has the id '\(id)'")
        }
        let bytes = OpenReferral.service(service, vocabularies: vocabularies, includeConfidential: true)
        return Self.json(bytes, validating: request)
    }

    /// Each published location of each service `/services` would list for the same query, a page at a time.
    /// Confidential locations are never listed, whatever the role.
    @Sendable func servicesAtLocations(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        try access.requireRead(context)
        let (filter, paging) = try await listing(request)
        let snapshot = holder.snapshot
        let vocabularies = self.vocabularies
        return Self.json(
            try await withDeadline(timeout) {
                let entries = filter.positions(in: snapshot).flatMap {
                    OpenReferral.ServiceAtLocation.all(of: snapshot.index.services[Int($0)])
                }
                let page = OpenReferral.pageSlice(entries, page: paging.page, perPage: paging.perPage)
                return OpenReferral.serviceAtLocationPage(
                    page,
                    totalItems: entries.count,
                    page: paging.page,
                    perPage: paging.perPage,
                    vocabularies: vocabularies
                )
            }
        )
    }

    @Sendable func serviceAtLocation(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let id = Self.decode(try context.parameters.require("id"))
        guard let entry = holder.snapshot.serviceAtLocation(id: id) else {
            throw Problem.notFound("no service at a location has the id '\(id)'")
        }
        return Self.json(OpenReferral.serviceAtLocation(entry, vocabularies: vocabularies), validating: request)
    }

    @Sendable func taxonomies(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let query = QueryParameters(request)
        let page = try query.integer("page", in: 1...1_000_000) ?? 1
        let perPage = try query.integer("per_page", in: 1...500)
        return Self.json(OpenReferral.taxonomies(vocabularies: vocabularies, page: page, perPage: perPage))
    }

    @Sendable func taxonomy(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let id = Self.decode(try context.parameters.require("id"))
        guard let bytes = OpenReferral.taxonomy(id: id, vocabularies: vocabularies) else {
            throw Problem.notFound("no taxonomy has the id '\(id)' (there are need-types and specialisms)")
        }
        return Self.json(bytes)
    }

    @Sendable func taxonomyTerms(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let query = QueryParameters(request)
        let paging = try query.paging()
        let taxonomy = query.first("taxonomy_id")
        if let taxonomy, OpenReferral.taxonomy(id: taxonomy, vocabularies: vocabularies) == nil {
            throw Problem.badRequest(
                "taxonomy_id '\(taxonomy)' is not a taxonomy (there are need-types and specialisms)"
            )
        }
        if let topOnly = query.first("top_only"), !["true", "false", "1", "0"].contains(topOnly.lowercased()) {
            throw Problem.badRequest("top_only must be true or false, not '\(topOnly)'")
        }
        return Self.json(
            OpenReferral.taxonomyTerms(
                vocabularies: vocabularies,
                taxonomyID: taxonomy,
                page: paging.page,
                perPage: paging.perPage,
                search: query.first("search"),
                parentID: query.first("parent_id")
            )
        )
    }

    @Sendable func taxonomyTerm(_ request: Request, context: SignpostRequestContext) throws -> Response {
        try access.requireRead(context)
        let id = Self.decode(try context.parameters.require("id"))
        guard let bytes = OpenReferral.taxonomyTerm(id: id, vocabularies: vocabularies) else {
            throw Problem.notFound("no taxonomy term has the id '\(id)' (ids look like need-types:domestic-abuse)")
        }
        return Self.json(bytes)
    }

    // MARK: Our routes

    /// Referral suggestions for a needs assessment. The body is read, matched and forgotten: nothing of it is stored
    /// or logged.
    @Sendable func suggest(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        try access.require(.partner, context)
        let query = QueryParameters(request)
        let limit = try query.integer("top", in: 1...100) ?? ReferralRequest.defaultLimit
        let nearMisses = try query.integer("near_misses", in: 0...1000) ?? ReferralRequest.defaultNearMissLimit
        let body = try await Self.collect(request, upTo: context.maxUploadSize)
        let input: AssessmentInput
        do {
            input = try JSONDecoder().decode(AssessmentInput.self, from: Data(body.readableBytesView))
        } catch {
            throw Problem.badRequest(
                "the body is not a needs assessment as JSON (see /openapi.json, NeedsAssessment): "
                    + (Self.fractionalWholeNumber(in: Data(body.readableBytesView)) ?? DecodingProblem.describe(error))
            )
        }
        let snapshot = holder.snapshot
        let referrals = Referrals(catalog: catalog, vocabularies: vocabularies, sampleSources: snapshot.sampleSources)
        let now = clock()
        return Self.json(
            try await withDeadline(timeout) {
                do {
                    // Not through the location cache: an assessment's postcode is not kept, even in memory.
                    let answer = try await referrals.suggest(
                        ReferralRequest(assessment: input, limit: limit, nearMissLimit: nearMisses),
                        from: .index(snapshot.matcher),
                        audience: .api,
                        now: now
                    )
                    return answer.document.jsonBytes()
                } catch let error as AssessmentError {
                    throw Problem.badRequest(error.message(forJSON: true))
                }
            }
        )
    }

    @Sendable func gaps(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        try access.require(.commissioner, context)
        let query = QueryParameters(request)
        let snapshot = holder.snapshot
        let gapQuery = try await GapParameters(query: query, vocabularies: vocabularies, catalog: catalog)
            .query(services: snapshot.services, today: Today.inLondon(at: clock()))
        let vocabularies = self.vocabularies
        let now = clock()
        // The same report for the same catalog load and day is the same answer.
        let key = "\(snapshot.loadedAt.timeIntervalSince1970)|\(gapQuery.today)|\(query.canonical)"
        if let known = gapAnswers.answer(for: key) { return Self.json(known) }
        let heavy = self.heavy
        let bytes = try await withDeadline(timeout) {
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
        gapAnswers.keep(bytes, for: key)
        return Self.json(bytes)
    }

    @Sendable func ready(_ request: Request, context: SignpostRequestContext) throws -> Response {
        let snapshot = holder.snapshot
        return Self.json(#"{"status":"ready","services":\#(snapshot.services.count)}"#)
    }

    @Sendable func metricsText(_ request: Request, context: SignpostRequestContext) throws -> Response {
        if !context.isLoopback { try access.require(.admin, context) }
        let snapshot = holder.snapshot
        let age = snapshot.lastImport.map { clock().timeIntervalSince($0.startedAt) }
        let text = metrics.text(catalogServices: snapshot.services.count, catalogAgeSeconds: age)
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
        return Self.json(Array(data))
    }

    // MARK: Helpers

    static func json(_ text: String) -> Response { json(Array(text.utf8)) }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static func decode(_ text: String) -> String { text.removingPercentEncoding ?? text }

    /// The request's body, or 400 when the client goes before it ends (never a 500). A body that never ends is cut
    /// off by the server's idle timeout.
    static func collect(_ request: Request, upTo maximum: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximum)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw Problem.badRequest("the request body ended before it was whole (\(error))")
        }
    }

    /// The field of an assessment that should be a whole number and is not (`"age": 34.7`), named: Foundation's
    /// decoder on Linux reports only "not valid JSON" for it.
    static func fractionalWholeNumber(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        for key in ["age"] {
            guard let number = object[key] as? NSNumber else { continue }
            let code = String(cString: number.objCType)
            if code == "d" || code == "f", number.doubleValue != number.doubleValue.rounded() {
                return "\(key): must be a whole number, not \(number)"
            }
        }
        return nil
    }

    /// A document with its `ETag` (a hash of its bytes), or 304 Not Modified when the request's `If-None-Match`
    /// names that tag: a feed pull asks again only for what changed.
    static func json(_ bytes: [UInt8], validating request: Request) -> Response {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let tag = "\"\(String(hash, radix: 16))-\(String(bytes.count, radix: 16))\""
        if let asked = request.headers[.ifNoneMatch],
            asked.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" })
        {
            return Response(status: .notModified, headers: [.eTag: tag])
        }
        var response = json(bytes)
        response.headers[.eTag] = tag
        return response
    }

}
