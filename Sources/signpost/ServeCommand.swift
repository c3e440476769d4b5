import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostServer

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

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the partner HTTP API (Open Referral UK lookups, referral suggestions, gaps).",
        discussion: """
            Reads the catalog once into the matcher's index and reloads it when it changes (a new import), without \
            dropping requests; the keys file is reloaded too. Stops gracefully on SIGTERM or Ctrl-C. Routes, roles and \
            limits: Docs/API.md; the OpenAPI document is served at /openapi.json.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var keysOption: KeysOption

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "The port to listen on.")
    var port = 8080
    @Flag(name: .customLong("public-read"), help: "Answer the Open Referral read routes without a key.")
    var publicRead = false
    @Option(name: .customLong("rate-limit"), help: "Requests a second per key or address (0: no limit).")
    var rateLimit = 20.0
    @Option(name: .customLong("timeout"), help: "Seconds a request may take before it is answered 503.")
    var timeout = 10.0
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
        if !(rateLimit >= 0 && rateLimit.isFinite) { throw ValidationError("--rate-limit must be 0 or more") }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout must be from 0 to 3600 seconds") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level '\(logLevel)' is not a level") }
    }

    func run() async throws {
        let environment = try Environment(global)
        var logger = Logger(label: "signpost.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let keysPath = keysOption.path(environment)
        let keys = try APIKeyStore.load(from: keysPath)
        if keys.records.filter(\.isActive).isEmpty, !publicRead {
            Terminal.note(
                "note: no API keys in \(keysPath): every route but /healthz, /readyz and /openapi.json will answer 401. "
                    + "Create one with `signpost keys create --name NAME --role partner`, or use --public-read."
            )
        }
        let weights = try ReferCommand.readWeights("\(environment.home)/catalog/scoring.json")
        let catalog = try await environment.openForReading()
        let start = ContinuousClock.now
        let snapshot = try await CatalogSnapshot.load(
            from: catalog,
            vocabularies: environment.vocabularies,
            weights: weights
        )
        logger.info(
            "catalog loaded",
            metadata: ["services": "\(snapshot.services.count)", "seconds": "\((ContinuousClock.now - start).seconds)"]
        )
        var settings = ServerSettings()
        settings.host = host
        settings.port = port
        settings.publicRead = publicRead
        settings.ratePerSecond = rateLimit
        settings.requestTimeout = .milliseconds(Int(timeout * 1000))
        settings.keysPath = keysPath
        let app = SignpostServer.application(
            catalog: catalog,
            snapshot: snapshot,
            vocabularies: environment.vocabularies,
            weights: weights,
            keys: keys,
            settings: settings,
            logger: logger
        )
        try await app.runService()
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
