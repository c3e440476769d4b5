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

/// Why a cell is a gap or at risk. Each reason carries its figures; the text is written when it is shown.
public enum GapReason: Hashable, Sendable {
    /// No open service covers the area for the need.
    case noService
    /// Services cover it, but none is accepting referrals (all paused or full).
    case noneAccepting(covering: Int)
    /// No service covering it speaks the language in-house or offers interpreting.
    case noLanguage
    /// The language is available only through interpreters.
    case interpreterOnly(services: Int)
    /// No service covering it has the specialism; `general` services without it accept referrals.
    case noSpecialist(general: Int)
    /// Fewer services accepting than the minimum.
    case fewAccepting(accepting: Int, minimum: Int)
    /// Many of the services are full or paused.
    case mostlyUnavailable(unavailable: Int, of: Int)
    /// Even the shortest wait is over the limit.
    case longWait(shortest: Int, limit: Int)
    /// The local services' free capacity in referrals a week is short of the demand's weekly rate.
    case capacityShort(freePerWeek: Int, demandPerWeek: Int, demandPerYear: Int)
    /// No local service accepts referrals (`local` cover the area, all full or paused, or none); national or
    /// country-wide helplines do: a mitigation, stated, never counted as local cover.
    case onlyNational(services: Int, local: Int)
    /// The local services accepting referrals each serve only a part of the area (one of a force's authorities).
    case partlyCovered(services: Int)
    /// Every accepting service's contract ends within the window: the cell would become a gap on `gapFrom`, when
    /// the last of them ends.
    case contractsEnding(services: Int, gapFrom: CalendarDate)
    /// Every accepting service's record is older than the staleness window (or was never verified).
    case allStale(services: Int, months: Int)

    public var code: String {
        switch self {
        case .noService: "no-service"
        case .noneAccepting: "none-accepting"
        case .noLanguage: "no-language"
        case .interpreterOnly: "interpreter-only"
        case .noSpecialist: "no-specialist"
        case .fewAccepting: "few-accepting"
        case .mostlyUnavailable: "mostly-unavailable"
        case .longWait: "long-wait"
        case .capacityShort: "capacity-short"
        case .onlyNational: "only-national"
        case .partlyCovered: "partly-covered"
        case .contractsEnding: "contracts-ending"
        case .allStale: "all-stale"
        }
    }

    public var status: CoverageStatus {
        switch self {
        case .noService, .noneAccepting, .noLanguage, .noSpecialist: .gap
        case .interpreterOnly: .interpretingOnly
        default: .atRisk
        }
    }

    public var text: String {
        switch self {
        case .noService:
            return "no service covers it"
        case .noneAccepting(let covering):
            return "no service accepting referrals (\(Self.services(covering)) covering it, all paused or full)"
        case .noLanguage:
            return "no service speaks the language or offers interpreting"
        case .interpreterOnly(let services):
            return "only through interpreters (\(Self.services(services)))"
        case .noSpecialist(let general):
            return general == 0
                ? "no specialist service, and no general one accepting"
                : "no specialist service (\(Self.services(general)) without the specialism accepting)"
        case .fewAccepting(let accepting, let minimum):
            return "only \(accepting) local \(accepting == 1 ? "service" : "services") accepting (minimum \(minimum))"
        case .mostlyUnavailable(let unavailable, let total):
            return "\(unavailable) of \(Self.services(total)) full or paused"
        case .longWait(let shortest, let limit):
            return "shortest local wait \(shortest) days > \(limit)"
        case .capacityShort(let free, let perWeek, let perYear):
            return
                "local capacity \(free) referrals a week free for demand of about \(perWeek) a week (\(perYear) a year)"
        case .onlyNational(let services, let local):
            let helplines = "only national helplines (\(Self.services(services)))"
            return local == 0
                ? "no local service; \(helplines)"
                : "no local service accepting (\(local) full or paused); \(helplines)"
        case .partlyCovered(let services):
            return "local services cover only part of it (\(Self.services(services)) accepting, each for one part)"
        case .contractsEnding(let services, let gapFrom):
            return services == 1
                ? "would become a gap after \(gapFrom), when the contract of its only accepting service ends"
                : "would become a gap after \(gapFrom), when the contracts of all \(services) accepting services end"
        case .allStale(let services, let months):
            return "data for all \(Self.services(services)) accepting not verified for \(months)+ months"
        }
    }

    private static func services(_ count: Int) -> String { count == 1 ? "1 service" : "\(count) services" }
}

/// Free and total capacity in one unit, over the accepting services that report it.
public struct UnitCapacity: Sendable, Hashable {
    public var unit: CapacityUnit
    /// Services reporting a figure in this unit.
    public var services: Int
    /// Their free capacity, when any reports it.
    public var available: Int?
    /// Their total capacity, when any reports it.
    public var maximum: Int?

    public init(unit: CapacityUnit, services: Int = 0, available: Int? = nil, maximum: Int? = nil) {
        self.unit = unit
        self.services = services
        self.available = available
        self.maximum = maximum
    }
}

