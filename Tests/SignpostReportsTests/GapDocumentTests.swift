import Foundation
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostReports
import SignpostTestSupport
import Testing

@Suite("Gap report: JSON, CSV and table")
struct GapDocumentTests {
    let vocabularies: Vocabularies
    let today = CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// West Yorkshire with two domestic-abuse services (one on a contract ending soon, one stale) and a national
    /// stalking helpline; Humberside with nothing local.
    func document() throws -> GapDocument {
        var ending = Fixtures.service(recordID: "WY-1", name: "Leeds Domestic Abuse Outreach")
        ending.commissioning.contractEnd = CalendarDate(iso: "2027-02-28")
        var stale = Fixtures.service(recordID: "WY-2", name: "Bradford Independent Advocacy")
        stale.provenance.lastVerified = CalendarDate(iso: "2025-05-01")
        stale.waitingTime?.days = 35
        var helpline = Fixtures.service(
            source: "national-helplines",
            recordID: "NH-1",
            name: "National Stalking Line",
            needTypes: ["stalking"],
            coverage: [.national]
        )
        helpline.commissioning.contractEnd = CalendarDate(iso: "2029-03-31")
        let index = MatchIndex(services: [ending, stale, helpline], vocabularies: vocabularies)
        let resolver = LocationResolver(vocabularies: vocabularies)
        let areas = ["E23000010", "E23000012"].map { code in
            let area = AreaCode(code)
            return GapArea(code: area, name: vocabularies.label(ofArea: area), location: resolver.resolve(.area(area)))
        }
        var demand = GapDemand()
        demand.add(140, for: .init(area: AreaCode("E23000010"), need: "domestic-abuse"))
        let query = GapQuery(
            level: .forceArea,
            areas: areas,
            needs: ["domestic-abuse", "stalking"],
            demand: demand,
            today: today
        )
        let findings = GapAnalysis(index: index).run(query)
        return GapDocument(
            findings: findings,
            query: query,
            catalog: CatalogProvenance(
                services: index.services,
                lastImport: Date(timeIntervalSince1970: 1_795_000_000)
            ),
            vocabularies: vocabularies,
            generatedAt: Date(timeIntervalSince1970: 1_795_305_600)
        )
    }

    @Test func theJSONIsStable() throws {
        let json = try JSONOutput.encode(try document())
        let url = try #require(Bundle.module.url(forResource: "Expected/gaps-two-forces", withExtension: "json"))
        let expected = try String(contentsOf: url, encoding: .utf8)
        if json != expected {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-two-forces.json")
            try json.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("the gaps JSON changed; the new output is in \(actual.path)")
        }
    }

    @Test func theJSONHasTheDocumentedShape() throws {
        let json = try JSONOutput.encode(try document())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["generated_at", "catalog", "parameters", "cells", "contracts_ending", "stale"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        for cell in cells {
            for key in [
                "area", "need", "services", "accepting", "local", "national", "demand", "status", "reasons",
            ] {
                #expect(cell.keys.contains(key), "a cell lacks \(key)")
            }
            for side in ["local", "national"] {
                let provision = try #require(cell[side] as? [String: Any])
                for key in ["services", "accepting", "min_wait_days", "median_wait_days", "max_wait_days", "capacity"] {
                    #expect(provision.keys.contains(key), "a cell's \(side) lacks \(key)")
                }
            }
        }
    }

    @Test func theSummaryReadsAsPlainEnglish() throws {
        let document = try document()
        let first = try #require(document.summary.text.first)
        #expect(first.hasPrefix("In 2 police force areas, "))
        #expect(
            first == "In 2 police force areas, 1 of 4 cells (2 areas by 2 need types) is a gap and 3 more are at risk."
        )
        #expect(
            document.summary.text.contains(
                "2 contracts end within 6 months; without them, 1 cell would have no local service accepting."
            )
        )
        #expect(document.summary.text.last == "1 record has not been verified for 12 months or more.")
    }

    @Test func theCSVHasOneRowPerCellAndTheTableListsTheProblems() throws {
        let document = try document()
        let csv = GapText.csv(document)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 1 + document.cells.count)
        let header: String = [
            "area,area_name,force_area,need,by,local_services,local_accepting,local_min_wait_days",
            "local_median_wait_days,local_max_wait_days,local_free_cases,local_free_referrals_per_week",
            "local_free_places,local_free_sessions_per_week,national_services,national_accepting",
            "national_min_wait_days,demand_per_year,status,reasons",
        ].joined(separator: ",")
        #expect(lines.first.map(String.init) == header)
        #expect(
            csv.contains("E23000012,Humberside,E23000012,domestic-abuse,,0,0,,,,,,,,0,0,,,gap,no service covers it")
        )
        // West Yorkshire's two local services: 12 free cases; 140 referrals a year.
        #expect(csv.contains("E23000010,West Yorkshire,E23000010,domestic-abuse,,2,2,9,22,35,12,,,,0,0,,140,"))
        // Humberside's stalking: only the national line.
        #expect(csv.contains("E23000012,Humberside,E23000012,stalking,,0,0,,,,,,,,1,1,9,,at-risk,"))

        let table = GapText.table(document)
        #expect(table.contains("Humberside"))
        #expect(table.contains("only national helplines (1 service)"))
        #expect(table.contains("Contracts ending within 6 months"))
    }
}
