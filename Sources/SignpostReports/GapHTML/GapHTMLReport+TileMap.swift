import SignpostCore
import SignpostMatching

// MARK: - Tile map

extension GapHTMLReport {
    static func writeTileMap(_ grid: CellGrid, vocabularies: Vocabularies, into html: inout HTMLWriter) {
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

    static func tileMapDescription(analysed: [VocabularyTerm], tallies: [String: ForceTally]) -> String {
        guard !analysed.isEmpty else { return "No police force area was analysed." }
        let listed = mostGapsFirst(analysed, tallies: tallies).prefix(5).map {
            "\($0.label) \(tallies[$0.code]?.gaps ?? 0)"
        }
        return "\(analysed.count) of the police force areas were analysed; the others are grey. Gap cells, most first: "
            + listed.joined(separator: ", ") + ". The table below gives every analysed area's counts."
    }

    /// The force areas with the most gap cells first, then by name.
    static func mostGapsFirst(_ terms: [VocabularyTerm], tallies: [String: ForceTally]) -> [VocabularyTerm] {
        terms.sorted { ((tallies[$1.code]?.gaps ?? 0), $0.label) < ((tallies[$0.code]?.gaps ?? 0), $1.label) }
    }

    static func writeTile(
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

    static func writeTileLegend(_ bins: [GapBin], x: Double, into html: inout HTMLWriter) {
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

    static func writeForceTable(
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

// MARK: - Tile map layout

/// The police force areas laid out as pointy-top hexagons from their `tile_column` and `tile_row` attributes, odd
/// rows shifted right by half a hexagon. Terms without a position (or with one already taken) go in overflow rows
/// below the grid, in file order.
struct TileLayout {
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

    static func position(_ text: String?) -> Int? {
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
struct GapBin {
    var lower: Int
    var upper: Int
    var fill: String
    var ink: String
    var label: String

    static let notAnalysed = GapBin(lower: -1, upper: -1, fill: "#d9d9d9", ink: "#1a1a1a", label: "not analysed")

    /// Light to dark: no gaps, then up to four equal ranges up to the largest count.
    static let fills: [(fill: String, ink: String)] = [
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
