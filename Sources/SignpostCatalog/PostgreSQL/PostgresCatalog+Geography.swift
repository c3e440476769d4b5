public import Foundation
import NIOCore
import PostgresNIO
public import SignpostCore

// The postcode geography and the kept gap reports, as the SQLite store keeps them (see its documentation).
extension PostgresCatalog {
    public func importGeography<Result: Sendable>(
        file: String,
        importedAt: Date,
        records produce: @escaping @Sendable (_ store: ([PostcodeRecord]) throws -> Void) throws -> Result
    ) async throws(CatalogError) -> (summary: GeographySummary, result: Result) {
        let channel = location.channel
        do {
            return try await pool.client.withConnection { connection in
                try await Self.run(SQLStatement("BEGIN"), on: connection)
                do {
                    let value = try await Self.replaceGeography(
                        on: connection,
                        file: file,
                        importedAt: importedAt,
                        produce: produce
                    )
                    try await Self.announceChange(on: connection, channel: channel)
                    try await Self.run(SQLStatement("COMMIT"), on: connection)
                    return value
                } catch {
                    try? await Self.run(SQLStatement("ROLLBACK"), on: connection)
                    throw error
                }
            }
        } catch let error as GeographyProducerFailure {
            throw CatalogError(
                .aborted,
                "the geography import was stopped and the catalog is unchanged: \(error.underlying)"
            )
        } catch {
            throw CatalogError(
                .storage,
                "the geography import was rolled back and the catalog is unchanged: \(Self.reason(error))"
            )
        }
    }

    private static func replaceGeography<Result: Sendable>(
        on connection: PostgresConnection,
        file: String,
        importedAt: Date,
        produce: @escaping @Sendable (_ store: ([PostcodeRecord]) throws -> Void) throws -> Result
    ) async throws -> (summary: GeographySummary, result: Result) {
        try await run(SQLStatement("SELECT pg_advisory_xact_lock(\(PostgresMigrator.lock))"), on: connection)
        try await run(SQLStatement("DELETE FROM postcode"), on: connection)
        try await run(SQLStatement("DELETE FROM postcode_district"), on: connection)
        try await run(SQLStatement("DELETE FROM postcode_sector"), on: connection)
        // The file's postcodes go to a table of their own first: a later duplicate replaces the earlier one.
        try await run(
            SQLStatement(
                """
                CREATE TEMP TABLE postcode_incoming (
                    seq BIGSERIAL, postcode TEXT COLLATE "C", latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
                    local_authority TEXT, force_area TEXT, terminated BIGINT
                ) ON COMMIT DROP
                """
            ),
            on: connection
        )
        let bridge = AsyncBridge()
        let result: Result
        do {
            result = try await offThePool {
                try produce { batch in
                    var text = CopyText()
                    for record in batch {
                        text.text(record.postcode.description)
                        text.real(record.point?.latitude)
                        text.real(record.point?.longitude)
                        text.text(record.localAuthority?.rawValue)
                        text.text(record.forceArea?.rawValue)
                        text.integer(record.isTerminated ? 1 : 0)
                        text.endRow()
                    }
                    let buffer = text.buffer
                    try bridge.wait {
                        try await connection.copyFrom(
                            table: "postcode_incoming",
                            columns: [
                                "postcode", "latitude", "longitude", "local_authority", "force_area", "terminated",
                            ],
                            logger: logger
                        ) { writer in try await writer.write(buffer) }
                    }
                }
            }
        } catch let error as StoreFailure {
            throw error.underlying
        } catch {
            throw GeographyProducerFailure(underlying: error)
        }
        try await run(
            SQLStatement(
                """
                INSERT INTO postcode (postcode, latitude, longitude, local_authority, force_area, terminated)
                SELECT DISTINCT ON (postcode) postcode, latitude, longitude, local_authority, force_area, terminated
                FROM postcode_incoming ORDER BY postcode, seq DESC
                """
            ),
            on: connection
        )
        try await run(
            SQLStatement(
                """
                CREATE TEMP TABLE geography_mix ON COMMIT DROP AS
                SELECT left(postcode, strpos(postcode, ' ') + 1) AS sector, force_area, local_authority, terminated,
                    count(*) AS postcodes, count(latitude) AS located, sum(latitude) AS latitude_sum,
                    sum(longitude) AS longitude_sum
                FROM postcode GROUP BY 1, 2, 3, 4
                """
            ),
            on: connection
        )
        let sectors = try await deriveGroups(code: "sector", into: "postcode_sector", on: connection)
        let districts = try await deriveGroups(
            code: "left(sector, length(sector) - 2)",
            into: "postcode_district",
            on: connection
        )
        let totals = try await rows(
            SQLStatement(
                """
                SELECT COALESCE(SUM(postcodes), 0)::bigint,
                    COALESCE(SUM(CASE WHEN terminated = 1 THEN postcodes END), 0)::bigint,
                    COALESCE(SUM(located), 0)::bigint
                FROM geography_mix
                """
            ),
            on: connection
        ).first
        let stamp = Timestamp.string(from: importedAt)
        let summary = GeographySummary(
            file: file,
            importedAt: Timestamp.date(from: stamp) ?? importedAt,
            postcodes: totals?.integer(0) ?? 0,
            terminated: totals?.integer(1) ?? 0,
            located: totals?.integer(2) ?? 0,
            districts: districts,
            sectors: sectors
        )
        var record = SQLStatement()
        record.sql = """
            INSERT INTO geography_import (imported_at, file, postcodes, terminated, located, districts, sectors)
            VALUES (\(record.bind(stamp)), \(record.bind(file)), \(record.bind(summary.postcodes)),
                \(record.bind(summary.terminated)), \(record.bind(summary.located)), \(record.bind(districts)),
                \(record.bind(sectors)))
            """
        try await run(record, on: connection)
        return (summary, result)
    }

