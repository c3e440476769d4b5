import Foundation
import Hummingbird
import SignpostCatalog
import SignpostCore
import SignpostReports
import SignpostWorkflows

/// Referral suggestions for a needs assessment: a partner's key or higher.
struct ReferralsController: APIController {
    let state: ServerState

    func mount(on api: APIMount) {
        let routes = RouteCollection(context: SignpostRequestContext.self)
        routes.post("/referrals/suggest", use: suggest)
        api.mount(routes, access: .role(.partner))
    }

    /// Referral suggestions for a needs assessment. The body is read, matched and forgotten: nothing of it is stored
    /// or logged.
    @Sendable func suggest(_ request: Request, context: SignpostRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let limit = try query.integer("top", in: 1...100) ?? ReferralRequest.defaultLimit
        let nearMisses = try query.integer("near_misses", in: 0...1000) ?? ReferralRequest.defaultNearMissLimit
        let body = try await APIResponse.collect(request, upTo: context.maxUploadSize)
        let input: AssessmentInput
        do {
            input = try JSONDecoder().decode(AssessmentInput.self, from: Data(body.readableBytesView))
        } catch {
            throw Problem.badRequest(
                "the body is not a needs assessment as JSON (see /openapi.json, NeedsAssessment): "
                    + (APIResponse.fractionalWholeNumber(in: Data(body.readableBytesView))
                        ?? DecodingProblem.describe(error))
            )
        }
        let snapshot = state.holder.snapshot
        let referrals = Referrals(
            catalog: state.catalog,
            vocabularies: state.vocabularies,
            sampleSources: snapshot.sampleSources
        )
        let now = state.clock()
        return APIResponse.json(
            try await withDeadline(state.timeout) {
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
}
