import ArgumentParser
import Foundation
import SignpostCatalog

@main
struct Signpost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signpost",
        abstract: "Find support services for victims of crime in England and Wales, and keep their catalog.",
        discussion: """
            The catalog lives in one SQLite file: --db PATH, or SIGNPOST_DB, or by default \
            ~/.local/share/signpost/catalog.sqlite ($XDG_DATA_HOME/signpost/catalog.sqlite when set). On first use \
            the default catalog is built from the bundled sample lists in catalog/sample/.
            """,
        subcommands: [
            ReferCommand.self,
            ImportCommand.self,
            ProfilesCommand.self,
            ServicesCommand.self,
            CatalogCommand.self,
            VocabCommand.self,
            GenerateCommand.self,
            GapsCommand.self,
            ServeCommand.self,
            KeysCommand.self,
            GeographyCommand.self,
            BenchCommand.self,
        ]
    )

    /// Runs the command, printing a `CLIError` as a plain message with its own exit status (64 for bad input, as
    /// the README's table says), and every other error as ArgumentParser does.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Terminal.note("Error: \(error.description)")
            Foundation.exit(error.exitCode)
        } catch let error as CatalogError {
            // The catalog could not be opened, read or written (locked, corrupt, a folder, a full disk): 4, as the
            // README's table says for every command.
            Terminal.note("Error: \(error.description)")
            Foundation.exit(4)
        } catch {
            exit(withError: error)
        }
    }
}
