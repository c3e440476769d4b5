public import SignpostCore

/// One reason, caution or exclusion: a stable code for programs and a sentence for people.
public struct MatchNote: Hashable, Codable, Sendable {
    public var code: String
    public var text: String

    public init(_ code: String, _ text: String) {
        self.code = code
        self.text = text
    }
}

/// How a service scored on each component (0 to 1 each) before weighting.
public struct ScoreBreakdown: Hashable, Codable, Sendable {
    public var needs = 0.0
    public var specialism = 0.0
    public var language = 0.0
    public var waitingTime = 0.0
    public var capacity = 0.0
    public var distance = 0.0
    public var channel = 0.0
    public var freshness = 0.0
    public var accessibility = 0.0

    public init() {}

    /// The weighted mean of the components, 0 to 100.
    public func total(weights w: ScoringWeights) -> Double {
        let sum =
            w.needs + w.specialism + w.language + w.waitingTime + w.capacity + w.distance + w.channel + w.freshness
            + w.accessibility
        guard sum > 0 else { return 0 }
        let weighted =
            w.needs * needs + w.specialism * specialism + w.language * language + w.waitingTime * waitingTime
            + w.capacity * capacity + w.distance * distance + w.channel * channel + w.freshness * freshness
            + w.accessibility * accessibility
        return weighted / sum * 100
    }
}

/// A service suggested for referral, with why it fits and what to watch for.
public struct ReferralSuggestion: Hashable, Codable, Sendable {
    public var rank: Int
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    /// 0 to 100.
    public var score: Double
    public var breakdown: ScoreBreakdown
    /// One line to read out.
    public var summary: String
    public var reasons: [MatchNote]
    public var cautions: [MatchNote]
    public var status: ServiceStatus
    public var waitDays: Int?
    public var contact: Contact
}

/// A service that meets a need of the victim's but was excluded, with every reason it failed.
public struct NearMiss: Hashable, Codable, Sendable {
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    public var reasons: [MatchNote]
}

/// The matcher's answer to one needs assessment.
public struct MatchResult: Hashable, Codable, Sendable {
    public var location: ResolvedLocation
    public var suggestions: [ReferralSuggestion]
    /// Excluded services that meet a need, best first.
    public var nearMisses: [NearMiss]
    /// Cautions about the whole answer (an ambiguous location).
    public var cautions: [MatchNote]
    /// How many services were looked at.
    public var candidates: Int
}
