public import Foundation
public import SignpostCatalog
public import SignpostCore
public import SignpostImport
public import SignpostMatching

/// Where Signpost finds its data (vocabularies, sample lists, profiles, score weights) and its catalog, worked out
/// once from what the edge was given: the command line's flags and environment, or the server's.
public struct Workspace: Sendable {
    /// The folder holding `catalog/` (vocabularies, sample lists, scoring.json) and `importers/`.
    public let home: String
    public let vocabularies: Vocabularies
    /// The catalog, as given: a file path, or a PostgreSQL URL (see ``postgres``).
    public let databasePath: String
    /// The PostgreSQL catalog, when `--db` or `SIGNPOST_DB` is a `postgres://` URL; `nil` for an SQLite file.
    public let postgres: PostgresLocation?
    /// The environment given, where the PostgreSQL password is read (`PGPASSWORD`, `PGPASSFILE`).
    let environment: [String: String]
    /// Whether the catalog is the default one (no `--db` nor `SIGNPOST_DB`).
    public let isDefaultDatabase: Bool
    /// The folder of the default catalog and keys file.
    public let dataFolder: String
    /// The folder of what can be fetched again (`$XDG_CACHE_HOME/signpost`, else `~/.cache/signpost`): feed pulls.
    public let cacheFolder: String

    /// - Parameters:
    ///   - home: the data folder given (`--home`), else `SIGNPOST_HOME`, else found beside the executable or the
    ///     current folder.
    ///   - database: the catalog given (`--db`), else `SIGNPOST_DB`, else the default in the data folder.
    ///   - environment: the process environment.
    public init(home: String?, database: String?, environment: [String: String]) throws(WorkspaceError) {
        guard let home = home ?? environment["SIGNPOST_HOME"] ?? Workspace.findHome() else {
            throw WorkspaceError(
                .noHome,
                "cannot find Signpost's data folder (catalog/vocabularies). Run from the project folder, or set "
                    + "SIGNPOST_HOME or --home to the folder that holds catalog/"
            )
        }
        self.home = home
        do {
            vocabularies = try VocabularyLoader.load(from: "\(home)/catalog/vocabularies")
        } catch {
            throw WorkspaceError(.vocabularies, "\(error)")
        }
        // `~` is $HOME, as in a shell; the account's home folder only when HOME is unset (Foundation's
        // NSHomeDirectory reads the account, not HOME, for root).
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(userHome)/.local/share"
        dataFolder = "\(dataHome)/signpost"
        let cacheHome = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(userHome)/.cache"
        cacheFolder = "\(cacheHome)/signpost"
        self.environment = environment
        if let path = database ?? environment["SIGNPOST_DB"] {
            // A URL is never a path: `postgres://host/db` must not become an SQLite file under `./postgres:`.
            if PostgresLocation.isURL(path) {
                do {
                    postgres = try PostgresLocation(url: path, environment: environment)
                } catch {
                    throw WorkspaceError(.unsupportedDatabase, error.message)
                }
            } else if let scheme = path.firstRange(of: "://").map({ path[..<$0.lowerBound] }),
                !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." })
            {
                throw WorkspaceError(
                    .unsupportedDatabase,
                    "the catalog '\(path)' is a \(scheme) URL, which Signpost cannot open: give an SQLite file's path "
                        + "or a postgres://USER@HOST:PORT/DATABASE URL (--db or SIGNPOST_DB)"
                )
            } else {
                postgres = nil
            }
            databasePath = postgres?.description ?? path
            isDefaultDatabase = false
        } else {
            postgres = nil
            databasePath = "\(dataFolder)/catalog.sqlite"
            isDefaultDatabase = true
        }
    }

    /// The folder of import profiles.
    public var importersFolder: String { "\(home)/importers" }
    /// The bundled, fictional sample lists.
    public var sampleFolder: String { "\(home)/catalog/sample" }
    /// The default score weights.
    public var scoringPath: String { "\(home)/catalog/scoring.json" }

    /// The sample lists, in name order.
    public var sampleFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sampleFolder)) ?? [])
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xml") }
            .sorted()
            .map { "\(sampleFolder)/\($0)" }
    }

    /// The sources the sample lists import as (each list's file name, which is also its commissioner's code), so
    /// that an answer drawn from them can say it is fictional.
    public var sampleSources: Set<SourceName> {
        Set(sampleFiles.map { SourceName((($0 as NSString).lastPathComponent as NSString).deletingPathExtension) })
    }

    /// Walks up from the executable and from the current folder to the first folder holding catalog/vocabularies.
    public static func findHome() -> String? {
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

    /// Opens the catalog for a command that reads it. A catalog named with `--db` or `SIGNPOST_DB` must exist; the
    /// default catalog is built from the sample lists the first time when `buildingSample` is given, which is told
    /// what was built.
    public func openForReading(
        buildingSample: (@Sendable (_ services: Int, _ lists: Int) -> Void)? = nil
    ) async throws -> any Catalog {
        if let postgres { return try await PostgresCatalog.open(postgres, environment: environment) }
        let exists = FileManager.default.fileExists(atPath: databasePath)
        if !exists, !isDefaultDatabase || buildingSample == nil {
            throw WorkspaceError(
                .noCatalog,
                "there is no catalog at \(databasePath). Import lists into it with `signpost import FILE"
                    + (isDefaultDatabase ? "`" : " --db \(databasePath)`")
            )
        }
        if exists, !Self.canWrite(databasePath) { return try SQLiteCatalog(readingOnly: databasePath) }
        let catalog = try SQLiteCatalog(path: databasePath)
        if !exists, let buildingSample {
            let files = sampleFiles
            let result = try await ImportJob(vocabularies: vocabularies, files: files).run(into: catalog)
            buildingSample(result.outcome.inserted.count, files.count)
        }
        return catalog
    }

    /// Whether the catalog file and its folder can be written (SQLite writes its journal beside the file).
    static func canWrite(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)
    }

    /// Opens (creating if needed, empty) the catalog for a command that writes to it.
    public func openForWriting() async throws -> any Catalog {
        if let postgres { return try await PostgresCatalog.open(postgres, environment: environment) }
        return try SQLiteCatalog(path: databasePath)
    }

    /// The score weights in `path` (default: `catalog/scoring.json`); keys left out keep their defaults.
    public func weights(from path: String? = nil) throws(WorkspaceError) -> ScoringWeights {
        let path = path ?? scoringPath
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError(.weights, "cannot read the score weights in \(path)")
        }
        do {
            return try JSONDecoder().decode(ScoringWeights.self, from: data)
        } catch {
            throw WorkspaceError(
                .weights,
                "the score weights in \(path) are not valid: \(DecodingProblem.describe(error))"
            )
        }
    }
}

/// A problem finding Signpost's data or catalog, with what to do about it.
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case noHome = "no-home"
        case vocabularies
        case noCatalog = "no-catalog"
        /// `--db` or `SIGNPOST_DB` names a database Signpost cannot open (a URL of another scheme, a PostgreSQL URL
        /// with a password in it).
        case unsupportedDatabase = "unsupported-database"
        case weights
    }

    public var code: Code
    public var description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
