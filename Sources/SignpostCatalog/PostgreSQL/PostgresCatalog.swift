public import Foundation
import Logging
import NIOCore
import PostgresNIO
public import SignpostCore

/// The catalog in PostgreSQL, for several API nodes over one database: the SQLite catalog's schema and behaviour,
/// through PostgresNIO's connection pool. Every write raises the catalog's version and sends a notification on
/// ``PostgresLocation``'s channel, which servers listen to (``changes(every:)``).
public struct PostgresCatalog: Catalog {
    let pool: PostgresPool
    public let location: PostgresLocation

    /// Connects to the database, creating the schema if the URL names one, and brings the catalog's tables up to
    /// date (one node at a time: the migrations hold an advisory lock).
    public static func open(
        _ location: PostgresLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(CatalogError) -> PostgresCatalog {
        let (password, note) = location.password(environment: environment)
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: .disable
        )
        if location.requiresTLS { configuration.tls = .require(.makeClientConfiguration()) }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 8
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        // One connection first, on its own: the pool retries a failing connection until its circuit breaker trips
        // and then says only that; this says why (refused, unknown user or database, wrong password). The schema is
        // brought up to date on it, and it is closed before the pool opens its own.
        let connection: PostgresConnection
        do {
            var probe = PostgresConnection.Configuration(
                host: location.host,
                port: location.port,
                username: location.user,
                password: password,
                database: location.database,
                tls: .disable
            )
            if location.requiresTLS {
                probe.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            probe.options.connectTimeout = .seconds(10)
            probe.options.additionalStartupParameters = configuration.options.additionalStartupParameters
            connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
        } catch {
            var message = "cannot open the catalog at \(location): \(connectionReason(error))"
            if let note { message += " (\(note))" }
            throw CatalogError(.cannotOpen, message)
        }
        do {
            try await PostgresMigrator.migrate(connection, schema: location.schema)
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw CatalogError(.cannotOpen, "cannot open the catalog at \(location): \(reason(error))")
        }
        return PostgresCatalog(pool: PostgresPool(configuration), location: location)
    }

    static let logger = Logger(label: "signpost.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// Why a connection failed, in words a person can act on.
    static func connectionReason(_ error: any Error) -> String {
        if let error = error as? PSQLError, error.serverInfo == nil {
            let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return "cannot connect (\(cause)). Is PostgreSQL running there and listening for TCP connections?"
        }
        return reason(error)
    }

    /// What PostgreSQL said, without the query's binds (which may hold a service's details).
    static func reason(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            return reason(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return String(describing: error)
    }

    /// Runs `body` on a pooled connection; a failure becomes ``CatalogError`` `.storage` saying what was being done.
    func withConnection<T: Sendable>(
        _ doing: String,
        _ body: (PostgresConnection) async throws -> T
    ) async throws(CatalogError) -> T {
        do {
            return try await pool.client.withConnection { connection in try await body(connection) }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.storage, "cannot \(doing): \(Self.reason(error))")
        }
    }

    /// Every row of `query`, each readable by column position.
    static func rows(_ query: SQLStatement, on connection: PostgresConnection) async throws -> [PostgresRandomAccessRow]
    {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query.query, logger: logger) {
            rows.append(row.makeRandomAccess())
        }
        return rows
    }

    static func run(_ query: SQLStatement, on connection: PostgresConnection) async throws {
        try await connection.query(query.query, logger: logger)
    }

    /// Runs one statement as it is (tests and maintenance).
    func execute(_ sql: String) async throws(CatalogError) {
        try await withConnection("run \(sql.prefix(40))") { connection in
            try await Self.run(SQLStatement(sql), on: connection)
        }
    }

    /// Drops the schema the URL named, with everything in it (benchmarks' throwaway catalogs). Does nothing for a
    /// catalog in the user's search path.
    public func dropSchema() async throws(CatalogError) {
        guard let schema = location.schema else { return }
        try await execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    // MARK: Reading

    public func service(id: ServiceID) async throws(CatalogError) -> Service? {
        var filter = SQLStatement()
        filter.sql = "s.id = \(filter.bind(id.rawValue))"
        return try await fetchServices(where: filter, limit: nil).first
    }

    public func services(_ query: ServiceQuery) async throws(CatalogError) -> [Service] {
        var filter = SQLStatement()
        var clauses: [String] = []
        var sets: [String] = []
        if !query.areas.isEmpty || !query.postcodeAreas.isEmpty || query.near != nil {
            var parts: [String] = []
            if !query.areas.isEmpty { parts.append("area = ANY(\(filter.bind(query.areas.sorted().map(\.rawValue))))") }
            // As in the SQLite store: a postcode area's own code and its districts (letters then a digit, at most
            // four characters).
            for postcodeArea in query.postcodeAreas.sorted() {
                let code = postcodeArea.rawValue
                parts.append(
                    "area = \(filter.bind(code)) OR (area >= \(filter.bind(code + "0")) "
                        + "AND area < \(filter.bind(code + ":")) AND length(area) <= 4)"
                )
            }
            var place =
                parts.isEmpty ? "" : "SELECT service_id FROM service_area WHERE \(parts.joined(separator: " OR "))"
            if let near = query.near {
                let latitudeSpan = near.kilometres / 111.0
                let longitudeSpan = near.kilometres / max(1, 111.0 * cos(near.point.latitude * .pi / 180))
                place +=
                    (place.isEmpty ? "" : " UNION ")
                    + "SELECT service_id FROM service_location WHERE confidential = 0 AND latitude IS NOT NULL "
                    + "AND latitude BETWEEN \(filter.bind(near.point.latitude - latitudeSpan)) "
                    + "AND \(filter.bind(near.point.latitude + latitudeSpan)) "
                    + "AND longitude BETWEEN \(filter.bind(near.point.longitude - longitudeSpan)) "
                    + "AND \(filter.bind(near.point.longitude + longitudeSpan))"
            }
            // In parentheses: PostgreSQL's INTERSECT binds tighter than UNION (SQLite's read left to right), and the
            // place and the nearby services together are what the needs narrow.
            sets.append("(" + place + ")")
        }
        if !query.needTypes.isEmpty {
            sets.append(
                "SELECT service_id FROM service_need WHERE need = ANY("
                    + "\(filter.bind(query.needTypes.sorted().map(\.rawValue))))"
            )
        }
        if !sets.isEmpty { clauses.append("s.id IN (\(sets.joined(separator: " INTERSECT ")))") }
        if !query.sources.isEmpty {
            let ranges = query.sources.sorted().map { source in
                let bounds = CatalogKeys.bounds(of: source)
                return "(s.id > \(filter.bind(bounds.lower)) AND s.id < \(filter.bind(bounds.upper)))"
            }
            clauses.append("(" + ranges.joined(separator: " OR ") + ")")
        }
        filter.sql = clauses.isEmpty ? "TRUE" : clauses.joined(separator: " AND ")
        return try await fetchServices(where: filter, limit: query.limit)
    }

    public func services(recordID: String) async throws(CatalogError) -> [Service] {
        var filter = SQLStatement()
        filter.sql = "s.id LIKE \(filter.bind("%/" + CatalogKeys.likeEscaped(recordID))) ESCAPE '\\'"
        return try await fetchServices(where: filter, limit: 20).filter { $0.id.recordID == recordID }
    }

    public func allServices() async throws(CatalogError) -> [Service] {
        try await fetchServices(where: SQLStatement("TRUE"), limit: nil)
    }

    public func serviceIDs() async throws(CatalogError) -> [ServiceID] {
        try await withConnection("read the catalog") { connection in
            try await Self.rows(SQLStatement("SELECT id FROM service ORDER BY id"), on: connection)
                .map { ServiceID($0.text(0) ?? "") }
        }
    }

    public func sourceNames() async throws(CatalogError) -> [SourceName] {
        try await withConnection("read the catalog") { connection in
            try await Self.rows(
                SQLStatement("SELECT DISTINCT split_part(id, '/', 1) AS source FROM service ORDER BY 1"),
                on: connection
            ).map { SourceName(rawValue: $0.text(0) ?? "") }
        }
    }

    public func serviceCount() async throws(CatalogError) -> Int {
        try await withConnection("read the catalog") { connection in
            try await Self.rows(SQLStatement("SELECT count(*) FROM service"), on: connection).first?.integer(0) ?? 0
        }
    }

    public func imports(limit: Int) async throws(CatalogError) -> [ImportRecord] {
        var query = SQLStatement()
        query.sql = """
            SELECT id, started_at, files, sources, inserted, updated, unchanged, rejected, withdrawn
            FROM import_run ORDER BY id DESC LIMIT \(query.bind(max(0, limit)))
            """
        return try await withConnection("read the catalog") { connection in
            try await Self.rows(query, on: connection).map { row in
                ImportRecord(
                    id: ImportID(Int64(row.integer(0) ?? 0)),
                    startedAt: Timestamp.date(from: row.text(1) ?? "") ?? Date(timeIntervalSince1970: 0),
                    files: (row.text(2) ?? "").split(separator: "\n").map(String.init),
                    sources: (row.text(3) ?? "").split(separator: ";").map { SourceName(rawValue: String($0)) },
                    inserted: row.integer(4) ?? 0,
                    updated: row.integer(5) ?? 0,
                    unchanged: row.integer(6) ?? 0,
                    rejected: row.integer(7) ?? 0,
                    withdrawn: row.integer(8) ?? 0
                )
            }
        }
    }

    /// The catalog's version: raised by every write, so that a server can tell it has missed a notification.
    public func version() async throws(CatalogError) -> Int64? {
        try await withConnection("read the catalog's version") { connection in
            Int64(
                try await Self.rows(SQLStatement("SELECT version FROM catalog_state"), on: connection)
                    .first?.integer(0) ?? 0
            )
        }
    }

    /// Services whose row matches `filter` (over `service s`), with their providers and locations, by id.
    private func fetchServices(where filter: SQLStatement, limit: Int?) async throws(CatalogError) -> [Service] {
        try await withConnection("read the catalog") { connection in
            try await Self.fetchServices(where: filter, limit: limit, on: connection)
        }
    }

    static func fetchServices(
        where filter: SQLStatement,
        limit: Int?,
        on connection: PostgresConnection
    ) async throws -> [Service] {
        let columns = ServiceColumns.names.map { "s.\($0)" }.joined(separator: ", ")
        var select = filter
        select.sql = """
            SELECT \(columns), s.import_id, p.name, p.charity_number, p.website
            FROM service s JOIN provider p ON p.id = s.provider_id
            WHERE \(filter.sql) ORDER BY s.id
            """
        if let limit { select.sql += " LIMIT \(max(0, limit))" }
        var services = try await rows(select, on: connection).map { ServiceRowDecoder.service(from: $0) }
        guard !services.isEmpty else { return services }
        // The locations of the services found, by their ids (the filter is not worked out twice); all of them when
        // every service was asked for.
        var locations = SQLStatement()
        let which =
            filter.sql == "TRUE" && limit == nil
            ? "TRUE" : "l.service_id = ANY(\(locations.bind(services.map(\.id.rawValue))))"
        locations.sql = """
            SELECT l.service_id, l.name, l.address, l.town, l.postcode, l.latitude, l.longitude, l.confidential
            FROM service_location l WHERE \(which) ORDER BY l.service_id, l.position
            """
        var found: [ServiceID: [ServiceLocation]] = [:]
        for row in try await rows(locations, on: connection) {
            found[ServiceID(row.text(0) ?? ""), default: []].append(
                ServiceLocation(
                    name: row.text(1),
                    address: row.text(2),
                    town: row.text(3),
                    postcode: row.text(4).flatMap { Postcode($0) },
                    point: CatalogKeys.point(row.real(5), row.real(6)),
                    isConfidential: row.integer(7) == 1
                )
            )
        }
        for index in services.indices {
            if let list = found[services[index].id] { services[index].locations = list }
        }
        return services
    }
}

/// PostgresNIO's client, running for as long as a catalog holds it.
final class PostgresPool: Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>

    init(_ configuration: PostgresClient.Configuration) {
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresCatalog.logger)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }
}

