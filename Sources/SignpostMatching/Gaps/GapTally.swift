import SignpostCore

// What the analysis counts for each cell: the facts of each service, the rows of a cell, the tallies.

/// A set of national services (by its number) and a split value (-1: the whole cell).
struct NationalKey: Hashable {
    var set: Int
    var value: Int
}

/// What a cell's tallies read of one covering service.
struct CoveringRow {
    var position: Int32
    var reach: Reach
    var accepting: Bool
    var ending: Bool
    var stale: Bool
    var wait: Int32
    var capacity: CapacityFact
    /// What a split asks of it, here rather than looked up for every language or specialism.
    var interpreting: Bool
    var bsl: Bool
    var specialisms: UInt64
    var languages: SpokenLanguages

    init(_ position: Int32, reach: Reach, facts: ServiceFacts) {
        self.position = position
        self.reach = reach
        let profile = facts.profiles[Int(position)]
        accepting = facts.isAccepting(position)
        ending = facts.isEnding(position)
        stale = facts.isStale(position)
        wait = profile.waitDays
        capacity = facts.capacity[Int(position)]
        interpreting = profile.offersInterpreting
        bsl = profile.offersBSL
        specialisms = profile.specialisms
        languages = facts.languages[Int(position)]
    }
}

/// How a service covering a cell reaches its area.
enum Reach: Sendable {
    /// Its coverage is the area or a larger area short of a country: local.
    case whole
    /// Its coverage is an area inside it: local, for a part.
    case part
    /// National or country-wide.
    case national
}

/// The findings for some of the areas.
struct Part: Sendable {
    var cells: [CoverageCell] = []
    /// Whether each service (by position) covers any of the areas.
    var touched: [Bool] = []
    var leftWithout: [Int32: (cells: Int, areas: [AreaCode])] = [:]
}

/// What the analysis needs of each service, by position, computed once per run.
struct ServiceFacts: Sendable {
    let profiles: [ServiceProfile]
    let languages: [SpokenLanguages]
    /// Each service's capacity, in one array (read once per service per cell).
    let capacity: [CapacityFact]
    let ending: [Bool]
    let contractEnd: [CalendarDate?]
    let stale: [Bool]

    init(index: MatchIndex, query: GapQuery) {
        profiles = index.profiles
        languages = index.languages
        let horizon = query.today.adding(months: query.thresholds.contractsEndingWithinMonths)
        let staleAfter = query.thresholds.staleAfterMonths
        var capacity: [CapacityFact] = []
        var ending: [Bool] = []
        var stale: [Bool] = []
        var contractEnd: [CalendarDate?] = []
        contractEnd.reserveCapacity(index.count)
        capacity.reserveCapacity(index.count)
        ending.reserveCapacity(index.count)
        stale.reserveCapacity(index.count)
        for (position, service) in index.services.enumerated() {
            capacity.append(CapacityFact(service))
            ending.append(service.commissioning.contractEnd.map { !(horizon < $0) } ?? false)
            contractEnd.append(service.commissioning.contractEnd)
            let months = index.profiles[position].monthsSinceVerified(query.today)
            stale.append(months.map { $0 >= staleAfter } ?? true)
        }
        self.capacity = capacity
        self.ending = ending
        self.stale = stale
        self.contractEnd = contractEnd
    }

    /// Accepting referrals: accepting or taking a waiting list, and not full (closed services are never covering).
    func isAccepting(_ position: Int32) -> Bool {
        let profile = profiles[Int(position)]
        return !profile.isPaused && !profile.isFull
    }

    func isEnding(_ position: Int32) -> Bool { ending[Int(position)] }
    func isStale(_ position: Int32) -> Bool { stale[Int(position)] }

    /// Sorts known waits first, shortest first, then by position.
    func waitOrder(_ position: Int32) -> (Int32, Int32) {
        let wait = profiles[Int(position)].waitDays
        return (wait < 0 ? Int32.max : wait, position)
    }
}

/// The languages or specialisms a split analysis looks at, and which services serve each.
struct SplitRule: Sendable {
    struct Value: Sendable {
        var code: String
        /// The language's position in the index, or the specialism's bit.
        var position: Int?
        var bit: UInt64
        var isBSL: Bool
    }

    let values: [Value]
    let split: GapSplit?

    init(query: GapQuery, index: MatchIndex) {
        split = query.split
        switch query.split {
        case nil:
            values = []
        case .language:
            values = query.splitValues.map {
                Value(
                    code: $0,
                    position: index.bits.languages.position($0),
                    bit: 0,
                    isBSL: $0 == LanguageCode.britishSignLanguage.rawValue
                )
            }
        case .specialism:
            values = query.splitValues.map {
                Value(code: $0, position: nil, bit: index.bits.specialisms.bit(Specialism($0)), isBSL: false)
            }
        }
    }

