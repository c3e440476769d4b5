import SignpostCore
import SignpostMatching

// MARK: - The cells, arranged

/// The cells arranged for the page: need types as columns, areas as rows, and the cells of each (area, need type).
struct CellGrid {
    struct Column {
        var code: String
        var label: String
    }

    struct Row {
        var code: String
        var name: String
        var gaps: Int
    }

    struct Key: Hashable {
        var area: String
        var need: String
    }

    /// Need types, in the order of the query.
    let columns: [Column]
    /// Every area, most gaps first, then by code.
    let rows: [Row]
    let areaNames: [String: String]
    let isSplit: Bool
    let level: GapLevel?
    /// "languages" or "specialisms".
    let splitNoun: String
    /// "Language" or "Specialism".
    let splitTitle: String
    let byPair: [Key: [GapDocument.Cell]]
    let byNeed: [String: [GapDocument.Cell]]
    let all: [GapDocument.Cell]

    init(_ document: GapDocument, vocabularies: Vocabularies) {
        var needs = document.parameters.needs
        var seenNeeds = Set(needs)
        var labels: [String: String] = [:]
        var rows: [String: Row] = [:]
        var byPair: [Key: [GapDocument.Cell]] = [:]
        var byNeed: [String: [GapDocument.Cell]] = [:]
        for cell in document.cells {
            if seenNeeds.insert(cell.need).inserted { needs.append(cell.need) }
            if labels[cell.need] == nil { labels[cell.need] = cell.needLabel }
            var row = rows[cell.area] ?? Row(code: cell.area, name: cell.areaName, gaps: 0)
            if cell.status == .gap { row.gaps += 1 }
            rows[cell.area] = row
            byPair[Key(area: cell.area, need: cell.need), default: []].append(cell)
            byNeed[cell.need, default: []].append(cell)
        }
        let needVocabulary = vocabularies[.needTypes]
        columns = needs.map { Column(code: $0, label: labels[$0] ?? needVocabulary.label(code: $0) ?? $0) }
        self.rows = rows.values.sorted { ($1.gaps, $0.code) < ($0.gaps, $1.code) }
        areaNames = rows.mapValues(\.name)
        isSplit = document.parameters.by != nil
        level = GapLevel(rawValue: document.parameters.level)
        splitNoun = document.parameters.by == GapSplit.specialism.rawValue ? "specialisms" : "languages"
        splitTitle = document.parameters.by == GapSplit.specialism.rawValue ? "Specialism" : "Language"
        self.byPair = byPair
        self.byNeed = byNeed
        all = document.cells
    }

    func cells(area: String, need: String) -> [GapDocument.Cell] { byPair[Key(area: area, need: need)] ?? [] }

    func cells(need: String) -> [GapDocument.Cell] { byNeed[need] ?? [] }

    /// Gaps, then cells at risk; each by area name, area code, need type (in column order) and split value.
    var findings: [GapDocument.Cell] {
        let order = Dictionary(columns.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        return all.filter { $0.status != .covered }.sorted { a, b in
            if a.status != b.status { return a.status > b.status }
            if a.areaName != b.areaName { return a.areaName < b.areaName }
            if a.area != b.area { return a.area < b.area }
            let needA = order[a.need] ?? Int.max
            let needB = order[b.need] ?? Int.max
            if needA != needB { return needA < needB }
            return (a.by ?? "") < (b.by ?? "")
        }
    }

    /// The cells of each police force area, by the force area's code.
    var forceTallies: [String: ForceTally] {
        var tallies: [String: ForceTally] = [:]
        for cell in all {
            guard let force = cell.forceArea else { continue }
            tallies[force, default: ForceTally()].add(cell.status)
        }
        return tallies
    }

    /// How many cells name no force area, or one that is not in `known`.
    func cellsWithoutForce(known: Set<String>) -> Int {
        all.filter { cell in cell.forceArea.map { !known.contains($0) } ?? true }.count
    }
}

/// The cells of one area of the tile map (a police force area, or a local authority), by status.
struct ForceTally {
    var cells = 0
    var gaps = 0
    var atRisk = 0
    var interpreting = 0
    var covered = 0

    mutating func add(_ status: CoverageStatus) {
        cells += 1
        switch status {
        case .gap: gaps += 1
        case .atRisk: atRisk += 1
        case .interpretingOnly: interpreting += 1
        case .covered: covered += 1
        }
    }

    /// The share of the cells that are gaps or at risk.
    var problemShare: Double { cells == 0 ? 0 : Double(gaps + atRisk) / Double(cells) }

    /// "3 gaps, 1 at risk and 8 covered of 12 cells".
    var sentence: String {
        "\(GapHTMLReport.statusNoun(.gap, count: gaps)), \(atRisk) at risk"
            + (interpreting > 0 ? ", \(interpreting) interpreting only" : "")
            + " and \(covered) covered of \(cells) " + GapHTMLReport.plural("cell", cells)
    }
}
