import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostReports
import SignpostWorkflows

/// The outcome of `signpost import`, for people (text) and programs (JSON).
struct ImportReport: Encodable {
    struct FileSummary: Encodable {
        var file: String
        var format: String
        var formatVersion: String?
        var profile: String?
        var source: String
        var encoding: String?
        var delimiter: String?
        var records: Int
        var accepted: Int
        var rejected: Int
    }

    struct Problem: Encodable {
        var file: String
        var line: Int?
        /// Where the record is when that is not a line: `record 3` (JSON), `sheet Services row 4` (Excel).
        var place: String?
        var field: String?
        var recordId: String?
        var value: String?
        var message: String
    }

    var committed: Bool
    var dryRun: Bool
    var importId: Int64?
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var rejected: Int
    var withdrawn: Int
    var withdrawnServices: [WithdrawnService]
    /// Services whose own newer report of capacity, wait and status was kept over the list's figures.
    var keptReports: [ServiceID] = []
    /// The sources replaced (`--replace`): their services not in the files are withdrawn.
    var replacedSources: [String]
    var files: [FileSummary]
    /// What each Open Referral feed pull asked and reused.
    var feeds: [ImportJob.FeedSummary]
    var likelyDuplicates: [DuplicatePair]
    /// How many likely duplicates there are in all; `likelyDuplicates` holds the first 1,000.
    var likelyDuplicatesFound: Int
    /// Set when the duplicate search stopped at its limit: why, and that the pairs are those found before.
    var duplicateCheckStopped: String?
    var errors: [Problem]
    var warnings: [Problem]
    /// Every error and warning counted by file, severity, field and reason, most frequent first.
    var summary: [ReasonCount]
    /// Issues counted but not listed: the same issue over and over, past the first twenty.
    var omitted: [OmittedProblems]
    var stoppedBecause: String?
    private var status: Int32?

    enum CodingKeys: String, CodingKey {
        case committed, dryRun, importId, inserted, updated, unchanged, rejected, withdrawn, withdrawnServices
        case keptReports
        case replacedSources, files, feeds
        case likelyDuplicates, likelyDuplicatesFound, duplicateCheckStopped, summary, errors, warnings, omitted
        case stoppedBecause
    }

    /// Issues of one reason in one file: how many, and the first lines.
    struct ReasonCount: Encodable {
        var file: String
        var severity: String
        var field: String?
        var reason: String
        var count: Int
        var firstLines: [Int]
    }

    /// Issues of one kind that were counted and not listed one by one.
    struct OmittedProblems: Encodable {
        var file: String
        var severity: String
        var field: String?
        var message: String
        var count: Int
        var firstLine: Int?
        var lastLine: Int?
    }

    var exitCode: Int32? { status }

    /// A likely duplicate across sources, found by the import (nothing is merged).
    struct DuplicatePair: Encodable {
        var first: String
        var firstName: String
        var second: String
        var secondName: String
        var reasons: String
    }

