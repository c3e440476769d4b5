import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostWorkflows

struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Browse the catalog's services.",
        subcommands: [List.self, Show.self, SetAvailability.self],
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
            let (text, count) = try await output()
            print(text, terminator: "")
            if output.format == .table { Terminal.note("\(count) service(s)") }
        }

        /// What the command prints, and how many services it lists (said on standard error under a table).
        func output() async throws -> (text: String, count: Int) {
            let environment = try Environment(global)
            let vocabularies = environment.vocabularies
            var query = ServiceQuery(limit: limit)
            if let area {
                let place: LocationQuery?
                do {
                    place = try LocationQuery.parse(postcode: nil, area: area, vocabularies: vocabularies)
                } catch {
                    throw CLIError(error.description, exitCode: 64)
                }
                // The area, what contains it, and (for a force area, a region or a local authority) what lies in it.
                if let place { query.areas = BrowseArea.codes(for: place, vocabularies: vocabularies) }
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
            let table = ServiceTable.summary(services, vocabularies: vocabularies)
            switch output.format {
            case .json: return (try JSONOutput.encode(services.map(\.withoutConfidentialLocations)), services.count)
            case .csv: return (table.renderCSV(), services.count)
            case .table: return (table.renderText(width: Terminal.width), services.count)
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

        @Flag(
            help: """
                Also list the changes of its capacity, wait and status reported by the service or staff, newest \
                first (with --format json or csv, the changes alone).
                """
        )
        var history = false

        @Argument(help: "The service id (SOURCE/RECORD-ID), or its record id alone when no other source has it.")
        var id: String

        /// The service with this id, or the one service whose record id it is; else an error with the ids it may
        /// mean.
        static func find(_ id: String, in catalog: any Catalog) async throws -> Service {
            if let service = try await catalog.service(id: ServiceID(id)) { return service }
            if !id.contains("/") {
                let matches = try await catalog.services(recordID: id)
                if matches.count == 1, let only = matches.first { return only }
                if matches.count > 1 {
                    throw CLIError(
                        "'\(id)' is the record id of \(matches.count) services; give one in full: "
                            + matches.map(\.id.rawValue).joined(separator: ", ")
                    )
                }
            }
            let hints = try await catalog.serviceIDs().compactMap { candidate -> (Int, ServiceID)? in
                let target = id.contains("/") ? candidate.rawValue : candidate.recordID
                return EditDistance.within(id.uppercased(), target.uppercased(), limit: max(2, id.count / 4))
                    .map { ($0, candidate) }
            }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map { "'\($0.1)'" }
            let hint = hints.isEmpty ? "" : "; did you mean \(hints.joined(separator: " or "))?"
            throw CLIError("no service has the id '\(id)'\(hint) (`signpost services list` shows the ids)")
        }

        func run() async throws {
            let environment = try Environment(global)
            let catalog = try await environment.openForReading()
            let service = try await Self.find(id, in: catalog)
            let shown = includeConfidential ? service : service.withoutConfidentialLocations
            if history {
                let changes = try await catalog.availabilityHistory(of: service.id)
                let table = ServiceTable.history(changes)
                switch format {
                case .json: print(try JSONOutput.encode(changes), terminator: "")
                case .csv: print(table.renderCSV(), terminator: "")
                case .table:
                    print(ServiceTable.detail(shown, vocabularies: environment.vocabularies))
                    print("Availability history (\(changes.count) change\(changes.count == 1 ? "" : "s"))")
                    if !changes.isEmpty { print(table.renderText(width: Terminal.width), terminator: "") }
                }
                return
            }
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

    /// Staff record what a service told them (by phone, by email): its free and total capacity, its wait, whether it
    /// takes referrals. Kept in the history as `staff:NAME`.
    struct SetAvailability: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-availability",
            abstract: "Record a service's capacity, waiting time or status as the service reports it.",
            discussion: """
                Only the figures given change. The change is kept in the catalog's history (`signpost services show \
                ID --history`) with who made it, and a later import of the service's list does not overwrite it \
                unless the list's figures are dated later. Services can report their own figures through the API \
                with a provider key (PATCH /services/{id}/availability).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The service id (SOURCE/RECORD-ID), or its record id alone when no other source has it.")
        var id: String
        @Option(help: "Free capacity now (in the service's capacity unit).")
        var available: Int?
        @Option(help: "Total capacity.")
        var maximum: Int?
        @Option(name: .customLong("wait-days"), help: "Days from referral to first contact now.")
        var waitDays: Int?
        @Option(help: "accepting, waitlist or paused.")
        var status: String?
        @Option(help: "Who is recording it (default: $USER).")
        var by: String?

        func run() async throws {
            var update = AvailabilityUpdate(capacityAvailable: available, capacityMaximum: maximum, waitDays: waitDays)
            if let status {
                guard let parsed = ServiceStatus(rawValue: status) else {
                    throw ValidationError("--status must be accepting, waitlist or paused, not '\(status)'")
                }
                update.status = parsed
            }
            let environment = try Environment(global)
            let catalog = try await environment.openForWriting()
            let service = try await Show.find(id, in: catalog)
            let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "staff"
            let change: AvailabilityChange
            do {
                change = try await catalog.setAvailability(update, of: service.id, by: "staff:\(who)", at: Date())
            } catch {
                throw Self.optionError(error)
            }
            print(ServiceTable.history([change]).renderText(width: Terminal.width), terminator: "")
            Terminal.note(
                "recorded for \(service.id) (\(service.name)); servers over this catalog serve it within seconds"
            )
        }

        /// The catalog's refusal in the command line's words (its options, not the API's fields).
        static func optionError(_ error: CatalogError) -> any Error {
            guard error.code == .invalid else { return error }
            var message = error.message
            for (field, option) in [
                ("capacity_available", "--available"), ("capacity_maximum", "--maximum"), ("wait_days", "--wait-days"),
                ("status", "--status"),
            ] {
                message = message.replacing(field, with: option)
            }
            return CLIError(message)
        }
    }
}
