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
        var rows: [CoveringRow] = []
        var nationalRows: [CoveringRow] = []
        // National and country-wide services are the same for every area of a country: their figures for each need
        // type and split value are counted once per set of such services (by its number in `nationalSets`), not
        // once per area.
        var nationalSets: [[Int32]: Int] = [:]
        var nationalFigures: [NationalKey: Provision] = [:]
        var nationalPositions: [Int32] = []
        for area in areas {
            if shouldStop() { return nil }
            let place = index.areaNumbers(of: area.location)
            var widened = area.location
            widened.areas.formUnion(area.inner)
            for need in query.needs {
                let covering = index.covering(area.inner.isEmpty ? area.location : widened, need: need)
                // Known waits first, shortest first, so the waits of any subset come out sorted (for the median).
                ordered = covering.sorted { facts.waitOrder($0) < facts.waitOrder($1) }
                // What the tallies read of each covering service, in one contiguous array: the tally of every
                // language or specialism walks it again.
                rows.removeAll(keepingCapacity: true)
                nationalRows.removeAll(keepingCapacity: true)
                nationalPositions.removeAll(keepingCapacity: true)
                for position in ordered {
                    part.touched[Int(position)] = true
                    // National and country-wide coverage (specificity 1 and 2) is not a local service; a service
                    // that reaches the area only through an area inside it covers a part.
                    let reach: Reach =
                        switch index.coverage.specificity(of: position, in: place) {
                        case 0: .part
                        case 1, 2: .national
                        default: .whole
                        }
                    if reach == .national {
                        nationalRows.append(CoveringRow(position, reach: reach, facts: facts))
                        nationalPositions.append(position)
                    } else {
                        rows.append(CoveringRow(position, reach: reach, facts: facts))
                    }
                }
                let nationalSet = nationalSets[nationalPositions] ?? nationalSets.count
                if nationalSet == nationalSets.count { nationalSets[nationalPositions] = nationalSet }
                func national(_ value: Int, _ includes: (CoveringRow) -> (serves: Bool, inHouse: Bool)) -> Provision {
                    let key = NationalKey(set: nationalSet, value: value)
                    if let known = nationalFigures[key] { return known }
                    let figures = Tally.national(nationalRows, buffers: &buffers, includes: includes)
                    nationalFigures[key] = figures
                    return figures
                }
                let whole = Tally(
                    rows: rows,
                    national: national(-1) { _ in (true, true) },
                    facts: facts,
                    buffers: &buffers
                ) { _ in (true, true) }
                if whole.local.accepting > 0, whole.ending == whole.local.accepting {
                    for row in rows where row.accepting && row.ending {
                        let position = row.position
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
                // A language no local service speaks is served by the same local services (the interpreting ones)
                // as any other such language: their tally is counted once per area and need type.
                var interpretersOnly: Tally?
                for (number, value) in split.values.enumerated() {
                    let nationalFigures = national(number) { split.serves($0, value) }
                    var tally: Tally
                    if query.split == .language, !rows.contains(where: { split.serves($0, value).inHouse }) {
                        let shared =
                            interpretersOnly
                            ?? Tally(rows: rows, national: nationalFigures, facts: facts, buffers: &buffers) {
                                ($0.interpreting, false)
                            }
                        interpretersOnly = shared
                        tally = shared
                        tally.nationalProvision = nationalFigures
                    } else {
                        tally = Tally(rows: rows, national: nationalFigures, facts: facts, buffers: &buffers) {
                            split.serves($0, value)
                        }
                    }
                    let demand = query.demand?.count(area: area.code, need: need, by: value.code)
                    // Appended first and changed in place: a cell is large, and copying it was a tenth of the run.
                    part.cells.append(tally.cell(area: area, need: need, by: value.code, demand: demand, query: query))
                    let last = part.cells.count - 1
                    if !covering.isEmpty, tally.local.services + tally.nationalProvision.services == 0 {
                        // Services cover the area, but none for this language or group.
                        part.cells[last].reasons = [
                            query.split == .specialism
                                ? .noSpecialist(general: whole.local.accepting + whole.nationalProvision.accepting)
                                : .noLanguage
                        ]
                    } else if query.split == .language, tally.local.accepting > 0, tally.acceptingInHouse == 0 {
                        part.cells[last].reasons.append(.interpreterOnly(services: tally.local.accepting))
                    }
                }
            }
        }
        return part
    }
}
