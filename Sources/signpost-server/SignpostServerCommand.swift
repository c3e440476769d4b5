import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostServer
import SignpostWorkflows

/// The partner API as its own program, so that the command line never links the server: `signpost serve` runs this
/// program (found beside itself) with the same arguments.
@main
struct SignpostServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signpost-server",
        abstract: "Run the partner HTTP API (Open Referral UK lookups, referral suggestions, gaps).",
        discussion: """
            Reads the catalog once into the matcher's index and reloads it when it changes (an import, a service's \
            availability report), without dropping requests; the keys file is reloaded too. Over PostgreSQL the keys \
            are in the database and every server over it is told of each change (LISTEN/NOTIFY). Stops gracefully \
            on SIGTERM or Ctrl-C. Routes, roles and limits: Docs/API.md; the OpenAPI document is served at \
            /openapi.json. `signpost serve` runs this program with the same options.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The catalog: an SQLite file, or postgres://USER@HOST:PORT/DATABASE shared by several servers (the "
                + "password from PGPASSWORD or ~/.pgpass). Default: $SIGNPOST_DB, else the default catalog.",
            valueName: "path-or-url"
        )
    )
    var db: String?
    @Option(help: ArgumentHelp("The folder holding catalog/ (default: $SIGNPOST_HOME, else found).", valueName: "path"))
    var home: String?
    @Option(
        help: ArgumentHelp(
            "The API keys file (default: $SIGNPOST_KEYS, else ~/.local/share/signpost/keys.json).",
            valueName: "path"
        )
    )
    var keys: String?
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
    @Option(
        name: .customLong("max-connections-per-address"),
        help: "Connections one client address may hold open; past it, 503 (0: no limit; raise it behind a proxy)."
    )
    var maxConnectionsPerAddress = 256
    @Option(
        name: .customLong("read-timeout"),
        help: "Seconds a request may take to arrive whole once its head has (408 past it)."
    )
    var readTimeout = 5.0
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"
    @Flag(
        help: """
            Serve the bundled, fictional sample catalog (built into the default catalog if it is missing). Without \
            it, a missing or empty catalog is refused: partners must never be answered from invented services.
            """
    )
    var sample = false

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
        if !(rateLimit >= 0 && rateLimit.isFinite) { throw ValidationError("--rate-limit must be 0 or more") }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout must be from 0 to 3600 seconds") }
        if maxConnectionsPerAddress < 0 { throw ValidationError("--max-connections-per-address must be 0 or more") }
        if !(readTimeout > 0 && readTimeout <= 3600) {
            throw ValidationError("--read-timeout must be from 0 to 3600 seconds")
        }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level '\(logLevel)' is not a level") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let workspace: Workspace
        do {
            workspace = try Workspace(home: home, database: db, environment: environment)
        } catch {
            throw Self.fail(error.description)
        }
        var logger = Logger(label: "signpost.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let keysPath = keys ?? environment["SIGNPOST_KEYS"] ?? "\(workspace.dataFolder)/keys.json"
        let weights: ScoringWeights
        let catalog: any Catalog
        do {
            weights = try workspace.weights()
            let announce: @Sendable (Int, Int) -> Void = { services, lists in
                Self.note(
                    "No catalog at \(workspace.databasePath) yet: built it from the bundled sample catalog ("
                        + "\(services) fictional services from \(lists) lists in catalog/sample/)."
                )
            }
            catalog = try await workspace.openForReading(buildingSample: sample ? announce : nil)
        } catch let error as WorkspaceError {
            throw Self.fail(
                error.description
                    + (sample ? "" : ". The server never serves the fictional sample unless --sample is given")
            )
        } catch let error as CatalogError {
            throw Self.fail(error.description, status: 4)
        }
        if !sample {
            let sources = try await catalog.sourceNames()
            if sources.isEmpty {
                throw Self.fail(
                    "the catalog at \(workspace.databasePath) holds no services: import lists into it with `signpost "
                        + "import FILE...` before serving it (or give --sample to serve the fictional sample)"
                )
            }
            if Set(sources).isSubset(of: workspace.sampleSources) {
                throw Self.fail(
                    "the catalog at \(workspace.databasePath) holds only the bundled, fictional sample lists: import "
                        + "real lists before serving it to partners (or give --sample to serve the sample knowingly)"
                )
            }
        }
        // Several nodes over PostgreSQL share the keys kept in the database; one machine reads the keys file.
        let keyStore: APIKeyStore
        let keysPlace: String
        if catalog.keepsAPIKeys {
            keyStore = APIKeyStore(records: try await catalog.apiKeys())
            keysPlace = "the catalog database"
        } else {
            keyStore = try APIKeyStore.load(from: keysPath)
            keysPlace = keysPath
        }
        if keyStore.records.filter(\.isActive).isEmpty, !publicRead {
            Self.note(
                "note: no API keys in \(keysPlace): every route but /healthz, /readyz and /openapi.json will answer 401. "
                    + "Create one with `signpost keys create --name NAME --role partner`, or use --public-read."
            )
        }
        let start = ContinuousClock.now
        let snapshot = try await CatalogSnapshot.load(
            from: catalog,
            vocabularies: workspace.vocabularies,
            weights: weights,
            sampleSources: workspace.sampleSources
        )
        let elapsed = ContinuousClock.now - start
        logger.info(
            "catalog loaded",
            metadata: [
                "catalog.services": "\(snapshot.services.count)",
                "catalog.seconds":
                    "\(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)",
            ]
        )
        var settings = ServerSettings()
        settings.host = host
        settings.port = port
        settings.publicRead = publicRead
        settings.ratePerSecond = rateLimit
        settings.requestTimeout = .milliseconds(Int(timeout * 1000))
        settings.keysPath = keysPath
        settings.maxConnectionsPerAddress = maxConnectionsPerAddress
        settings.requestReadTimeout = .milliseconds(Int(readTimeout * 1000))
        let app = SignpostServer.application(
            catalog: catalog,
            snapshot: snapshot,
            vocabularies: workspace.vocabularies,
            weights: weights,
            keys: keyStore,
            settings: settings,
            logger: logger
        )
        try await app.runService()
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints `message` and ends with `status` (2: nothing to serve; 4: the catalog cannot be opened).
    static func fail(_ message: String, status: Int32 = 2) -> ExitCode {
        note("Error: \(message)")
        return ExitCode(status)
    }
}
