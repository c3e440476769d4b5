import ArgumentParser
import Foundation

/// Options every catalog command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The catalog: an SQLite file, or postgres://USER@HOST:PORT/DATABASE (the password from PGPASSWORD or "
                + "~/.pgpass). Default: $SIGNPOST_DB, else ~/.local/share/signpost/catalog.sqlite.",
            valueName: "path-or-url"
        )
    )
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The folder holding catalog/vocabularies and catalog/sample (default: $SIGNPOST_HOME, else found "
                + "beside the executable or the current folder).",
            valueName: "path"
        )
    )
    var home: String?
}

/// The `--format` option of commands that print data.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table
        case json
        case csv
    }
}
