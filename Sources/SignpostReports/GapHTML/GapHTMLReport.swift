public import SignpostCore
import SignpostMatching

/// A gap analysis as one HTML page for a Police and Crime Commissioner's office: the summary, a heat map of areas by
/// need type, a tile map of the police force areas, a chart of waiting times, the tables of findings, and what the
/// figures rest on. Everything is inline (CSS and SVG); there are no scripts and no external references, so the page
/// reads offline and prints.
public enum GapHTMLReport {
    /// The most areas the heat map shows (those with the most gaps); the CSV and JSON hold every area.
    static let heatMapRowLimit = 60
    /// The most rows of the table of gaps and cells at risk.
    static let findingRowLimit = 500
    /// The most rows of the table of stale records.
    static let staleRowLimit = 200

    /// One self-contained HTML page (inline CSS and SVG, no scripts, no external references), readable offline and
    /// printable.
    public static func render(_ document: GapDocument, vocabularies: Vocabularies) -> String {
        let grid = CellGrid(document, vocabularies: vocabularies)
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("title", "Coverage gaps: \(document.scope)")
        html.raw("\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n<main>\n")
        writeSummary(document, into: &html)
        writeChanges(document, into: &html)
        writeLanguages(document, into: &html)
        writeHeatMap(grid, into: &html)
        writeTileMap(grid, vocabularies: vocabularies, into: &html)
        writeWaitChart(grid, limit: document.parameters.maxWaitDays, into: &html)
        writeFindings(grid, into: &html)
        writeContracts(document, grid: grid, into: &html)
        writeStale(document, into: &html)
        html.raw("</main>\n")
        writeFooter(document, grid: grid, vocabularies: vocabularies, into: &html)
        html.raw("</body>\n</html>\n")
        return html.output
    }
}

// MARK: - Summary

extension GapHTMLReport {
    static func writeSummary(_ document: GapDocument, into html: inout HTMLWriter) {
        html.element("h1", "Coverage gaps: \(document.scope)")
        for sentence in document.summary.text { html.element("p", [("class", "lead")], sentence) }
        let summary = document.summary
        html.open("ul", [("class", "totals"), ("aria-label", "Cells by status")])
        var totals: [(CoverageStatus, Int)] = [(.gap, summary.gap), (.atRisk, summary.atRisk)]
        if document.parameters.by == GapSplit.language.rawValue {
            totals.append((.interpretingOnly, summary.interpretingOnly))
        }
        totals.append((.covered, summary.covered))
        for (status, count) in totals {
            html.open("li", [("class", "total \(statusClass(status))")])
            html.element("span", [("class", "sym"), ("aria-hidden", "true")], symbol(status))
            html.raw(" ")
            html.element("strong", "\(count)")
            html.text(" " + statusWord(status, count: count))
            html.close("li")
        }
        html.open("li", [("class", "total all")])
        html.element("strong", "\(summary.cells)")
        html.text(summary.cells == 1 ? " cell analysed" : " cells analysed")
        html.close("li")
        html.close("ul")
    }
}

// MARK: - Footer

extension GapHTMLReport {
    static func writeFooter(
        _ document: GapDocument,
        grid: CellGrid,
        vocabularies: Vocabularies,
        into html: inout HTMLWriter
    ) {
        let parameters = document.parameters
        html.open("footer", [("aria-labelledby", "about-heading")])
        html.element("h2", [("id", "about-heading")], "About this report")
        html.element("h3", "Parameters")
        html.open("dl", [("class", "parameters")])
        let entries = parameterEntries(parameters, grid: grid, vocabularies: vocabularies)
        for (term, value) in entries {
            html.element("dt", term)
            html.element("dd", value)
        }
        html.close("dl")
        writeProvenance(document.catalog, into: &html)
        html.open("p", [("class", "generated")])
        html.text("Generated ")
        html.element("time", [("datetime", document.generatedAt)], document.generatedAt)
        html.text(" by Signpost.")
        html.close("p")
        html.close("footer")
    }

    /// The parameters in words, as (term, value) pairs.
    static func parameterEntries(
        _ parameters: GapDocument.Parameters,
        grid: CellGrid,
        vocabularies: Vocabularies
    ) -> [(String, String)] {
        let level = GapLevel(rawValue: parameters.level)?.noun ?? parameters.level
        let needs = grid.columns.map(\.label)
        var entries: [(String, String)] = [
            (
                "Areas",
                "\(parameters.areas.count) \(plural(level, parameters.areas.count))" + areaNames(parameters, grid)
            ),
            ("Need types", "\(needs.count): " + needs.joined(separator: ", ")),
        ]
        if let by = parameters.by {
            let vocabulary = by == GapSplit.language.rawValue ? vocabularies[.languages] : vocabularies[.specialisms]
            let values = parameters.byValues.map { vocabulary.label(code: $0) ?? $0 }
            entries.append(("Split by \(by)", values.isEmpty ? "\u{2013}" : values.joined(separator: ", ")))
        }
        entries += [
            ("Longest acceptable shortest wait", days(parameters.maxWaitDays)),
            ("Fewest services accepting", "\(parameters.minServices)"),
            ("Free places per victim at least", decimal(parameters.minCapacityPerDemand)),
            ("At risk when full or paused", decimal(parameters.unavailableShare * 100) + "% of services or more"),
            ("Contracts ending within", "\(parameters.contractsEndingWithinMonths) months"),
            ("Records stale after", "\(parameters.staleAfterMonths) months"),
            ("As of", parameters.asOf),
            ("Demand figures", parameters.demandGiven ? "given" : "not given"),
        ]
        return entries
    }

    static func areaNames(_ parameters: GapDocument.Parameters, _ grid: CellGrid) -> String {
        guard !parameters.areas.isEmpty, parameters.areas.count <= 12 else { return "" }
        return ": " + parameters.areas.map { grid.areaNames[$0] ?? $0 }.joined(separator: ", ")
    }

    static func writeProvenance(_ catalog: CatalogProvenance, into html: inout HTMLWriter) {
        html.element("h3", "Catalog")
        var sentence =
            "\(catalog.services) \(plural("service", catalog.services)) from "
            + "\(catalog.sources.count) \(plural("source", catalog.sources.count))"
        sentence += catalog.lastImport.map { "; last import \($0)." } ?? "; no import date recorded."
        html.element("p", sentence)
        guard !catalog.sources.isEmpty else { return }
        html.open("ul", [("class", "sources")])
        for source in catalog.sources {
            html.element("li", "\(source.source): \(source.services) \(plural("service", source.services))")
        }
        html.close("ul")
    }
}
