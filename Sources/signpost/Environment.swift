import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostWorkflows

/// Where the program finds its data and catalog (`Workspace`), from the global options and the environment, with the
/// command line's way of saying what happened.
struct Environment {
    let workspace: Workspace

    init(_ options: GlobalOptions) throws {
        do {
            workspace = try Workspace(
                home: options.home,
                database: options.db,
                environment: ProcessInfo.processInfo.environment
            )
        } catch {
            throw CLIError(error.description)
        }
    }

    var home: String { workspace.home }
    var vocabularies: Vocabularies { workspace.vocabularies }
    var databasePath: String { workspace.databasePath }
    var isDefaultDatabase: Bool { workspace.isDefaultDatabase }
    var dataFolder: String { workspace.dataFolder }
    var importersFolder: String { workspace.importersFolder }

    /// Opens the catalog for a command that reads it. The default catalog is built from the sample lists the first
    /// time, and the command says so; a catalog named with --db or SIGNPOST_DB must exist.
    func openForReading() async throws -> any Catalog {
        let path = databasePath
        do {
            return try await workspace.openForReading { services, lists in
                Terminal.note(
                    "No catalog at \(path) yet: built it from the bundled sample catalog (\(services) fictional "
                        + "services from \(lists) lists in catalog/sample/). Import real lists with "
                        + "`signpost import FILE...`."
                )
            }
        } catch let error as WorkspaceError {
            throw CLIError(error.description)
        }
    }

    /// Opens (creating if needed, empty) the catalog for a command that writes to it.
    func openForWriting() async throws -> any Catalog {
        try await workspace.openForWriting()
    }

    /// The score weights in `path`, else catalog/scoring.json.
    func weights(from path: String?) throws -> ScoringWeights {
        do {
            return try workspace.weights(from: path)
        } catch {
            throw CLIError(error.description)
        }
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
    /// Writes a line to standard error (after what is waiting on standard output, so that the two do not mix).
    static func note(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Today's date in England and Wales (Europe/London), as the server has it.
    static var today: CalendarDate { Today.inLondon() }

    /// The width to fit text to: the terminal's (`COLUMNS`, else the terminal standard output is), else 80.
    static var width: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
