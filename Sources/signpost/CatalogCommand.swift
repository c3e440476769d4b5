import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostOpenReferral
import SignpostReports

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Look after the catalog as a whole.",
        subcommands: [Stats.self, Export.self, CatalogDuplicatesCommand.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise the catalog: services, providers, sources, force areas, need types, freshness."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let environment = try Environment(global)
            let catalog = try await environment.openForReading()
            let services = try await catalog.allServices()
            let imports = try await catalog.imports(limit: 1)
            let statistics = CatalogStatistics(
                services: services,
                vocabularies: environment.vocabularies,
                asOf: Terminal.today
            )
            switch output.format {
            case .json:
                struct Document: Encodable {
                    var catalog: String
                    var lastImport: ImportRecord?
                    var statistics: CatalogStatistics
                }
                print(
                    try JSONOutput.encode(
                        Document(catalog: environment.databasePath, lastImport: imports.first, statistics: statistics)
                    ),
                    terminator: ""
                )
            case .csv:
                var table = Table(columns: [.init("group"), .init("code"), .init("label"), .init("services")])
                table.rows += [["total", "services", "services", String(statistics.services)]]
                table.rows += [["total", "providers", "providers", String(statistics.providers)]]
                table.rows += [["total", "national", "national services", String(statistics.nationalServices)]]
                table.rows += [
                    ["total", "stale", "not verified in 12 months", String(statistics.notVerifiedIn12Months)]
                ]
                for (group, counts) in [
                    ("source", statistics.sources), ("status", statistics.byStatus),
                    ("force-area", statistics.byForceArea), ("need-type", statistics.byNeedType),
                ] {
                    table.rows += counts.map { [group, $0.code, $0.label, String($0.services)] }
                }
                print(table.renderCSV(), terminator: "")
            case .table:
                print(text(statistics, path: environment.databasePath, lastImport: imports.first), terminator: "")
            }
        }

        private func text(_ statistics: CatalogStatistics, path: String, lastImport: ImportRecord?) -> String {
            var out = "Catalog \(path)\n"
            out += "\(statistics.services) services from \(statistics.providers) providers in "
            out += "\(statistics.sources.count) sources; \(statistics.nationalServices) national.\n"
            if let lastImport {
                out += "Last import #\(lastImport.id) at \(lastImport.startedAt.formatted(.iso8601)).\n"
            }
            if let oldest = statistics.oldestVerification, let service = statistics.oldestVerifiedService {
                out += "Oldest verification \(oldest) (\(service)); "
            }
            out += "\(statistics.notVerifiedIn12Months) not verified in the last 12 months.\n\n"
            let status = statistics.byStatus.map { "\($0.code) \($0.services)" }.joined(separator: ", ")
            out += "By status: \(status)\n\n"
            out +=
                Table(
                    columns: [.init("source"), .init("services", alignment: .right)],
                    rows: statistics.sources.map { [$0.code, String($0.services)] }
                ).renderText() + "\n"
            out +=
                Table(
                    columns: [.init("force area"), .init("code"), .init("services", alignment: .right)],
                    rows: statistics.byForceArea.map { [$0.label, $0.code, String($0.services)] }
                ).renderText() + "\n"
            out += Table(
                columns: [.init("need type"), .init("code"), .init("services", alignment: .right)],
                rows: statistics.byNeedType.map { [$0.label, $0.code, String($0.services)] }
            ).renderText()
            return out
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the catalog in an open standard: HSDS 3.0 / Open Referral UK JSON, or HSDS CSV tables.",
            discussion: """
                hsds-json writes DIR/services.json (every service as an HSDS 3.0 service_full document, with HSDS \
                3.1's service_capacities) and DIR/taxonomies.json (the need-type and specialism taxonomies); the \
                mapping is in Docs/API.md (Open Referral mapping). hsds-csv writes the HSDS 3.0 tables (services.csv, \
                organizations.csv, locations.csv, ... attributes.csv, taxonomy_terms.csv) with HSDS 3.1's \
                service_capacity.csv and units.csv, which `signpost import DIR` reads back (Docs/Formats.md). \
                Confidential locations (refuges) are left out entirely unless --include-confidential is given.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "The format: hsds-json or hsds-csv.")
        var format: Format = .hsdsJSON
        @Option(help: "The folder to write into (created when missing).")
        var output: String
        @Flag(name: .customLong("include-confidential"), help: "Include confidential locations (refuges).")
        var includeConfidential = false

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case hsdsJSON = "hsds-json"
            case hsdsCSV = "hsds-csv"
        }

        func run() async throws {
            let environment = try Environment(global)
            let catalog = try await environment.openForReading()
            let services = try await catalog.allServices().sorted { $0.id < $1.id }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let vocabularies = environment.vocabularies
            let files: [(String, [UInt8])]
            switch format {
            case .hsdsJSON:
                files = [
                    (
                        "services.json",
                        OpenReferral.serviceArray(
                            services,
                            vocabularies: vocabularies,
                            includeConfidential: includeConfidential
                        )
                    ),
                    ("taxonomies.json", OpenReferral.taxonomies(vocabularies: vocabularies)),
                ]
            case .hsdsCSV:
                files = OpenReferral.tables(
                    services,
                    vocabularies: vocabularies,
                    includeConfidential: includeConfidential
                )
                .map { ($0.fileName, $0.bytes) }
            }
            for (name, bytes) in files {
                let path = (output as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                    throw CLIError("cannot write \(path)")
                }
            }
            let withheld =
                includeConfidential ? 0 : services.reduce(0) { $0 + $1.locations.filter(\.isConfidential).count }
            let written = format == .hsdsJSON ? "\(output)/services.json" : "\(files.count) HSDS tables in \(output)"
            Terminal.note(
                "wrote \(services.count) services to \(written)"
                    + (withheld > 0 ? " (\(withheld) confidential locations withheld)" : "")
            )
        }
    }
}
