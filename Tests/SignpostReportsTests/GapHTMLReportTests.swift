import Foundation
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostReports
import SignpostTestSupport
import Testing

@Suite("Gap report as one HTML page")
struct GapHTMLReportTests {
    let vocabularies: Vocabularies
    let today = CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)
    /// West Yorkshire, South Yorkshire, North Yorkshire and Humberside.
    static let forceAreas = ["E23000010", "E23000011", "E23000009", "E23000012"]
    static let needs: [NeedType] = [
        "domestic-abuse", "sexual-violence", "stalking", "isva", "hate-crime", "restorative-justice",
    ]

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    // MARK: Fixtures

    /// A few services in West Yorkshire and one national helpline.
    var services: [Service] {
        var leeds = Fixtures.service(recordID: "WY-001", name: "Leeds Domestic Abuse Outreach")
        leeds.waitingTime = WaitingTime(days: 9)

        var calderdale = Fixtures.service(recordID: "WY-002", name: "Calderdale Domestic Abuse Service")
        calderdale.waitingTime = WaitingTime(days: 20)
        calderdale.commissioning.contractEnd = CalendarDate(iso: "2028-03-31")

        var bradford = Fixtures.service(
            recordID: "WY-003",
            name: "Bradford <b>& Keighley Stalking Service",
            needTypes: ["stalking"]
        )
        bradford.provider.name = "Calder \"Hope\" & O'Neill's Trust"
        bradford.commissioning = Commissioning(
            commissioner: "West Yorkshire PCC (see https://example.invalid/commissioning)",
            contractEnd: CalendarDate(iso: "2027-01-31")
        )
        bradford.waitingTime = WaitingTime(days: 45)

        var wakefield = Fixtures.service(recordID: "WY-004", name: "Wakefield ISVA Service", needTypes: ["isva"])
        wakefield.commissioning.contractEnd = CalendarDate(iso: "2027-02-28")

        var kirklees = Fixtures.service(
            recordID: "WY-005",
            name: "Kirklees Hate Crime Support",
            needTypes: ["hate-crime"]
        )
        kirklees.provenance.lastVerified = CalendarDate(iso: "2024-05-01")
        kirklees.commissioning.contractEnd = nil

        var paused = Fixtures.service(
            recordID: "WY-006",
            name: "Leeds Sexual Violence Service",
            needTypes: ["sexual-violence"],
            status: .paused
        )
        paused.commissioning.contractEnd = nil

        var national = Fixtures.service(
            source: "national-list",
            recordID: "N-001",
            name: "National Stalking Helpline (sample)",
            needTypes: ["stalking"],
            coverage: [.national]
        )
        national.waitingTime = nil
        national.commissioning = Commissioning(commissioner: "Ministry of Justice (sample)")
        return [leeds, calderdale, bradford, wakefield, kirklees, paused, national]
    }

    func areas(_ codes: [String], vocabularies: Vocabularies? = nil) -> [GapArea] {
        let vocabularies = vocabularies ?? self.vocabularies
        let resolver = LocationResolver(vocabularies: vocabularies)
        return codes.map { code in
            let area = AreaCode(code)
            return GapArea(code: area, name: vocabularies.label(ofArea: area), location: resolver.resolve(.area(area)))
        }
    }

    func document(
        areas codes: [String] = forceAreas,
        level: GapLevel = .forceArea,
        needs: [NeedType] = needs,
        split: GapSplit? = nil,
        splitValues: [String] = [],
        services: [Service]? = nil,
        vocabularies: Vocabularies? = nil,
        demand: GapDemand? = nil
    ) -> GapDocument {
        let vocabularies = vocabularies ?? self.vocabularies
        let services = services ?? self.services
        let query = GapQuery(
            level: level,
            areas: areas(codes, vocabularies: vocabularies),
            needs: needs,
            split: split,
            splitValues: splitValues,
            demand: demand,
            today: today
        )
        let findings = GapAnalysis(index: MatchIndex(services: services, vocabularies: vocabularies)).run(query)
        return GapDocument(
            findings: findings,
            query: query,
            catalog: CatalogProvenance(services: services, lastImport: Date(timeIntervalSince1970: 1_795_000_000)),
            vocabularies: vocabularies,
            generatedAt: Date(timeIntervalSince1970: 1_795_100_000)
        )
    }

    func render(_ document: GapDocument, vocabularies: Vocabularies? = nil) -> String {
        GapHTMLReport.render(document, vocabularies: vocabularies ?? self.vocabularies)
    }

    /// The vocabularies with `tile_column` and `tile_row` given to some police force areas.
    func vocabularies(tiles: [String: (column: Int, row: Int)]) throws -> Vocabularies {
        let forces = vocabularies[.policeForceAreas].terms.map { term in
            var attributes = term.attributes
            attributes["tile_column"] = nil
            attributes["tile_row"] = nil
            if let tile = tiles[term.code] {
                attributes["tile_column"] = "\(tile.column)"
                attributes["tile_row"] = "\(tile.row)"
            }
            return VocabularyTerm(
                code: term.code,
                label: term.label,
                aliases: term.aliases,
                description: term.description,
                attributes: attributes
            )
        }
        let replaced = try Vocabulary(name: .policeForceAreas, terms: forces)
        return try Vocabularies(VocabularyName.allCases.map { $0 == .policeForceAreas ? replaced : vocabularies[$0] })
    }

    // MARK: Page

    @Test("The page is one self-contained document: no scripts, no external references")
    func pageIsSelfContained() {
        let html = render(document())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<main>") && html.contains("</main>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("print-color-adjust: exact"))
        for forbidden in ["<script", "http://", "https://", "<link", "<img", " src=", "url(", "@import"] {
            #expect(!html.lowercased().contains(forbidden), "the page contains \(forbidden)")
        }
    }

    @Test("Headings run h1, h2, h3 without skipping a level, with one h1")
    func headingOrder() {
        let html = render(document())
        let levels = html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.output.1) }
        #expect(levels.first == 1)
        #expect(levels.filter { $0 == 1 }.count == 1)
        #expect(levels.contains(3))
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "h\(previous) is followed by h\(next)")
        }
    }

    @Test("The title names the scope, then come the summary sentences and the status totals")
    func titleSummaryAndTotals() throws {
        let document = document()
        let html = render(document)
        #expect(html.contains("<h1>Coverage gaps: \(document.scope)</h1>"))
        #expect(!document.summary.text.isEmpty)
        for sentence in document.summary.text {
            #expect(html.contains("<p class=\"lead\">\(escaped(sentence))</p>"))
        }
        let totals = slice(html, from: "<ul class=\"totals\"", to: "</ul>")
        #expect(totals.contains("<strong>\(document.summary.gap)</strong> gaps"))
        #expect(totals.contains("<strong>\(document.summary.atRisk)</strong> at risk"))
        #expect(totals.contains("<strong>\(document.summary.covered)</strong> covered"))
        #expect(document.summary.gap > 0 && document.summary.atRisk > 0 && document.summary.covered > 0)
    }

    // MARK: Heat map

    @Test("The heat map has a row per area and a column header per need type")
    func heatMapRowsAndColumns() {
        let html = render(document())
        let table = slice(html, from: "<table class=\"heat-map\">", to: "</table>")
        let body = slice(table, from: "<tbody>", to: "</tbody>")
        #expect(body.ranges(of: "<th scope=\"row\">").count == Self.forceAreas.count)
        #expect(table.ranges(of: "<th scope=\"col\" class=\"need\"").count == Self.needs.count)
        for name in ["West Yorkshire", "South Yorkshire", "North Yorkshire", "Humberside"] {
            #expect(body.contains("<th scope=\"row\">\(name) <span class=\"code\">"))
        }
        for label in ["Domestic abuse", "Stalking", "Restorative justice"] {
            #expect(table.contains("<span class=\"label\">\(label)</span>"))
        }
        // West Yorkshire has the fewest gaps, so it comes last.
        let rows = body.matches(of: /<th scope="row">([^<]+) </).map { String($0.output.1) }
        #expect(rows.last == "West Yorkshire")
    }

    @Test("A gap cell carries a symbol and the word, not only a colour, and a title with the reasons")
    func gapCellsCarryText() throws {
        let html = render(document())
        let table = slice(html, from: "<table class=\"heat-map\">", to: "</table>")
        let gap = try #require(table.firstMatch(of: /<td class="cell s-gap" title="([^"]*)">(.*?)<\/td>/))
        #expect(gap.output.2.contains("<span class=\"sym\" aria-hidden=\"true\">\u{2715}</span>"))
        #expect(gap.output.2.contains("<span class=\"word\">gap</span>"))
        #expect(gap.output.1.contains("gap: no service covers it"))
        // The reasons are visible without hovering: the cell leads to its row of the findings table.
        let link = try #require(gap.output.2.firstMatch(of: /<a href="#(f-[^"]+)">/))
        #expect(html.contains("<tr id=\"\(link.output.1)\">"))
        let covered = try #require(table.firstMatch(of: /<td class="cell s-covered"[^>]*>(.*?)<\/td>/))
        #expect(covered.output.1.contains("<span class=\"visually-hidden\">covered</span>"))
        let atRisk = try #require(table.firstMatch(of: /<td class="cell s-at-risk"[^>]*>(.*?)<\/td>/))
        #expect(atRisk.output.1.contains("<span class=\"word\">at risk</span>"))
        // Symbols, not CSS patterns: nothing the printer has to paint cell by cell.
        #expect(!html.contains("gradient("))
        #expect(!html.contains("hover"))
    }

    @Test("Split by language, a heat-map cell shows the worst status and how many cells have it")
    func splitCellsShowCounts() throws {
        let document = document(split: .language, splitValues: ["en", "pl", "ur"])
        let html = render(document)
        let table = slice(html, from: "<table class=\"heat-map\">", to: "</table>")
        let body = slice(table, from: "<tbody>", to: "</tbody>")
        #expect(body.ranges(of: "<th scope=\"row\">").count == Self.forceAreas.count)
        #expect(body.ranges(of: "<td class=\"cell ").count == Self.forceAreas.count * Self.needs.count)
        let gap = try #require(body.firstMatch(of: /<td class="cell s-gap split" title="([^"]*)">(.*?)<\/td>/))
        #expect(gap.output.2.contains("<span class=\"count\">3</span> <span class=\"word\">gaps</span>"))
        let title = gap.output.1
        #expect(title.hasSuffix("3 gaps of 3 languages"))
        // Each language's reasons are in the findings table, not in the title.
        #expect(!title.contains("Urdu"))
        // The findings table gets a language column.
        #expect(html.contains("<th scope=\"col\">Language</th>"))
    }

    @Test("The heat map shows at most 60 areas, those with the most gaps, and says how many more there are")
    func heatMapIsCapped() {
        let authorities = vocabularies[.localAuthorities].terms.map(\.code)
        let westYorkshire = Set(["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"])
        let codes = Array(authorities.filter { !westYorkshire.contains($0) }.prefix(65)) + westYorkshire.sorted()
        let needs = Self.needs + ["fraud", "cybercrime"]
        let html = render(document(areas: codes, level: .localAuthority, needs: needs))
        let body = slice(
            slice(html, from: "<table class=\"heat-map\">", to: "</table>"),
            from: "<tbody>",
            to: "</tbody>"
        )
        #expect(body.ranges(of: "<th scope=\"row\">").count == 60)
        let note = slice(html, from: "<p class=\"note\">The heat map", to: "</p>")
        #expect(note.contains("shows the 60 areas with the most gaps. 10 more areas are in the analysis"))
        // The West Yorkshire authorities have the fewest gaps: none of them is shown.
        #expect(!body.contains("Leeds"))
        // 70 areas by 8 need types: most are gaps, and the findings table is capped at 500 rows.
        let findings = slice(html, from: "<table class=\"findings sticky\">", to: "</table>")
        #expect(findings.ranges(of: "<tr").count == 501)
        let findingsNote = slice(html, from: "<p class=\"note\">Showing the first", to: "</p>")
        #expect(findingsNote.contains("Showing the first 500 of "))
    }

    // MARK: Tile map

    @Test("The tile map has one hexagon per police force area, with a title and a description")
    func tileMapHexagons() throws {
        let html = render(document())
        let svg = slice(html, from: "<svg class=\"tile-map\"", to: "</svg>")
        #expect(svg.contains("role=\"img\" aria-labelledby=\"tile-map-title tile-map-desc\""))
        #expect(svg.contains("<title id=\"tile-map-title\">"))
        #expect(svg.contains("<desc id=\"tile-map-desc\">4 of the 43 police force areas were analysed"))
        #expect(svg.ranges(of: "<polygon ").count == 43)
        #expect(svg.ranges(of: "<g class=\"tile").count == 43)
        #expect(svg.ranges(of: "<g class=\"tile not-analysed\"").count == 39)
        let westYorkshire = try #require(svg.firstMatch(of: /data-code="E23000010"[^>]*>\n?<title>([^<]*)<\/title>/))
        #expect(westYorkshire.output.1.hasPrefix("West Yorkshire (E23000010): "))
        #expect(westYorkshire.output.1.contains("of 6 cells"))
        #expect(svg.contains("<title>Cumbria (E23000002): not analysed</title>"))
        // Short names that cannot be misread, and the share of cells that are gaps or at risk.
        #expect(svg.contains(">W Yorks</text>"))
        #expect(svg.contains(">N Yorks</text>"))
        #expect(svg.contains(">N Wales</text>") && svg.contains(">S Wales</text>") && svg.contains(">W Mids</text>"))
        #expect(svg.firstMatch(of: /data-code="E23000010"[\s\S]*?class="count"[^>]*>\d+%<\/text>/) != nil)
        // The same figures as a table, which is also the key to the short names.
        #expect(html.contains("<caption>Cells by police force area (the figures and key of the map)</caption>"))
        #expect(
            html.contains("<th scope=\"row\">West Yorkshire <span class=\"code\">E23000010</span></th><td>W Yorks</td>")
        )
        #expect(html.contains("The other 39 police force areas were not analysed."))
    }

    @Test("Hexagons are placed from tile_column and tile_row; odd rows shift right; the rest go below")
    func tilePlacement() throws {
        let tiles: [String: (column: Int, row: Int)] = [
            "E23000009": (3, 0),  // North Yorkshire
            "E23000010": (3, 1),  // West Yorkshire
            "E23000011": (3, 2),  // South Yorkshire
            "E23000012": (4, 2),  // Humberside
            "E23000013": (4, 2),  // Cleveland: the same tile as Humberside
        ]
        let vocabularies = try vocabularies(tiles: tiles)
        let html = render(document(vocabularies: vocabularies), vocabularies: vocabularies)
        let svg = slice(html, from: "<svg class=\"tile-map\"", to: "</svg>")
        var centres: [String: (x: Double, y: Double)] = [:]
        for match in svg.matches(of: /data-code="(\w+)" transform="translate\(([\d.]+),([\d.]+)\)"/) {
            centres[String(match.output.1)] = (Double(match.output.2) ?? -1, Double(match.output.3) ?? -1)
        }
        #expect(centres.count == 43)
        let north = try #require(centres["E23000009"])
        let west = try #require(centres["E23000010"])
        let south = try #require(centres["E23000011"])
        let humberside = try #require(centres["E23000012"])
        let cleveland = try #require(centres["E23000013"])
        let width = humberside.x - south.x
        #expect(abs(width - 36 * 3.0.squareRoot()) < 0.2)
        #expect(abs(west.x - north.x - width / 2) < 0.2)
        #expect(abs(south.x - north.x) < 0.2)
        #expect(abs(west.y - north.y - 54) < 0.2)
        // Without a tile of their own, Cleveland and the others go in rows below the grid.
        #expect(cleveland.y > south.y + 54)
        #expect(svg.contains("Not on the grid (no tile position in the vocabulary):"))
        let placed = Set(tiles.keys).subtracting(["E23000013"])
        let overflow = centres.filter { !placed.contains($0.key) }
        #expect(overflow.count == 39)
        #expect(overflow.values.allSatisfy { $0.y > south.y })
    }

    // MARK: Waiting times

    @Test("The waiting-time chart has a bar row per need type, a dashed limit and the figures as a table")
    func waitChart() throws {
        let html = render(document())
        let svg = slice(html, from: "<svg class=\"chart waits\"", to: "</svg>")
        #expect(svg.contains("role=\"img\" aria-labelledby=\"waits-title waits-desc\""))
        #expect(svg.ranges(of: "<g class=\"row\">").count == Self.needs.count)
        #expect(svg.contains("<line class=\"limit\""))
        #expect(svg.contains(">limit 28 days</text>"))
        #expect(svg.contains("<rect class=\"bar over\""))
        #expect(svg.contains(">no known waits</text>"))
        #expect(
            svg.contains(
                "<title>Stalking: median shortest wait 45 days over 1 cell; longest 45 days; 1 over the limit</title>"
            )
        )
        let table = slice(html, from: "<caption>Shortest local waits by need type, in days</caption>", to: "</table>")
        #expect(
            table.contains(
                "<th scope=\"row\">Domestic abuse</th><td class=\"num\">1 of 4</td><td class=\"num\">9</td>"
                    + "<td class=\"num\">9</td><td class=\"num\">0</td>"
            )
        )
    }

    // MARK: Tables

    @Test("The table of findings lists gaps first, each with its reasons")
    func findingsTable() throws {
        let html = render(document())
        let table = slice(html, from: "<table class=\"findings sticky\">", to: "</table>")
        #expect(table.contains("<caption>"))
        #expect(table.contains("<th scope=\"col\">Reasons</th>"))
        #expect(table.contains("no service covers it"))
        #expect(table.contains("no service accepting referrals (1 service covering it, all paused or full)"))
        #expect(table.contains("no local service; only national helplines (1 service)"))
        // The area is the row header (kept in view when the table scrolls sideways on a phone).
        #expect(table.contains("<th scope=\"row\">South Yorkshire <span class=\"code\">E23000011</span></th>"))
        let statuses = table.matches(of: /<td class="status (s-[a-z-]+)">/).map { String($0.output.1) }
        #expect(statuses.first == "s-gap")
        #expect(statuses.contains("s-at-risk"))
        let firstAtRisk = try #require(statuses.firstIndex(of: "s-at-risk"))
        #expect(!statuses[firstAtRisk...].contains("s-gap"))
        #expect(!statuses.contains("s-covered"))
    }

    @Test("Each finding shows its free capacity, and its demand when a demand file was given")
    func findingsShowDemandAndCapacity() throws {
        let without = slice(render(document()), from: "<table class=\"findings sticky\">", to: "</table>")
        #expect(without.contains("<th scope=\"col\">Free local capacity</th>"), "\(without.prefix(600))")
        #expect(without.contains("<th scope=\"col\" class=\"num\">National helplines accepting</th>"))
        #expect(!without.contains(">Demand a year</th>"))
        // Capacity in its unit (the fixtures' services count open cases), with the date of the oldest figure behind it.
        #expect(without.firstMatch(of: /<td>\d+ cases? \(figures as of \d{4}-\d\d-\d\d\)<\/td>/) != nil)
        var demand = GapDemand()
        demand.add(4321, for: GapDemand.Key(area: AreaCode("E23000011"), need: "domestic-abuse"))
        let with = slice(render(document(demand: demand)), from: "<table class=\"findings sticky\">", to: "</table>")
        #expect(with.contains(">Demand a year</th>"))
        // South Yorkshire has no domestic abuse service: a gap, with its demand beside it.
        let row = try #require(
            with.components(separatedBy: "<tr").first { $0.contains("South Yorkshire") && $0.contains("4321") }
        )
        #expect(row.contains("s-gap"))
    }

    @Test("Compared with an earlier report, the page lists the cells that changed, worse first")
    func changesSection() throws {
        // The earlier report had West Yorkshire's stalking covered and South Yorkshire's domestic abuse at risk.
        let json =
            #"{"generated_at": "2026-10-01T09:00:00Z", "parameters": {"level": "pfa"}, "cells": ["#
            + #"{"area": "E23000011", "need": "domestic-abuse", "status": "at-risk"},"#
            + #"{"area": "E23000010", "need": "domestic-abuse", "status": "gap"}]}"#
        let earlier = try EarlierGapReport.read(Data(json.utf8))
        var compared = document()
        compared.compare(with: earlier)
        let html = render(compared)
        let section = slice(html, from: "<section aria-labelledby=\"changes-heading\">", to: "</section>")
        #expect(section.contains("Changes since the earlier report (2026-10-01)"))
        #expect(section.contains("Became a gap"))
        #expect(section.contains("Recovered"))
        #expect(
            section.contains("1 cell became a gap, 0 became at risk, 0 improved, 1 recovered")
        )
        let gap = try #require(section.range(of: "Became a gap"))
        let recovered = try #require(section.range(of: "Recovered"))
        #expect(gap.lowerBound < recovered.lowerBound)
        #expect(!render(document()).contains("changes-heading"))
    }

    @Test("The contracts table lists the contracts ending, with the cells they leave without a service")
    func contractsTable() {
        let html = render(document())
        let table = slice(html, from: "<table class=\"contracts\">", to: "</table>")
        for header in ["Service", "Provider", "Commissioner", "Contract end", "Cells left without service"] {
            #expect(table.contains(">\(header)</th>"))
        }
        #expect(table.contains("2027-01-31"))
        #expect(table.contains("Wakefield ISVA Service"))
        #expect(table.contains("<td>2027-02-28</td><td class=\"num\">1</td><td>West Yorkshire</td>"))
        #expect(!table.contains("Calderdale"))
    }

    @Test("The stale table lists old records and is capped at 200 rows with the total")
    func staleTable() {
        var services = services
        for number in 1...205 {
            var service = Fixtures.service(recordID: "OLD-\(number)", name: "Old record \(number)")
            service.provenance.lastVerified = number == 1 ? nil : CalendarDate(iso: "2023-01-15")
            services.append(service)
        }
        let html = render(document(services: services))
        let table = slice(html, from: "<table class=\"stale\">", to: "</table>")
        #expect(table.ranges(of: "<tr>").count == 201)
        #expect(table.contains("<td>never</td>"))
        #expect(html.contains("Showing 200 of 206 stale records"))
    }

    @Test("Text from the catalog is escaped, and no web address survives")
    func textIsEscaped() {
        let html = render(document())
        #expect(html.contains("Bradford &lt;b&gt;&amp; Keighley Stalking Service"))
        #expect(!html.contains("<b>&"))
        #expect(html.contains("Calder &quot;Hope&quot; &amp; O&#39;Neill&#39;s Trust"))
        #expect(html.contains("West Yorkshire PCC (see https&#58;//example.invalid/commissioning)"))
        #expect(!html.contains("https://"))
    }

    @Test("The footer gives the parameters, the catalog's provenance and when the page was generated")
    func footer() {
        let document = document()
        let html = render(document)
        let footer = slice(html, from: "<footer", to: "</footer>")
        #expect(footer.contains("<dt>Longest acceptable shortest wait</dt>\n<dd>28 days</dd>"))
        #expect(footer.contains("<dt>As of</dt>\n<dd>2026-11-22</dd>"))
        #expect(footer.contains("<dt>Areas</dt>\n<dd>4 police force areas: "))
        #expect(footer.contains("7 services from 2 sources; last import \(document.catalog.lastImport ?? "?")."))
        #expect(footer.contains("<li>national-list: 1 service</li>"))
        #expect(footer.contains("<time datetime=\"\(document.generatedAt)\">\(document.generatedAt)</time>"))
    }

    @Test("Short labels for rotated need-type headers")
    func shortLabels() {
        #expect(
            GapHTMLReport.render(document(needs: ["honour-based-abuse"]), vocabularies: vocabularies)
                .contains("<span class=\"label\" aria-hidden=\"true\">Honour-based abuse</span>")
        )
    }

    // MARK: Helpers

    /// The text from the first `start` to the next `end` after it, both included; empty when either is missing.
    func slice(_ text: String, from start: String, to end: String) -> String {
        guard let lower = text.firstRange(of: start),
            let upper = text[lower.upperBound...].firstRange(of: end)
        else { return "" }
        return String(text[lower.lowerBound..<upper.upperBound])
    }

    func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;").replacing("'", with: "&#39;")
    }
}