/// SQL with its binds, numbered as they are added.
struct SQLStatement: Sendable {
    var sql: String
    var binds = PostgresBindings()

    init(_ sql: String = "") { self.sql = sql }

    /// Adds a bind and returns its placeholder (`$3`).
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

/// PostgresNIO's rows read by column position (a cell of another type reads as absent).
extension PostgresRandomAccessRow: ColumnValues {
    func text(_ index: Int) -> String? { (try? self[index].decode(String?.self)) ?? nil }
    func integer(_ index: Int) -> Int? { (try? self[index].decode(Int?.self)) ?? nil }
    func real(_ index: Int) -> Double? { (try? self[index].decode(Double?.self)) ?? nil }
}

/// Brings a database's catalog tables up to date, one migration per transaction, one node at a time.
enum PostgresMigrator {
    /// The migrations applied, read in one query; throws when there is no migrations table yet.
    static func appliedMigrations(_ connection: PostgresConnection) async throws -> Set<String> {
        var applied = Set<String>()
        for try await row in try await connection.query(
            "SELECT id FROM signpost_migration",
            logger: PostgresCatalog.logger
        ) {
            applied.insert(try row.decode(String.self))
        }
        return applied
    }

    /// The advisory lock the migrations and imports take (any fixed number; "Signpost" on a phone keypad).
    static let lock: Int64 = 744_676_78

    static func migrate(_ connection: PostgresConnection, schema: String?) async throws {
        let logger = PostgresCatalog.logger
        // Usually every migration is applied: one read says so, and a command opening the catalog pays one round
        // trip, not a transaction per migration.
        if let applied = try? await appliedMigrations(connection),
            PostgresSchema.migrations.allSatisfy({ applied.contains($0.id) })
        {
            return
        }
        if let schema {
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"),
                logger: logger
            )
        }
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS signpost_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            logger: logger
        )
        for migration in PostgresSchema.migrations {
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
                var applied = false
                for try await _ in try await connection.query(
                    "SELECT 1 FROM signpost_migration WHERE id = \(migration.id)",
                    logger: logger
                ) { applied = true }
                guard !applied else { return }
                // One statement at a time: PostgresNIO's extended protocol takes no more (no `;` inside them).
                for statement in migration.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                    try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO signpost_migration (id) VALUES (\(migration.id))",
                    logger: logger
                )
            }
        }
    }
}
