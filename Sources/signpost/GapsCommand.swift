import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostReports
import SignpostWorkflows

struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Find where victims' needs go unmet: coverage gaps by area and need type, for commissioners.",
        discussion: """
            For each area at the chosen level and each need type (optionally each language or specialism), counts the \
            local services covering it and accepting referrals, their shortest, median and longest waits and their \
            free capacity per unit, and the national helplines apart, and says whether it is covered, at risk or a \
            gap, and why: the status is decided on local provision, national helplines are named as a mitigation. Also lists the contracts ending \
            soon (and the cells that would lose their last accepting service) and the records too old to trust. \
            Thresholds and their defaults: Docs/Gaps.md.

            Examples:
              signpost gaps --area "West Yorkshire"
              signpost gaps --level lad --area E23000010 --format html > wy.html
              signpost gaps --level lad --area E23000010 --languages pl,ur,ro
              signpost gaps --level pfa --demand demand.csv --format csv
              signpost gaps --level lad --area "West Yorkshire" --since last-import
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("level"),
        help: "The level of the areas: pfa (police force area), lad (local authority) or district."
    )
    var levelOption: Level = .pfa
    @Option(
        name: .customLong("area"),
        help: "Look only at this area (repeatable): a force area, country, local authority or postcode area/district."
    )
    var areas: [String] = []
    @Option(help: "A need type to look at (repeatable; default: all).")
    var need: [String] = []
    @Option(name: .customLong("by"), help: "Split each cell by language or specialism.")
    var byOption: Split?
    @Option(
        name: [.customLong("language"), .customLong("languages")],
        help: ArgumentHelp(
            "Languages to look at (repeatable or comma-separated; implies --by language). Default: the demand file's, "
                + "else the 40 most spoken in England and Wales (Census 2021).",
            valueName: "codes"
        )
    )
    var languageOptions: [String] = []
    var languages: [String] { languageOptions.flatMap { $0.split(separator: ",").map(String.init) } }
    @Option(
        name: .customLong("specialism"),
        help: "With --by specialism: a specialism to look at (repeatable; default: the demand file's, else all)."
    )
    var specialisms: [String] = []
    @Option(
        name: .customLong("max-languages"),
        help:
            "With --by language and no languages named or in the demand file: how many of the most spoken to look at."
    )
    var maxLanguages = 40
    @Option(
        help: "Demand per area and need type as CSV: area,need[,language|specialism],count[,period] (Docs/Gaps.md)."
    )
    var demand: String?
    @Option(name: .customLong("max-wait-days"), help: "A shortest local wait longer than this is at risk.")
    var maxWaitDays = GapThresholds().maxWaitDays
    @Option(name: .customLong("min-services"), help: "Fewer local services accepting than this is at risk.")
    var minServices = GapThresholds().minServices
    @Option(
        name: .customLong("min-capacity-per-demand"),
        help: "Free referrals a week below this share of the demand's weekly rate is at risk (1: one per referral)."
    )
    var minCapacityPerDemand = GapThresholds().minCapacityPerDemand
    @Option(
        name: .customLong("contracts-ending-within"),
        help: "List contracts ending within this period: 6m, 1y, 18m."
    )
    var contractsEndingWithin = "\(GapThresholds().contractsEndingWithinMonths)m"
    @Option(name: .customLong("stale-after"), help: "Records not verified within this period are stale: 12m, 2y.")
    var staleAfter = "\(GapThresholds().staleAfterMonths)m"
    @Option(
        name: .customLong("compare-to"),
        help: ArgumentHelp(
            "An earlier report's JSON (--format json): mark the cells that became gaps or recovered since.",
            valueName: "file"
        )
    )
    var compareTo: String?
    @Option(
        name: .customLong("since"),
        help: ArgumentHelp(
            "Mark the changes since a report the catalog kept of the same analysis: last (the previous one), "
                + "last-import (the newest made before the latest import), a date (YYYY-MM-DD) or a period ago (1m).",
            valueName: "when"
        )
    )
    var since: String?
    @Flag(
        inversion: .prefixedNo,
        help: "Keep this report's statuses in the catalog (the last 24 of each analysis), for a later --since."
    )
    var keep = true
    @Option(name: .customLong("as-of"), help: "The date the analysis is as of (YYYY-MM-DD; default: today).")
    var asOf: String?
    @Flag(name: .customLong("all"), help: "In the table, list covered cells too.")
    var includeCovered = false
    @Option(help: "Output format: table, csv, json or html.")
    var format: Format = .table
    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, csv, json, html
    }

    enum Level: String, CaseIterable, ExpressibleByArgument {
        case pfa, lad, district
    }

    enum Split: String, CaseIterable, ExpressibleByArgument {
        case language, specialism
    }

    var level: GapLevel { GapLevel(rawValue: levelOption.rawValue) ?? .forceArea }
    var by: GapSplit? {
        byOption.flatMap { GapSplit(rawValue: $0.rawValue) } ?? (languages.isEmpty ? nil : .language)
    }

    func validate() throws {
        if maxWaitDays < 0 { throw ValidationError("--max-wait-days must be 0 or more") }
        if minServices < 1 { throw ValidationError("--min-services must be 1 or more") }
        if minCapacityPerDemand < 0 { throw ValidationError("--min-capacity-per-demand must be 0 or more") }
        if maxLanguages < 1 { throw ValidationError("--max-languages must be 1 or more") }
        _ = try Self.months(contractsEndingWithin, option: "--contracts-ending-within")
        _ = try Self.months(staleAfter, option: "--stale-after")
        if !languages.isEmpty, by != .language {
            throw ValidationError("--language cannot go with --by \(byOption?.rawValue ?? "")")
        }
        if since != nil, compareTo != nil { throw ValidationError("give --since or --compare-to, not both") }
        if let since { _ = try Self.sinceChoice(since) }
        if !specialisms.isEmpty, by != .specialism { throw ValidationError("--specialism needs --by specialism") }
    }

    func run() async throws {
        let environment = try Environment(global)
        let vocabularies = environment.vocabularies
        var today = Terminal.today
        if let asOf {
            guard let date = CalendarDate(iso: asOf) else {
                throw ValidationError("--as-of must be a date as YYYY-MM-DD, not '\(asOf)'")
            }
            today = date
        }
        let earlier = try compareTo.map { try Self.readEarlierReport($0) }
        let catalog = try await environment.openForReading()
        let services = try await catalog.allServices()
        let index = MatchIndex(services: services, vocabularies: vocabularies)
        var thresholds = GapThresholds()
        thresholds.maxWaitDays = maxWaitDays
        thresholds.minServices = minServices
        thresholds.minCapacityPerDemand = minCapacityPerDemand
        thresholds.contractsEndingWithinMonths = try Self.months(contractsEndingWithin, option: "")
        thresholds.staleAfterMonths = try Self.months(staleAfter, option: "")
        let demandFile = try demand.map { try Self.readDemand($0, vocabularies: vocabularies) }
        let request = GapRequest(
            level: level,
            areas: try areas.map { text in
                guard let area = vocabularies.resolveArea(text) else {
                    throw ValidationError(
                        "unknown area '\(text)': give a force area, country, local authority or postcode area or "
                            + "district"
                    )
                }
                return area
            },
            needs: try resolveNeeds(vocabularies),
            split: by,
            splitValues: try givenSplitValues(vocabularies),
            maxLanguages: maxLanguages,
            thresholds: thresholds,
            asOf: today,
            demand: demandFile,
            demandName: demand ?? "demand"
        )
        let plan: GapPlan
        do {
            plan = try GapWorkflow.plan(
                request,
                services: services,
                districts: level == .postcodeDistrict ? try await catalog.postcodeDistricts() : [],
                vocabularies: vocabularies,
                today: today
            )
        } catch GapRequestError.noAreas {
            throw CLIError("no \(level.pluralNoun) match --area \(areas.joined(separator: ", "))")
        }
        Self.tell(plan.notes, demandName: request.demandName, level: level, vocabularies: vocabularies)
        let query = plan.query
        let findings = GapAnalysis(index: index).run(query)
        let latestImport = try await catalog.imports(limit: 1).first
        var document = GapDocument(
            findings: findings,
            query: query,
            catalog: CatalogProvenance(services: services, lastImport: latestImport?.startedAt),
            vocabularies: vocabularies,
            generatedAt: Date()
        )
        if let since {
            let kept = try await catalog.keptReports(analysis: document.analysisKey)
            guard let chosen = try Self.chooseKept(kept, since: since, latestImport: latestImport?.id, today: today)
            else {
                throw CLIError(
                    "the catalog keeps no earlier report of this analysis for --since \(since) (\(kept.count) kept; "
                        + "each `signpost gaps` run keeps one unless --no-keep)",
                    exitCode: 2
                )
            }
            document.compare(with: try EarlierGapReport.read(chosen.statuses))
        }
        if let earlier, let path = compareTo {
            if let level = earlier.level, level != self.level.rawValue {
                Terminal.note(
                    "note: \(path) is a --level \(level) report and this one is --level \(self.level.rawValue): "
                        + "no cell is in both, so every cell is new"
                )
            }
            document.compare(with: earlier)
        }
        let text: String
        switch format {
        case .table: text = GapText.table(document, includeCovered: includeCovered)
        case .csv: text = GapText.csv(document)
        case .json: text = try JSONOutput.encode(document)
        case .html: text = GapHTMLReport.render(document, vocabularies: vocabularies)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw CLIError("cannot write the report to \(output)")
            }
            Terminal.note("wrote \(output) (\(document.summary.cells) cells)")
        } else {
            print(text, terminator: "")
        }
        if keep {
            do {
                try await catalog.keep(
                    KeptGapReport(
                        madeAt: Date(),
                        analysis: document.analysisKey,
                        importID: latestImport?.id,
                        statuses: try document.statusesJSON()
                    )
                )
            } catch {
                Terminal.note("note: this report was not kept in the catalog for a later --since: \(error)")
            }
        }
        if let demandFile, !demandFile.issues.isEmpty {
            for issue in demandFile.issues.prefix(20) { Terminal.note(issue.description) }
            if demandFile.issues.count > 20 { Terminal.note("... and \(demandFile.issues.count - 20) more") }
            Terminal.note(
                "\(demandFile.issues.count) demand rows were rejected; the report counts the \(demandFile.rows.count) "
                    + "good ones"
            )
            throw ExitCode(2)
        }
    }

    private func resolveNeeds(_ vocabularies: Vocabularies) throws -> [NeedType] {
        guard !need.isEmpty else { return vocabularies[.needTypes].terms.map { NeedType($0.code) } }
        return try need.map { text in
            if let code = vocabularies.resolve(text, as: NeedType.self) { return code }
            throw ValidationError(vocabularies[.needTypes].unknownMessage(text))
        }
    }

    /// The languages or specialisms named on the command line (empty: the default, see ``GapWorkflow``).
    private func givenSplitValues(_ vocabularies: Vocabularies) throws -> [String] {
        switch by {
        case nil: return []
        case .specialism: return try specialisms.map { try Self.code($0, in: vocabularies[.specialisms]) }
        case .language: return try languages.map { try Self.code($0, in: vocabularies[.languages]) }
        }
    }

    static func code(_ text: String, in vocabulary: Vocabulary) throws -> String {
        if let term = vocabulary.term(for: text) { return term.code }
        throw ValidationError(vocabulary.unknownMessage(text))
    }

    /// "6m" -> 6, "1y" -> 12, "18" -> 18.
    static func months(_ text: String, option: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = trimmed.last.map { $0.isLetter ? $0 : "m" } ?? "m"
        let digits = trimmed.last?.isLetter == true ? String(trimmed.dropLast()) : trimmed
        guard let value = Int(digits), value >= 0, unit == "m" || unit == "y" else {
            throw ValidationError("\(option) must be a period such as 6m, 12m or 1y, not '\(text)'")
        }
        return unit == "y" ? value * 12 : value
    }

    /// An earlier report to compare with; exit status 2 (as `import`) when it cannot be read.
    static func readEarlierReport(_ path: String) throws -> EarlierGapReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the earlier report \(path)", exitCode: 2)
        }
        do {
            return try EarlierGapReport.read(data)
        } catch {
            throw CLIError("cannot compare with \(path): \(error.reason)", exitCode: 2)
        }
    }

    /// The demand file read; exit status 2 (as `import`) when it cannot be read or has no usable row.
    static func readDemand(_ path: String, vocabularies: Vocabularies) throws -> DemandFile {
        let file: DemandFile
        do {
            file = try DemandReader.read(path: path, vocabularies: vocabularies)
        } catch {
            throw CLIError("cannot read the demand file \(path): \(error.message)", exitCode: 2)
        }
        if file.rows.isEmpty, !file.issues.isEmpty {
            throw CLIError(
                "no usable rows in the demand file:\n"
                    + file.issues.prefix(20).map(\.description).joined(separator: "\n"),
                exitCode: 2
            )
        }
        return file
    }
}
