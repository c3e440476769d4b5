import SignpostCore
import SignpostMatching

/// A gap analysis as a readable table or as CSV.
public enum GapText {
    /// The summary, then the cells that are gaps or at risk (every cell with `includeCovered`), then the contracts
    /// ending and a count of stale records.
    public static func table(_ document: GapDocument, includeCovered: Bool = false, limit: Int = 40) -> String {
        var out = document.summary.text.joined(separator: "\n") + "\n\n"
        if let comparison = document.comparison {
            out += "Since the earlier report\(comparison.earlierGeneratedAt.map { " (\($0))" } ?? ""): "
            out += "\(comparison.becameGap) became gaps, \(comparison.becameAtRisk) became at risk, "
            out += "\(comparison.improved) improved, \(comparison.recovered) recovered, \(comparison.new) new.\n\n"
        }
        out +=
            "\(document.summary.cells) cells: \(document.summary.gap) gap, \(document.summary.atRisk) at risk, "
            + (document.parameters.by == "language"
                ? "\(document.summary.interpretingOnly) interpreting only, " : "")
            + "\(document.summary.covered) covered (as of \(document.parameters.asOf)).\n\n"
        if let languages = document.languages, !languages.isEmpty {
            out += "Languages, fewest areas with an in-house local service first:\n"
            var table = Table(
                columns: [
                    .init("language"), .init("in-house", alignment: .right),
                    .init("interpreting only", alignment: .right), .init("nothing local", alignment: .right),
                    .init("areas", alignment: .right),
                ]
            )
            for language in languages {
                table.rows.append([
                    language.label, String(language.inHouse), String(language.interpretingOnly),
                    String(language.nothingLocal), String(language.areas),
                ])
            }
            out += table.renderText(maxCellWidth: 28) + "\n"
        }
        let split = document.parameters.by != nil
        var columns: [Table.Column] = [.init("area"), .init("need")]
        if split { columns.append(.init(document.parameters.by ?? "by")) }
        columns += [
            .init("status"), .init("local", alignment: .right), .init("wait", alignment: .right),
            .init("national", alignment: .right),
        ]
        if document.parameters.demandGiven { columns.append(.init("demand/yr", alignment: .right)) }
        let compared = document.comparison != nil
        if compared { columns.append(.init("since")) }
        let shown = document.cells.filter { includeCovered || $0.status != .covered }
            .sorted { ($0.status, $1.area, $1.need) > ($1.status, $0.area, $0.need) }
        var table = Table(columns: columns)
        for cell in shown {
            var row = [cell.areaName, cell.needLabel]
            if split { row.append(cell.byLabel ?? "") }
            row += [
                cell.status.rawValue,
                "\(cell.local.accepting)/\(cell.local.services)",
                cell.local.minWaitDays.map { "\($0)d" } ?? "-",
                "\(cell.national.accepting)/\(cell.national.services)",
            ]
            if document.parameters.demandGiven { row.append(cell.demand.map(String.init) ?? "-") }
            if compared { row.append(cell.change?.rawValue ?? "") }
            table.rows.append(row)
            table.details.append(cell.reasons.map { "- " + $0.text })
        }
        if shown.isEmpty {
            out += includeCovered ? "No cells.\n" : "No gaps and nothing at risk.\n"
        } else {
            out += table.renderText(maxCellWidth: 28)
        }
        if !document.contractsEnding.isEmpty {
            out += "\nContracts ending within \(document.parameters.contractsEndingWithinMonths) months:\n"
            var contracts = Table(
                columns: [
                    .init("ends"), .init("service"), .init("provider"),
                    .init("cells left without service", alignment: .right),
                ]
            )
            for contract in document.contractsEnding.prefix(limit) {
                contracts.rows.append([
                    contract.contractEnd, contract.name, contract.provider, String(contract.cellsLeftWithoutService),
                ])
            }
            out += contracts.renderText(maxCellWidth: 40)
            if document.contractsEnding.count > limit {
                out += "... and \(document.contractsEnding.count - limit) more (see --format json or csv).\n"
            }
        }
        if !document.stale.isEmpty {
            out +=
                "\n\(document.stale.count) services covering these areas have not been verified for "
                + "\(document.parameters.staleAfterMonths) months or more (listed in --format json and html).\n"
        }
        return out
    }

    /// One row per cell, every cell, reasons joined with "; " (and, compared with an earlier report, the change).
    public static func csv(_ document: GapDocument) -> String {
        let compared = document.comparison != nil
        var table = Table(
            columns: [
                "area", "area_name", "force_area", "need", "by", "local_services", "local_accepting",
                "local_min_wait_days", "local_median_wait_days", "local_max_wait_days",
            ].map { Table.Column($0) }
                + CapacityUnit.allCases.map {
                    Table.Column("local_free_" + String($0.rawValue.map { $0 == "-" ? "_" : $0 }))
                }
                + [
                    "national_services", "national_accepting", "national_min_wait_days", "demand_per_year", "status",
                    "reasons",
                ].map { Table.Column($0) }
        )
        if compared { table.columns.append(Table.Column("change")) }
        for cell in document.cells {
            var row: [String] = [
                cell.area, cell.areaName, cell.forceArea ?? "", cell.need, cell.by ?? "",
                String(cell.local.services), String(cell.local.accepting), Self.text(cell.local.minWaitDays),
                Self.text(cell.local.medianWaitDays), Self.text(cell.local.maxWaitDays),
            ]
            row += CapacityUnit.allCases.map { Self.text(cell.local.available($0)) }
            row += [
                String(cell.national.services), String(cell.national.accepting),
                Self.text(cell.national.minWaitDays), Self.text(cell.demand), cell.status.rawValue,
                cell.reasons.map(\.text).joined(separator: "; "),
            ]
            if compared { row.append(cell.change?.rawValue ?? "") }
            table.rows.append(row)
        }
        return table.renderCSV()
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
}
