import SignpostCore
import SignpostMatching

// MARK: - Tables of findings

extension GapHTMLReport {
    static func writeFindings(_ grid: CellGrid, into html: inout HTMLWriter) {
        let findings = grid.findings
        html.open("section", [("aria-labelledby", "findings-heading")])
        html.element("h2", [("id", "findings-heading")], "Gaps and cells at risk")
        guard !findings.isEmpty else {
            html.element("p", "No cell is a gap or at risk.")
            html.close("section")
            return
        }
        let shown = findings.prefix(findingRowLimit)
        var columns: [(String, Bool)] = [("Area", false), ("Need type", false)]
        if grid.isSplit { columns.append((grid.splitTitle, false)) }
        columns += [
            ("Status", false),
            ("Local services accepting", true), ("Shortest local wait (days)", true), ("Free local capacity", false),
            ("National helplines accepting", true),
        ]
        // Demand beside each finding when a demand file was given.
        let demand = findings.contains { $0.demand != nil }
        if demand { columns.append(("Demand a year", true)) }
        columns.append(("Reasons", false))
        html.element(
            "p",
            "Local services are those for the area itself, its force area, or a part of it; national and "
                + "country-wide helplines are counted apart and never as local cover. Waits and free capacity are the "
                + "local services' (capacity per unit, never added across units), with the date of the oldest figure "
                + "behind them and how many the services reported themselves; demand is referrals a year."
        )
        html.beginTable(
            "findings sticky",
            caption: "Cells that are gaps or at risk, gaps first, with the reasons",
            columns: columns
        )
        var anchored = Set<CellGrid.Key>()
        for cell in shown {
            // The first row of each (area, need type) is where the heat map's cell leads.
            let key = CellGrid.Key(area: cell.area, need: cell.need)
            let anchor = anchored.insert(key).inserted ? findingAnchor(key) : nil
            writeFindingRow(cell, split: grid.isSplit, demand: demand, anchor: anchor, into: &html)
        }
        html.endTable()
        if findings.count > shown.count {
            html.element(
                "p",
                [("class", "note")],
                "Showing the first \(shown.count) of \(findings.count) cells that are gaps or at risk; the CSV and "
                    + "JSON output lists all of them."
            )
        }
        html.close("section")
    }

    /// "12 cases, 3 referrals a week (figures as of 2026-09-14; 1 from the service itself)": free capacity per unit,
    /// never added across units, and how old the figures behind it can be.
    static func capacityText(_ provision: GapDocument.Provision) -> String {
        let parts = provision.capacity.compactMap { capacity in
            capacity.available.map { "\($0) \(unitWords(capacity.unit, count: $0))" }
        }
        var notes: [String] = []
        if let asOf = provision.figuresAsOf { notes.append("figures as of \(asOf)") }
        if provision.reportedByServices > 0 {
            notes.append(
                "\(provision.reportedByServices) from the "
                    + (provision.reportedByServices == 1 ? "service itself" : "services themselves")
            )
        }
        let text = parts.isEmpty ? "\u{2013}" : parts.joined(separator: ", ")
        return notes.isEmpty ? text : text + " (" + notes.joined(separator: "; ") + ")"
    }

    static func unitWords(_ unit: String, count: Int) -> String {
        switch CapacityUnit(rawValue: unit) {
        case .cases: count == 1 ? "case" : "cases"
        case .places: count == 1 ? "place" : "places"
        case .referralsPerWeek: count == 1 ? "referral a week" : "referrals a week"
        case .sessionsPerWeek: count == 1 ? "session a week" : "sessions a week"
        case nil: unit
        }
    }

    /// The id of the first row of an (area, need type) in the table of findings.
    static func findingAnchor(_ key: CellGrid.Key) -> String { "f-\(key.area)-\(key.need)" }

