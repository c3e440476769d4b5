import SignpostCore

/// Coverage-gap analysis for commissioners: for each area and need type (optionally each language or specialism),
/// which services cover it, how many accept referrals, how long the waits are, how much capacity is free against
/// the demand, and whether the cell is covered, at risk or a gap, with the reasons. Whether a service covers an area
/// is decided by the matcher's own rule (`MatchIndex.covering`). Pure: no files, SQL or clock of its own.
public struct GapAnalysis: Sendable {
    public let index: MatchIndex

    public init(index: MatchIndex) { self.index = index }

    public func run(_ query: GapQuery) -> GapFindings {
        // Never stopped, so there are always findings.
        run(query, shouldStop: { false }) ?? GapFindings(cells: [], contractsEnding: [], stale: [])
    }

    /// The analysis, or nil when `shouldStop` said so: it is asked before each area, so a report whose answer is no
    /// longer wanted (its deadline passed, its client gone) stops within one area's work.
    public func run(_ query: GapQuery, shouldStop: () -> Bool) -> GapFindings? {
        let facts = ServiceFacts(index: index, query: query)
        let split = SplitRule(query: query, index: index)
        // Measured: splitting the areas over two cores gained nothing (the workers contend on shared reference
        // counts), so one pass does it.
        guard let part = analyse(query.areas[...], query: query, facts: facts, split: split, shouldStop: shouldStop)
        else { return nil }
        let cells = part.cells
        let touched = part.touched
        let leftWithout = part.leftWithout

        var contracts: [ContractEnding] = []
        var stale: [StaleRecord] = []
        for position in 0..<Int32(index.count) where touched[Int(position)] {
            let service = index.services[Int(position)]
            if facts.isEnding(position), let end = service.commissioning.contractEnd {
                let effect = leftWithout[position]
                contracts.append(
                    ContractEnding(
                        serviceID: service.id,
                        name: service.name,
                        provider: service.provider.name,
                        commissioner: service.commissioning.commissioner,
                        contractEnd: end,
                        cellsLeftWithoutService: effect?.cells ?? 0,
                        areasLeftWithoutService: effect?.areas ?? []
                    )
                )
            }
            if facts.isStale(position) {
                let verified = service.provenance.lastVerified
                stale.append(
                    StaleRecord(
                        serviceID: service.id,
                        name: service.name,
                        provider: service.provider.name,
                        lastVerified: verified,
                        months: verified.map { $0.months(until: query.today) }
                    )
                )
            }
        }
        contracts.sort { ($0.contractEnd, $0.serviceID) < ($1.contractEnd, $1.serviceID) }
        stale.sort { ($0.months ?? Int.max, $1.serviceID) > ($1.months ?? Int.max, $0.serviceID) }
        return GapFindings(cells: cells, contractsEnding: contracts, stale: stale)
    }

    /// The part of the analysis for some of the areas.
    private func analyse(
        _ areas: ArraySlice<GapArea>,
        query: GapQuery,
        facts: ServiceFacts,
        split: SplitRule,
        shouldStop: () -> Bool
    ) -> Part? {
        var part = Part()
        part.cells.reserveCapacity(areas.count * query.needs.count * max(1, split.values.count))
        part.touched = [Bool](repeating: false, count: index.count)
        var buffers = WaitBuffers()
        var ordered: [Int32] = []
        var reach: [Reach] = []
        for area in areas {
            if shouldStop() { return nil }
            let place = index.areaNumbers(of: area.location)
            var widened = area.location
            widened.areas.formUnion(area.inner)
            for need in query.needs {
                let covering = index.covering(area.inner.isEmpty ? area.location : widened, need: need)
                // Known waits first, shortest first, so the waits of any subset come out sorted (for the median).
                ordered = covering.sorted { facts.waitOrder($0) < facts.waitOrder($1) }
                reach.removeAll(keepingCapacity: true)
                for position in ordered {
                    part.touched[Int(position)] = true
                    // National and country-wide coverage (specificity 1 and 2) is not a local service; a service
                    // that reaches the area only through an area inside it covers a part.
                    switch index.coverage.specificity(of: position, in: place) {
                    case 0: reach.append(.part)
                    case 1, 2: reach.append(.national)
                    default: reach.append(.whole)
                    }
                }
                let whole = Tally(ordered: ordered, reach: reach, facts: facts, buffers: &buffers) { _ in (true, true) }
                if whole.local.accepting > 0, whole.ending == whole.local.accepting {
                    for (offset, position) in ordered.enumerated()
                    where reach[offset] != .national && facts.isAccepting(position) && facts.isEnding(position) {
                        var entry = part.leftWithout[position] ?? (0, [])
                        entry.cells += 1
                        if entry.areas.last != area.code { entry.areas.append(area.code) }
                        part.leftWithout[position] = entry
                    }
                }
                guard !split.values.isEmpty else {
                    let demand = query.demand?.count(area: area.code, need: need, by: nil)
                    part.cells.append(whole.cell(area: area, need: need, by: nil, demand: demand, query: query))
                    continue
                }
                for value in split.values {
                    let tally = Tally(ordered: ordered, reach: reach, facts: facts, buffers: &buffers) {
                        split.serves($0, value)
                    }
                    let demand = query.demand?.count(area: area.code, need: need, by: value.code)
                    var cell = tally.cell(area: area, need: need, by: value.code, demand: demand, query: query)
                    if !covering.isEmpty, tally.local.services + tally.national.services == 0 {
                        // Services cover the area, but none for this language or group.
                        cell.reasons = [
                            query.split == .specialism
                                ? .noSpecialist(general: whole.local.accepting + whole.national.accepting)
                                : .noLanguage
                        ]
                    } else if query.split == .language, tally.local.accepting > 0, tally.acceptingInHouse == 0 {
                        cell.reasons.append(.interpreterOnly(services: tally.local.accepting))
                    }
                    part.cells.append(cell)
                }
            }
        }
        return part
    }
}

