/// How much a service can take on, in a stated unit.
public struct Capacity: Hashable, Codable, Sendable {
    /// Free capacity now.
    public var available: Int?
    /// Total capacity.
    public var maximum: Int?
    public var unit: CapacityUnit
    /// When the figures were reported.
    public var updated: CalendarDate?

    public init(available: Int? = nil, maximum: Int? = nil, unit: CapacityUnit = .cases, updated: CalendarDate? = nil) {
        self.available = available
        self.maximum = maximum
        self.unit = unit
        self.updated = updated
    }

    /// The share of capacity in use (0 to 1), when both figures are known.
    public var utilisation: Double? {
        guard let available, let maximum, maximum > 0 else { return nil }
        return Double(maximum - available) / Double(maximum)
    }
}

/// The unit capacity is counted in.
public enum CapacityUnit: String, Hashable, Codable, Sendable, CaseIterable {
    /// Open cases on a caseload.
    case cases
    /// New referrals a week.
    case referralsPerWeek = "referrals-per-week"
    /// Bed spaces (refuges).
    case places
    /// Sessions a week (counselling, therapy).
    case sessionsPerWeek = "sessions-per-week"
}

/// The typical wait from referral to first contact, as reported on a date.
public struct WaitingTime: Hashable, Codable, Sendable {
    public var days: Int
    public var asOf: CalendarDate?

    public init(days: Int, asOf: CalendarDate? = nil) {
        self.days = days
        self.asOf = asOf
    }
}