    static func writeFindingRow(
        _ cell: GapDocument.Cell,
        split: Bool,
        demand: Bool,
        anchor: String?,
        into html: inout HTMLWriter
    ) {
        html.open("tr", anchor.map { [("id", $0)] } ?? [])
        html.header(cell.areaName, code: cell.area)
        html.cell(cell.needLabel)
        if split { html.cell(cell.byLabel ?? cell.by ?? "") }
        writeStatusCell(cell.status, into: &html)
        html.cell("\(cell.local.accepting) of \(cell.local.services)", numeric: true)
        html.cell(cell.local.minWaitDays.map { "\($0)" } ?? "\u{2013}", numeric: true)
        html.cell(capacityText(cell.local))
        html.cell("\(cell.national.accepting)", numeric: true)
        if demand { html.cell(cell.demand.map { "\($0)" } ?? "\u{2013}", numeric: true) }
        html.open("td")
        if cell.reasons.count == 1, let reason = cell.reasons.first {
            html.text(reason.text)
        } else {
            html.open("ul", [("class", "reasons")])
            for reason in cell.reasons { html.element("li", reason.text) }
            html.close("ul")
        }
        html.close("td")
        html.close("tr")
    }

    static func writeContracts(_ document: GapDocument, grid: CellGrid, into html: inout HTMLWriter) {
        html.open("section", [("aria-labelledby", "contracts-heading")])
        html.element("h2", [("id", "contracts-heading")], "Contracts ending")
        let months = document.parameters.contractsEndingWithinMonths
        guard !document.contractsEnding.isEmpty else {
            html.element("p", "No contract of a service in scope ends within \(months) months.")
            html.close("section")
            return
        }
        html.beginTable(
            "contracts",
            caption: "Contracts ending within \(months) months of \(document.parameters.asOf), soonest first",
            columns: [
                ("Service", false), ("Provider", false), ("Commissioner", false), ("Contract end", false),
                ("Cells left without service", true), ("Areas left without service", false),
            ]
        )
        for contract in document.contractsEnding {
            html.open("tr")
            html.cell(contract.name, code: contract.serviceId)
            html.cell(contract.provider)
            html.cell(contract.commissioner ?? "\u{2013}")
            html.cell(contract.contractEnd)
            html.cell("\(contract.cellsLeftWithoutService)", numeric: true)
            html.cell(areaList(contract.areasLeftWithoutService, grid: grid))
            html.close("tr")
        }
        html.endTable()
        html.close("section")
    }

    static func areaList(_ codes: [String], grid: CellGrid) -> String {
        guard !codes.isEmpty else { return "\u{2013}" }
        let limit = 6
        let names = codes.prefix(limit).map { grid.areaNames[$0] ?? $0 }
        let more = codes.count > limit ? " and \(codes.count - limit) more" : ""
        return names.joined(separator: ", ") + more
    }

    static func writeStale(_ document: GapDocument, into html: inout HTMLWriter) {
        html.open("section", [("aria-labelledby", "stale-heading")])
        html.element("h2", [("id", "stale-heading")], "Records not verified recently")
        let months = document.parameters.staleAfterMonths
        guard !document.stale.isEmpty else {
            html.element("p", "Every record of a service in scope was verified within \(months) months.")
            html.close("section")
            return
        }
        let shown = document.stale.prefix(staleRowLimit)
        html.beginTable(
            "stale",
            caption: "Records of services in scope not verified for \(months) months or more, oldest first",
            columns: [("Service", false), ("Provider", false), ("Last verified", false), ("Months since", true)]
        )
        for record in shown {
            html.open("tr")
            html.cell(record.name, code: record.serviceId)
            html.cell(record.provider)
            html.cell(record.lastVerified ?? "never")
            html.cell(record.monthsSinceVerified.map { "\($0)" } ?? "\u{2013}", numeric: true)
            html.close("tr")
        }
        html.endTable()
        if document.stale.count > shown.count {
            html.element(
                "p",
                [("class", "note")],
                "Showing \(shown.count) of \(document.stale.count) stale records; the CSV and JSON output lists all "
                    + "of them."
            )
        }
        html.close("section")
    }

