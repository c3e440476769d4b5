import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostWorkflows

/// Where the API keys live: --keys, else $SIGNPOST_KEYS, else keys.json beside the default catalog.
struct KeysOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The API keys file (default: $SIGNPOST_KEYS, else ~/.local/share/signpost/keys.json).",
            valueName: "path"
        )
    )
    var keys: String?

    func path(_ environment: Environment) -> String {
        keys ?? ProcessInfo.processInfo.environment["SIGNPOST_KEYS"] ?? "\(environment.dataFolder)/keys.json"
    }
}

/// `signpost serve`: runs the partner API, which is its own program (`signpost-server`, built beside `signpost`), so
/// that the command line never links the server. Every argument is passed on as given.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the partner HTTP API (Open Referral UK lookups, referral suggestions, gaps).",
        discussion: """
            Runs signpost-server, the API's own program, from the folder this program is in, with the arguments \
            given: --db, --home, --keys, --host (127.0.0.1), --port (8080), --public-read, --rate-limit (20 a \
            second), --timeout (10 seconds), --read-timeout (5 seconds), --max-connections-per-address (256), \
            --log-level (info), --sample (serve the fictional sample; without it a \
            missing, empty or sample-only catalog is refused). `signpost serve --help` shows them in full. Routes, \
            roles and limits: Docs/API.md.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "The server's options (see `signpost-server --help`).")
    var arguments: [String] = []

    func run() throws {
        let folder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path ?? "."
        let server = "\(folder)/signpost-server"
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw CLIError(
                "the API server program is not beside this one (\(server)); build it with "
                    + "`swift build --product signpost-server`, or run `swift run signpost-server`"
            )
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw CLIError("cannot run \(server): \(String(cString: strerror(errno)))")
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys for the partner API.",
        subcommands: [CreateKey.self, ListKeys.self, RevokeKey.self]
    )

    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a key and print it once (only a salted hash is stored)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var keysOption: KeysOption
        @Option(help: "Who the key is for (a partner's or person's name).")
        var name: String
        @Option(help: "partner (lookups and suggestions), commissioner (also gaps) or admin (also metrics).")
        var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be partner, commissioner or admin, not '\(role)'")
            }
            let environment = try Environment(global)
            let path = keysOption.path(environment)
            var store = try APIKeyStore.load(from: path)
            let key = store.create(name: name, role: role)
            try store.save(to: path)
            print(key)
            let article = role == .admin ? "an" : "a"
            Terminal.note("created \(article) \(role.rawValue) key for \(name) in \(path); it is shown only this once")
        }
    }

    struct ListKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the keys (never their secrets)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var keysOption: KeysOption

        func run() async throws {
            let environment = try Environment(global)
            let store = try APIKeyStore.load(from: keysOption.path(environment))
            let formatter = ISO8601DateFormatter()
            var table = Table(columns: [.init("id"), .init("name"), .init("role"), .init("created"), .init("status")])
            for record in store.records {
                table.rows.append([
                    record.id, record.name, record.role.rawValue, formatter.string(from: record.createdAt),
                    record.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active",
                ])
            }
            print(
                store.records.isEmpty ? "No keys." : table.renderText(),
                terminator: store.records.isEmpty ? "\n" : ""
            )
        }
    }

    struct RevokeKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key by its id.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var keysOption: KeysOption
        @Argument(help: "The key's id (from `signpost keys list`) or the key itself.")
        var id: String

        func run() async throws {
            let environment = try Environment(global)
            let path = keysOption.path(environment)
            var store = try APIKeyStore.load(from: path)
            guard store.revoke(id) else { throw CLIError("no active key has the id '\(id)'") }
            try store.save(to: path)
            Terminal.note("revoked \(id); a running server stops accepting it within seconds")
        }
    }
}
