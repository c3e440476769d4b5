import SignpostCore
import SignpostMatching

// MARK: - Heat map

extension GapHTMLReport {
    static func writeHeatMap(_ grid: CellGrid, into html: inout HTMLWriter) {
        html.open("section", [("aria-labelledby", "heat-map-heading")])
        html.element("h2", [("id", "heat-map-heading")], "Heat map: areas by need type")
        guard !grid.rows.isEmpty, !grid.columns.isEmpty else {
            html.element("p", "Nothing was analysed.")
            html.close("section")
            return
        }
        html.element(
            "p",
            grid.isSplit
                ? "Each cell shows the worst status over the \(grid.splitNoun) analysed and how many have it; "
                    + "hover over a cell for the reasons."
                : "Each cell shows the status of a need type in an area; hover over a cell for the reasons."
        )
        writeStatusKey(into: &html)
        let shown = grid.rows.prefix(heatMapRowLimit)
        html.open("div", [("class", "scroll")])
        html.open("table", [("class", "heat-map")])
        html.element(
            "caption",
            "Status of each need type (columns) in each area (rows), areas with the most gaps first"
        )
        writeHeatMapHead(grid.columns, into: &html)
        html.open("tbody")
        for row in shown {
            html.open("tr")
            html.header(row.name, code: row.code)
            for column in grid.columns {
                writeHeatCell(
                    grid.cells(area: row.code, need: column.code),
                    row: row,
                    column: column,
                    grid: grid,
                    into: &html
                )
            }
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.close("div")
        if grid.rows.count > shown.count {
            let more = grid.rows.count - shown.count
            html.element(
                "p",
                [("class", "note")],
                "The heat map shows the \(shown.count) areas with the most gaps. \(more) more "
                    + (more == 1 ? "area is" : "areas are")
                    + " in the analysis: the CSV and JSON output of the same analysis lists all of them."
            )
        }
        html.close("section")
    }

    /// The need types as column headers, their labels shortened (and rotated by the stylesheet), the full label kept
    /// for screen readers and as a tooltip.
    static func writeHeatMapHead(_ columns: [CellGrid.Column], into html: inout HTMLWriter) {
        html.open("thead")
        html.open("tr")
        html.element("th", [("scope", "col"), ("class", "corner")], "Area")
        for column in columns {
            let short = shortLabel(column.label)
            html.open("th", [("scope", "col"), ("class", "need"), ("title", column.label)])
            if short == column.label {
                html.element("span", [("class", "label")], short)
            } else {
                html.element("span", [("class", "label"), ("aria-hidden", "true")], short)
                html.element("span", [("class", "visually-hidden")], column.label)
            }
            html.close("th")
        }
        html.close("tr")
        html.close("thead")
    }

    /// The key to the status colours, each with its symbol and word.
    static func writeStatusKey(into html: inout HTMLWriter) {
        html.open("ul", [("class", "key"), ("aria-label", "Key")])
        let entries: [(CoverageStatus, String)] = [
            (.gap, "gap: no service accepting referrals"),
            (.atRisk, "at risk: too few services, long waits, short capacity, contracts ending or stale data"),
            (.covered, "covered"),
        ]
        for (status, text) in entries {
            html.open("li")
            html.element("span", [("class", "swatch \(statusClass(status))"), ("aria-hidden", "true")], symbol(status))
            html.text(" " + text)
            html.close("li")
        }
        html.close("ul")
    }

    static func writeHeatCell(
        _ cells: [GapDocument.Cell],
        row: CellGrid.Row,
        column: CellGrid.Column,
        grid: CellGrid,
        into html: inout HTMLWriter
    ) {
        let place = "\(row.name) (\(row.code)), \(column.label)"
        guard let worst = cells.map(\.status).max() else {
            html.open("td", [("class", "cell none"), ("title", "\(place): not analysed")])
            html.element("span", [("aria-hidden", "true")], "\u{2013}")
            html.element("span", [("class", "visually-hidden")], "not analysed")
            html.close("td")
            return
        }
        let split = grid.isSplit ? " split" : ""
        html.open(
            "td",
            [("class", "cell \(statusClass(worst))\(split)"), ("title", place + ": " + cellTitle(cells, grid: grid))]
        )
        html.element("span", [("class", "sym"), ("aria-hidden", "true")], symbol(worst))
        let count = cells.filter { $0.status == worst }.count
        switch (grid.isSplit, worst) {
        case (false, .covered):
            html.element("span", [("class", "visually-hidden")], "covered")
        case (false, _):
            html.element("span", [("class", "word")], statusWord(worst))
        case (true, .covered):
            html.element("span", [("class", "visually-hidden")], "all \(count) covered")
        case (true, _):
            // The symbol and the count on one line, the word below: "✕ 3" over "gaps".
            html.raw(" ")
            html.element("span", [("class", "count")], "\(count)")
            html.raw(" ")
            html.element("span", [("class", "word")], statusWord(worst, count: count))
        }
        html.close("td")
    }

    /// The tooltip of a heat-map cell: the status and reasons, or for a split cell the counts and each part's status.
    static func cellTitle(_ cells: [GapDocument.Cell], grid: CellGrid) -> String {
        guard grid.isSplit else { return cells.map(describe).joined(separator: "\n") }
        let counts = [CoverageStatus.gap, .atRisk, .covered].compactMap { status in
            let count = cells.filter { $0.status == status }.count
            return count == 0 ? nil : statusNoun(status, count: count)
        }
        let limit = 12
        var lines = [counts.joined(separator: ", ") + " of \(cells.count) \(grid.splitNoun)"]
        let ordered = cells.sorted { ($1.status, $0.byLabel ?? "") < ($0.status, $1.byLabel ?? "") }
        for cell in ordered.prefix(limit) { lines.append((cell.byLabel ?? cell.by ?? "") + ": " + describe(cell)) }
        if ordered.count > limit { lines.append("and \(ordered.count - limit) more") }
        return lines.joined(separator: "\n")
    }

    /// "gap: no service covers it", "covered: 3 of 4 services accepting".
    static func describe(_ cell: GapDocument.Cell) -> String {
        guard !cell.reasons.isEmpty else {
            return statusWord(cell.status) + ": \(cell.accepting) of \(cell.services) services accepting"
        }
        return statusWord(cell.status) + ": " + cell.reasons.map(\.text).joined(separator: "; ")
    }

    /// A need-type label short enough for a rotated column header: up to the first comma, cut at a word near 26
    /// characters.
    static func shortLabel(_ label: String) -> String {
        let head = label.split(separator: ",", maxSplits: 1).first.map(String.init) ?? label
        guard head.count > 26 else { return head }
        var out = ""
        for word in head.split(separator: " ") {
            if out.count + word.count + 1 > 24 { break }
            out += out.isEmpty ? String(word) : " " + word
        }
        return (out.isEmpty ? String(head.prefix(24)) : out) + "\u{2026}"
    }
}