    /// Fills `table` with the groups whose code is `code` (an expression over `geography_mix.sector`), each from
    /// its live postcodes (or its terminated ones when it has none), areas most postcodes first; returns how many.
    private static func deriveGroups(
        code: String,
        into table: String,
        on connection: PostgresConnection
    ) async throws -> Int {
        func areaList(_ column: String) -> String {
            """
            SELECT code, string_agg(\(column), ';' ORDER BY n DESC, \(column) COLLATE "C") AS list FROM (
                SELECT code, \(column), sum(postcodes) AS n FROM basis WHERE \(column) IS NOT NULL
                GROUP BY code, \(column)
            ) counted GROUP BY code
            """
        }
        let inserted = try await rows(
            SQLStatement(
                """
                WITH mix AS (
                    SELECT \(code) AS code, force_area, local_authority, terminated, postcodes, located,
                        latitude_sum, longitude_sum
                    FROM geography_mix
                ), basis AS (
                    SELECT mix.* FROM mix
                    JOIN (SELECT code, min(terminated) AS terminated FROM mix GROUP BY code) AS chosen
                        USING (code, terminated)
                ), forces AS (\(areaList("force_area"))), authorities AS (\(areaList("local_authority"))),
                inserted AS (
                    INSERT INTO \(table) (code, latitude, longitude, force_areas, local_authorities)
                    SELECT centroid.code, centroid.latitude, centroid.longitude, COALESCE(forces.list, ''),
                        COALESCE(authorities.list, '')
                    FROM (
                        SELECT code, sum(latitude_sum) / NULLIF(sum(located), 0) AS latitude,
                            sum(longitude_sum) / NULLIF(sum(located), 0) AS longitude
                        FROM basis GROUP BY code
                    ) AS centroid
                    LEFT JOIN forces USING (code) LEFT JOIN authorities USING (code)
                    RETURNING 1
                )
                SELECT count(*) FROM inserted
                """
            ),
            on: connection
        )
        return inserted.first?.integer(0) ?? 0
    }

    public func postcode(_ postcode: Postcode) async throws(CatalogError) -> PostcodeRecord? {
        var query = SQLStatement()
        query.sql = """
            SELECT latitude, longitude, local_authority, force_area, terminated FROM postcode
            WHERE postcode = \(query.bind(postcode.description))
            """
        return try await withConnection("read the postcode geography") { connection in
            guard let row = try await Self.rows(query, on: connection).first else { return nil }
            return PostcodeRecord(
                postcode: postcode,
                point: CatalogKeys.point(row.real(0), row.real(1)),
                localAuthority: row.text(2).map { AreaCode($0) },
                forceArea: row.text(3).map { AreaCode($0) },
                isTerminated: row.integer(4) == 1
            )
        }
    }

