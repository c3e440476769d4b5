import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostReports
import SignpostWorkflows

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import service lists (Signpost CSV or XML, Open Referral folders, or any list through a profile) into the catalog.",
        discussion: """
            Every file is read and checked first; then all valid services are stored in one transaction. A rejected \
            row is reported with its file, line, field and reason, and the good rows are kept. Re-importing a list \
            updates changed services and leaves unchanged ones alone.

            A list in a source's own layout is read through an import profile: --profile NAME (see `signpost \
            profiles list`) or --profile PATH; Docs/Profiles.md teaches how to write one. The report ends with the \
            likely duplicates of the services read in other sources' lists (nothing is merged).

            Exit status: 0 the import was committed (or, with --dry-run, would be); 2 nothing was committed because \
            a file or feed could not be read or is invalid; 3 nothing was committed because more rows were rejected than \
            --max-rejects allows; 4 nothing was committed because the catalog could not be written; 64 bad usage.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "The lists to import: .csv or .xml files, or folders of Open Referral CSV tables (HSDS 3.0/3.1, ORUK 3.0, "
                + "an HSDS 1.1 data package, or an Ohana API export); .json lists and .xlsx workbooks through a --profile; "
                + "or the http(s) address of an Open Referral UK feed.",
            valueName: "file"
        )
    )
    var files: [String] = []

    @Option(
        name: .customLong("feed"),
        help: ArgumentHelp(
            "Pull an Open Referral UK 3.0 API: its base address, whose /services lists services (the same as giving "
                + "the address as a file). A key, if the feed wants one, is read from SIGNPOST_FEED_KEY.",
            valueName: "url"
        )
    )
    var feeds: [String] = []

    @Option(help: "Seconds a feed may take to answer one request.")
    var timeout: Double = 30

    @Option(help: "How many times a feed request that failed for a passing reason (timeout, 429, 5xx) is asked again.")
    var retries: Int = 3

    @Flag(help: "Fetch every service of a feed again, without reading or writing the feed cache.")
    var noCache = false

    @Option(
        help: "The source name for every service imported (default: the XML commissioner's code, or the file name)."
    )
    var source: String?

    @Option(name: .customLong("input-format"), help: "Read the files as csv or xml instead of detecting it.")
    var inputFormat: InputFormat?

    @Option(
        help: ArgumentHelp(
            "Read the files through an import profile: a name from importers/ (see `signpost profiles list`) or a "
                + "path to a profile file.",
            valueName: "name-or-path"
        )
    )
    var profile: String?

    @Option(help: "The CSV delimiter: comma, semicolon, tab, or the character itself (default: sniffed).")
    var delimiter: String?

    @Flag(help: "Check and count everything, then roll back: the catalog is not changed.")
    var dryRun = false

    @Flag(help: "Withdraw each source's services that are not in the new files (rejected rows are kept).")
    var replace = false

    @Option(help: "Roll the whole import back when more than this many rows are rejected.")
    var maxRejects: Int?

    @Flag(
        name: .customLong("no-duplicate-check"),
        help: "Do not look for likely duplicates of the imported services in other sources' lists."
    )
    var noDuplicateCheck = false

    @Option(
        help: ArgumentHelp(
            "How many errors and warnings to list one by one after the summary by reason: all, none, or a number "
                + "(\"first N\" also reads). The JSON report always holds them all.",
            valueName: "all|N"
        )
    )
    var errors: ErrorsShown = .first(20)

    @Option(help: "Report format: table or json.")
    var format: ReportFormat = .table

    enum InputFormat: String, CaseIterable, ExpressibleByArgument {
        case csv
        case xml
    }

    enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
        case table
        case json
    }

    /// How many issues the text report lists one by one.
    enum ErrorsShown: ExpressibleByArgument, Equatable {
        case all
        case first(Int)

        init?(argument: String) {
            let words = argument.lowercased().split(whereSeparator: { $0 == " " || $0 == "=" || $0 == ":" })
            switch words.count {
            case 1 where words[0] == "all": self = .all
            case 1 where words[0] == "none": self = .first(0)
            case 1:
                guard let count = Int(words[0]), count >= 0 else { return nil }
                self = .first(count)
            case 2 where words[0] == "first":
                guard let count = Int(words[1]), count >= 0 else { return nil }
                self = .first(count)
            default: return nil
            }
        }

        var defaultValueDescription: String {
            switch self {
            case .all: "all"
            case .first(let count): String(count)
            }
        }

        var limit: Int {
            switch self {
            case .all: Int.max
            case .first(let count): count
            }
        }
    }

    /// A mistake in the arguments: exit status 64, pointing at the help.
    private static func usage(_ message: String) -> CLIError {
        CLIError("\(message) (see `signpost import --help`)", exitCode: 64)
    }

    /// Checked in `run` rather than `validate`, so that `--format json` gets a document for these mistakes too.
    private func checkArguments() throws {
        if files.isEmpty, feeds.isEmpty { throw Self.usage("name at least one file or feed to import") }
        for feed in feeds where !FeedPull.isFeedAddress(feed) {
            throw Self.usage("--feed takes an http:// or https:// address, not '\(feed)'")
        }
        if !(timeout > 0 && timeout <= 3600) {
            throw Self.usage("--timeout must be a number of seconds from 1 to 3600")
        }
        if retries < 0 || retries > 10 { throw Self.usage("--retries must be from 0 to 10") }
        if let source, source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw Self.usage("--source must name the source (leave it out to use the list's own name)")
        }
        if let maxRejects, maxRejects < 0 { throw Self.usage("--max-rejects must be 0 or more") }
        if let delimiter, CSVLayout.delimiterByte(delimiter) == nil {
            throw Self.usage("--delimiter must be comma, semicolon, tab or a single character")
        }
        if profile != nil, inputFormat != nil || delimiter != nil {
            throw Self.usage("--profile says how to read the files; leave out --input-format and --delimiter")
        }
    }

    func run() async throws {
        do {
            try await importFiles()
        } catch let error as CLIError where format == .json {
            try fail(error.description, status: error.exitCode)
        } catch let error as CatalogError where format == .json {
            try fail(error.description, status: 4)
        } catch let error as ExitCode {
            throw error
        } catch  where format == .json {
            try fail(String(describing: error), status: 1)
        }
    }

    /// Prints a JSON report for an import that could not start (a bad profile, a catalog that cannot be opened),
    /// then exits with `status`: a program reading `--format json` always gets a document.
    private func fail(_ message: String, status: Int32) throws -> Never {
        print(try JSONOutput.encode(ImportReport(failure: message, status: status)), terminator: "")
        throw ExitCode(status)
    }

    private func importFiles() async throws {
        try checkArguments()
        let environment = try Environment(global)
        let catalog = try await environment.openForWriting()
        var job = ImportJob(vocabularies: environment.vocabularies, files: files + feeds)
        job.feedSettings.timeout = timeout
        job.feedSettings.retries = retries
        job.feedSettings.cacheFolder = noCache ? nil : "\(environment.workspace.cacheFolder)/feeds"
        job.feedSettings.apiKey = ProcessInfo.processInfo.environment["SIGNPOST_FEED_KEY"].flatMap {
            $0.isEmpty ? nil : $0
        }
        if Terminal.standardErrorIsTerminal, format == .table {
            job.feedProgress = { line in FileHandle.standardError.write(Data("\r\u{1B}[2Kfeed: \(line)".utf8)) }
        }
        job.source = source.map { SourceName($0) }
        job.inputFormat = inputFormat.map { $0 == .csv ? .signpostCSV : .signpostXML }
        job.delimiter = delimiter.flatMap(CSVLayout.delimiterByte)
        if let profile {
            do {
                let loaded = try ProfileLibrary(folder: environment.importersFolder).profile(profile)
                let problems = loaded.problems(with: environment.vocabularies)
                if !problems.isEmpty {
                    throw CLIError(
                        "the profile has mistakes; nothing was imported:\n"
                            + problems.map { "  \($0)" }.joined(separator: "\n"),
                        exitCode: 64
                    )
                }
                job.profile = loaded
            } catch let error as ProfileError {
                throw CLIError("\(error)", exitCode: 64)
            }
        }
        job.dryRun = dryRun
        job.replace = replace
        job.maxRejects = maxRejects
        job.findDuplicates = !noDuplicateCheck
        job.showProgress = Terminal.standardErrorIsTerminal && format == .table
        let result = try await job.run(into: catalog)
        let report = ImportReport(result)
        switch format {
        case .table: print(report.renderText(listing: errors.limit), terminator: "")
        case .json: print(try JSONOutput.encode(report), terminator: "")
        }
        if let code = report.exitCode { throw ExitCode(code) }
    }
}
