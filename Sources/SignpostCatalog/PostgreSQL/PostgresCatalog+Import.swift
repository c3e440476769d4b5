import Foundation
import NIOCore
import PostgresNIO
import SignpostCore

extension PostgresCatalog {
    public func apply(_ options: ImportOptions, feed: ServiceFeed) async throws(CatalogError) -> ImportOutcome {
        defer { feed.abandon() }
        let channel = location.channel
        do {
            return try await pool.client.withConnection { connection in
                try await Self.run(SQLStatement("BEGIN"), on: connection)
                do {
                    var writer = PostgresImportWriter(connection: connection, options: options, feed: feed)
                    var outcome = try await writer.run()
                    if options.dryRun {
                        try await Self.run(SQLStatement("ROLLBACK"), on: connection)
                        outcome.importID = nil
                    } else {
                        try await Self.announceChange(on: connection, channel: channel)
                        try await Self.run(SQLStatement("COMMIT"), on: connection)
                        outcome.committed = true
                    }
                    return outcome
                } catch {
                    try? await Self.run(SQLStatement("ROLLBACK"), on: connection)
                    throw error
                }
            }
        } catch let error as FeedFailure {
            throw CatalogError(.aborted, "the import was stopped and the catalog is unchanged: \(error.underlying)")
        } catch {
            throw CatalogError(
                .storage,
                "the import was rolled back and the catalog is unchanged: \(Self.reason(error))"
            )
        }
    }

    /// Raises the catalog's version and tells every listening server (delivered when the transaction commits).
    static func announceChange(on connection: PostgresConnection, channel: String) async throws {
        var notify = SQLStatement()
        notify.sql = """
            WITH raised AS (UPDATE catalog_state SET version = version + 1 RETURNING version)
            SELECT pg_notify(\(notify.bind(channel)), version::text) FROM raised
            """
        try await run(notify, on: connection)
    }

    /// Runs blocking work (waiting on a feed, a file's reader) on a thread of its own, never on Swift's shared
    /// threads.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// Writes one import inside an open transaction: each batch's new and changed services go in with `COPY`, four
/// statements a batch whatever its size. The tables carry no foreign keys (see ``PostgresSchema``): this writer deletes
/// a changed or withdrawn service's locations, needs and areas with it, and providers no service has.
private struct PostgresImportWriter {
    let connection: PostgresConnection
    let options: ImportOptions
    let feed: ServiceFeed

    private var importID: Int64 = 0
    private var outcome = ImportOutcome()
    /// Stored fingerprints of the services of the sources seen so far (and of those written by this import).
    private var existing: [String: Int64] = [:]
    /// The services' own reports of their figures, of the sources seen so far.
    private var reports: [String: StoredReport] = [:]
    private var sources = Set<SourceName>()
    private var seen = Set<String>()
    private var providersWritten = Set<String>()

    init(connection: PostgresConnection, options: ImportOptions, feed: ServiceFeed) {
        self.connection = connection
        self.options = options
        self.feed = feed
    }

    mutating func run() async throws -> ImportOutcome {
        // One import at a time, from whichever node.
        try await execute(SQLStatement("SELECT pg_advisory_xact_lock(\(PostgresMigrator.lock))"))
        try await execute(
            SQLStatement(
                """
                CREATE TEMP TABLE provider_incoming (id TEXT COLLATE "C", name TEXT, charity_number TEXT, website TEXT)
                ON COMMIT DROP
                """
            )
        )
        var start = SQLStatement()
        start.sql = """
            INSERT INTO import_run (started_at, files, sources)
            VALUES (\(start.bind(Timestamp.string(from: options.startedAt))), \
            \(start.bind(options.files.joined(separator: "\n"))), '') RETURNING id
            """
        importID = Int64(try await rows(start).first?.integer(0) ?? 0)
        outcome.importID = ImportID(importID)

        // Each batch is decided and encoded here while the database stores the one before (a task of its own on the
        // same connection), so the two cores overlap rather than take turns.
        let feed = self.feed
        var inFlight: Task<Void, any Error>?
        do {
            while let batch = try await Self.waitFor({ try feed.next() }) {
                let prepared = try await prepare(batch)
                try await inFlight?.value
                let connection = self.connection
                inFlight = Task { try await prepared.send(on: connection) }
            }
            try await inFlight?.value
        } catch {
            // Whatever was sent finishes (or fails) before the caller rolls back on this connection.
            _ = try? await inFlight?.value
            throw error
        }
        let ending = try await Self.waitFor { try feed.finalEnding() }

        if !ending.replacing.isEmpty {
            for source in ending.replacing.sorted() {
                let bounds = CatalogKeys.bounds(of: source)
                var names = SQLStatement()
                names.sql =
                    "SELECT id, name FROM service WHERE id > \(names.bind(bounds.lower)) AND id < \(names.bind(bounds.upper))"
                for row in try await rows(names) {
                    let id = ServiceID(row.text(0) ?? "")
                    guard !seen.contains(id.rawValue), !ending.retained.contains(id) else { continue }
                    outcome.withdrawn.append(WithdrawnService(id: id, name: row.text(1) ?? ""))
                }
            }
            outcome.withdrawn.sort { $0.id < $1.id }
            try await PreparedBatch.delete(outcome.withdrawn.map(\.id.rawValue), on: connection)
        }
        try await execute(SQLStatement("DELETE FROM provider WHERE id NOT IN (SELECT provider_id FROM service)"))
        var finish = SQLStatement()
        let sourceList = sources.union(ending.replacing).sorted().map { $0.rawValue }.joined(separator: ";")
        finish.sql = """
            UPDATE import_run SET sources = \(finish.bind(sourceList)), inserted = \(finish.bind(outcome.inserted.count)),
                updated = \(finish.bind(outcome.updated.count)), unchanged = \(finish.bind(outcome.unchanged.count)),
                rejected = \(finish.bind(ending.rejectedCount)), withdrawn = \(finish.bind(outcome.withdrawn.count))
            WHERE id = \(finish.bind(Int(importID)))
            """
        try await execute(finish)
        return outcome
    }

