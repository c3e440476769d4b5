public import SignpostCore

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
    /// Every local accepting service's contract ends within the window: the cell would have none from `gapFrom`, when
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
            return "\(unavailable) of \(total) local \(total == 1 ? "service" : "services") full or paused"
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
                ? "no local service accepting after \(gapFrom), when the contract of the only one ends"
                : "no local service accepting after \(gapFrom), when the contracts of all \(services) end"
        case .allStale(let services, let months):
            return services == 1
                ? "data for the only local service accepting not verified for \(months)+ months"
                : "data for all \(services) local services accepting not verified for \(months)+ months"
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
    /// The oldest dated capacity or wait figure of the accepting services (days since 1970, -1 for none), and how many
    /// of them reported their figures themselves (32 bits each: a national analysis holds a third of a million cells).
    private var oldestFigureDay: Int32 = -1
    private var reported: Int32 = 0

    /// The date of the oldest capacity or waiting-time figure among the accepting services, when any is dated: how
    /// old the figures behind this cell can be.
    public var figuresAsOf: CalendarDate? {
        get { oldestFigureDay < 0 ? nil : CalendarDate(daysSinceEpoch: Int(oldestFigureDay)) }
        set { oldestFigureDay = newValue.map { Int32(clamping: $0.daysSinceEpoch) } ?? -1 }
    }

    /// Accepting services whose capacity, wait and status are their own report (not their list's).
    public var reportedByServices: Int {
        get { Int(reported) }
        set { reported = Int32(clamping: newValue) }
    }

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
        capacity: [UnitCapacity] = [],
        figuresAsOf: CalendarDate? = nil,
        reportedByServices: Int = 0
    ) {
        self.services = services
        self.accepting = accepting
        waits = (Self.stored(minWaitDays), Self.stored(medianWaitDays), Self.stored(maxWaitDays))
        self.capacity = capacity
        self.figuresAsOf = figuresAsOf
        self.reportedByServices = reportedByServices
    }

    public func capacity(in unit: CapacityUnit) -> UnitCapacity? { capacity.first { $0.unit == unit } }

    public static func == (lhs: Provision, rhs: Provision) -> Bool {
        lhs.services == rhs.services && lhs.accepting == rhs.accepting && lhs.waits == rhs.waits
            && lhs.capacity == rhs.capacity && lhs.oldestFigureDay == rhs.oldestFigureDay
            && lhs.reported == rhs.reported
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(services)
        hasher.combine(accepting)
        hasher.combine(waits.shortest)
        hasher.combine(waits.median)
        hasher.combine(waits.longest)
        hasher.combine(capacity)
        hasher.combine(oldestFigureDay)
        hasher.combine(reported)
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
