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
        var waits: [Int] = []
        var ordered: [Int32] = []
        var local: [Bool] = []
        for area in areas {
            if shouldStop() { return nil }
            let place = index.areaNumbers(of: area.location)
            for need in query.needs {
                let covering = index.covering(area.location, need: need)
                // Known waits first, shortest first, so the waits of any subset come out sorted (for the median).
                ordered = covering.sorted { facts.waitOrder($0) < facts.waitOrder($1) }
                local.removeAll(keepingCapacity: true)
                for position in ordered {
                    part.touched[Int(position)] = true
                    // National and country-wide coverage (specificity 1 and 2) is not a local service.
                    local.append(index.coverage.specificity(of: position, in: place) > 2)
                }
                let whole = Tally(ordered: ordered, local: local, facts: facts, waits: &waits) { _ in (true, true) }
                if whole.accepting > 0, whole.ending == whole.accepting {
                    for position in ordered where facts.isAccepting(position) && facts.isEnding(position) {
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
                    let tally = Tally(ordered: ordered, local: local, facts: facts, waits: &waits) {
                        split.serves($0, value)
                    }
                    let demand = query.demand?.count(area: area.code, need: need, by: value.code)
                    var cell = tally.cell(area: area, need: need, by: value.code, demand: demand, query: query)
                    if !covering.isEmpty, tally.services == 0 {
                        // Services cover the area, but none for this language or group.
                        cell.reasons = [
                            query.split == .specialism ? .noSpecialist(general: whole.accepting) : .noLanguage
                        ]
                    } else if query.split == .language, tally.accepting > 0, tally.acceptingInHouse == 0 {
                        cell.reasons.append(.interpreterOnly(services: tally.accepting))
                    }
                    part.cells.append(cell)
                }
            }
        }
        return part
    }
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
    let ending: [Bool]
    let contractEnd: [CalendarDate?]
    let stale: [Bool]

    init(index: MatchIndex, query: GapQuery) {
        profiles = index.profiles
        languages = index.languages
        let horizon = query.today.adding(months: query.thresholds.contractsEndingWithinMonths)
        let staleAfter = query.thresholds.staleAfterMonths
        var available: [Int32] = []
        var ending: [Bool] = []
        var stale: [Bool] = []
        var contractEnd: [CalendarDate?] = []
        contractEnd.reserveCapacity(index.count)
        available.reserveCapacity(index.count)
        ending.reserveCapacity(index.count)
        stale.reserveCapacity(index.count)
        for (position, service) in index.services.enumerated() {
            available.append(Int32(clamping: service.capacity?.available ?? -1))
            ending.append(service.commissioning.contractEnd.map { !(horizon < $0) } ?? false)
            contractEnd.append(service.commissioning.contractEnd)
            let months = index.profiles[position].monthsSinceVerified(query.today)
            stale.append(months.map { $0 >= staleAfter } ?? true)
        }
        self.available = available
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

/// The figures of one cell, counted over the services of an (area, need type) that pass a filter.
private struct Tally {
    var services = 0
    var accepting = 0
    var acceptingInHouse = 0
    var unavailable = 0
    var capacity: Int?
    var anyLocal = false
    var ending = 0
    /// The latest contract end of the accepting services whose contracts end in the window.
    var lastEnd: CalendarDate?
    var allStale = true
    var minWait: Int?
    var medianWait: Int?

    init(
        ordered: [Int32],
        local: [Bool],
        facts: ServiceFacts,
        waits: inout [Int],
        includes: (Int32) -> (serves: Bool, inHouse: Bool)
    ) {
        waits.removeAll(keepingCapacity: true)
        for (offset, position) in ordered.enumerated() {
            let (serves, inHouse) = includes(position)
            guard serves else { continue }
            services += 1
            guard facts.isAccepting(position) else {
                unavailable += 1
                continue
            }
            accepting += 1
            if inHouse { acceptingInHouse += 1 }
            let wait = facts.profiles[Int(position)].waitDays
            if wait >= 0 { waits.append(Int(wait)) }
            let free = facts.available[Int(position)]
            if free >= 0 { capacity = (capacity ?? 0) + Int(free) }
            if local[offset] { anyLocal = true }
            if facts.isEnding(position), let end = facts.contractEnd[Int(position)] {
                ending += 1
                if lastEnd.map({ $0 < end }) ?? true { lastEnd = end }
            }
            if !facts.isStale(position) { allStale = false }
        }
        if let first = waits.first {
            minWait = first
            let middle = waits.count / 2
            medianWait = waits.count % 2 == 1 ? waits[middle] : (waits[middle - 1] + waits[middle]) / 2
        }
    }

    func cell(area: GapArea, need: NeedType, by: String?, demand: Int?, query: GapQuery) -> CoverageCell {
        let limits = query.thresholds
        var reasons: [GapReason] = []
        if services == 0 {
            reasons.append(.noService)
        } else if accepting == 0 {
            reasons.append(.noneAccepting(covering: services))
        } else {
            if accepting < limits.minServices {
                reasons.append(.fewAccepting(accepting: accepting, minimum: limits.minServices))
            }
            if unavailable > 0, Double(unavailable) >= Double(services) * limits.unavailableShare {
                reasons.append(.mostlyUnavailable(unavailable: unavailable, of: services))
            }
            if let minWait, minWait > limits.maxWaitDays {
                reasons.append(.longWait(shortest: minWait, limit: limits.maxWaitDays))
            }
            if let demand, demand > 0, let capacity, Double(capacity) < Double(demand) * limits.minCapacityPerDemand {
                reasons.append(.capacityShort(capacity: capacity, demand: demand))
            }
            if !anyLocal { reasons.append(.onlyNational(services: accepting)) }
            if ending == accepting, let lastEnd {
                reasons.append(.contractsEnding(services: accepting, gapFrom: lastEnd))
            }
            if allStale { reasons.append(.allStale(services: accepting, months: limits.staleAfterMonths)) }
        }
        return CoverageCell(
            area: area.code,
            areaName: area.name,
            need: need,
            by: by,
            services: services,
            accepting: accepting,
            minWaitDays: minWait,
            medianWaitDays: medianWait,
            capacityAvailable: capacity,
            demand: demand,
            reasons: reasons
        )
    }
}
