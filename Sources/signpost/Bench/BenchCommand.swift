import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostReports
import SignpostWorkflows

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Signpost's speed on generated data (build with -c release for real figures).",
        subcommands: [ImportBench.self, MatchBench.self, GapsBench.self]
    )
}

struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Generate a synthetic national list (CSV and XML, fixed seed) and time parsing and importing it.",
        discussion: """
            Prints MB/s and services/s for parsing alone and for parsing, validating and storing in a new SQLite \
            catalog (in a temporary folder, deleted afterwards), and the process's peak memory. With \
            --db postgres://USER@HOST:PORT/DATABASE the imports go to PostgreSQL instead, each into a schema of its \
            own that is dropped afterwards. \
            Targets: CSV parse >= 150 MB/s; import >= 80,000 services/s into SQLite, >= 50,000 into PostgreSQL; \
            XML parse >= 60 MB/s.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many services to generate.")
    var services = 100_000

    @Option(help: "Output format: table or json.")
    var format: ImportCommand.ReportFormat = .table

    struct Figures: Encodable {
        var services: Int
        var csvMegabytes: Double
        var xmlMegabytes: Double
        var csvParseMbS: Double
        var csvReadServicesPerS: Double
        var storeServicesPerS: Double
        var csvImportServicesPerS: Double
        var xmlParseMbS: Double
        var xmlValidateMbS: Double
        var xmlImportServicesPerS: Double
        var peakRssMb: Double
        var store: String
    }

    func run() async throws {
        let environment = try Environment(global)
        let vocabularies = environment.vocabularies
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        var generator = NationalCatalogGenerator(vocabularies: vocabularies, seed: 20_261_122, today: Terminal.today)
        // One source for all, as one national list would be.
        let generated = generator.services(count: services).map { service in
            var copy = service
            copy.provenance.source = SourceName("synthetic")
            copy.id = ServiceID(source: copy.provenance.source, recordID: copy.provenance.sourceRecordID)
            return copy
        }
        let csvPath = "\(folder)/synthetic.csv"
        let xmlPath = "\(folder)/synthetic.xml"
        try SignpostListWriter.csv(generated).write(toFile: csvPath, atomically: false, encoding: .utf8)
        try SignpostListWriter.xml(
            generated,
            commissionerCode: "synthetic",
            commissionerName: "Synthetic national list"
        )
        .write(toFile: xmlPath, atomically: false, encoding: .utf8)
        let csvBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: csvPath)))
        let csvMB = Double(csvBytes.count) / 1_000_000
        let xmlMB = Double(try FileManager.default.attributesOfItem(atPath: xmlPath)[.size] as? Int ?? 0) / 1_000_000

        // CSV: split into records and cells (strings built), best of three.
        var csvParse = Double.infinity
        for _ in 0..<3 {
            csvParse = min(
                csvParse,
                try measure {
                    var cells = 0
                    try CSVDocument(raw: csvBytes).makeReader().forEachRow { row in
                        if case .record(let record) = row { cells += record.fields.count }
                    }
                    if cells == 0 { throw CLIError("the generated CSV had no cells") }
                }
            )
        }
        // CSV: read and validate into services.
        let csvReader = SignpostCSVReader(vocabularies: vocabularies)
        let source = SourceName("synthetic")
        var parsed: ParsedList?
        let csvRead = try measure { parsed = try csvReader.read(csvBytes, file: csvPath, source: source) }
        // Storing alone: already validated services into a new catalog file.
        let parsedServices = parsed?.services ?? []
        let stores = BenchStores(workspace: environment.workspace, folder: folder)
        let storeCatalog = try await stores.make("store")
        let store = try await measureAsync {
            _ = try await storeCatalog.apply(ImportRequest(services: parsedServices))
        }
        parsed = nil
        // CSV: end to end into a new catalog.
        let csvImport = try await measureAsync {
            let catalog = try await stores.make("csv")
            let result = try await ImportJob(vocabularies: vocabularies, files: [csvPath]).run(into: catalog)
            guard result.outcome.inserted.count == services else {
                throw CLIError("CSV import stored \(result.outcome.inserted.count) of \(services) services")
            }
        }

        let xmlReader = SignpostXMLReader(vocabularies: vocabularies)
        let xmlParse = try measure { _ = try xmlReader.parse(.file(path: xmlPath), file: xmlPath) }
        let xmlValidate = try measure { try xmlReader.validate(.file(path: xmlPath), file: xmlPath) }
        let xmlImport = try await measureAsync {
            let catalog = try await stores.make("xml")
            let result = try await ImportJob(vocabularies: vocabularies, files: [xmlPath]).run(into: catalog)
            guard result.outcome.inserted.count == services else {
                throw CLIError("XML import stored \(result.outcome.inserted.count) of \(services) services")
            }
        }

        await stores.dropAll()

        let figures = Figures(
            services: services,
            csvMegabytes: csvMB.rounded(to: 1),
            xmlMegabytes: xmlMB.rounded(to: 1),
            csvParseMbS: (csvMB / csvParse).rounded(to: 1),
            csvReadServicesPerS: (Double(services) / csvRead).rounded(to: 0),
            storeServicesPerS: (Double(parsedServices.count) / store).rounded(to: 0),
            csvImportServicesPerS: (Double(services) / csvImport).rounded(to: 0),
            xmlParseMbS: (xmlMB / xmlParse).rounded(to: 1),
            xmlValidateMbS: (xmlMB / xmlValidate).rounded(to: 1),
            xmlImportServicesPerS: (Double(services) / xmlImport).rounded(to: 0),
            peakRssMb: PeakMemory.megabytes.rounded(to: 1),
            store: stores.name
        )
        switch format {
        case .json:
            print(try JSONOutput.encode(figures), terminator: "")
        case .table:
            let table = Table(
                columns: [.init("measure"), .init("value", alignment: .right), .init("target", alignment: .right)],
                rows: [
                    ["services generated", String(services), ""],
                    ["CSV size (MB)", String(figures.csvMegabytes), ""],
                    ["XML size (MB)", String(figures.xmlMegabytes), ""],
                    ["CSV parse (MB/s)", String(figures.csvParseMbS), ">= 150"],
                    ["CSV read + validate (services/s)", String(figures.csvReadServicesPerS), ""],
                    ["store validated services (services/s)", String(figures.storeServicesPerS), ""],
                    [
                        "CSV import into \(stores.name) (services/s)", String(figures.csvImportServicesPerS),
                        stores.isPostgres ? ">= 50000" : ">= 80000",
                    ],
                    ["XML parse (MB/s)", String(figures.xmlParseMbS), ">= 60"],
                    ["XML schema validation (MB/s)", String(figures.xmlValidateMbS), ""],
                    ["XML validate + import (services/s)", String(figures.xmlImportServicesPerS), ""],
                    ["peak memory (MB)", String(figures.peakRssMb), ""],
                ]
            )
            print(table.renderText(), terminator: "")
        }
    }

    private func measure(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    private func measureAsync(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }
}

/// The catalogs a benchmark stores into: new SQLite files in its folder, or, when `--db` names PostgreSQL, new
/// schemas of that database (dropped afterwards).
final class BenchStores: @unchecked Sendable {
    let workspace: Workspace
    let folder: String
    private var made: [PostgresCatalog] = []

    init(workspace: Workspace, folder: String) {
        self.workspace = workspace
        self.folder = folder
    }

    var isPostgres: Bool { workspace.postgres != nil }
    var name: String { isPostgres ? "PostgreSQL" : "SQLite" }

    /// A new, empty catalog called `name`.
    func make(_ name: String) async throws -> any Catalog {
        guard var location = workspace.postgres else { return try SQLiteCatalog(path: "\(folder)/\(name).sqlite") }
        location.schema = "signpost_bench_\(getpid())_\(name)"
        let catalog = try await PostgresCatalog.open(location)
        try await catalog.dropSchema()
        let fresh = try await PostgresCatalog.open(location)
        made.append(fresh)
        return fresh
    }

    /// The URL or path of the catalog `make(name)` made, for a program run on it.
    func address(_ name: String) -> String {
        guard var location = workspace.postgres else { return "\(folder)/\(name).sqlite" }
        location.schema = "signpost_bench_\(getpid())_\(name)"
        return location.description
    }

    /// Drops the PostgreSQL schemas made (the SQLite files go with the folder).
    func dropAll() async {
        for catalog in made { try? await catalog.dropSchema() }
        made = []
    }
}

enum PeakMemory {
    /// The process's peak resident set size in MB.
    static var megabytes: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

extension Double {
    func rounded(to places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}

/// The generated national catalog (fixed seed) a benchmark runs on, with the matcher's index and how long it took to
/// build.
struct BenchCatalog {
    let services: [Service]
    let index: MatchIndex
    let buildSeconds: Double

    init(count: Int, vocabularies: Vocabularies, today: CalendarDate) {
        var generator = NationalCatalogGenerator(vocabularies: vocabularies, seed: 7, today: today)
        services = generator.services(count: count)
        let start = ContinuousClock.now
        index = MatchIndex(services: services, vocabularies: vocabularies)
        buildSeconds = (ContinuousClock.now - start).seconds
    }
}
