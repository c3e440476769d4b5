public import SignpostCore

/// How a service answered the ranking's questions (Docs/Scoring.md, *The ranking*), compared in order: the first
/// question on which two services differ decides which comes first.
public struct Standing: Hashable, Comparable, Sendable {
    /// 1. The share of the primary needs it meets (a children's service meets every need of a child).
    public var primaryNeeds = 0.0
    /// 2. 1 when its coverage names the victim's place; 0 for a service found only by distance.
    public var covers = 0
    /// 3. How many of the specialisms asked for it offers.
    public var specialismsAsked = 0
    /// 4. -1 when the victim is not known to be eligible: a group service for a group the assessment does not place
    /// them in, or a gender, risk-level or crime-type limit the assessment did not record; else 0.
    public var eligibility = 0
    /// 5. How many of the kinds of service the assessment steers to it is (an IDVA service at high risk...).
    public var steered = 0
    /// 6. 1 for a group service whose every group the assessment places the victim in; 0 otherwise.
    public var group = 0
    /// 7. For a language other than English: 2 in-house, 1 through an interpreter (0 for English: not asked).
    public var language = 0
    /// 8. How closely its coverage names the place: 5 local, 4 postcode area, 3 force area (2.5 a less likely force
    /// of an ambiguous place), 2 country, 1 national, 0 within the travel distance only.
    public var place = 0.0
    /// 9. The share of all the needs it meets itself (primary needs count twice).
    public var needs = 0.0

    public init() {}

    /// Whether `lhs` ranks below `rhs`.
    public static func < (lhs: Standing, rhs: Standing) -> Bool {
        if lhs.primaryNeeds != rhs.primaryNeeds { return lhs.primaryNeeds < rhs.primaryNeeds }
        if lhs.covers != rhs.covers { return lhs.covers < rhs.covers }
        if lhs.specialismsAsked != rhs.specialismsAsked { return lhs.specialismsAsked < rhs.specialismsAsked }
        if lhs.eligibility != rhs.eligibility { return lhs.eligibility < rhs.eligibility }
        if lhs.steered != rhs.steered { return lhs.steered < rhs.steered }
        if lhs.group != rhs.group { return lhs.group < rhs.group }
        if lhs.language != rhs.language { return lhs.language < rhs.language }
        if lhs.place != rhs.place { return lhs.place < rhs.place }
        return lhs.needs < rhs.needs
    }
}

/// The components of the score (question 10), 0 to 1 each, before weighting.
public struct ScoreBreakdown: Hashable, Codable, Sendable {
    public var waitingTime = 0.0
    public var capacity = 0.0
    public var distance = 0.0
    public var channel = 0.0
    public var freshness = 0.0
    public var accessibility = 0.0

    public init() {}

    /// The weighted mean of the components, 0 to 100.
    public func total(weights w: ScoringWeights) -> Double {
        let sum = w.waitingTime + w.capacity + w.distance + w.channel + w.freshness + w.accessibility
        guard sum > 0 else { return 0 }
        let weighted =
            w.waitingTime * waitingTime + w.capacity * capacity + w.distance * distance + w.channel * channel
            + w.freshness * freshness + w.accessibility * accessibility
        return weighted / sum * 100
    }
}

/// A service suggested for referral, with why it fits, what to watch for and how to refer.
public struct ReferralSuggestion: Hashable, Sendable {
    public var rank: Int
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    public var standing: Standing
    /// The score (question 10), 0 to 100: orders services of equal standing.
    public var score: Double
    public var breakdown: ScoreBreakdown
    public var reasons: [Finding]
    public var cautions: [Finding]
    public var status: ServiceStatus
    public var waitDays: Int?
    public var contact: Contact
    /// How the service takes referrals (police when it lists none).
    public var referralRoutes: [ReferralRoute]
    /// The town of its nearest public location (a refuge's town only), when it has one.
    public var town: String?
    /// Kilometres to that location, when the victim's point is known and the location is public.
    public var distanceKm: Double?
}

/// A service that meets a need of the victim's but was excluded, with every reason it failed.
public struct NearMiss: Hashable, Sendable {
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    public var reasons: [Finding]
}

/// A caution about the whole answer rather than one service.
public enum AnswerCaution: Hashable, Sendable {
    /// The place may be in any of these force areas; all were considered, the likeliest first.
    case ambiguousArea(place: String, forceAreas: [AreaCode])
    /// No location was given: only national services were considered.
    case noLocation
    /// The catalog holds no services.
    case emptyCatalog
    /// The answer comes from the bundled, fictional sample catalog.
    case sampleCatalog

    public var code: String {
        switch self {
        case .ambiguousArea: "ambiguous-area"
        case .noLocation: "no-location"
        case .emptyCatalog: "empty-catalog"
        case .sampleCatalog: "sample-catalog"
        }
    }
}

/// The matcher's answer to one needs assessment.
public struct MatchResult: Hashable, Sendable {
    public var location: ResolvedLocation
    public var suggestions: [ReferralSuggestion]
    /// Excluded services that meet a need, best first.
    public var nearMisses: [NearMiss]
    /// Cautions about the whole answer.
    public var cautions: [AnswerCaution]
    /// How many services were looked at.
    public var candidates: Int
}
