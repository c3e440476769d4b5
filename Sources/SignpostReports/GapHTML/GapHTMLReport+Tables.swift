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
        var columns: [(String, Bool)] = [("Status", false), ("Area", false), ("Need type", false)]
        if grid.isSplit { columns.append((grid.splitTitle, false)) }
        columns += [("Services", true), ("Accepting", true), ("Shortest wait (days)", true), ("Free capacity", true)]
        // Demand beside each finding when a demand file was given.
        let demand = findings.contains { $0.demand != nil }
        if demand { columns.append(("Demand", true)) }
        columns.append(("Reasons", false))
        html.beginTable(
            "findings",
            caption: "Cells that are gaps or at risk, gaps first, with the reasons",
            columns: columns
        )
        for cell in shown { writeFindingRow(cell, split: grid.isSplit, demand: demand, into: &html) }
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

    static func writeFindingRow(_ cell: GapDocument.Cell, split: Bool, demand: Bool, into html: inout HTMLWriter) {
        html.open("tr")
        writeStatusCell(cell.status, into: &html)
        html.cell(cell.areaName, code: cell.area)
        html.cell(cell.needLabel)
        if split { html.cell(cell.byLabel ?? cell.by ?? "") }
        html.cell("\(cell.services)", numeric: true)
        html.cell("\(cell.accepting)", numeric: true)
        html.cell(cell.minWaitDays.map { "\($0)" } ?? "\u{2013}", numeric: true)
        html.cell(cell.capacityAvailable.map { "\($0)" } ?? "\u{2013}", numeric: true)
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
                + "\(comparison.improved) improved from a gap to at risk, \(comparison.recovered) recovered; "
                + "\(comparison.new) were not in the earlier report."
        )
        let order: [CoverageChange] = [.becameGap, .becameAtRisk, .improved, .recovered]
        let moved = document.cells.filter { $0.change != nil && $0.change != .new }
            .sorted { order.firstIndex(of: $0.change ?? .new) ?? 9 < order.firstIndex(of: $1.change ?? .new) ?? 9 }
        if !moved.isEmpty {
            let shown = moved.prefix(findingRowLimit)
            html.beginTable(
                "changes",
                caption: "Cells whose status changed, worse first",
                columns: [("Change", false), ("Area", false), ("Need type", false), ("Now", false)]
            )
            for cell in shown {
                html.open("tr")
                html.cell(changeWords(cell.change ?? .new))
                html.cell(cell.areaName, code: cell.area)
                html.cell(cell.byLabel.map { "\(cell.needLabel) (\($0))" } ?? cell.needLabel)
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
        case .improved: "Improved (was a gap)"
        case .recovered: "Recovered"
        case .new: "New"
        }
    }
}