    /// Whether the service can serve the language (in-house or through interpreters) or has the specialism, and
    /// whether it does so in-house (always, for a specialism).
    @inline(__always)
    func serves(_ row: CoveringRow, _ value: Value) -> (serves: Bool, inHouse: Bool) {
        switch split {
        case .specialism:
            let has = row.specialisms & value.bit != 0
            return (has, has)
        case .language:
            let inHouse = (value.isBSL && row.bsl) || (value.position.map { row.languages.contains($0) } ?? false)
            return (inHouse || row.interpreting, inHouse)
        case nil:
            return (true, true)
        }
    }
}

/// Reusable buffers for the waits of a tally.
struct WaitBuffers {
    var local: [Int] = []
    var national: [Int] = []
}

/// A service's capacity as the analysis reads it: its unit (position in `CapacityUnit.allCases`, -1 when none is
/// reported), free and total (-1 when not reported); and how old its figures are: the day of the older of its
/// capacity and waiting-time dates (days since 1970, -1 when neither is dated), and whether the service reported them
/// itself.
struct CapacityFact: Sendable {
    var unit: Int8
    var reported: Bool
    var available: Int32
    var maximum: Int32
    var figuresDay: Int32

    init(_ service: Service) {
        let capacity = service.capacity
        unit =
            capacity.flatMap { capacity in CapacityUnit.allCases.firstIndex(of: capacity.unit).map { Int8($0) } } ?? -1
        available = Int32(clamping: capacity?.available ?? -1)
        maximum = Int32(clamping: capacity?.maximum ?? -1)
        let dates = [capacity?.updated, service.waitingTime?.asOf].compactMap { $0 }
        figuresDay = dates.min().map { Int32(clamping: $0.daysSinceEpoch) } ?? -1
        reported = service.provenance.availabilityReport != nil
    }
}

/// The figures of one kind of provision, counted as the tally goes.
struct ProvisionTally {
    var services = 0
    var accepting = 0
    var unavailable = 0
    /// Per unit (by position in `CapacityUnit.allCases`): services reporting, free and total capacity (-1: none).
    var reporting = InlineArray<4, Int>(repeating: 0)
    var free = InlineArray<4, Int>(repeating: -1)
    var total = InlineArray<4, Int>(repeating: -1)
    /// The oldest dated figure of the accepting services (days since 1970; `Int32.max`: none), and how many of them
    /// reported their figures themselves.
    var oldestFigure = Int32.max
    var reported = 0

    /// The units in `CapacityUnit.allCases` order, once (`allCases` builds a new array each time it is read).
    static let units = CapacityUnit.allCases

    /// Counts a service that serves the cell; returns whether it accepts referrals (only those count further).
    @inline(__always)
    mutating func add(_ capacity: CapacityFact, accepting: Bool, wait: Int, waits: inout [Int]) -> Bool {
        services += 1
        guard accepting else {
            unavailable += 1
            return false
        }
        self.accepting += 1
        if wait >= 0 { waits.append(wait) }
        if capacity.figuresDay >= 0, capacity.figuresDay < oldestFigure { oldestFigure = capacity.figuresDay }
        if capacity.reported { reported += 1 }
        let unit = Int(capacity.unit)
        guard unit >= 0, unit < 4 else { return true }
        reporting[unit] += 1
        if capacity.available >= 0 { free[unit] = max(free[unit], 0) + Int(capacity.available) }
        if capacity.maximum >= 0 { total[unit] = max(total[unit], 0) + Int(capacity.maximum) }
        return true
    }

    func provision(waits: [Int]) -> Provision {
        var provision = Provision(services: services, accepting: accepting)
        if oldestFigure != Int32.max { provision.figuresAsOf = CalendarDate(daysSinceEpoch: Int(oldestFigure)) }
        provision.reportedByServices = reported
        if let first = waits.first, let last = waits.last {
            provision.minWaitDays = first
            provision.maxWaitDays = last
            let middle = waits.count / 2
            provision.medianWaitDays = waits.count % 2 == 1 ? waits[middle] : (waits[middle - 1] + waits[middle]) / 2
        }
        for offset in 0..<4 where reporting[offset] > 0 {
            let unit = Self.units[offset]
            provision.capacity.append(
                UnitCapacity(
                    unit: unit,
                    services: reporting[offset],
                    available: free[offset] >= 0 ? free[offset] : nil,
                    maximum: total[offset] >= 0 ? total[offset] : nil
                )
            )
        }
        return provision
    }
}

