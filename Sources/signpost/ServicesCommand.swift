import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports

struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Browse the catalog's services.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List services, optionally by area and need type.",
            discussion: """
                --area takes a police force area (code or name), a postcode area or district, a local authority code, \
                or 'national'. Services covering a force area include national ones and those covering its postcode \
                areas.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Option(help: "Only services covering this area.")
        var area: String?

        @Option(help: "Only services meeting this need type (code or alias; see `signpost vocab need-types`).")
        var need: [String] = []

        @Option(help: "Only services from this source.")
        var source: String?

        @Option(help: "Show at most this many services.")
        var limit: Int?

        func run() async throws {
            let environment = try Environment(global)
            let vocabularies = environment.vocabularies
            var query = ServiceQuery(limit: limit)
            if let area {
                guard let code = vocabularies.resolveArea(area) else {
                    throw ValidationError(
                        "unknown area '\(area)'; use a police force area code or name (E23000010, West Yorkshire), "
                            + "a postcode area or district (LS, LS1), a local authority code or 'national'"
                    )
                }
                // The matcher's own rule for which coverage codes mean "serves this place".
                query.areas = LocationResolver(vocabularies: vocabularies).resolve(.area(code)).areas
                if code.kind == .policeForceArea {
                    // Browsing a force area also lists the services of its postcode areas and districts.
                    query.postcodeAreas = Set(
                        vocabularies[.postcodeAreas].terms.map { AreaCode($0.code) }
                            .filter { vocabularies.forceAreas(ofPostcodeArea: $0).contains(code) }
                    )
                }
            }
            for text in need {
                guard let code = vocabularies.resolve(text, as: NeedType.self) else {
                    throw ValidationError(vocabularies[.needTypes].unknownMessage(text))
                }
                query.needTypes.insert(code)
            }
            if let source { query.sources = [SourceName(source)] }
            let catalog = try await environment.openForReading()
            let services = try await catalog.services(query)
            switch output.format {
            case .json:
                print(try JSONOutput.encode(services.map(\.withoutConfidentialLocations)), terminator: "")
            case .csv:
                print(ServiceTable.summary(services, vocabularies: vocabularies).renderCSV(), terminator: "")
            case .table:
                print(
                    ServiceTable.summary(services, vocabularies: vocabularies).renderText(maxCellWidth: 44),
                    terminator: ""
                )
                Terminal.note("\(services.count) service(s)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one service in full.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format: table (readable), json or csv (field,value rows).")
        var format: FormatOption.Format = .table

        @Flag(help: "Include confidential locations (refuge addresses). Never share this output.")
        var includeConfidential = false

        @Argument(help: "The service id (SOURCE/RECORD-ID), as `signpost services list` shows it.")
        var id: String

        func run() async throws {
            let environment = try Environment(global)
            let catalog = try await environment.openForReading()
            guard let service = try await catalog.service(id: ServiceID(id)) else {
                throw CLIError("no service with id '\(id)'; `signpost services list` shows the ids")
            }
            let shown = includeConfidential ? service : service.withoutConfidentialLocations
            switch format {
            case .json: print(try JSONOutput.encode(shown), terminator: "")
            case .csv:
                let rows = ServiceTable.details(shown, vocabularies: environment.vocabularies)
                print(
                    Table(columns: [.init("field"), .init("value")], rows: rows.map { [$0.0, $0.1] }).renderCSV(),
                    terminator: ""
                )
            case .table: print(ServiceTable.detail(shown, vocabularies: environment.vocabularies), terminator: "")
            }
        }
    }
}
