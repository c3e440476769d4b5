public import SignpostCore

/// The level of the areas a gap analysis looks at.
public enum GapLevel: String, CaseIterable, Codable, Sendable {
    case forceArea = "pfa"
    case localAuthority = "lad"
    case postcodeDistrict = "district"

    public var noun: String {
        switch self {
        case .forceArea: "police force area"
        case .localAuthority: "local authority"
        case .postcodeDistrict: "postcode district"
        }
    }

    public var pluralNoun: String {
        switch self {
        case .forceArea: "police force areas"
        case .localAuthority: "local authorities"
        case .postcodeDistrict: "postcode districts"
        }
    }
}

/// What each (area, need type) cell of a gap analysis may be split by.
public enum GapSplit: String, CaseIterable, Codable, Sendable {
    case language
    case specialism
}

/// How well a cell is served.
public enum CoverageStatus: String, Codable, Sendable, Comparable, CaseIterable {
    case covered
    /// (By language) local services accept referrals, but none speaks the language in-house: interpreters only.
    case interpretingOnly = "interpreting-only"
    case atRisk = "at-risk"
    case gap

    private var rank: Int {
        switch self {
        case .covered: 0
        case .interpretingOnly: 1
        case .atRisk: 2
        case .gap: 3
        }
    }

    public static func < (lhs: CoverageStatus, rhs: CoverageStatus) -> Bool { lhs.rank < rhs.rank }
}

/// The thresholds that turn a cell's figures into a status. Their defaults are stated here only: the command line
/// and the API take them from here, and Docs/Gaps.md quotes them.
public struct GapThresholds: Codable, Sendable, Hashable {
    /// A shortest wait longer than this many days puts the cell at risk.
    public var maxWaitDays = 28
    /// Fewer services accepting referrals than this puts the cell at risk.
    public var minServices = 2
    /// Free capacity below this share of the demand puts the cell at risk (1: as many free places as victims).
    public var minCapacityPerDemand = 1.0
    /// This share or more of the services full or paused puts the cell at risk.
    public var unavailableShare = 0.5
    /// Contracts ending within this many months are listed, and a cell that would lose every accepting service is
    /// at risk.
    public var contractsEndingWithinMonths = 6
    /// Records not verified within this many months are stale; a cell whose accepting services are all stale is at
    /// risk.
    public var staleAfterMonths = 12

    public init() {}
}

/// Demand per cell: referrals (or recorded crimes, or estimated victims) a year for an area and need type (and,
/// optionally, a language or specialism). A count given for a month is added twelve times over by the caller.
public struct GapDemand: Sendable, Hashable {
    public struct Key: Hashable, Sendable {
        public var area: AreaCode
        public var need: NeedType
        /// A language or specialism code, or nil for the whole (area, need type).
        public var by: String?

        public init(area: AreaCode, need: NeedType, by: String? = nil) {
            self.area = area
            self.need = need
            self.by = by
        }
    }

    public private(set) var counts: [Key: Int] = [:]
    /// Totals per (area, need type) over every split, for analyses that are not split.
    private var totals: [Key: Int] = [:]

    public init() {}

    /// Adds `count` to the cell (rows for the same cell add up).
    public mutating func add(_ count: Int, for key: Key) {
        counts[key, default: 0] += count
        totals[Key(area: key.area, need: key.need), default: 0] += count
    }

    /// The demand of a cell: for a split cell, the rows naming that language or specialism; for a whole cell, every
    /// row of the area and need type.
    public func count(area: AreaCode, need: NeedType, by: String?) -> Int? {
        let key = Key(area: area, need: need)
        guard let by else { return totals[key] }
        return counts[Key(area: area, need: need, by: by)]
    }

    /// The languages or specialisms the rows name, sorted by code.
    public var splitValues: [String] { Array(Set(counts.keys.compactMap(\.by))).sorted() }

    public var isEmpty: Bool { counts.isEmpty }
}

/// One area a gap analysis looks at, resolved the way the matcher resolves a victim's location.
public struct GapArea: Sendable, Hashable {
    public var code: AreaCode
    public var name: String
    public var location: ResolvedLocation
    /// The areas inside it that a service's coverage may name (a force area's local authorities): a service for one
    /// of them is local provision for a part of the area.
    public var inner: [AreaCode]

    public init(code: AreaCode, name: String, location: ResolvedLocation, inner: [AreaCode] = []) {
        self.code = code
        self.name = name
        self.location = location
        self.inner = inner
    }
}

/// What to analyse.
public struct GapQuery: Sendable {
    public var level: GapLevel
    public var areas: [GapArea]
    public var needs: [NeedType]
    public var split: GapSplit?
    /// The language or specialism codes to split by (ignored without `split`).
    public var splitValues: [String]
    public var thresholds: GapThresholds
    public var demand: GapDemand?
    /// The day the analysis is as of: contract windows and staleness count from it.
    public var today: CalendarDate

    public init(
        level: GapLevel,
        areas: [GapArea],
        needs: [NeedType],
        split: GapSplit? = nil,
        splitValues: [String] = [],
        thresholds: GapThresholds = GapThresholds(),
        demand: GapDemand? = nil,
        today: CalendarDate
    ) {
        self.level = level
        self.areas = areas
        self.needs = needs
        self.split = split
        self.splitValues = splitValues
        self.thresholds = thresholds
        self.demand = demand
        self.today = today
    }
}