    init(_ result: ImportJob.Result) {
        func problem(_ issue: ImportIssue) -> Problem {
            Problem(
                file: issue.file,
                line: issue.line,
                place: issue.place,
                field: issue.field,
                recordId: issue.recordID,
                value: issue.value,
                message: issue.message
            )
        }
        let allIssues = result.lists.flatMap(\.issues) + result.fileErrors.flatMap(\.issues)
        summary = Self.summary(result)
        errors = allIssues.filter { $0.severity == .error }.map(problem)
        warnings = allIssues.filter { $0.severity == .warning }.map(problem)
        omitted = result.lists.flatMap { list in
            list.issues.omitted.map {
                OmittedProblems(
                    file: list.file,
                    severity: $0.severity.rawValue,
                    field: $0.field,
                    message: $0.message,
                    count: $0.count,
                    firstLine: $0.firstLine,
                    lastLine: $0.lastLine
                )
            }
        }
        files = result.lists.map {
            FileSummary(
                file: $0.file,
                format: $0.format.rawValue,
                formatVersion: $0.formatVersion,
                profile: $0.profile,
                source: $0.source.rawValue,
                encoding: $0.encoding?.rawValue,
                delimiter: $0.delimiter,
                records: $0.recordCount,
                accepted: $0.acceptedCount,
                rejected: $0.rejectedCount
            )
        }
        dryRun = result.dryRun
        feeds = result.feeds
        likelyDuplicates = result.duplicates.map { pair in
            DuplicatePair(
                first: pair.first.rawValue,
                firstName: result.duplicateNames[pair.first]?.name ?? "",
                second: pair.second.rawValue,
                secondName: result.duplicateNames[pair.second]?.name ?? "",
                reasons: pair.explanation
            )
        }
        likelyDuplicatesFound = result.duplicatesFound
        duplicateCheckStopped =
            result.duplicateSearchComplete
            ? nil
            : "it compared \(DuplicateFinder.maxComparisons) pairs of services sharing a phone number, charity "
                + "number or postcode and the rarest words of their names, its limit; the pairs listed are those found "
                + "before it stopped"
        rejected = result.lists.reduce(0) { $0 + $1.rejectedCount }
        replacedSources = result.replacedSources.map(\.rawValue)
        let outcome = result.outcome
        inserted = outcome.inserted.count
        updated = outcome.updated.count
        unchanged = outcome.unchanged.count
        withdrawn = outcome.withdrawn.count
        withdrawnServices = outcome.withdrawn
        keptReports = outcome.keptReports
        importId = outcome.importID?.rawValue
        committed = outcome.committed
        switch result.stop {
        case .none:
            stoppedBecause = nil
            status = nil
        case .fileErrors:
            stoppedBecause =
                "a file or feed could not be read or is invalid; nothing was imported and the catalog is unchanged"
            status = 2
        case .tooManyRejects(let count, let limit):
            stoppedBecause =
                "\(count) \(count == 1 ? "row was" : "rows were") rejected, more than --max-rejects \(limit); "
                + "nothing was imported and the catalog is unchanged"
            status = 3
        case .storage(let message):
            stoppedBecause = message
            status = 4
        }
        if result.stop != nil {
            inserted = 0
            updated = 0
            unchanged = 0
            withdrawn = 0
            withdrawnServices = []
            keptReports = []
        }
    }

    /// The report of an import that could not start: nothing read, nothing written, and why.
    init(failure message: String, status: Int32) {
        committed = false
        dryRun = false
        inserted = 0
        updated = 0
        unchanged = 0
        rejected = 0
        withdrawn = 0
        withdrawnServices = []
        replacedSources = []
        files = []
        feeds = []
        likelyDuplicates = []
        likelyDuplicatesFound = 0
        summary = []
        errors = [Problem(file: "", message: message)]
        warnings = []
        omitted = []
        stoppedBecause = message + "; nothing was imported and the catalog is unchanged"
        self.status = status
    }

    /// Every issue by file and reason: the lists' tallies (which count issues past those kept), then the files
    /// that could not be read.
    private static func summary(_ result: ImportJob.Result) -> [ReasonCount] {
        var rows: [ReasonCount] = []
        for list in result.lists {
            for tally in list.issues.tallies {
                rows.append(
                    ReasonCount(
                        file: list.file,
                        severity: tally.severity.rawValue,
                        field: tally.field,
                        reason: tally.reason,
                        count: tally.count,
                        firstLines: tally.lines
                    )
                )
            }
        }
        for fileError in result.fileErrors {
            for tally in IssueLog(fileError.issues).tallies {
                rows.append(
                    ReasonCount(
                        file: fileError.file,
                        severity: tally.severity.rawValue,
                        field: tally.field,
                        reason: tally.reason,
                        count: tally.count,
                        firstLines: tally.lines
                    )
                )
            }
        }
        return rows
    }