/// The figures of one cell, counted over the services of an (area, need type) that pass a filter, local and
/// national apart.
struct Tally {
    var local = ProvisionTally()
    /// Local accepting services that serve it in-house (for a language split).
    var acceptingInHouse = 0
    /// Local accepting services whose coverage is the whole area.
    var acceptingWhole = 0
    var ending = 0
    /// The latest contract end of the local accepting services whose contracts end in the window.
    var lastEnd: CalendarDate?
    var allStale = true
    var localProvision = Provision()
    var nationalProvision = Provision()

    /// The tally of the local services in `rows` that pass `includes`, beside the national figures.
    init(
        rows: [CoveringRow],
        national: Provision,
        facts: ServiceFacts,
        buffers: inout WaitBuffers,
        includes: (CoveringRow) -> (serves: Bool, inHouse: Bool)
    ) {
        buffers.local.removeAll(keepingCapacity: true)
        for row in rows {
            let (serves, inHouse) = includes(row)
            guard serves,
                local.add(row.capacity, accepting: row.accepting, wait: Int(row.wait), waits: &buffers.local)
            else { continue }
            if inHouse { acceptingInHouse += 1 }
            if row.reach == .whole { acceptingWhole += 1 }
            if row.ending, let end = facts.contractEnd[Int(row.position)] {
                ending += 1
                if lastEnd.map({ $0 < end }) ?? true { lastEnd = end }
            }
            if !row.stale { allStale = false }
        }
        localProvision = local.provision(waits: buffers.local)
        nationalProvision = national
    }

    /// The figures of the national services in `rows` that pass `includes`.
    static func national(
        _ rows: [CoveringRow],
        buffers: inout WaitBuffers,
        includes: (CoveringRow) -> (serves: Bool, inHouse: Bool)
    ) -> Provision {
        var national = ProvisionTally()
        buffers.national.removeAll(keepingCapacity: true)
        for row in rows where includes(row).serves {
            _ = national.add(row.capacity, accepting: row.accepting, wait: Int(row.wait), waits: &buffers.national)
        }
        return national.provision(waits: buffers.national)
    }

    /// The status is decided on local provision; national helplines are named as a mitigation when nothing local
    /// accepts referrals, and never counted against a local wait, capacity or number of services.
    func cell(area: GapArea, need: NeedType, by: String?, demand: Int?, query: GapQuery) -> CoverageCell {
        let limits = query.thresholds
        var reasons: [GapReason] = []
        if local.accepting == 0 {
            if nationalProvision.accepting > 0 {
                reasons.append(.onlyNational(services: nationalProvision.accepting, local: local.services))
            } else if local.services + nationalProvision.services == 0 {
                reasons.append(.noService)
            } else {
                reasons.append(.noneAccepting(covering: local.services + nationalProvision.services))
            }
        } else {
            if local.accepting < limits.minServices {
                reasons.append(.fewAccepting(accepting: local.accepting, minimum: limits.minServices))
            }
            if local.unavailable > 0, Double(local.unavailable) >= Double(local.services) * limits.unavailableShare {
                reasons.append(.mostlyUnavailable(unavailable: local.unavailable, of: local.services))
            }
            if let shortest = localProvision.minWaitDays, shortest > limits.maxWaitDays {
                reasons.append(.longWait(shortest: shortest, limit: limits.maxWaitDays))
            }
            // Demand (referrals a year) is set against free capacity only in referrals a week: a count of open
            // cases, bed places or sessions cannot be compared with referrals without knowing how long each lasts.
            if let demand, demand > 0, let free = localProvision.capacity(in: .referralsPerWeek)?.available {
                let perWeek = Double(demand) / 52
                if Double(free) < perWeek * limits.minCapacityPerDemand {
                    reasons.append(
                        .capacityShort(
                            freePerWeek: free,
                            demandPerWeek: Int(perWeek.rounded(.up)),
                            demandPerYear: demand
                        )
                    )
                }
            }
            if acceptingWhole == 0 { reasons.append(.partlyCovered(services: local.accepting)) }
            if ending == local.accepting, let lastEnd {
                reasons.append(.contractsEnding(services: local.accepting, gapFrom: lastEnd))
            }
            if allStale { reasons.append(.allStale(services: local.accepting, months: limits.staleAfterMonths)) }
        }
        return CoverageCell(
            area: area.code,
            areaName: area.name,
            need: need,
            by: by,
            local: localProvision,
            national: nationalProvision,
            demand: demand,
            reasons: reasons
        )
    }
}