/// How a service covering a cell reaches its area.
private enum Reach: Sendable {
    /// Its coverage is the area or a larger area short of a country: local.
    case whole
    /// Its coverage is an area inside it: local, for a part.
    case part
    /// National or country-wide.
    case national
}

/// The findings for some of the areas.
private struct Part: Sendable {
    var cells: [CoverageCell] = []
    /// Whether each service (by position) covers any of the areas.
    var touched: [Bool] = []
    var leftWithout: [Int32: (cells: Int, areas: [AreaCode])] = [:]
}

/// What the analysis needs of each service, by position, computed once per run.
private struct ServiceFacts: Sendable {
    let profiles: [ServiceProfile]
    let languages: [SpokenLanguages]
    /// Free capacity, or -1 when not reported.
    let available: [Int32]
    /// Total capacity, or -1 when not reported.
    let maximum: [Int32]
    /// The capacity's unit (its position in `CapacityUnit.allCases`), or -1 when no capacity is reported.
    let unit: [Int8]
    let ending: [Bool]
    let contractEnd: [CalendarDate?]
    let stale: [Bool]

    init(index: MatchIndex, query: GapQuery) {
        profiles = index.profiles
        languages = index.languages
        let horizon = query.today.adding(months: query.thresholds.contractsEndingWithinMonths)
        let staleAfter = query.thresholds.staleAfterMonths
        var available: [Int32] = []
        var maximum: [Int32] = []
        var unit: [Int8] = []
        var ending: [Bool] = []
        var stale: [Bool] = []
        var contractEnd: [CalendarDate?] = []
        contractEnd.reserveCapacity(index.count)
        available.reserveCapacity(index.count)
        ending.reserveCapacity(index.count)
        stale.reserveCapacity(index.count)
        for (position, service) in index.services.enumerated() {
            available.append(Int32(clamping: service.capacity?.available ?? -1))
            maximum.append(Int32(clamping: service.capacity?.maximum ?? -1))
            unit.append(
                service.capacity.flatMap { capacity in
                    CapacityUnit.allCases.firstIndex(of: capacity.unit).map { Int8($0) }
                } ?? -1
            )
            ending.append(service.commissioning.contractEnd.map { !(horizon < $0) } ?? false)
            contractEnd.append(service.commissioning.contractEnd)
            let months = index.profiles[position].monthsSinceVerified(query.today)
            stale.append(months.map { $0 >= staleAfter } ?? true)
        }
        self.available = available
        self.maximum = maximum
        self.unit = unit
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
private struct SplitRule: Sendable {
    struct Value: Sendable {
        var code: String
        /// The language's position in the index, or the specialism's bit.
        var position: Int?
        var bit: UInt64
        var isBSL: Bool
    }

    let values: [Value]
    let split: GapSplit?
    let profiles: [ServiceProfile]
    let languages: [SpokenLanguages]

    init(query: GapQuery, index: MatchIndex) {
        split = query.split
        profiles = index.profiles
        languages = index.languages
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
    func serves(_ position: Int32, _ value: Value) -> (serves: Bool, inHouse: Bool) {
        let profile = profiles[Int(position)]
        switch split {
        case .specialism:
            let has = profile.specialisms & value.bit != 0
            return (has, has)
        case .language:
            let inHouse = speaks(position, value)
            return (inHouse || profile.offersInterpreting, inHouse)
        case nil:
            return (true, true)
        }
    }

    func speaks(_ position: Int32, _ value: Value) -> Bool {
        if value.isBSL, profiles[Int(position)].offersBSL { return true }
        return value.position.map { languages[Int(position)].contains($0) } ?? false
    }
}

/// Reusable buffers for the waits of a tally.
private struct WaitBuffers {
    var local: [Int] = []
    var national: [Int] = []
}

/// The figures of one kind of provision, counted as the tally goes.
private struct ProvisionTally {
    var services = 0
    var accepting = 0
    var unavailable = 0
    /// Per unit (by position in `CapacityUnit.allCases`): services reporting, free and total capacity (-1: none).
    var reporting = SIMD4<Int>(repeating: 0)
    var free = SIMD4<Int>(repeating: -1)
    var total = SIMD4<Int>(repeating: -1)

    mutating func count(_ position: Int32, facts: ServiceFacts) {
        let unit = Int(facts.unit[Int(position)])  // SIMD4: the four units of CapacityUnit
        guard unit >= 0, unit < 4 else { return }
        reporting[unit] += 1
        let available = Int(facts.available[Int(position)])
        if available >= 0 { free[unit] = max(free[unit], 0) + available }
        let maximum = Int(facts.maximum[Int(position)])
        if maximum >= 0 { total[unit] = max(total[unit], 0) + maximum }
    }

    func provision(waits: [Int]) -> Provision {
        var provision = Provision(services: services, accepting: accepting)
        if let first = waits.first, let last = waits.last {
            provision.minWaitDays = first
            provision.maxWaitDays = last
            let middle = waits.count / 2
            provision.medianWaitDays = waits.count % 2 == 1 ? waits[middle] : (waits[middle - 1] + waits[middle]) / 2
        }
        for (offset, unit) in CapacityUnit.allCases.enumerated() where offset < 4 && reporting[offset] > 0 {
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
private struct Tally {
    var local = ProvisionTally()
    var national = ProvisionTally()
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

    init(
        ordered: [Int32],
        reach: [Reach],
        facts: ServiceFacts,
        buffers: inout WaitBuffers,
        includes: (Int32) -> (serves: Bool, inHouse: Bool)
    ) {
        buffers.local.removeAll(keepingCapacity: true)
        buffers.national.removeAll(keepingCapacity: true)
        for (offset, position) in ordered.enumerated() {
            let (serves, inHouse) = includes(position)
            guard serves else { continue }
            let isLocal = reach[offset] != .national
            let accepting = facts.isAccepting(position)
            let wait = Int(facts.profiles[Int(position)].waitDays)
            if isLocal {
                local.services += 1
                guard accepting else {
                    local.unavailable += 1
                    continue
                }
                local.accepting += 1
                local.count(position, facts: facts)
                if wait >= 0 { buffers.local.append(wait) }
                if inHouse { acceptingInHouse += 1 }
                if reach[offset] == .whole { acceptingWhole += 1 }
                if facts.isEnding(position), let end = facts.contractEnd[Int(position)] {
                    ending += 1
                    if lastEnd.map({ $0 < end }) ?? true { lastEnd = end }
                }
                if !facts.isStale(position) { allStale = false }
            } else {
                national.services += 1
                guard accepting else {
                    national.unavailable += 1
                    continue
                }
                national.accepting += 1
                national.count(position, facts: facts)
                if wait >= 0 { buffers.national.append(wait) }
            }
        }
        localProvision = local.provision(waits: buffers.local)
        nationalProvision = national.provision(waits: buffers.national)
    }

    /// The status is decided on local provision; national helplines are named as a mitigation when nothing local
    /// accepts referrals, and never counted against a local wait, capacity or number of services.
    func cell(area: GapArea, need: NeedType, by: String?, demand: Int?, query: GapQuery) -> CoverageCell {
        let limits = query.thresholds
        var reasons: [GapReason] = []
        if local.accepting == 0 {
            if national.accepting > 0 {
                reasons.append(.onlyNational(services: national.accepting, local: local.services))
            } else if local.services + national.services == 0 {
                reasons.append(.noService)
            } else {
                reasons.append(.noneAccepting(covering: local.services + national.services))
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
