import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport

/// Where the program finds its data and catalog, resolved once per command from flags and environment.
struct Environment {
    let home: String
    let vocabularies: Vocabularies
    let databasePath: String
    let isDefaultDatabase: Bool
    /// The folder of the default catalog and keys file.
    let dataFolder: String

    init(_ options: GlobalOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        guard let home = options.home ?? environment["SIGNPOST_HOME"] ?? Environment.findHome() else {
            throw CLIError(
                "cannot find Signpost's data folder (catalog/vocabularies). Run from the project folder, or set "
                    + "SIGNPOST_HOME or --home to the folder that holds catalog/"
            )
        }
        self.home = home
        do {
            vocabularies = try VocabularyLoader.load(from: "\(home)/catalog/vocabularies")
        } catch {
            throw CLIError("\(error)")
        }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(NSHomeDirectory())/.local/share"
        dataFolder = "\(dataHome)/signpost"
        if let path = options.db ?? environment["SIGNPOST_DB"] {
            databasePath = path
            isDefaultDatabase = false
        } else {
            databasePath = "\(dataFolder)/catalog.sqlite"
            isDefaultDatabase = true
        }
    }

    /// The folder of import profiles.
    var importersFolder: String { "\(home)/importers" }

    /// Walks up from the executable and from the current folder to the first folder holding catalog/vocabularies.
    static func findHome() -> String? {
        var starts: [String] = [FileManager.default.currentDirectoryPath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path {
            starts.insert(executable, at: 0)
        }
        for start in starts {
            var folder = URL(fileURLWithPath: start)
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent("catalog/vocabularies/need-types.csv").path
                if FileManager.default.fileExists(atPath: candidate) { return folder.path }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }

    /// Opens the catalog for a command that reads it. The default catalog is built from the sample lists the first
    /// time; a catalog named with --db or SIGNPOST_DB must exist.
    func openForReading() async throws -> SQLiteCatalog {
        let exists = FileManager.default.fileExists(atPath: databasePath)
        if !exists, !isDefaultDatabase {
            throw CLIError(
                "there is no catalog at \(databasePath). Import lists into it with `signpost import FILE --db "
                    + "\(databasePath)`, or leave out --db and SIGNPOST_DB to use the default catalog"
            )
        }
        let catalog = try SQLiteCatalog(path: databasePath)
        if !exists { try await buildSample(into: catalog) }
        return catalog
    }

    /// Opens (creating if needed, empty) the catalog for a command that writes to it.
    func openForWriting() throws -> SQLiteCatalog {
        try SQLiteCatalog(path: databasePath)
    }

    /// Imports every list in catalog/sample/ and says so on standard error.
    func buildSample(into catalog: SQLiteCatalog) async throws {
        let folder = "\(home)/catalog/sample"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xml") }
            .sorted()
            .map { "\(folder)/\($0)" }
        let job = ImportJob(vocabularies: vocabularies, files: files)
        let result = try await job.run(into: catalog)
        Terminal.note(
            "No catalog at \(databasePath) yet: built it from the bundled sample catalog (\(result.outcome.inserted.count) "
                + "fictional services from \(files.count) lists in catalog/sample/). Import real lists with "
                + "`signpost import FILE...`."
        )
    }
}

/// A problem the user can fix, printed without a stack trace.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.description = message
        self.exitCode = exitCode
    }
}

enum Terminal {
    /// Writes a line to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Today's date in the local calendar.
    static var today: CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(daysSinceEpoch: 0)
    }
}
