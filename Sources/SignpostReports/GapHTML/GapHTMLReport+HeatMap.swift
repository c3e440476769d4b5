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
            (grid.isSplit
                ? "Each cell shows the worst status over the \(grid.splitNoun) analysed and how many have it. "
                : "Each cell shows the status of a need type in an area. ")
                + "The reasons for every cell that is not covered are in the table of gaps and cells at risk below; "
                + "select a cell to go to its row."
        )
        writeStatusKey(split: grid.isSplit, into: &html)
        let linked = Set(
            grid.findings.prefix(findingRowLimit).map { CellGrid.Key(area: $0.area, need: $0.need) }
        )
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
                    linked: linked,
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
    static func writeStatusKey(split: Bool, into html: inout HTMLWriter) {
        html.open("ul", [("class", "key"), ("aria-label", "Key")])
        var entries: [(CoverageStatus, String)] = [
            (.gap, "gap: no service accepting referrals, local or national"),
            (
                .atRisk,
                "at risk: only national helplines, too few local services, long local waits, short capacity, "
                    + "contracts ending or stale data"
            ),
        ]
        if split { entries.append((.interpretingOnly, "interpreting only: no local service speaks it in-house")) }
        entries.append((.covered, "covered"))
        for (status, text) in entries {
            html.open("li")
            html.element("span", [("class", "swatch \(statusClass(status))"), ("aria-hidden", "true")], symbol(status))
            html.text(" " + text)
            html.close("li")
        }
        html.open("li")
        html.element("span", [("class", "swatch s-none"), ("aria-hidden", "true")], "\u{2013}")
        html.text(" not analysed")
        html.close("li")
        html.close("ul")
    }

    static func writeHeatCell(
        _ cells: [GapDocument.Cell],
        row: CellGrid.Row,
        column: CellGrid.Column,
        grid: CellGrid,
        linked: Set<CellGrid.Key>,
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
        let key = CellGrid.Key(area: row.code, need: column.code)
        let link = worst != .covered && linked.contains(key)
        if link { html.open("a", [("href", "#" + findingAnchor(key))]) }
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
        if link { html.close("a") }
        html.close("td")
    }

    /// The tooltip of a heat-map cell: the status and reasons, or for a split cell the counts and each part's status.
    static func cellTitle(_ cells: [GapDocument.Cell], grid: CellGrid) -> String {
        guard grid.isSplit else { return cells.map(describe).joined(separator: "\n") }
        // The counts only: each part's reasons are in the table of findings (kept out of every cell's title, where
        // they made a national report by language many megabytes).
        let counts = CoverageStatus.allCases.reversed().compactMap { status in
            let count = cells.filter { $0.status == status }.count
            return count == 0 ? nil : statusNoun(status, count: count)
        }
        return counts.joined(separator: ", ") + " of \(cells.count) \(grid.splitNoun)"
    }

    /// "gap: no service covers it", "covered: 3 of 4 services accepting".
    static func describe(_ cell: GapDocument.Cell) -> String {
        guard !cell.reasons.isEmpty else {
            return statusWord(cell.status)
                + ": \(cell.local.accepting) of \(cell.local.services) local services accepting"
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