    /// Blocking work of the feed, off Swift's threads; its failure becomes a ``FeedFailure``.
    private static func waitFor<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await PostgresCatalog.offThePool(body)
        } catch {
            throw FeedFailure(underlying: error)
        }
    }

    /// Decides, service by service as the SQLite store does, what is new, changed or unchanged, and encodes what the
    /// batch writes: the stored rows of changed services to delete, and the new rows to copy in.
    private mutating func prepare(_ batch: [Service]) async throws -> PreparedBatch {
        var pending: [(service: Service, fingerprint: Int64)] = []
        var pendingIndex: [String: Int] = [:]
        var deletes: [String] = []
        for listed in batch {
            let source = listed.provenance.source
            if sources.insert(source).inserted {
                let bounds = CatalogKeys.bounds(of: source)
                var lookup = SQLStatement()
                lookup.sql = """
                    SELECT id, fingerprint, \(StoredReport.columns) FROM service
                    WHERE id > \(lookup.bind(bounds.lower)) AND id < \(lookup.bind(bounds.upper))
                    """
                for row in try await rows(lookup) {
                    existing[row.text(0) ?? ""] = Int64(row.integer(1) ?? 0)
                    if let report = StoredReport(row, from: 2) { reports[row.text(0) ?? ""] = report }
                }
            }
            var service = listed
            if let report = reports[listed.id.rawValue], let kept = report.kept(over: listed) {
                service = kept
                if !outcome.keptReports.contains(listed.id) { outcome.keptReports.append(listed.id) }
            }
            let id = service.id.rawValue
            let fingerprint = ServiceRowEncoder.fingerprint(service)
            let firstTimeInThisImport = seen.insert(id).inserted
            if let old = existing[id] {
                if old == fingerprint, firstTimeInThisImport {
                    outcome.unchanged.append(service.id)
                    continue
                }
                if firstTimeInThisImport { outcome.updated.append(service.id) }
                if let index = pendingIndex[id] {
                    pending[index] = (service, fingerprint)
                } else {
                    deletes.append(id)
                    pendingIndex[id] = pending.count
                    pending.append((service, fingerprint))
                }
            } else {
                if firstTimeInThisImport { outcome.inserted.append(service.id) }
                pendingIndex[id] = pending.count
                pending.append((service, fingerprint))
            }
            existing[id] = fingerprint
        }
        return encode(pending, deleting: deletes)
    }

    private mutating func encode(
        _ services: [(service: Service, fingerprint: Int64)],
        deleting deletes: [String]
    ) -> PreparedBatch {
        var batch = PreparedBatch(deletes: deletes)
        guard !services.isEmpty else { return batch }
        var providers = CopyText()
        for (service, _) in services where providersWritten.insert(service.provider.id.rawValue).inserted {
            let provider = service.provider
            providers.text(provider.id.rawValue)
            providers.text(provider.name)
            providers.text(provider.charityNumber)
            providers.text(provider.website)
            providers.endRow()
        }
        batch.providers = providers
        var rows = CopyText()
        var locations = CopyText()
        var needs = CopyText()
        var areas = CopyText()
        for (service, fingerprint) in services {
            let id = service.id.rawValue
            ServiceRowEncoder.encode(service, into: &rows)
            rows.integer(Int(importID))
            rows.integer(Int(fingerprint))
            rows.endRow()
            for (position, location) in service.locations.enumerated() {
                locations.text(id)
                ServiceRowEncoder.encode(location, position: position, into: &locations)
                locations.endRow()
            }
            // A code listed twice is stored once (the SQLite store ignores the repeat).
            var needsSeen = Set<String>()
            for need in service.needTypes where needsSeen.insert(need.rawValue).inserted {
                needs.text(need.rawValue)
                needs.text(id)
                needs.endRow()
            }
            var areasSeen = Set<String>()
            for area in service.coverage.areas where areasSeen.insert(area.rawValue).inserted {
                areas.text(area.rawValue)
                areas.text(id)
                areas.endRow()
            }
        }
        batch.rows = rows
        batch.locations = locations
        batch.needs = needs
        batch.areas = areas
        return batch
    }

    private func execute(_ statement: SQLStatement) async throws {
        try await PostgresCatalog.run(statement, on: connection)
    }

    private func rows(_ statement: SQLStatement) async throws -> [PostgresRandomAccessRow] {
        try await PostgresCatalog.rows(statement, on: connection)
    }
}

