public import SignpostCore
import SignpostMatching

/// A gap analysis as one HTML page for a Police and Crime Commissioner's office: the summary, a heat map of areas by
/// need type, a tile map of the police force areas, a chart of waiting times, the tables of findings, and what the
/// figures rest on. Everything is inline (CSS and SVG); there are no scripts and no external references, so the page
/// reads offline and prints.
public enum GapHTMLReport {
    /// The most areas the heat map shows (those with the most gaps); the CSV and JSON hold every area.
    static let heatMapRowLimit = 60
    /// The most rows of the table of gaps and cells at risk.
    static let findingRowLimit = 500
    /// The most rows of the table of stale records.
    static let staleRowLimit = 200

    /// One self-contained HTML page (inline CSS and SVG, no scripts, no external references), readable offline and
    /// printable.
    public static func render(_ document: GapDocument, vocabularies: Vocabularies) -> String {
        let grid = CellGrid(document, vocabularies: vocabularies)
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("title", "Coverage gaps: \(document.scope)")
        html.raw("\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n<main>\n")
        writeSummary(document, into: &html)
        writeHeatMap(grid, into: &html)
        writeTileMap(grid, vocabularies: vocabularies, into: &html)
        writeWaitChart(grid, limit: document.parameters.maxWaitDays, into: &html)
        writeFindings(grid, into: &html)
        writeContracts(document, grid: grid, into: &html)
        writeStale(document, into: &html)
        html.raw("</main>\n")
        writeFooter(document, grid: grid, vocabularies: vocabularies, into: &html)
        html.raw("</body>\n</html>\n")
        return html.output
    }
}

// MARK: - Summary

extension GapHTMLReport {
    private static func writeSummary(_ document: GapDocument, into html: inout HTMLWriter) {
        html.element("h1", "Coverage gaps: \(document.scope)")
        for sentence in document.summary.text { html.element("p", [("class", "lead")], sentence) }
        let summary = document.summary
        html.open("ul", [("class", "totals"), ("aria-label", "Cells by status")])
        let totals: [(CoverageStatus, Int)] = [
            (.gap, summary.gap), (.atRisk, summary.atRisk), (.covered, summary.covered),
        ]
        for (status, count) in totals {
            html.open("li", [("class", "total \(statusClass(status))")])
            html.element("span", [("class", "sym"), ("aria-hidden", "true")], symbol(status))
            html.raw(" ")
            html.element("strong", "\(count)")
            html.text(" " + statusWord(status, count: count))
            html.close("li")
        }
        html.open("li", [("class", "total all")])
        html.element("strong", "\(summary.cells)")
        html.text(summary.cells == 1 ? " cell analysed" : " cells analysed")
        html.close("li")
        html.close("ul")
    }
}

// MARK: - Heat map