/// The services of one kind in a cell (local, or national and country-wide) and their figures.
public struct Provision: Sendable, Hashable {
    /// Open services covering the cell (for a split: those that can serve it).
    public var services: Int
    /// Of those, the ones accepting referrals (accepting or waiting list, and not full).
    public var accepting: Int
    /// Waits of the accepting services that report one, in days; stored in 32 bits, -1 for none, since a national
    /// analysis holds a third of a million cells.
    private var waits: (shortest: Int32, median: Int32, longest: Int32)
    /// Capacity per unit, in `CapacityUnit` order; a unit no accepting service reports is absent. Never summed
    /// across units.
    public var capacity: [UnitCapacity]

    public var minWaitDays: Int? {
        get { waits.shortest < 0 ? nil : Int(waits.shortest) }
        set { waits.shortest = Self.stored(newValue) }
    }
    public var medianWaitDays: Int? {
        get { waits.median < 0 ? nil : Int(waits.median) }
        set { waits.median = Self.stored(newValue) }
    }
    public var maxWaitDays: Int? {
        get { waits.longest < 0 ? nil : Int(waits.longest) }
        set { waits.longest = Self.stored(newValue) }
    }

    public init(
        services: Int = 0,
        accepting: Int = 0,
        minWaitDays: Int? = nil,
        medianWaitDays: Int? = nil,
        maxWaitDays: Int? = nil,
        capacity: [UnitCapacity] = []
    ) {
        self.services = services
        self.accepting = accepting
        waits = (Self.stored(minWaitDays), Self.stored(medianWaitDays), Self.stored(maxWaitDays))
        self.capacity = capacity
    }

    public func capacity(in unit: CapacityUnit) -> UnitCapacity? { capacity.first { $0.unit == unit } }

    public static func == (lhs: Provision, rhs: Provision) -> Bool {
        lhs.services == rhs.services && lhs.accepting == rhs.accepting && lhs.waits == rhs.waits
            && lhs.capacity == rhs.capacity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(services)
        hasher.combine(accepting)
        hasher.combine(waits.shortest)
        hasher.combine(waits.median)
        hasher.combine(waits.longest)
        hasher.combine(capacity)
    }

    private static func stored(_ days: Int?) -> Int32 { days.map { Int32(clamping: max(0, $0)) } ?? -1 }
}

/// One cell of the analysis: an area and a need type, optionally for one language or specialism.
public struct CoverageCell: Sendable, Hashable {
    public var area: AreaCode
    public var areaName: String
    public var need: NeedType
    /// The language or specialism code, for split analyses.
    public var by: String?
    /// Services whose coverage is the area, a larger area short of a country (its force area), or a part of it.
    /// The status is decided on these.
    public var local: Provision
    /// National and country-wide services (helplines): a stated mitigation, never local cover.
    public var national: Provision
    /// Referrals a year (rows given a month count twelve times), when a demand file gave any.
    public var demand: Int?
    public var reasons: [GapReason]

    public var status: CoverageStatus { reasons.map(\.status).max() ?? .covered }
    /// Every service covering the cell, local and national.
    public var services: Int { local.services + national.services }
    public var accepting: Int { local.accepting + national.accepting }

    public init(
        area: AreaCode,
        areaName: String,
        need: NeedType,
        by: String? = nil,
        local: Provision = Provision(),
        national: Provision = Provision(),
        demand: Int? = nil,
        reasons: [GapReason] = []
    ) {
        self.area = area
        self.areaName = areaName
        self.need = need
        self.by = by
        self.local = local
        self.national = national
        self.demand = demand
        self.reasons = reasons
    }
}

/// A service whose contract ends within the window.
public struct ContractEnding: Sendable, Hashable {
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    public var commissioner: String?
    public var contractEnd: CalendarDate
    /// Cells that would have no accepting service once the contracts ending in the window have ended, and that this
    /// service serves now.
    public var cellsLeftWithoutService: Int
    /// The areas of those cells.
    public var areasLeftWithoutService: [AreaCode]
}

/// A service whose record has not been verified within the window.
public struct StaleRecord: Sendable, Hashable {
    public var serviceID: ServiceID
    public var name: String
    public var provider: String
    public var lastVerified: CalendarDate?
    /// Whole months since it was verified, or nil when never.
    public var months: Int?
}

/// What a gap analysis found.
public struct GapFindings: Sendable {
    public var cells: [CoverageCell]
    public var contractsEnding: [ContractEnding]
    public var stale: [StaleRecord]

    /// How many cells have each status.
    public var statusCounts: [CoverageStatus: Int] {
        var counts: [CoverageStatus: Int] = [.covered: 0, .interpretingOnly: 0, .atRisk: 0, .gap: 0]
        for cell in cells { counts[cell.status, default: 0] += 1 }
        return counts
    }
}

/// How a cell's status moved since an earlier report of the same analysis.
public enum CoverageChange: String, Codable, Sendable, CaseIterable {
    /// Now a gap; before, covered or at risk.
    case becameGap = "became-gap"
    /// Now at risk (or interpreting only); before, better.
    case becameAtRisk = "became-at-risk"
    /// Better than before, but not covered.
    case improved
    /// Now covered; before, a gap or at risk.
    case recovered
    /// Not in the earlier report.
    case new

    /// The change from `before` (nil: the cell was not in the earlier report) to `after`; nil when the status is the
    /// same.
    public static func from(_ before: CoverageStatus?, to after: CoverageStatus) -> CoverageChange? {
        guard let before else { return .new }
        guard before != after else { return nil }
        if before < after { return after == .gap ? .becameGap : .becameAtRisk }
        return after == .covered ? .recovered : .improved
    }
}
