public import Foundation
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching
public import SignpostReports

/// What an edge asks for: a needs assessment as given, and how much of the answer to give.
public struct ReferralRequest: Sendable {
    public var assessment: AssessmentInput
    /// How many suggestions to give.
    public var limit: Int
    /// How many excluded near misses to give.
    public var nearMissLimit: Int

    public static let defaultLimit = 5
    public static let defaultNearMissLimit = 5

    public init(
        assessment: AssessmentInput,
        limit: Int = ReferralRequest.defaultLimit,
        nearMissLimit: Int = ReferralRequest.defaultNearMissLimit
    ) {
        self.assessment = assessment
        self.limit = limit
        self.nearMissLimit = nearMissLimit
    }
}

/// Where the candidates of an assessment come from.
public enum CandidateSource: Sendable {
    /// A long-running process's index of the whole catalog (the server), with its size.
    case index(Matcher)
    /// The catalog itself, read for this one answer (the command line): the services covering the place and those
    /// near it, indexed on the spot, scored with `weights`.
    case catalog(ScoringWeights)
}

/// The answer: the matcher's result and the document both edges print or send.
public struct ReferralAnswer: Sendable {
    public var result: MatchResult
    public var document: ReferralDocument
}

/// The suggest workflow, once for both edges: the assessment is checked against the vocabularies, the place
/// resolved, the candidates gathered, matched as of today in Europe/London, and written up in the reader's words.
/// Nothing of the assessment is kept or logged.
public struct Referrals: Sendable {
    public let catalog: any Catalog
    public let vocabularies: Vocabularies
    /// The sources of the bundled, fictional sample lists: an answer drawn from them says so.
    public let sampleSources: Set<SourceName>

    public init(catalog: any Catalog, vocabularies: Vocabularies, sampleSources: Set<SourceName> = []) {
        self.catalog = catalog
        self.vocabularies = vocabularies
        self.sampleSources = sampleSources
    }

    /// Suggests services for `request`.
    /// - Throws: ``AssessmentError`` for an assessment that cannot be used (an unknown code, a place outside
    ///   England and Wales...), `CatalogError` when the catalog cannot be read.
    public func suggest(
        _ request: ReferralRequest,
        from source: CandidateSource,
        audience: ReferralWording.Audience,
        now: Date = Date()
    ) async throws -> ReferralAnswer {
        let assessment = try request.assessment.resolve(with: vocabularies)
        let location = try await LocationLookup(catalog: catalog, vocabularies: vocabularies)
            .resolve(assessment.location)
        let matcher: Matcher
        let catalogIsEmpty: Bool
        switch source {
        case .index(let indexed):
            matcher = indexed
            catalogIsEmpty = indexed.index.count == 0
        case .catalog(let weights):
            // The services meeting a need that cover the place, and those near the victim's point that the matcher
            // would consider (its nearby candidates): the same candidates as an index of the whole catalog gives.
            var query = ServiceQuery(
                areas: location.areas,
                needTypes: Matcher.candidateNeedTypes(for: assessment, vocabularies: vocabularies)
            )
            if let point = location.point {
                query.near = (point, max(assessment.maximumDistanceKm ?? 0, Matcher.nearbyKilometres))
            }
            let services = try await catalog.services(query)
            matcher = Matcher(
                index: MatchIndex(services: services, vocabularies: vocabularies),
                weights: weights,
                vocabularies: vocabularies
            )
            catalogIsEmpty = services.isEmpty ? try await catalog.serviceCount() == 0 : false
        }
        var result = matcher.match(
            assessment,
            at: location,
            today: Today.inLondon(at: now),
            limit: request.limit,
            nearMissLimit: request.nearMissLimit
        )
        result.cautions.removeAll { $0 == .emptyCatalog }
        if catalogIsEmpty { result.cautions.insert(.emptyCatalog, at: 0) }
        let shown = result.suggestions.map(\.serviceID) + result.nearMisses.map(\.serviceID)
        if shown.contains(where: { sampleSources.contains($0.source) }) {
            result.cautions.insert(.sampleCatalog, at: 0)
        }
        let wording = ReferralWording(vocabularies: vocabularies, audience: audience)
        return ReferralAnswer(result: result, document: ReferralDocument(result, wording: wording))
    }
}
