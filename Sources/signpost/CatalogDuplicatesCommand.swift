import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostReports

/// `signpost catalog duplicates`: services that two sources both seem to list, for a person to look at.
struct CatalogDuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List likely duplicates across sources: the same service in a commissioner's and a charity's list.",
        discussion: """
            Two services from different sources are paired when they share a charity number, a phone number or a \
            location's postcode, and their names are at least 60% alike with a need type in common and the same reach \
            (both national or both local), or at least 85% alike. Services whose coverage is clearly apart (different force areas, say), closed services and pairs \
            from one source are left out. Nothing is merged or changed. The rule is in Docs/Architecture.md \
            (Duplicates across sources).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: "Only pairs involving this source (as `signpost catalog stats` lists them).")
    var source: String?

    func run() async throws {
        print(try await report(), terminator: "")
    }

    /// The command's output, from the catalog the options name.
    func report() async throws -> String {
        let environment = try Environment(global)
        let catalog = try await environment.openForReading()
        return try render(try await catalog.duplicatePool(excludingSources: []))
    }

    /// The pairs among `services` (reduced to what the rule reads) as the chosen format.
    func render(_ services: DuplicatePool) throws -> String {
        var among: Set<ServiceID>?
        if let source {
            let ids = services.ids(from: SourceName(source))
            guard !ids.isEmpty else {
                throw ValidationError(
                    "no services from source '\(source)' in the catalog; `signpost catalog stats` lists the sources"
                )
            }
            among = Set(ids)
        }
        let pairs = DuplicateFinder.findings(in: services, among: among, keeping: Int.max).pairs
        let named = services.describe(Set(pairs.flatMap { [$0.first, $0.second] }))
        let rows = pairs.map { pair in
            PairRow(pair: pair, first: named[pair.first], second: named[pair.second])
        }
        switch output.format {
        case .json:
            return try JSONOutput.encode(Document(count: rows.count, pairs: rows))
        case .csv:
            var table = Table(
                columns: [
                    .init("first_id"), .init("first_name"), .init("first_source"), .init("second_id"),
                    .init("second_name"), .init("second_source"), .init("name_similarity"), .init("reasons"),
                ]
            )
            table.rows = rows.map { row in
                [
                    row.first.id.rawValue, row.first.name, row.first.source, row.second.id.rawValue, row.second.name,
                    row.second.source, Self.percent(row.nameSimilarity), row.explanation,
                ]
            }
            return table.renderCSV()
        case .table:
            return text(rows, services: services)
        }
    }

    private func text(_ rows: [PairRow], services: DuplicatePool) -> String {
        let scope = source.map { " involving source \(SourceName($0))" } ?? ""
        guard !rows.isEmpty else {
            let sources = services.sourceCount
            return "No likely duplicates across sources\(scope) (\(services.count) services from \(sources) "
                + "sources compared).\n"
        }
        var table = Table(
            columns: [
                .init("first"), .init("name"), .init("source"), .init("second"), .init("name"), .init("source"),
                .init("alike", alignment: .right),
            ]
        )
        table.rows = rows.map { row in
            [
                row.first.id.rawValue, row.first.name, row.first.source, row.second.id.rawValue, row.second.name,
                row.second.source, Self.percent(row.nameSimilarity),
            ]
        }
        table.details = rows.map { ["why: " + $0.explanation] }
        return table.renderText(maxCellWidth: 40)
            + "\n\(rows.count) likely duplicate pair\(rows.count == 1 ? "" : "s") across sources\(scope); "
            + "nothing was merged. `signpost services show ID` shows each in full.\n"
    }

    /// `0.86` as `86%`, rounded down as the reasons are, so that a pair shown at 60% did reach the threshold.
    private static func percent(_ similarity: Double) -> String {
        "\(Int((similarity * 100 + 1e-9).rounded(.down)))%"
    }

    struct Document: Encodable {
        var count: Int
        var pairs: [PairRow]
    }

    /// One pair as shown: both services' id, name and source, the name similarity and the reasons.
    struct PairRow: Encodable {
        struct Side: Encodable {
            var id: ServiceID
            var name: String
            var source: String
        }

        /// A reason: its kind and value (as `DuplicateEvidence` encodes them) and its plain-English text.
        struct Reason: Encodable {
            var evidence: DuplicateEvidence

            private enum CodingKeys: String, CodingKey { case text }

            func encode(to encoder: any Encoder) throws {
                try evidence.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(evidence.description, forKey: .text)
            }
        }

        var first: Side
        var second: Side
        var nameSimilarity: Double
        var reasons: [Reason]
        var explanation: String

        init(
            pair: LikelyDuplicate,
            first: (name: String, source: SourceName)?,
            second: (name: String, source: SourceName)?
        ) {
            func side(_ id: ServiceID, _ service: (name: String, source: SourceName)?) -> Side {
                Side(id: id, name: service?.name ?? "", source: service?.source.rawValue ?? "")
            }
            self.first = side(pair.first, first)
            self.second = side(pair.second, second)
            nameSimilarity = (pair.nameSimilarity * 1000).rounded() / 1000
            reasons = pair.reasons.map(Reason.init)
            explanation = pair.explanation
        }
    }
}
