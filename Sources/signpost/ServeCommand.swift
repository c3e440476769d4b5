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
        discussion: """
            Over an SQLite catalog the keys are in the keys file (--keys); over PostgreSQL (--db postgres://...) they \
            are in the database, shared by every server over it: a key created or revoked on one machine holds on \
            all within two seconds.
            """,
        subcommands: [CreateKey.self, ListKeys.self, RevokeKey.self]
    )

    /// Where the keys are: the PostgreSQL catalog, or the keys file.
    enum Place {
        case catalog(any Catalog)
        case file(String)

        init(_ environment: Environment, _ option: KeysOption) async throws {
            if environment.workspace.postgres != nil {
                self = .catalog(try await environment.openForWriting())
            } else {
                self = .file(option.path(environment))
            }
        }

        var name: String {
            switch self {
            case .catalog: "the catalog database"
            case .file(let path): path
            }
        }

        func records() async throws -> [APIKeyRecord] {
            switch self {
            case .catalog(let catalog): try await catalog.apiKeys()
            case .file(let path): try APIKeyStore.load(from: path).records
            }
        }
    }

    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a key and print it once (only a salted hash is stored)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var keysOption: KeysOption
        @Option(help: "Who the key is for (a partner's or person's name).")
        var name: String
        @Option(
            help: """
                provider (its own services' availability only), partner (lookups and suggestions), commissioner \
                (also gaps) or admin (also metrics, and any service's availability).
                """
        )
        var role: String
        @Option(help: "For a provider key: the provider whose services it may update (its id in the catalog).")
        var provider: String?
        @Option(help: "For a provider key: the services it may update, by id, separated by commas.")
        var services: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be provider, partner, commissioner or admin, not '\(role)'")
            }
            let scope: APIKeyRecord.Scope?
            switch (role, provider, services) {
            case (.provider, let provider?, nil): scope = .provider(ProviderID(provider))
            case (.provider, nil, let services?):
                let ids = services.split(separator: ",").map {
                    ServiceID(String($0).trimmingCharacters(in: .whitespaces))
                }
                guard !ids.isEmpty else { throw ValidationError("--services must name at least one service") }
                scope = .services(ids)
            case (.provider, _, _):
                throw ValidationError("a provider key needs --provider ID or --services ID,ID (one of them)")
            case (_, nil, nil): scope = nil
            default: throw ValidationError("--provider and --services are for provider keys only")
            }
            let environment = try Environment(global)
            let place = try await Place(environment, keysOption)
            let key: String
            switch place {
            case .catalog(let catalog):
                if let scope { try await Self.check(scope, in: catalog) }
                let taken = Set(try await catalog.apiKeys().map(\.id))
                let made = APIKeyStore.newKey(name: name, role: role, scope: scope) { taken.contains($0) }
                try await catalog.add(made.record)
                key = made.key
            case .file(let path):
                if let scope { try await Self.check(scope, in: try await environment.openForReading()) }
                var store = try APIKeyStore.load(from: path)
                key = store.create(name: name, role: role, scope: scope)
                try store.save(to: path)
            }
            print(key)
            let article = role == .admin ? "an" : "a"
            Terminal.note(
                "created \(article) \(role.rawValue) key for \(name) in \(place.name)"
                    + (scope.map { " (may update \($0.text))" } ?? "") + "; it is shown only this once"
            )
        }

        /// Refuses a scope naming a provider or service the catalog does not hold (a typo would make a useless key).
        static func check(_ scope: APIKeyRecord.Scope, in catalog: any Catalog) async throws {
            switch scope {
            case .provider(let provider):
                let known = try await catalog.allServices().contains { $0.provider.id == provider }
                if !known { throw CLIError("no service in the catalog has the provider '\(provider.rawValue)'") }
            case .services(let ids):
                for id in ids where try await catalog.service(id: id) == nil {
                    throw CLIError("no service has the id '\(id.rawValue)' (`signpost services list` shows the ids)")
                }
            }
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
            let records = try await Place(environment, keysOption).records()
            let formatter = ISO8601DateFormatter()
            var table = Table(columns: [
                .init("id"), .init("name", minimumWidth: 12), .init("role"),
                .init("may update", minimumWidth: 16, dropOrder: 2), .init("created", dropOrder: 1),
                .init("status", minimumWidth: 7),
            ])
            for record in records {
                table.rows.append([
                    record.id, record.name, record.role.rawValue, record.scope?.text ?? "",
                    formatter.string(from: record.createdAt),
                    record.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active",
                ])
            }
            print(records.isEmpty ? "No keys.\n" : table.renderText(width: Terminal.width), terminator: "")
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
            let place = try await Place(environment, keysOption)
            let revoked: Bool
            switch place {
            case .catalog(let catalog):
                revoked = try await catalog.revokeAPIKey(id: APIKeyStore.id(of: id), at: Date())
            case .file(let path):
                var store = try APIKeyStore.load(from: path)
                revoked = store.revoke(id)
                if revoked { try store.save(to: path) }
            }
            guard revoked else { throw CLIError("no active key has the id '\(APIKeyStore.id(of: id))'") }
            Terminal.note("revoked \(APIKeyStore.id(of: id)); a running server stops accepting it within seconds")
        }
    }
}
