import Foundation
import HTTPTypes
import Hummingbird
import SignpostCatalog
import SignpostCore
import SignpostReports
import SignpostWorkflows

/// Services report their own capacity, waiting time and status between imports of their lists: a provider key for
/// its own services (the provider or the list of services it is bound to), or an admin key for any. Every change is
/// kept in the catalog's history with the key's id; over PostgreSQL every node serves it at once.
struct AvailabilityController: APIController {
    let state: ServerState

    func mount(on api: APIMount) {
        let routes = RouteCollection(context: SignpostRequestContext.self)
        // `/services/{id}/availability` (the id's `/` sent as `%2F`) or `/services/{source}/{record}/availability`:
        // under the catch-all the service reads use, which the router cannot share with a named segment.
        routes.patch("/services/**", use: update)
        api.mount(routes, access: .role(.provider))
    }

    /// The fields a report may carry.
    static let fields: Set<String> = ["capacity_available", "capacity_maximum", "wait_days", "status"]

    @Sendable func update(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        let segments = context.parameters.getCatchAll().map { APIResponse.decode(String($0)) }
        guard segments.count >= 2, segments.last == "availability" else {
            throw Problem(
                .methodNotAllowed,
                "Method not allowed",
                detail: "a service's figures are reported with PATCH /services/{id}/availability",
                headers: [.allow: "GET, HEAD"]
            )
        }
        let id = segments.dropLast().joined(separator: "/")
        guard let caller = context.caller else { throw AccessPolicy.unauthorized("an API key is required") }
        guard let service = state.holder.snapshot.service(id: id) else {
            throw Problem.notFound("no service has the id '\(id)'")
        }
        try Self.authorise(caller, for: service)
        let update = try Self.decode(try await APIResponse.collect(request, upTo: context.maxUploadSize))
        let change: AvailabilityChange
        do {
            change = try await state.catalog.setAvailability(
                update,
                of: service.id,
                by: "key:\(caller.id)",
                at: state.clock()
            )
        } catch {
            switch error.code {
            case .invalid: throw Problem(.unprocessableContent, "Figures that cannot be", detail: error.message)
            case .notFound: throw Problem.notFound(error.message)
            default: throw error
            }
        }
        return APIResponse.json(try JSONOutput.encode(change))
    }

    /// An admin key may update any service; a provider key only those it is bound to; no other role any.
    static func authorise(_ caller: APIKeyRecord, for service: SignpostCore.Service) throws {
        switch caller.role {
        case .admin: return
        case .provider:
            guard let scope = caller.scope, scope.covers(service) else {
                throw Problem(
                    .forbidden,
                    "Forbidden",
                    detail: "this provider key may update only its own services (\(caller.scope?.text ?? "none")), "
                        + "not \(service.id.rawValue)"
                )
            }
        case .partner, .commissioner:
            throw Problem(
                .forbidden,
                "Forbidden",
                detail: "a service's availability is reported with a provider key bound to it, or an admin key; "
                    + "this key is \(caller.role.rawValue)"
            )
        }
    }

    /// The body: a JSON object of ``fields`` (null or absent: unchanged); anything else is refused, naming it.
    static func decode(_ body: ByteBuffer) throws -> AvailabilityUpdate {
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        else {
            throw Problem.badRequest(
                "the body is not a JSON object of capacity_available, capacity_maximum, wait_days and status"
            )
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw Problem.badRequest(
                "'\(unknown)' is not a field of an availability report (capacity_available, capacity_maximum, "
                    + "wait_days, status)"
            )
        }
        struct Body: Decodable {
            var capacityAvailable: Int?
            var capacityMaximum: Int?
            var waitDays: Int?
            var status: String?

            enum CodingKeys: String, CodingKey {
                case capacityAvailable = "capacity_available"
                case capacityMaximum = "capacity_maximum"
                case waitDays = "wait_days"
                case status
            }
        }
        let parsed: Body
        do {
            parsed = try JSONDecoder().decode(Body.self, from: Data(body.readableBytesView))
        } catch {
            throw Problem.badRequest(
                "capacity_available, capacity_maximum and wait_days must be whole numbers and status text: "
                    + DecodingProblem.describe(error)
            )
        }
        var update = AvailabilityUpdate(
            capacityAvailable: parsed.capacityAvailable,
            capacityMaximum: parsed.capacityMaximum,
            waitDays: parsed.waitDays
        )
        if let text = parsed.status {
            guard let status = ServiceStatus(rawValue: text) else {
                throw Problem.badRequest("status must be accepting, waitlist or paused, not '\(text)'")
            }
            update.status = status
        }
        return update
    }
}