    /// The cells whose status moved since the earlier report (`--compare-to`): those that became gaps or at risk
    /// first, then those that improved or recovered. Nothing when not compared.
    static func writeChanges(_ document: GapDocument, into html: inout HTMLWriter) {
        guard let comparison = document.comparison else { return }
        html.open("section", [("aria-labelledby", "changes-heading")])
        let since = comparison.earlierGeneratedAt.map { " (\($0.prefix(10)))" } ?? ""
        html.element("h2", [("id", "changes-heading")], "Changes since the earlier report\(since)")
        html.element(
            "p",
            (comparison.becameGap == 1 ? "1 cell became a gap, " : "\(comparison.becameGap) cells became gaps, ")
                + "\(comparison.becameAtRisk) became at risk, "
                + "\(comparison.improved) improved, \(comparison.recovered) recovered; "
                + "\(comparison.new) were not in the earlier report."
        )
        let order: [CoverageChange] = [.becameGap, .becameAtRisk, .improved, .recovered]
        let moved = document.cells.filter { $0.change != nil && $0.change != .new }
            .sorted { order.firstIndex(of: $0.change ?? .new) ?? 9 < order.firstIndex(of: $1.change ?? .new) ?? 9 }
        if !moved.isEmpty {
            let shown = moved.prefix(findingRowLimit)
            html.beginTable(
                "changes sticky",
                caption: "Cells whose status changed, worse first",
                columns: [("Area", false), ("Need type", false), ("Change", false), ("Now", false)]
            )
            for cell in shown {
                html.open("tr")
                html.header(cell.areaName, code: cell.area)
                html.cell(cell.byLabel.map { "\(cell.needLabel) (\($0))" } ?? cell.needLabel)
                html.cell(changeWords(cell.change ?? .new))
                writeStatusCell(cell.status, into: &html)
                html.close("tr")
            }
            html.endTable()
            if moved.count > shown.count {
                html.element(
                    "p",
                    [("class", "note")],
                    "Showing \(shown.count) of \(moved.count) changed cells; the CSV and JSON list all of them."
                )
            }
        }
        html.close("section")
    }

    /// For an analysis by language: per language, the areas with a local service speaking it in-house, with
    /// interpreting only, and with nothing local.
    static func writeLanguages(_ document: GapDocument, into html: inout HTMLWriter) {
        guard let languages = document.languages, !languages.isEmpty else { return }
        html.open("section", [("aria-labelledby", "languages-heading")])
        html.element("h2", [("id", "languages-heading")], "Languages")
        html.element(
            "p",
            "For each language, the areas where a local service accepting referrals (for any need type) speaks it "
                + "in-house, where local services offer it only through interpreters, and where nothing local does. "
                + "Fewest areas with an in-house service first."
        )
        html.beginTable(
            "languages sticky",
            caption: "Areas by how each language is served locally",
            columns: [
                ("Language", false), ("In-house", true), ("Interpreting only", true), ("Nothing local", true),
                ("Areas", true),
            ]
        )
        for language in languages {
            html.open("tr")
            html.header(language.label, code: language.language)
            for figure in [language.inHouse, language.interpretingOnly, language.nothingLocal, language.areas] {
                html.cell("\(figure)", numeric: true)
            }
            html.close("tr")
        }
        html.endTable()
        html.close("section")
    }

    /// A table cell with the status's symbol and word (never colour alone).
    static func writeStatusCell(_ status: CoverageStatus, into html: inout HTMLWriter) {
        html.open("td", [("class", "status \(statusClass(status))")])
        html.element("span", [("class", "sym"), ("aria-hidden", "true")], symbol(status))
        html.text(" " + statusWord(status))
        html.close("td")
    }

    static func changeWords(_ change: CoverageChange) -> String {
        switch change {
        case .becameGap: "Became a gap"
        case .becameAtRisk: "Became at risk"
        case .improved: "Improved"
        case .recovered: "Recovered"
        case .new: "New"
        }
    }
}