/// One batch as the writer prepared it, ready to send: the stored services to delete first, then the rows to copy in.
private struct PreparedBatch: Sendable {
    var deletes: [String]
    var providers = CopyText()
    var rows = CopyText()
    var locations = CopyText()
    var needs = CopyText()
    var areas = CopyText()

    init(deletes: [String]) { self.deletes = deletes }

    func send(on connection: PostgresConnection) async throws {
        try await Self.delete(deletes, on: connection)
        if providers.rows > 0 {
            try await copy(
                providers,
                into: "provider_incoming",
                columns: ["id", "name", "charity_number", "website"],
                on: connection
            )
            try await PostgresCatalog.run(
                SQLStatement(
                    """
                    INSERT INTO provider (id, name, charity_number, website)
                    SELECT id, name, charity_number, website FROM provider_incoming
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, charity_number = excluded.charity_number,
                        website = excluded.website
                    WHERE provider.name IS DISTINCT FROM excluded.name
                        OR provider.charity_number IS DISTINCT FROM excluded.charity_number
                        OR provider.website IS DISTINCT FROM excluded.website
                    """
                ),
                on: connection
            )
            try await PostgresCatalog.run(SQLStatement("TRUNCATE provider_incoming"), on: connection)
        }
        try await copy(rows, into: "service", columns: ServiceColumns.stored, on: connection)
        try await copy(
            locations,
            into: "service_location",
            columns: [
                "service_id", "position", "name", "address", "town", "postcode", "latitude", "longitude",
                "confidential",
            ],
            on: connection
        )
        try await copy(needs, into: "service_need", columns: ["need", "service_id"], on: connection)
        try await copy(areas, into: "service_area", columns: ["area", "service_id"], on: connection)
    }

    /// Deletes services and their rows in the lookup tables (found from the codes on the service row).
    static func delete(_ ids: [String], on connection: PostgresConnection) async throws {
        guard !ids.isEmpty else { return }
        for (table, column, list) in [("service_need", "need", "need_types"), ("service_area", "area", "coverage")] {
            var statement = SQLStatement()
            statement.sql = """
                DELETE FROM \(table) t USING service s
                WHERE s.id = ANY(\(statement.bind(ids))) AND t.service_id = s.id
                    AND t.\(column) = ANY(string_to_array(s.\(list), ';'))
                """
            try await PostgresCatalog.run(statement, on: connection)
        }
        var locations = SQLStatement()
        locations.sql = "DELETE FROM service_location WHERE service_id = ANY(\(locations.bind(ids)))"
        try await PostgresCatalog.run(locations, on: connection)
        var services = SQLStatement()
        services.sql = "DELETE FROM service WHERE id = ANY(\(services.bind(ids)))"
        try await PostgresCatalog.run(services, on: connection)
    }

    private func copy(
        _ text: CopyText,
        into table: String,
        columns: [String],
        on connection: PostgresConnection
    )
        async throws
    {
        guard text.rows > 0 else { return }
        let buffer = text.buffer
        try await connection.copyFrom(table: table, columns: columns, logger: PostgresCatalog.logger) { writer in
            try await writer.write(buffer)
        }
    }
}

/// Rows in `COPY ... FROM STDIN`'s text format: fields apart by tabs, rows ended by newlines, `\N` for null, and
/// backslash, tab, newline and carriage return escaped.
struct CopyText: RowSink {
    private(set) var buffer = ByteBuffer()
    private(set) var rows = 0
    private var startOfRow = true

    private mutating func field() {
        if !startOfRow { buffer.writeInteger(UInt8(ascii: "\t")) }
        startOfRow = false
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        startOfRow = true
        rows += 1
    }

    mutating func text(_ value: String?) {
        field()
        guard var value else {
            buffer.writeStaticString("\\N")
            return
        }
        value.withUTF8 { bytes in
            var plain = true
            for byte in bytes where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                plain = false
                break
            }
            if plain {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func integer(_ value: Int?) {
        field()
        if let value { buffer.writeString(String(value)) } else { buffer.writeStaticString("\\N") }
    }

    mutating func real(_ value: Double?) {
        field()
        if let value, value.isFinite { buffer.writeString("\(value)") } else { buffer.writeStaticString("\\N") }
    }
}
