import SignpostCore
import SignpostMatching

// MARK: - Tile map

extension GapHTMLReport {
    /// The tile map: the police force areas, or, for a local-authority analysis within one force area, that force's
    /// authorities. Tiles are shaded by the share of their cells that are gaps or at risk.
    static func writeTileMap(_ grid: CellGrid, vocabularies: Vocabularies, into html: inout HTMLWriter) {
        let forceTerms = vocabularies[.policeForceAreas].terms
        let forces = Set(grid.all.compactMap(\.forceArea))
        let map: TileMapContent
        if grid.level == .localAuthority, forces.count == 1, let force = forces.first {
            map = .authorities(of: force, grid: grid, vocabularies: vocabularies)
        } else {
            map = .forces(forceTerms, grid: grid)
        }
        let layout = TileLayout(places: map.places)
        let bins = ShareBin.bins
        let legendWidth = 220.0
        let legendHeight = 40 + Double(bins.count + 1) * 24
        let width = layout.width + legendWidth
        let height = max(layout.height, legendHeight)

        html.open("section", [("aria-labelledby", "tile-map-heading")])
        html.element("h2", [("id", "tile-map-heading")], map.heading)
        html.element(
            "p",
            "One hexagon per \(map.noun), placed roughly where it lies, shaded by the share of its cells that are gaps "
                + "or at risk. Each hexagon shows a short name (the table below gives the full names) and that share."
        )
        let svgAttributes = [
            ("class", "tile-map"), ("role", "img"), ("aria-labelledby", "tile-map-title tile-map-desc"),
            ("viewBox", "0 0 \(number(width)) \(number(height))"), ("width", number(width)),
            ("height", number(height)),
        ]
        html.open("div", [("class", "tile-scroll")])
        html.open("svg", svgAttributes)
        html.element("title", [("id", "tile-map-title")], map.heading)
        html.element("desc", [("id", "tile-map-desc")], tileMapDescription(map))
        if let captionY = layout.overflowCaptionY {
            html.element(
                "text",
                [("x", number(TileLayout.padding)), ("y", number(captionY)), ("class", "caption")],
                map.overflowCaption
            )
        }
        for tile in layout.tiles { writeTile(tile, tally: map.tallies[tile.code], into: &html) }
        writeTileLegend(bins, x: layout.width + 16, into: &html)
        html.close("svg")
        html.close("div")
        writeTileTable(map, into: &html)
        let unplaced = grid.cellsWithoutForce(known: Set(forceTerms.map(\.code)))
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

    static func tileMapDescription(_ map: TileMapContent) -> String {
        let analysed = map.places.filter { map.tallies[$0.code] != nil }
        guard !analysed.isEmpty else { return "No \(map.noun) was analysed." }
        let listed = map.worstFirst(analysed).prefix(5).map {
            "\($0.name) \(map.tallies[$0.code].map { percent($0.problemShare) } ?? "")"
        }
        return "\(analysed.count) of the \(map.places.count) \(plural(map.noun, map.places.count)) were analysed; the "
            + "others are white with a dashed edge. Share of cells that are gaps or at risk, highest first: "
            + listed.joined(separator: ", ") + ". The table below gives every analysed area's counts."
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func writeTile(_ tile: TileLayout.Tile, tally: ForceTally?, into html: inout HTMLWriter) {
        let bin = tally.map { ShareBin.bin(for: $0.problemShare) } ?? ShareBin.notAnalysed
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
        var label = [("y", "-3"), ("class", "abbr"), ("fill", bin.ink)]
        // A long name is squeezed to the hexagon's width rather than spilling over its neighbours.
        if tile.abbreviation.count > 8 {
            label += [("textLength", number(TileLayout.tileWidth - 8)), ("lengthAdjust", "spacingAndGlyphs")]
        }
        html.element("text", label, tile.abbreviation)
        html.element(
            "text",
            [("y", "13"), ("class", "count"), ("fill", bin.ink)],
            tally.map { percent($0.problemShare) } ?? "\u{2013}"
        )
        html.close("g")
    }

    static func writeTileLegend(_ bins: [ShareBin], x: Double, into html: inout HTMLWriter) {
        html.open("g", [("class", "legend"), ("transform", "translate(\(number(x)),16)")])
        html.element("text", [("y", "12"), ("class", "legend-title")], "Cells that are gaps or at risk")
        for (offset, bin) in (bins + [ShareBin.notAnalysed]).enumerated() {
            let y = 26 + Double(offset) * 24
            var attributes = [
                ("x", "0"), ("y", number(y)), ("width", "18"), ("height", "18"), ("fill", bin.fill),
                ("stroke", "#595959"), ("stroke-width", "0.75"),
            ]
            if bin.label == ShareBin.notAnalysed.label { attributes.append(("stroke-dasharray", "3 2")) }
            html.void("rect", attributes)
            html.element("text", [("x", "26"), ("y", number(y + 13))], bin.label)
        }
        html.close("g")
    }

    /// The figures of the map, and its key: each analysed area's short name on the map, full name and counts.
    static func writeTileTable(_ map: TileMapContent, into html: inout HTMLWriter) {
        let analysed = map.worstFirst(map.places.filter { map.tallies[$0.code] != nil })
        guard !analysed.isEmpty else { return }
        let interpreting = map.tallies.values.contains { $0.interpreting > 0 }
        var columns: [(String, Bool)] = [
            (map.noun.prefix(1).uppercased() + map.noun.dropFirst(), false), ("On the map", false),
            ("Gaps or at risk", true), ("Gaps", true), ("At risk", true),
        ]
        if interpreting { columns.append(("Interpreting only", true)) }
        columns += [("Covered", true), ("Cells", true)]
        html.beginTable(
            "compact sticky",
            caption: "Cells by \(map.noun) (the figures and key of the map)",
            columns: columns
        )
        for place in analysed {
            guard let tally = map.tallies[place.code] else { continue }
            html.open("tr")
            html.header(place.name, code: place.code)
            html.cell(place.label)
            html.cell(percent(tally.problemShare), numeric: true)
            var figures = [tally.gaps, tally.atRisk]
            if interpreting { figures.append(tally.interpreting) }
            figures += [tally.covered, tally.cells]
            for figure in figures { html.cell("\(figure)", numeric: true) }
            html.close("tr")
        }
        html.endTable()
        let others = map.places.count - analysed.count
        if others > 0 {
            html.element(
                "p",
                [("class", "note")],
                "The other \(others) \(plural(map.noun, others)) \(others == 1 ? "was" : "were") not analysed."
            )
        }
    }
}

/// What a tile map shows: its places (with their grid positions, when known) and each one's cells.
struct TileMapContent {
    var heading: String
    /// "police force area", "local authority".
    var noun: String
    var places: [TilePlace]
    var tallies: [String: ForceTally]
    var overflowCaption: String

    static func forces(_ terms: [VocabularyTerm], grid: CellGrid) -> TileMapContent {
        let abbreviations = TileLayout.abbreviations(terms.map(\.label))
        let places = terms.enumerated().map { index, term in
            TilePlace(
                code: term.code,
                name: term.label,
                label: term.attributes["tile_label"].flatMap { $0.isEmpty ? nil : $0 } ?? abbreviations[index],
                column: TileLayout.position(term.attributes["tile_column"]),
                row: TileLayout.position(term.attributes["tile_row"])
            )
        }
        return TileMapContent(
            heading: "Gaps and cells at risk by police force area",
            noun: "police force area",
            places: places,
            tallies: grid.forceTallies,
            overflowCaption: "Not on the grid (no tile position in the vocabulary):"
        )
    }

    /// The local authorities of one force area on a small grid: rows by latitude, north first, and within a row by
    /// longitude, from the centres of their postcode districts; authorities with no district of their own (the
    /// shipped table names some counties only) follow, by name.
    static func authorities(of force: String, grid: CellGrid, vocabularies: Vocabularies) -> TileMapContent {
        let terms = vocabularies[.localAuthorities].terms.filter { $0.attributes["force_area"] == force }
        var sums: [String: (latitude: Double, longitude: Double, count: Int)] = [:]
        for district in vocabularies.postcodeDistricts.districts {
            guard let authority = district.localAuthority?.rawValue, let point = district.centroid else { continue }
            var sum = sums[authority] ?? (0, 0, 0)
            sum.latitude += point.latitude
            sum.longitude += point.longitude
            sum.count += 1
            sums[authority] = sum
        }
        let located = terms.compactMap { term -> (term: VocabularyTerm, latitude: Double, longitude: Double)? in
            guard let sum = sums[term.code], sum.count > 0 else { return nil }
            return (term, sum.latitude / Double(sum.count), sum.longitude / Double(sum.count))
        }.sorted { $0.latitude > $1.latitude }
        let columns = max(1, Int((Double(located.count) * 1.4).squareRoot().rounded(.up)))
        var positions: [String: (column: Int, row: Int)] = [:]
        for start in stride(from: 0, to: located.count, by: columns) {
            let row = located[start..<min(start + columns, located.count)].sorted { $0.longitude < $1.longitude }
            for (column, entry) in row.enumerated() { positions[entry.term.code] = (column, start / columns) }
        }
        let abbreviations = TileLayout.abbreviations(terms.map(\.label))
        let places = terms.enumerated().map { index, term in
            TilePlace(
                code: term.code,
                name: term.label,
                label: abbreviations[index],
                column: positions[term.code]?.column,
                row: positions[term.code]?.row
            )
        }
        var tallies: [String: ForceTally] = [:]
        for cell in grid.all { tallies[cell.area, default: ForceTally()].add(cell.status) }
        let forceName = vocabularies.label(ofArea: AreaCode(force))
        return TileMapContent(
            heading: "Gaps and cells at risk by local authority in \(forceName)",
            noun: "local authority",
            places: places,
            tallies: tallies,
            overflowCaption: "Not placed (no postcode district of their own in the shipped table):"
        )
    }

    /// The places with the largest share of gaps and cells at risk first, then by name.
    func worstFirst(_ places: [TilePlace]) -> [TilePlace] {
        places.sorted {
            ((tallies[$1.code]?.problemShare ?? 0), $0.name) < ((tallies[$0.code]?.problemShare ?? 0), $1.name)
        }
    }
}

/// One place of a tile map.
struct TilePlace {
    var code: String
    var name: String
    /// The short name written on its tile.
    var label: String
    var column: Int?
    var row: Int?
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
    static let radius = 36.0
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

    init(places: [TilePlace]) {
        var taken = Set<[Int]>()
        var placed: [(index: Int, column: Int, row: Int)] = []
        var overflow: [Int] = []
        for (index, place) in places.enumerated() {
            if let column = place.column, let row = place.row, taken.insert([column, row]).inserted {
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
                code: places[index].code,
                name: places[index].name,
                abbreviation: places[index].label,
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

    /// Short names for places the vocabulary gives none (`tile_label`), differing from each other: initials for
    /// names of several words ("WY" for West Yorkshire), the name itself up to ten letters ("Calderdale", squeezed
    /// to the tile when long), else its first letters; letters are added where two would be the same.
    static func abbreviations(_ names: [String]) -> [String] {
        let words = names.map { name in
            name.split { $0 == " " || $0 == "-" }.map(String.init).filter { !["and", "of", "the", "&"].contains($0) }
        }
        var lengths = words.map { $0.count > 1 ? 1 : 4 }
        func abbreviation(_ index: Int) -> String {
            guard let last = words[index].last else { return "" }
            if words[index].count == 1 { return last.count <= 10 ? last : String(last.prefix(lengths[index] + 5)) }
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

/// A shade of the tile map: a range of the share of an area's cells that are gaps or at risk. Light to dark, each of
/// a clearly different lightness, also for deuteranopia and protanopia (checked by a test).
struct ShareBin {
    /// Shares above `lower` (or equal to it, for the first bin) up to `upper`.
    var lower: Double
    var upper: Double
    var fill: String
    var ink: String
    var label: String

    static let notAnalysed = ShareBin(lower: -1, upper: -1, fill: "#ffffff", ink: "#4d4d4d", label: "not analysed")

    static let bins: [ShareBin] = [
        ShareBin(lower: 0, upper: 0, fill: "#c6e5c6", ink: "#1a1a1a", label: "none"),
        ShareBin(lower: 0, upper: 0.25, fill: "#e9a640", ink: "#1a1a1a", label: "up to 25%"),
        ShareBin(lower: 0.25, upper: 0.5, fill: "#d9713a", ink: "#1a1a1a", label: "26\u{2013}50%"),
        ShareBin(lower: 0.5, upper: 0.75, fill: "#b03a26", ink: "#ffffff", label: "51\u{2013}75%"),
        ShareBin(lower: 0.75, upper: 1, fill: "#731515", ink: "#ffffff", label: "76\u{2013}100%"),
    ]

    static func bin(for share: Double) -> ShareBin {
        guard share > 0 else { return bins[0] }
        return bins.dropFirst().first { share <= $0.upper + 0.000_001 } ?? bins[bins.count - 1]
    }
}
