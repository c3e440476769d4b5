/// The weights of the score's components and the thresholds of the cautions. Defaults live in
/// `catalog/scoring.json`; `--weights FILE` replaces any of them. See Docs/Scoring.md.
public struct ScoringWeights: Hashable, Codable, Sendable {
    /// Needs met, primary needs counting double.
    public var needs: Double
    /// Preferred specialisms offered.
    public var specialism: Double
    /// The victim's language spoken in-house (full), or through an interpreter (half).
    public var language: Double
    /// A short wait.
    public var waitingTime: Double
    /// Free capacity.
    public var capacity: Double
    /// Nearness of a face-to-face location, when the victim's point is known.
    public var distance: Double
    /// Preferred channels offered.
    public var channel: Double
    /// Recently verified data.
    public var freshness: Double
    /// Accessibility needs met.
    public var accessibility: Double

    /// A wait at or beyond this many days scores zero, and at or beyond `longWaitDays` gets a caution.
    public var waitHorizonDays: Double
    public var longWaitDays: Int
    /// Capacity in use at or above this share gets a caution.
    public var nearCapacityShare: Double
    /// Data older than this many months gets a caution; freshness scores zero at twice it.
    public var staleAfterMonths: Int
    /// With no travel limit given, the distance at which nearness scores zero.
    public var distanceHorizonKm: Double

    public init(
        needs: Double = 40,
        specialism: Double = 10,
        language: Double = 10,
        waitingTime: Double = 12,
        capacity: Double = 8,
        distance: Double = 8,
        channel: Double = 5,
        freshness: Double = 5,
        accessibility: Double = 2,
        waitHorizonDays: Double = 90,
        longWaitDays: Int = 28,
        nearCapacityShare: Double = 0.9,
        staleAfterMonths: Int = 12,
        distanceHorizonKm: Double = 50
    ) {
        self.needs = needs
        self.specialism = specialism
        self.language = language
        self.waitingTime = waitingTime
        self.capacity = capacity
        self.distance = distance
        self.channel = channel
        self.freshness = freshness
        self.accessibility = accessibility
        self.waitHorizonDays = waitHorizonDays
        self.longWaitDays = longWaitDays
        self.nearCapacityShare = nearCapacityShare
        self.staleAfterMonths = staleAfterMonths
        self.distanceHorizonKm = distanceHorizonKm
    }

    enum CodingKeys: String, CodingKey {
        case needs, specialism, language
        case waitingTime = "waiting_time"
        case capacity, distance, channel, freshness
        case accessibility
        case waitHorizonDays = "wait_horizon_days"
        case longWaitDays = "long_wait_days"
        case nearCapacityShare = "near_capacity_share"
        case staleAfterMonths = "stale_after_months"
        case distanceHorizonKm = "distance_horizon_km"
    }

    /// Reads weights from JSON; keys left out keep their defaults.
    public init(from decoder: any Decoder) throws {
        let defaults = ScoringWeights()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys, _ fallback: Double) throws -> Double {
            let value = try container.decodeIfPresent(Double.self, forKey: key) ?? fallback
            guard value >= 0, value.isFinite else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: container,
                    debugDescription: "'\(key.rawValue)' must be a number 0 or more"
                )
            }
            return value
        }
        needs = try value(.needs, defaults.needs)
        specialism = try value(.specialism, defaults.specialism)
        language = try value(.language, defaults.language)
        waitingTime = try value(.waitingTime, defaults.waitingTime)
        capacity = try value(.capacity, defaults.capacity)
        distance = try value(.distance, defaults.distance)
        channel = try value(.channel, defaults.channel)
        freshness = try value(.freshness, defaults.freshness)
        accessibility = try value(.accessibility, defaults.accessibility)
        waitHorizonDays = max(1, try value(.waitHorizonDays, defaults.waitHorizonDays))
        longWaitDays = Int(try value(.longWaitDays, Double(defaults.longWaitDays)))
        nearCapacityShare = try value(.nearCapacityShare, defaults.nearCapacityShare)
        staleAfterMonths = max(1, Int(try value(.staleAfterMonths, Double(defaults.staleAfterMonths))))
        distanceHorizonKm = max(1, try value(.distanceHorizonKm, defaults.distanceHorizonKm))
    }
}
