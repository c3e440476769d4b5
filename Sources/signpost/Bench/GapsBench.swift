import ArgumentParser
import Foundation
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostWorkflows

struct GapsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Time the gap analysis on a generated national catalog.",
        discussion: """
            Generates a catalog (fixed seed), builds the matcher's index, and times the gap analysis at local \
            authority level for every need type, split by the most spoken languages of England and Wales (40 by \
            default, as `signpost gaps --by language`), in \
            process. Target: at most 1 second on 50,000 services.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many services to generate.")
    var services = 50_000
    @Option(help: "How many languages to split by.")
    var languages = 40
    @Option(help: "Output format: table or json.")
    var format: ImportCommand.ReportFormat = .table

    struct Figures: Encodable {
        var services: Int
        var areas: Int
        var needs: Int
        var languages: Int
        var cells: Int
        var seconds: Double
        var cellsPerSecond: Double
        var indexBuildMs: Double
        var gaps: Int
        var atRisk: Int
        var interpretingOnly: Int
        var peakRssMb: Double
    }

    func run() async throws {
        let environment = try Environment(global)
        let vocabularies = environment.vocabularies
        let today = Terminal.today
        let bench = BenchCatalog(count: services, vocabularies: vocabularies, today: today)
        let catalogServices = bench.services
        let index = bench.index
        let buildTime = bench.buildSeconds

        // The request `signpost gaps --level lad --by language` makes: every authority, every need type, the most
        // spoken languages of England and Wales.
        let query = try GapWorkflow.plan(
            GapRequest(level: .localAuthority, split: .language, maxLanguages: languages),
            services: catalogServices,
            districts: [],
            vocabularies: vocabularies,
            today: today
        ).query
        let areas = query.areas
        let spoken = query.splitValues
        let analysis = GapAnalysis(index: index)
        _ = analysis.run(GapQuery(level: query.level, areas: Array(areas.prefix(5)), needs: query.needs, today: today))
        let start = ContinuousClock.now
        let findings = analysis.run(query)
        let seconds = (ContinuousClock.now - start).seconds
        let statuses = findings.statusCounts
        let figures = Figures(
            services: services,
            areas: areas.count,
            needs: query.needs.count,
            languages: spoken.count,
            cells: findings.cells.count,
            seconds: seconds.rounded(to: 3),
            cellsPerSecond: (Double(findings.cells.count) / seconds).rounded(to: 0),
            indexBuildMs: (buildTime * 1000).rounded(to: 1),
            gaps: statuses[.gap] ?? 0,
            atRisk: statuses[.atRisk] ?? 0,
            interpretingOnly: statuses[.interpretingOnly] ?? 0,
            peakRssMb: PeakMemory.megabytes.rounded(to: 1)
        )
        switch format {
        case .json:
            print(try JSONOutput.encode(figures), terminator: "")
        case .table:
            let table = Table(
                columns: [.init("measure"), .init("value", alignment: .right), .init("target", alignment: .right)],
                rows: [
                    ["services", String(figures.services), ""],
                    ["local authorities", String(figures.areas), ""],
                    ["need types", String(figures.needs), ""],
                    ["languages", String(figures.languages), ""],
                    ["cells", String(figures.cells), ""],
                    ["analysis (s)", String(figures.seconds), "<= 1"],
                    ["cells per second", String(figures.cellsPerSecond), ""],
                    ["index build (ms)", String(figures.indexBuildMs), ""],
                    [
                        "gap / at-risk / interpreting-only cells",
                        "\(figures.gaps) / \(figures.atRisk) / \(figures.interpretingOnly)", "",
                    ],
                    ["peak memory (MB)", String(figures.peakRssMb), ""],
                ]
            )
            print(table.renderText(), terminator: "")
        }
    }
}
