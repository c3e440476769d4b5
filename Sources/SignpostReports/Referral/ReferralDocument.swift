public import SignpostCore
public import SignpostMatching

/// The answer to a needs assessment as `signpost refer --format json` and `POST /referrals/suggest` give it: the
/// place as resolved, the suggestions with their words, and the excluded near misses. Both edges build it here, from
/// the same match, so that they cannot disagree.
public struct ReferralDocument: Encodable, Sendable, Equatable {
    /// A finding: its code for programs and its words for people.
    public struct Note: Encodable, Sendable, Equatable {
        public var code: String
        public var text: String
    }

    /// The answers to the ranking's questions (Docs/Scoring.md).
    public struct StandingAnswers: Encodable, Sendable, Equatable {
        var primaryNeeds: Double
        var covers: Int
        var specialismsAsked: Int
        var eligibility: Int
        var steered: Int
        var group: Int
        var language: Int
        var place: Double
        var needs: Double
    }

    public struct Suggestion: Encodable, Sendable, Equatable {
        public var rank: Int
        public var serviceId: String
        public var name: String
        public var provider: String
        public var standing: StandingAnswers
        public var score: Double
        public var breakdown: ScoreBreakdown
        public var summary: String
        public var reasons: [Note]
        public var cautions: [Note]
        public var status: String
        public var waitDays: Int?
        public var contact: Contact
        /// The contact details and the routes it takes, as one line.
        public var howToRefer: String
        public var referralRoutes: [String]
        public var town: String?
        public var distanceKm: Double?
        /// The routes it takes in words ("police referral only"), for the text table; not in the JSON, where
        /// `how_to_refer` says it.
        var routesText: String

        enum CodingKeys: String, CodingKey {
            case rank, serviceId, name, provider, standing, score, breakdown, summary, reasons, cautions, status
            case waitDays, contact, howToRefer, referralRoutes, town, distanceKm
        }
    }

    public struct Excluded: Encodable, Sendable, Equatable {
        public var serviceId: String
        public var name: String
        public var provider: String
        public var reasons: [Note]
    }

    public var location: ResolvedLocation
    public var cautions: [Note]
    public var candidates: Int
    public var suggestions: [Suggestion]
    public var excluded: [Excluded]

    public init(_ result: MatchResult, wording: ReferralWording) {
        func notes(_ findings: [Finding]) -> [Note] { findings.map { Note(code: $0.code, text: wording.text($0)) } }
        location = result.location
        cautions = result.cautions.map { Note(code: $0.code, text: wording.text($0)) }
        candidates = result.candidates
        suggestions = result.suggestions.map { suggestion in
            let standing = suggestion.standing
            return Suggestion(
                rank: suggestion.rank,
                serviceId: suggestion.serviceID.rawValue,
                name: suggestion.name,
                provider: suggestion.provider,
                standing: StandingAnswers(
                    primaryNeeds: (standing.primaryNeeds * 1000).rounded() / 1000,
                    covers: standing.covers,
                    specialismsAsked: standing.specialismsAsked,
                    eligibility: standing.eligibility,
                    steered: standing.steered,
                    group: standing.group,
                    language: standing.language,
                    place: standing.place,
                    needs: (standing.needs * 1000).rounded() / 1000
                ),
                score: suggestion.score,
                breakdown: suggestion.breakdown,
                summary: wording.summary(suggestion),
                reasons: notes(suggestion.reasons),
                cautions: notes(suggestion.cautions),
                status: suggestion.status.rawValue,
                waitDays: suggestion.waitDays,
                contact: suggestion.contact,
                howToRefer: wording.howToRefer(suggestion),
                referralRoutes: suggestion.referralRoutes.map(\.rawValue),
                town: suggestion.town,
                distanceKm: suggestion.distanceKm.map { ($0 * 10).rounded() / 10 },
                routesText: wording.routes(suggestion.referralRoutes)
            )
        }
        excluded = result.nearMisses.map {
            Excluded(
                serviceId: $0.serviceID.rawValue,
                name: $0.name,
                provider: $0.provider,
                reasons: notes($0.reasons)
            )
        }
    }
}