    func renderText(listing limit: Int = Int.max) -> String {
        var out = ""
        for feed in feeds {
            out += "Feed \(feed.address): \(feed.pages) \(feed.pages == 1 ? "page" : "pages"), \(feed.listed) services "
            out += "listed; \(feed.fetched) fetched, \(feed.unchanged) unchanged since the last pull"
            out += feed.fromList > 0 ? ", \(feed.fromList) whole in the list.\n" : ".\n"
        }
        if !files.isEmpty {
            let table = Table(
                columns: [
                    .init("file"), .init("format"), .init("source"), .init("encoding"),
                    .init("records", alignment: .right),
                    .init("accepted", alignment: .right), .init("rejected", alignment: .right),
                ],
                rows: files.map {
                    [
                        ($0.file as NSString).lastPathComponent,
                        ($0.profile.map { "profile \($0)" } ?? $0.format)
                            + (($0.formatVersion ?? $0.delimiter).map { " (\($0))" } ?? ""),
                        $0.source, $0.encoding ?? "", String($0.records), String($0.accepted), String($0.rejected),
                    ]
                }
            )
            out += table.renderText() + "\n"
        }
        out += renderProblems(listing: limit)
        if let stoppedBecause {
            out += "Not imported: \(stoppedBecause).\n"
            return out
        }
        if dryRun { out += "Dry run, nothing written. It would have imported:\n  " } else { out += "Imported: " }
        out += "\(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(rejected) rejected, "
        out += "\(withdrawn) withdrawn.\n"
        for source in replacedSources {
            out +=
                "  replaced source '\(source)': its services not in these files \(dryRun ? "would be" : "were") withdrawn\n"
        }
        for service in withdrawnServices { out += "  withdrawn: \(service.id) \(Table.clean(service.name))\n" }
        if !keptReports.isEmpty {
            let count = keptReports.count
            out +=
                "Kept the newer figures \(count) \(count == 1 ? "service" : "services") reported "
                + "\(count == 1 ? "itself" : "themselves") (the list's are older; `signpost services show ID --history`):\n"
            for id in keptReports.prefix(20) { out += "  kept: \(id)\n" }
            if keptReports.count > 20 { out += "  ... and \(keptReports.count - 20) more (--format json lists them)\n" }
        }
        if !likelyDuplicates.isEmpty {
            out +=
                "\(likelyDuplicatesFound) likely \(likelyDuplicatesFound == 1 ? "duplicate" : "duplicates") "
                + "across sources (not merged; see `signpost catalog duplicates`):\n"
            for pair in likelyDuplicates.prefix(20) {
                out +=
                    "  \(pair.first) \(Table.clean(pair.firstName))\n    = \(pair.second) \(Table.clean(pair.secondName))\n"
                out += "    why: \(pair.reasons)\n"
            }
            if likelyDuplicatesFound > 20 { out += "  ... and \(likelyDuplicatesFound - 20) more\n" }
        }
        if let duplicateCheckStopped { out += "Duplicate check stopped: \(duplicateCheckStopped).\n" }
        if let importId, committed { out += "Import #\(importId) committed.\n" }
        return out
    }

    /// The summary by reason (when there is more than one issue), then the first `limit` issues one by one, errors
    /// before warnings, and what was left out.
    private func renderProblems(listing limit: Int) -> String {
        let total = summary.reduce(0) { $0 + $1.count }
        guard total > 0 else { return "" }
        var out = ""
        if total > 1 {
            let errorCount = summary.filter { $0.severity == "error" }.reduce(0) { $0 + $1.count }
            let warningCount = total - errorCount
            out += "Problems by reason: \(Self.grouped(errorCount)) \(errorCount == 1 ? "error" : "errors"), "
            out += "\(Self.grouped(warningCount)) \(warningCount == 1 ? "warning" : "warnings")\n"
            let showFile = Set(summary.map(\.file)).count > 1
            let table = Table(
                columns: [
                    .init("count", alignment: .right), .init("kind"),
                    .init("file", minimumWidth: 10, dropOrder: 1), .init("field", minimumWidth: 8),
                    .init("reason", minimumWidth: 24), .init("first lines", minimumWidth: 8, dropOrder: 0),
                ].enumerated().filter { showFile || $0.offset != 2 }.map(\.element),
                rows: summary.map { row in
                    [
                        Self.grouped(row.count), row.severity, (row.file as NSString).lastPathComponent,
                        row.field ?? "", Table.clean(row.reason),
                        row.firstLines.prefix(3).map(String.init).joined(separator: ", ")
                            + (row.count > 3 && !row.firstLines.isEmpty ? ", …" : ""),
                    ].enumerated().filter { showFile || $0.offset != 2 }.map(\.element)
                }
            )
            out += table.renderText(width: Terminal.width) + "\n"
        }
        let listed = (errors.map { ("error", $0) } + warnings.map { ("warning", $0) }).prefix(limit)
        for (severity, problem) in listed {
            out += "\(severity): \(location(problem)): \(Table.clean(problem.message))\n"
        }
        if listed.count < total {
            out +=
                listed.isEmpty
                ? "(not listed one by one: --errors all lists them)\n"
                : "(the first \(listed.count) of \(Self.grouped(total)) listed; --errors all lists every one kept)\n"
        }
        return out + "\n"
    }

    /// `1,204`.
    private static func grouped(_ number: Int) -> String {
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
    }

    private func location(_ problem: Problem) -> String {
        var text = problem.file
        if let place = problem.place {
            text += ": \(place)"
        } else if let line = problem.line {
            text += ":\(line)"
        }
        if let field = problem.field { text += " [\(field)]" }
        return text
    }
}