extension GapHTMLReport {
    private static func writeHeatMap(_ grid: CellGrid, into html: inout HTMLWriter) {
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
    private static func writeHeatMapHead(_ columns: [CellGrid.Column], into html: inout HTMLWriter) {
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
    private static func writeStatusKey(into html: inout HTMLWriter) {
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

    private static func writeHeatCell(
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
    private static func cellTitle(_ cells: [GapDocument.Cell], grid: CellGrid) -> String {
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
    private static func describe(_ cell: GapDocument.Cell) -> String {
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

// MARK: - Tile map

extension GapHTMLReport {
    private static func writeTileMap(_ grid: CellGrid, vocabularies: Vocabularies, into html: inout HTMLWriter) {
        let terms = vocabularies[.policeForceAreas].terms
        let layout = TileLayout(terms: terms)
        let tallies = grid.forceTallies
        let maximum = tallies.values.map(\.gaps).max() ?? 0
        let bins = GapBin.bins(maximumGaps: maximum)
        let analysed = terms.filter { tallies[$0.code] != nil }
        let legendWidth = 200.0
        let legendHeight = 40 + Double(bins.count + 1) * 24
        let width = layout.width + legendWidth
        let height = max(layout.height, legendHeight)

        html.open("section", [("aria-labelledby", "tile-map-heading")])
        html.element("h2", [("id", "tile-map-heading")], "Gaps by police force area")
        html.element(
            "p",
            "One hexagon per police force area, placed roughly where it lies, coloured by how many of its cells are "
                + "gaps. Each hexagon shows a short name and the number of gaps."
        )
        let svgAttributes = [
            ("class", "tile-map"), ("role", "img"), ("aria-labelledby", "tile-map-title tile-map-desc"),
            ("viewBox", "0 0 \(number(width)) \(number(height))"), ("width", number(width)),
            ("height", number(height)),
        ]
        html.open("svg", svgAttributes)
        html.element("title", [("id", "tile-map-title")], "Gap cells by police force area")
        html.element("desc", [("id", "tile-map-desc")], tileMapDescription(analysed: analysed, tallies: tallies))
        if let captionY = layout.overflowCaptionY {
            html.element(
                "text",
                [("x", number(TileLayout.padding)), ("y", number(captionY)), ("class", "caption")],
                "Not on the grid (no tile position in the vocabulary):"
            )
        }
        for tile in layout.tiles { writeTile(tile, tally: tallies[tile.code], bins: bins, into: &html) }
        writeTileLegend(bins, x: layout.width + 16, into: &html)
        html.close("svg")
        writeForceTable(analysed: analysed, total: terms.count, tallies: tallies, into: &html)
        let unplaced = grid.cellsWithoutForce(known: Set(terms.map(\.code)))
        if unplaced > 0 {
            html.element(
                "p",
                [("class", "note")],
                "\(unplaced) \(unplaced == 1 ? "cell is" : "cells are") not in any police force area of the "
                    + "vocabulary and \(unplaced == 1 ? "is" : "are") not counted on the map."
            )
        }
        html.close("section")
    }

    private static func tileMapDescription(analysed: [VocabularyTerm], tallies: [String: ForceTally]) -> String {
        guard !analysed.isEmpty else { return "No police force area was analysed." }
        let listed = mostGapsFirst(analysed, tallies: tallies).prefix(5).map {
            "\($0.label) \(tallies[$0.code]?.gaps ?? 0)"
        }
        return "\(analysed.count) of the police force areas were analysed; the others are grey. Gap cells, most first: "
            + listed.joined(separator: ", ") + ". The table below gives every analysed area's counts."
    }

    /// The force areas with the most gap cells first, then by name.
    private static func mostGapsFirst(_ terms: [VocabularyTerm], tallies: [String: ForceTally]) -> [VocabularyTerm] {
        terms.sorted { ((tallies[$1.code]?.gaps ?? 0), $0.label) < ((tallies[$0.code]?.gaps ?? 0), $1.label) }
    }

    private static func writeTile(
        _ tile: TileLayout.Tile,
        tally: ForceTally?,
        bins: [GapBin],
        into html: inout HTMLWriter
    ) {
        let bin = tally.map { GapBin.bin(for: $0.gaps, in: bins) } ?? GapBin.notAnalysed
        let title =
            tally.map { "\(tile.name) (\(tile.code)): " + $0.sentence } ?? "\(tile.name) (\(tile.code)): not analysed"
        html.open(
            "g",
            [
                ("class", "tile" + (tally == nil ? " not-analysed" : "")), ("data-code", tile.code),
                ("transform", "translate(\(number(tile.x)),\(number(tile.y)))"),
            ]
        )
        html.element("title", title)
        html.void("polygon", [("points", TileLayout.hexagonPoints), ("fill", bin.fill)])
        html.element("text", [("y", "-3"), ("class", "abbr"), ("fill", bin.ink)], tile.abbreviation)
        html.element(
            "text",
            [("y", "12"), ("class", "count"), ("fill", bin.ink)],
            tally.map { "\($0.gaps)" } ?? "\u{2013}"
        )
        html.close("g")
    }

    private static func writeTileLegend(_ bins: [GapBin], x: Double, into html: inout HTMLWriter) {
        html.open("g", [("class", "legend"), ("transform", "translate(\(number(x)),16)")])
        html.element("text", [("y", "12"), ("class", "legend-title")], "Gap cells per force area")
        for (offset, bin) in (bins + [GapBin.notAnalysed]).enumerated() {
            let y = 26 + Double(offset) * 24
            html.void(
                "rect",
                [
                    ("x", "0"), ("y", number(y)), ("width", "18"), ("height", "18"), ("fill", bin.fill),
                    ("stroke", "#595959"), ("stroke-width", "0.5"),
                ]
            )
            html.element("text", [("x", "26"), ("y", number(y + 13))], bin.label)
        }
        html.close("g")
    }

    private static func writeForceTable(
        analysed: [VocabularyTerm],
        total: Int,
        tallies: [String: ForceTally],
        into html: inout HTMLWriter
    ) {
        guard !analysed.isEmpty else { return }
        let rows = mostGapsFirst(analysed, tallies: tallies)
        html.beginTable(
            "compact",
            caption: "Cells by police force area (the figures of the map)",
            columns: [
                ("Police force area", false), ("Gaps", true), ("At risk", true), ("Covered", true),
                ("Cells", true),
            ]
        )
        for term in rows {
            guard let tally = tallies[term.code] else { continue }
            html.open("tr")
            html.header(term.label, code: term.code)
            for figure in [tally.gaps, tally.atRisk, tally.covered, tally.cells] {
                html.cell("\(figure)", numeric: true)
            }
            html.close("tr")
        }
        html.endTable()
        let others = total - analysed.count
        if others > 0 {
            html.element(
                "p",
                [("class", "note")],
                "The other \(others) police force \(others == 1 ? "area was" : "areas were") not analysed."
            )
        }
    }
}

// MARK: - Waiting times

extension GapHTMLReport {
    private static func writeWaitChart(_ grid: CellGrid, limit: Int, into html: inout HTMLWriter) {
        let rows = grid.columns.map { WaitFigures(column: $0, cells: grid.cells(need: $0.code), limit: limit) }
        html.open("section", [("aria-labelledby", "waits-heading")])
        html.element("h2", [("id", "waits-heading")], "Waiting times by need type")
        html.element(
            "p",
            "For each need type, the bar is the median of the shortest wait in each cell (over the cells where a wait "
                + "is known), the diamond the longest of those shortest waits, and the dashed line the limit of "
                + "\(days(limit)) used by the analysis."
        )
        guard !rows.isEmpty else {
            html.element("p", "Nothing was analysed.")
            html.close("section")
            return
        }
        WaitChart(rows: rows, limit: limit).write(into: &html)
        html.beginTable(
            "compact",
            caption: "Shortest waits by need type, in days",
            columns: [
                ("Need type", false), ("Cells with a known wait", true), ("Median shortest wait", true),
                ("Longest shortest wait", true), ("Cells over the limit", true),
            ]
        )
        for row in rows {
            html.open("tr")
            html.element("th", [("scope", "row")], row.column.label)
            html.cell("\(row.known) of \(row.cells)", numeric: true)
            html.cell(row.median.map(decimal) ?? "\u{2013}", numeric: true)
            html.cell(row.longest.map { "\($0)" } ?? "\u{2013}", numeric: true)
            html.cell("\(row.overLimit)", numeric: true)
            html.close("tr")
        }
        html.endTable()
        html.close("section")
    }
}

// MARK: - Tables of findings

extension GapHTMLReport {
    private static func writeFindings(_ grid: CellGrid, into html: inout HTMLWriter) {
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
        columns += [("Services", true), ("Accepting", true), ("Shortest wait (days)", true), ("Reasons", false)]
        html.beginTable(
            "findings",
            caption: "Cells that are gaps or at risk, gaps first, with the reasons",
            columns: columns
        )
        for cell in shown { writeFindingRow(cell, split: grid.isSplit, into: &html) }
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

    private static func writeFindingRow(_ cell: GapDocument.Cell, split: Bool, into html: inout HTMLWriter) {
        html.open("tr")
        html.open("td", [("class", "status \(statusClass(cell.status))")])
        html.element("span", [("class", "sym"), ("aria-hidden", "true")], symbol(cell.status))
        html.text(" " + statusWord(cell.status))
        html.close("td")
        html.cell(cell.areaName, code: cell.area)
        html.cell(cell.needLabel)
        if split { html.cell(cell.byLabel ?? cell.by ?? "") }
        html.cell("\(cell.services)", numeric: true)
        html.cell("\(cell.accepting)", numeric: true)
        html.cell(cell.minWaitDays.map { "\($0)" } ?? "\u{2013}", numeric: true)
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

    private static func writeContracts(_ document: GapDocument, grid: CellGrid, into html: inout HTMLWriter) {
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

    private static func areaList(_ codes: [String], grid: CellGrid) -> String {
        guard !codes.isEmpty else { return "\u{2013}" }
        let limit = 6
        let names = codes.prefix(limit).map { grid.areaNames[$0] ?? $0 }
        let more = codes.count > limit ? " and \(codes.count - limit) more" : ""
        return names.joined(separator: ", ") + more
    }

    private static func writeStale(_ document: GapDocument, into html: inout HTMLWriter) {
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
}

// MARK: - Footer

extension GapHTMLReport {
    private static func writeFooter(
        _ document: GapDocument,
        grid: CellGrid,
        vocabularies: Vocabularies,
        into html: inout HTMLWriter
    ) {
        let parameters = document.parameters
        html.open("footer", [("aria-labelledby", "about-heading")])
        html.element("h2", [("id", "about-heading")], "About this report")
        html.element("h3", "Parameters")
        html.open("dl", [("class", "parameters")])
        let entries = parameterEntries(parameters, grid: grid, vocabularies: vocabularies)
        for (term, value) in entries {
            html.element("dt", term)
            html.element("dd", value)
        }
        html.close("dl")
        writeProvenance(document.catalog, into: &html)
        html.open("p", [("class", "generated")])
        html.text("Generated ")
        html.element("time", [("datetime", document.generatedAt)], document.generatedAt)
        html.text(" by Signpost.")
        html.close("p")
        html.close("footer")
    }

    /// The parameters in words, as (term, value) pairs.
    private static func parameterEntries(
        _ parameters: GapDocument.Parameters,
        grid: CellGrid,
        vocabularies: Vocabularies
    ) -> [(String, String)] {
        let level = GapLevel(rawValue: parameters.level)?.noun ?? parameters.level
        let needs = grid.columns.map(\.label)
        var entries: [(String, String)] = [
            (
                "Areas",
                "\(parameters.areas.count) \(plural(level, parameters.areas.count))" + areaNames(parameters, grid)
            ),
            ("Need types", "\(needs.count): " + needs.joined(separator: ", ")),
        ]
        if let by = parameters.by {
            let vocabulary = by == GapSplit.language.rawValue ? vocabularies[.languages] : vocabularies[.specialisms]
            let values = parameters.byValues.map { vocabulary.label(code: $0) ?? $0 }
            entries.append(("Split by \(by)", values.isEmpty ? "\u{2013}" : values.joined(separator: ", ")))
        }
        entries += [
            ("Longest acceptable shortest wait", days(parameters.maxWaitDays)),
            ("Fewest services accepting", "\(parameters.minServices)"),
            ("Free places per victim at least", decimal(parameters.minCapacityPerDemand)),
            ("At risk when full or paused", decimal(parameters.unavailableShare * 100) + "% of services or more"),
            ("Contracts ending within", "\(parameters.contractsEndingWithinMonths) months"),
            ("Records stale after", "\(parameters.staleAfterMonths) months"),
            ("As of", parameters.asOf),
            ("Demand figures", parameters.demandGiven ? "given" : "not given"),
        ]
        return entries
    }

    private static func areaNames(_ parameters: GapDocument.Parameters, _ grid: CellGrid) -> String {
        guard !parameters.areas.isEmpty, parameters.areas.count <= 12 else { return "" }
        return ": " + parameters.areas.map { grid.areaNames[$0] ?? $0 }.joined(separator: ", ")
    }

    private static func writeProvenance(_ catalog: CatalogProvenance, into html: inout HTMLWriter) {
        html.element("h3", "Catalog")
        var sentence =
            "\(catalog.services) \(plural("service", catalog.services)) from "
            + "\(catalog.sources.count) \(plural("source", catalog.sources.count))"
        sentence += catalog.lastImport.map { "; last import \($0)." } ?? "; no import date recorded."
        html.element("p", sentence)
        guard !catalog.sources.isEmpty else { return }
        html.open("ul", [("class", "sources")])
        for source in catalog.sources {
            html.element("li", "\(source.source): \(source.services) \(plural("service", source.services))")
        }
        html.close("ul")
    }
}

// MARK: - Words and numbers

extension GapHTMLReport {
    static func symbol(_ status: CoverageStatus) -> String {
        switch status {
        case .gap: "\u{2715}"
        case .atRisk: "!"
        case .covered: "\u{2713}"
        }
    }

    static func statusWord(_ status: CoverageStatus) -> String {
        switch status {
        case .gap: "gap"
        case .atRisk: "at risk"
        case .covered: "covered"
        }
    }

    /// "1 gap", "3 gaps", "2 at risk", "5 covered".
    static func statusNoun(_ status: CoverageStatus, count: Int) -> String {
        "\(count) " + statusWord(status, count: count)
    }

    /// "gap" or "gaps", "at risk", "covered".
    static func statusWord(_ status: CoverageStatus, count: Int) -> String {
        status == .gap && count != 1 ? "gaps" : statusWord(status)
    }

    static func statusClass(_ status: CoverageStatus) -> String { "s-" + status.rawValue }

    /// "1 local authority", "2 local authorities", "3 services": the noun for `count`.
    static func plural(_ noun: String, _ count: Int) -> String {
        guard count != 1 else { return noun }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        return noun + "s"
    }

    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    /// Up to two decimals, without trailing zeros: `1`, `0.5`, `12.25`.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        guard fraction != 0 else { return "\(sign)\(whole)" }
        let digits = fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// A coordinate for SVG, to one decimal.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let fraction = abs(tenths) % 10
        return "\(sign)\(abs(tenths) / 10)" + (fraction == 0 ? "" : ".\(fraction)")
    }
}

// MARK: - The cells, arranged

/// The cells arranged for the page: need types as columns, areas as rows, and the cells of each (area, need type).
private struct CellGrid {
    struct Column {
        var code: String
        var label: String
    }

    struct Row {
        var code: String
        var name: String
        var gaps: Int
    }

    private struct Key: Hashable {
        var area: String
        var need: String
    }

    /// Need types, in the order of the query.
    let columns: [Column]
    /// Every area, most gaps first, then by code.
    let rows: [Row]
    let areaNames: [String: String]
    let isSplit: Bool
    /// "languages" or "specialisms".
    let splitNoun: String
    /// "Language" or "Specialism".
    let splitTitle: String
    private let byPair: [Key: [GapDocument.Cell]]
    private let byNeed: [String: [GapDocument.Cell]]
    private let all: [GapDocument.Cell]

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

/// The cells of one police force area, by status.
private struct ForceTally {
    var cells = 0
    var gaps = 0
    var atRisk = 0
    var covered = 0

    mutating func add(_ status: CoverageStatus) {
        cells += 1
        switch status {
        case .gap: gaps += 1
        case .atRisk: atRisk += 1
        case .covered: covered += 1
        }
    }

    /// "3 gaps, 1 at risk and 8 covered of 12 cells".
    var sentence: String {
        "\(GapHTMLReport.statusNoun(.gap, count: gaps)), \(atRisk) at risk and \(covered) covered of \(cells) "
            + GapHTMLReport.plural("cell", cells)
    }
}

// MARK: - Tile map layout

/// The police force areas laid out as pointy-top hexagons from their `tile_column` and `tile_row` attributes, odd
/// rows shifted right by half a hexagon. Terms without a position (or with one already taken) go in overflow rows
/// below the grid, in file order.
private struct TileLayout {
    struct Tile {
        var code: String
        var name: String
        var abbreviation: String
        var x: Double
        var y: Double
    }

    /// Centre to corner.
    static let radius = 30.0
    /// Flat side to flat side.
    static let tileWidth = radius * 3.0.squareRoot()
    static let padding = 8.0
    /// The most overflow hexagons in a row (more when the grid is wider).
    static let overflowColumns = 9

    /// The corners of a hexagon around (0, 0), a little inside the tile so that neighbours show a gap.
    static let hexagonPoints: String = {
        let r = radius - 1
        let w = r * 3.0.squareRoot() / 2
        let corners = [(0, -r), (w, -r / 2), (w, r / 2), (0, r), (-w, r / 2), (-w, -r / 2)]
        return corners.map { "\(GapHTMLReport.number($0.0)),\(GapHTMLReport.number($0.1))" }.joined(separator: " ")
    }()

    let tiles: [Tile]
    /// The baseline of the caption above the overflow rows, when there are any.
    let overflowCaptionY: Double?
    let width: Double
    let height: Double

    init(terms: [VocabularyTerm]) {
        let abbreviations = Self.abbreviations(terms.map(\.label))
        var taken = Set<[Int]>()
        var placed: [(index: Int, column: Int, row: Int)] = []
        var overflow: [Int] = []
        for (index, term) in terms.enumerated() {
            if let column = Self.position(term.attributes["tile_column"]),
                let row = Self.position(term.attributes["tile_row"]),
                taken.insert([column, row]).inserted
            {
                placed.append((index, column, row))
            } else {
                overflow.append(index)
            }
        }
        let gridColumns = (placed.map(\.column).max() ?? -1) + 1
        let gridRows = (placed.map(\.row).max() ?? -1) + 1
        let overflowColumns = max(gridColumns, Self.overflowColumns)
        // One empty row for the caption, after the grid (or at the top when nothing is placed).
        let captionRow = gridRows
        let firstOverflowRow = captionRow + 1
        var cells = placed
        for (offset, index) in overflow.enumerated() {
            cells.append((index, offset % overflowColumns, firstOverflowRow + offset / overflowColumns))
        }
        tiles = cells.map { index, column, row in
            Tile(
                code: terms[index].code,
                name: terms[index].label,
                abbreviation: abbreviations[index],
                x: Self.centreX(column: column, row: row),
                y: Self.centreY(row: row)
            )
        }
        let rows = (cells.map(\.row).max() ?? 0) + 1
        let columns = overflow.isEmpty ? gridColumns : overflowColumns
        overflowCaptionY = overflow.isEmpty ? nil : Self.centreY(row: captionRow) + 4
        width = Self.padding * 2 + (Double(max(columns, 1)) + 0.5) * Self.tileWidth
        height = Self.padding * 2 + 2 * Self.radius + Double(rows - 1) * 1.5 * Self.radius
    }

    static func centreX(column: Int, row: Int) -> Double {
        padding + tileWidth / 2 + Double(column) * tileWidth + (row % 2 == 1 ? tileWidth / 2 : 0)
    }

    static func centreY(row: Int) -> Double { padding + radius + Double(row) * 1.5 * radius }

    private static func position(_ text: String?) -> Int? {
        guard let text, let value = Int(text.filter { $0 != " " }), value >= 0 else { return nil }
        return value
    }

    /// Short names that fit a hexagon and differ from each other: initials for names of several words ("WY" for
    /// West Yorkshire), the name itself when short ("Kent"), else its first letters ("Lanc"); letters are added where
    /// two would be the same ("WMid", "WMer").
    static func abbreviations(_ names: [String]) -> [String] {
        let words = names.map { name in
            name.split { $0 == " " || $0 == "-" }.map(String.init).filter { !["and", "of", "the", "&"].contains($0) }
        }
        var lengths = words.map { $0.count > 1 ? 1 : 4 }
        func abbreviation(_ index: Int) -> String {
            guard let last = words[index].last else { return "" }
            if words[index].count == 1 { return last.count <= 6 ? last : String(last.prefix(lengths[index])) }
            let initials = words[index].dropLast().map { String($0.prefix(1)).uppercased() }.joined()
            return initials + String(last.prefix(lengths[index]))
        }
        var result = names.indices.map(abbreviation)
        for _ in 0..<12 {
            var holders: [String: [Int]] = [:]
            for (index, short) in result.enumerated() { holders[short, default: []].append(index) }
            let clashing = holders.values.filter { $0.count > 1 }.joined()
            guard !clashing.isEmpty else { break }
            for index in clashing {
                lengths[index] += 1
                result[index] = abbreviation(index)
            }
        }
        return result
    }
}

/// A colour bin of the tile map: a range of gap counts, its fill and the colour of text on it.
private struct GapBin {
    var lower: Int
    var upper: Int
    var fill: String
    var ink: String
    var label: String

    static let notAnalysed = GapBin(lower: -1, upper: -1, fill: "#d9d9d9", ink: "#1a1a1a", label: "not analysed")

    /// Light to dark: no gaps, then up to four equal ranges up to the largest count.
    private static let fills: [(fill: String, ink: String)] = [
        ("#e3f1e0", "#1a1a1a"), ("#fde1c4", "#1a1a1a"), ("#f6a465", "#1a1a1a"), ("#dc5a32", "#1a1a1a"),
        ("#9e1c1c", "#ffffff"),
    ]

    static func bins(maximumGaps: Int) -> [GapBin] {
        var bins = [GapBin(lower: 0, upper: 0, fill: fills[0].fill, ink: fills[0].ink, label: "no gaps")]
        guard maximumGaps > 0 else { return bins }
        let step = (maximumGaps + 3) / 4
        var lower = 1
        while lower <= maximumGaps, bins.count < fills.count {
            let upper = min(maximumGaps, lower + step - 1)
            let colours = fills[bins.count]
            let label =
                lower == upper ? GapHTMLReport.statusNoun(.gap, count: lower) : "\(lower)\u{2013}\(upper) gaps"
            bins.append(GapBin(lower: lower, upper: upper, fill: colours.fill, ink: colours.ink, label: label))
            lower = upper + 1
        }
        return bins
    }

    static func bin(for gaps: Int, in bins: [GapBin]) -> GapBin {
        bins.first { $0.lower <= gaps && gaps <= $0.upper } ?? bins.last ?? notAnalysed
    }
}

// MARK: - Waiting-time chart

/// The waiting-time figures of one need type over its cells.
private struct WaitFigures {
    var column: CellGrid.Column
    var cells: Int
    var known: Int
    /// The median of the cells' shortest waits.
    var median: Double?
    /// The longest of the cells' shortest waits.
    var longest: Int?
    var overLimit: Int

    init(column: CellGrid.Column, cells: [GapDocument.Cell], limit: Int) {
        self.column = column
        let waits = cells.compactMap(\.minWaitDays).sorted()
        self.cells = cells.count
        known = waits.count
        longest = waits.last
        overLimit = waits.filter { $0 > limit }.count
        if waits.isEmpty {
            median = nil
        } else if waits.count % 2 == 1 {
            median = Double(waits[waits.count / 2])
        } else {
            median = Double(waits[waits.count / 2 - 1] + waits[waits.count / 2]) / 2
        }
    }
}

/// A horizontal bar chart of waits by need type, as inline SVG.
private struct WaitChart {
    let rows: [WaitFigures]
    let limit: Int

    let labelWidth = 250.0
    let plotWidth = 520.0
    let valueWidth = 190.0
    let rowHeight = 26.0
    let top = 44.0
    let bottom = 48.0

    /// The end of the axis, in days.
    let maximum: Int
    /// The distance between the axis ticks, in days: 1, 2 or 5 times a power of ten, for at most 8 intervals.
    let step: Int

    init(rows: [WaitFigures], limit: Int) {
        self.rows = rows
        self.limit = limit
        let largest = max(rows.compactMap(\.longest).max() ?? 0, limit, 1)
        var base = 1
        var step = 1
        while (largest + step - 1) / step > 8 {
            step = [base, base * 2, base * 5, base * 10].first { (largest + $0 - 1) / $0 <= 8 } ?? base * 10
            base *= 10
        }
        self.step = step
        maximum = (largest + step - 1) / step * step
    }

    func x(_ days: Double) -> Double { labelWidth + days / Double(maximum) * plotWidth }

    func write(into html: inout HTMLWriter) {
        let plotBottom = top + Double(rows.count) * rowHeight
        let width = labelWidth + plotWidth + valueWidth
        let height = plotBottom + bottom
        let number = GapHTMLReport.number
        html.open(
            "svg",
            [
                ("class", "chart waits"), ("role", "img"), ("aria-labelledby", "waits-title waits-desc"),
                ("viewBox", "0 0 \(number(width)) \(number(height))"), ("width", number(width)),
                ("height", number(height)),
            ]
        )
        html.element("title", [("id", "waits-title")], "Shortest waits by need type, in days")
        html.element("desc", [("id", "waits-desc")], description)
        writeLegend(into: &html)
        writeAxis(plotBottom: plotBottom, into: &html)
        for (offset, row) in rows.enumerated() { writeRow(row, y: top + Double(offset) * rowHeight, into: &html) }
        let limitX = x(Double(limit))
        html.void(
            "line",
            [
                ("class", "limit"), ("x1", number(limitX)), ("x2", number(limitX)), ("y1", number(top - 6)),
                ("y2", number(plotBottom)),
            ]
        )
        html.element(
            "text",
            [("class", "limit-label"), ("x", number(limitX)), ("y", number(top - 10)), ("text-anchor", "middle")],
            "limit \(GapHTMLReport.days(limit))"
        )
        html.close("svg")
    }

    private var description: String {
        let over = rows.filter { ($0.median ?? 0) > Double(limit) }.map(\.column.label)
        let known = rows.filter { $0.known > 0 }.count
        var text = "\(known) of \(rows.count) need types have cells with a known wait."
        if !over.isEmpty {
            text += " The median is over the limit of \(limit) days for " + over.joined(separator: ", ") + "."
        }
        return text + " The table below gives the figures."
    }

    private func writeLegend(into html: inout HTMLWriter) {
        let number = GapHTMLReport.number
        let y = 12.0
        html.open("g", [("class", "legend")])
        html.void(
            "rect",
            [("class", "bar"), ("x", number(labelWidth)), ("y", number(y - 9)), ("width", "14"), ("height", "10")]
        )
        html.element("text", [("x", number(labelWidth + 20)), ("y", number(y))], "median")
        html.void("polygon", [("class", "longest"), ("points", diamond(x: labelWidth + 92, y: y - 4))])
        html.element("text", [("x", number(labelWidth + 102)), ("y", number(y))], "longest")
        html.void(
            "line",
            [
                ("class", "limit"), ("x1", number(labelWidth + 170)), ("x2", number(labelWidth + 170)),
                ("y1", number(y - 11)),
                ("y2", number(y + 2)),
            ]
        )
        html.element("text", [("x", number(labelWidth + 178)), ("y", number(y))], "limit")
        html.close("g")
    }

    private func writeAxis(plotBottom: Double, into html: inout HTMLWriter) {
        let number = GapHTMLReport.number
        html.open("g", [("class", "axis")])
        html.void(
            "line",
            [
                ("x1", number(labelWidth)), ("x2", number(labelWidth + plotWidth)), ("y1", number(plotBottom)),
                ("y2", number(plotBottom)),
            ]
        )
        for tick in stride(from: 0, through: maximum, by: step) {
            let tickX = x(Double(tick))
            html.void(
                "line",
                [
                    ("class", "grid"), ("x1", number(tickX)), ("x2", number(tickX)), ("y1", number(top)),
                    ("y2", number(plotBottom + 4)),
                ]
            )
            html.element(
                "text",
                [("x", number(tickX)), ("y", number(plotBottom + 18)), ("text-anchor", "middle")],
                "\(tick)"
            )
        }
        html.element(
            "text",
            [
                ("x", number(labelWidth + plotWidth / 2)), ("y", number(plotBottom + 38)), ("text-anchor", "middle"),
                ("class", "axis-title"),
            ],
            "Shortest wait in a cell (days)"
        )
        html.close("g")
    }

    private func writeRow(_ row: WaitFigures, y: Double, into html: inout HTMLWriter) {
        let number = GapHTMLReport.number
        let middle = y + rowHeight / 2
        html.open("g", [("class", "row")])
        html.element("title", title(row))
        let label = row.column.label.count > 36 ? String(row.column.label.prefix(35)) + "\u{2026}" : row.column.label
        html.element("text", [("x", number(labelWidth - 8)), ("y", number(middle + 4)), ("text-anchor", "end")], label)
        guard let median = row.median, let longest = row.longest else {
            html.element(
                "text",
                [("class", "unknown"), ("x", number(labelWidth + 6)), ("y", number(middle + 4))],
                "no known waits"
            )
            html.close("g")
            return
        }
        html.void(
            "rect",
            [
                ("class", median > Double(limit) ? "bar over" : "bar"), ("x", number(labelWidth)),
                ("y", number(middle - 8)),
                ("width", number(max(x(median) - labelWidth, 1))), ("height", "16"),
            ]
        )
        html.void("polygon", [("class", "longest"), ("points", diamond(x: x(Double(longest)), y: middle))])
        let end = max(x(median), x(Double(longest)) + 6) + 8
        html.element(
            "text",
            [("class", "value"), ("x", number(end)), ("y", number(middle + 4))],
            "median \(GapHTMLReport.decimal(median)), longest \(longest)"
        )
        html.close("g")
    }

    private func title(_ row: WaitFigures) -> String {
        guard let median = row.median, let longest = row.longest else {
            return "\(row.column.label): no cell has a known wait"
        }
        return "\(row.column.label): median shortest wait \(GapHTMLReport.decimal(median)) days over \(row.known) "
            + "\(GapHTMLReport.plural("cell", row.known)); longest \(longest) days; \(row.overLimit) over the limit"
    }

    private func diamond(x: Double, y: Double) -> String {
        let number = GapHTMLReport.number
        let size = 6.0
        return [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
            .map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }
}

// MARK: - Writing HTML

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`; and writes `://` as `&#58;//`, so
/// that no text from the catalog reads as an external reference.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out.contains("://") ? out.replacing("://", with: "&#58;//") : out
}

/// Builds the page: markup written by this file goes in as is, every text from the document through `escapeHTML`.
private struct HTMLWriter {
    typealias Attributes = [(String, String)]

    private(set) var output = ""

    /// Markup from this file: never text from the document.
    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ text: String) { output += escapeHTML(text) }

    mutating func open(_ tag: String, _ attributes: Attributes = []) {
        output += "<\(tag)\(Self.render(attributes))>"
        if Self.blocks.contains(tag) { output += "\n" }
    }

    mutating func close(_ tag: String) {
        output += "</\(tag)>"
        if Self.blocks.contains(tag) || tag == "tr" || tag == "li" || tag == "g" { output += "\n" }
    }

    /// An element holding only text.
    mutating func element(_ tag: String, _ text: String) { element(tag, [], text) }

    /// An element with attributes holding only text.
    mutating func element(_ tag: String, _ attributes: Attributes, _ text: String) {
        output += "<\(tag)\(Self.render(attributes))>\(escapeHTML(text))</\(tag)>"
        if Self.lineEnding.contains(tag) { output += "\n" }
    }

    /// An element without content (`<rect .../>`, in SVG).
    mutating func void(_ tag: String, _ attributes: Attributes) {
        output += "<\(tag)\(Self.render(attributes))/>\n"
    }

    /// A table with a caption and column headers; the caller writes the rows, then calls `endTable()`.
    mutating func beginTable(_ className: String, caption: String, columns: [(title: String, numeric: Bool)]) {
        open("div", [("class", "scroll")])
        open("table", [("class", className)])
        element("caption", caption)
        open("thead")
        open("tr")
        for column in columns {
            element("th", column.numeric ? [("scope", "col"), ("class", "num")] : [("scope", "col")], column.title)
        }
        close("tr")
        close("thead")
        open("tbody")
    }

    mutating func endTable() {
        close("tbody")
        close("table")
        close("div")
    }

    mutating func cell(_ text: String, numeric: Bool = false) {
        element("td", numeric ? [("class", "num")] : [], text)
    }

    /// A cell with a name and, in small type, its code.
    mutating func cell(_ name: String, code: String) {
        output += "<td>\(escapeHTML(name)) <span class=\"code\">\(escapeHTML(code))</span></td>"
    }

    /// A row header with a name and, in small type, its code.
    mutating func header(_ name: String, code: String) {
        output += "<th scope=\"row\">\(escapeHTML(name)) <span class=\"code\">\(escapeHTML(code))</span></th>"
    }

    private static let blocks: Set<String> = [
        "section", "footer", "table", "thead", "tbody", "ul", "dl", "div", "svg", "main",
    ]
    private static let lineEnding: Set<String> = [
        "h1", "h2", "h3", "p", "li", "dt", "dd", "caption", "title", "desc", "text",
    ]

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escapeHTML($0.1))\"" }.joined()
    }
}

// MARK: - Style

extension GapHTMLReport {
    static let stylesheet = """
        :root {
          --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c8c8c8;
          --gap: #b3261e; --gap-dark: #8c1d18; --risk: #f5b945; --risk-dark: #a86f00;
          --covered: #d4ecd4; --covered-ink: #14532d; --none: #f0f0f0;
        }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: #fff; margin: 0; line-height: 1.45; }
        main, footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem; }
        footer { border-top: 2px solid var(--rule); color: var(--ink); }
        h1 { font-size: 1.8rem; margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 0.4rem; }
        p.lead { font-size: 1.05rem; max-width: 60rem; margin: 0.4rem 0; }
        p.note { color: var(--muted); font-style: italic; }
        .code { color: var(--muted); font-size: 0.8em; white-space: nowrap; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
          overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .scroll { overflow-x: auto; max-width: 100%; position: relative; }
        ul.totals { list-style: none; display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; margin: 1rem 0; }
        ul.totals li { padding: 0.5rem 0.9rem; border-radius: 4px; font-size: 1.05rem; border: 1px solid var(--rule); }
        ul.totals li strong { font-size: 1.3rem; margin: 0 0.2rem; }
        ul.totals li.all { background: #fff; }
        ul.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; font-size: 0.9rem; }
        .swatch { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 3px;
          border: 1px solid var(--rule); font-weight: 700; }
        .s-gap { background-color: var(--gap);
          background-image: repeating-linear-gradient(135deg, transparent 0 5px, var(--gap-dark) 5px 8px);
          color: #fff; }
        .s-at-risk { background-color: var(--risk);
          background-image: radial-gradient(var(--risk-dark) 0.8px, transparent 1.2px); background-size: 5px 5px;
          color: var(--ink); }
        .s-covered { background-color: var(--covered); color: var(--covered-ink); }
        table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.9rem; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
        thead th { background: #f3f3f3; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.status { white-space: nowrap; font-weight: 600; }
        ul.reasons { margin: 0; padding-left: 1.1rem; }
        table.heat-map { font-size: 0.8rem; }
        table.heat-map thead th.need { vertical-align: bottom; padding: 0.3rem 0.1rem; height: 11rem; }
        table.heat-map thead th.need .label { writing-mode: vertical-rl; transform: rotate(180deg);
          white-space: nowrap; display: inline-block; font-weight: 600; }
        table.heat-map thead th.corner { vertical-align: bottom; }
        table.heat-map tbody th { white-space: nowrap; font-weight: 600; }
        table.heat-map td.cell { text-align: center; vertical-align: middle; min-width: 1.9rem;
          padding: 0.15rem 0.1rem; line-height: 1.05; }
        td.cell .sym { display: block; font-weight: 700; font-size: 1rem; }
        td.cell .word { display: block; font-size: 0.7rem; font-weight: 600; }
        td.cell.split .sym { display: inline; }
        td.cell .count { font-weight: 700; font-size: 0.85rem; }
        td.cell.none { background: var(--none); color: var(--muted); }
        svg { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }
        svg text { font-family: inherit; font-size: 12px; }
        svg.chart text, svg .legend text, svg text.caption { fill: var(--ink); }
        svg.tile-map .tile polygon { stroke: #ffffff; stroke-width: 1.5; }
        svg.tile-map .tile.not-analysed polygon { stroke: #8c8c8c; stroke-dasharray: 3 2; }
        svg.tile-map text.abbr { font-size: 11px; font-weight: 600; text-anchor: middle; }
        svg.tile-map text.count { font-size: 12px; font-weight: 700; text-anchor: middle; }
        svg text.caption, svg text.legend-title { font-weight: 600; }
        svg.chart .bar { fill: #3f6ea6; }
        svg.chart .bar.over { fill: #8c1d18; }
        svg.chart .longest { fill: var(--ink); }
        svg.chart line.limit { stroke: var(--gap); stroke-width: 2; stroke-dasharray: 6 4; }
        svg.chart text.limit-label { fill: var(--gap-dark); font-weight: 600; }
        svg.chart .axis line { stroke: #595959; }
        svg.chart .axis line.grid { stroke: #e0e0e0; }
        svg.chart text.unknown, svg.chart text.value { fill: var(--muted); }
        svg.chart text.unknown { font-style: italic; }
        dl.parameters { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
        dl.parameters dt { font-weight: 600; }
        dl.parameters dd { margin: 0; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          main, footer { max-width: none; padding: 0; }
          .scroll { overflow: visible; }
          h2, h3, caption { break-after: avoid; }
          svg, tr, ul.totals { break-inside: avoid; }
          thead { display: table-header-group; }
          section { break-before: auto; }
        }

        """
}
