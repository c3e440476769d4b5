import SignpostCore
import SignpostMatching

// MARK: - Waiting times

extension GapHTMLReport {
    static func writeWaitChart(_ grid: CellGrid, limit: Int, into html: inout HTMLWriter) {
        let rows = grid.columns.map { WaitFigures(column: $0, cells: grid.cells(need: $0.code), limit: limit) }
        html.open("section", [("aria-labelledby", "waits-heading")])
        html.element("h2", [("id", "waits-heading")], "Waiting times by need type")
        html.element(
            "p",
            "For each need type, the bar is the median of the shortest local wait in each cell (national helplines "
                + "left out; over the cells where a local wait "
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
            caption: "Shortest local waits by need type, in days",
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

// MARK: - Waiting-time chart

/// The waiting-time figures of one need type over its cells.
struct WaitFigures {
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
        let waits = cells.compactMap(\.local.minWaitDays).sorted()
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
struct WaitChart {
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

    var description: String {
        let over = rows.filter { ($0.median ?? 0) > Double(limit) }.map(\.column.label)
        let known = rows.filter { $0.known > 0 }.count
        var text = "\(known) of \(rows.count) need types have cells with a known wait."
        if !over.isEmpty {
            text += " The median is over the limit of \(limit) days for " + over.joined(separator: ", ") + "."
        }
        return text + " The table below gives the figures."
    }

    func writeLegend(into html: inout HTMLWriter) {
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

    func writeAxis(plotBottom: Double, into html: inout HTMLWriter) {
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

    func writeRow(_ row: WaitFigures, y: Double, into html: inout HTMLWriter) {
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

    func title(_ row: WaitFigures) -> String {
        guard let median = row.median, let longest = row.longest else {
            return "\(row.column.label): no cell has a known wait"
        }
        return "\(row.column.label): median shortest wait \(GapHTMLReport.decimal(median)) days over \(row.known) "
            + "\(GapHTMLReport.plural("cell", row.known)); longest \(longest) days; \(row.overLimit) over the limit"
    }

    func diamond(x: Double, y: Double) -> String {
        let number = GapHTMLReport.number
        let size = 6.0
        return [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
            .map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }
}