    public func postcodeDistrict(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord? {
        try await groups(table: "postcode_district", code: CatalogKeys.groupKey(code)).first
    }

    public func postcodeDistricts() async throws(CatalogError) -> [PostcodeGroupRecord] {
        try await groups(table: "postcode_district", code: nil)
    }

    public func postcodeSector(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord? {
        try await groups(table: "postcode_sector", code: CatalogKeys.groupKey(code)).first
    }

    private func groups(table: String, code: String?) async throws(CatalogError) -> [PostcodeGroupRecord] {
        var query = SQLStatement()
        query.sql = "SELECT code, latitude, longitude, force_areas, local_authorities FROM \(table)"
        if let code { query.sql += " WHERE code = \(query.bind(code))" }
        query.sql += " ORDER BY code"
        return try await withConnection("read the postcode geography") { connection in
            try await Self.rows(query, on: connection).map { row in
                PostcodeGroupRecord(
                    code: row.text(0) ?? "",
                    centroid: CatalogKeys.point(row.real(1), row.real(2)),
                    forceAreas: CatalogKeys.areaCodes(row.text(3) ?? ""),
                    localAuthorities: CatalogKeys.areaCodes(row.text(4) ?? "")
                )
            }
        }
    }

    public func geographySummary() async throws(CatalogError) -> GeographySummary? {
        try await withConnection("read the postcode geography") { connection in
            guard
                let row = try await Self.rows(
                    SQLStatement(
                        """
                        SELECT file, imported_at, postcodes, terminated, located, districts, sectors
                        FROM geography_import ORDER BY id DESC LIMIT 1
                        """
                    ),
                    on: connection
                ).first
            else { return nil }
            return GeographySummary(
                file: row.text(0) ?? "",
                importedAt: Timestamp.date(from: row.text(1) ?? "") ?? Date(timeIntervalSince1970: 0),
                postcodes: row.integer(2) ?? 0,
                terminated: row.integer(3) ?? 0,
                located: row.integer(4) ?? 0,
                districts: row.integer(5) ?? 0,
                sectors: row.integer(6) ?? 0
            )
        }
    }

    // MARK: Kept gap reports

    public func keep(_ report: KeptGapReport) async throws(CatalogError) {
        var insert = SQLStatement()
        insert.sql = """
            INSERT INTO gap_report (made_at, analysis, import_id, statuses)
            VALUES (\(insert.bind(Timestamp.string(from: report.madeAt))), \(insert.bind(report.analysis)),
                \(insert.bind(report.importID.map { Int($0.rawValue) })), \(insert.bind(ByteBuffer(bytes: report.statuses))))
            """
        var prune = SQLStatement()
        prune.sql = """
            DELETE FROM gap_report WHERE analysis = \(prune.bind(report.analysis)) AND id NOT IN
                (SELECT id FROM gap_report WHERE analysis = $1 ORDER BY id DESC
                 LIMIT \(prune.bind(CatalogKeys.keptReportsPerAnalysis)))
            """
        try await withConnection("keep the gap report in the catalog") { connection in
            try await connection.withTransaction(logger: Self.logger) { connection in
                try await Self.run(insert, on: connection)
                try await Self.run(prune, on: connection)
            }
        }
    }

    public func keptReports(analysis: String) async throws(CatalogError) -> [KeptGapReport] {
        var query = SQLStatement()
        query.sql = """
            SELECT id, made_at, analysis, import_id, statuses FROM gap_report
            WHERE analysis = \(query.bind(analysis)) ORDER BY id DESC
            """
        return try await withConnection("read the kept gap reports") { connection in
            try await Self.rows(query, on: connection).map { row in
                let statuses = (try? row[4].decode(ByteBuffer.self)) ?? ByteBuffer()
                return KeptGapReport(
                    id: Int64(row.integer(0) ?? 0),
                    madeAt: Timestamp.date(from: row.text(1) ?? "") ?? Date(timeIntervalSince1970: 0),
                    analysis: row.text(2) ?? "",
                    importID: row.integer(3).map { ImportID(Int64($0)) },
                    statuses: Data(statuses.readableBytesView)
                )
            }
        }
    }
}

/// An error `importGeography`'s producer threw, passed through the transaction.
private struct GeographyProducerFailure: Error {
    var underlying: any Error
}

/// A failure of storing a batch, passed back through the producer untouched.
private struct StoreFailure: Error {
    var underlying: any Error
}

/// Lets a blocking thread (a file's reader) wait for async work, such as writing a batch to PostgreSQL.
private struct AsyncBridge: Sendable {
    func wait(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await work() } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw StoreFailure(underlying: error) }
    }
}

private final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}
