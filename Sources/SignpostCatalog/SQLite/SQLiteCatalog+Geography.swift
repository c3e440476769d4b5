public import Foundation
import GRDB
public import SignpostCore

// The postcode geography (ONS NSPL/ONSPD), stored beside the services.
extension SQLiteCatalog {
    /// Replaces the catalog's postcode geography in one transaction: deletes the previous one, stores the postcodes
    /// that `produce` hands to its `store` function batch by batch (a later duplicate of a postcode replaces the
    /// earlier one), then derives every postcode district and sector from them with SQL aggregation, and records the
    /// import.
    ///
    /// `produce` runs on the catalog's writer thread, inside the transaction, so that a file can be streamed into
    /// it without being held in memory. Whatever it returns is handed back beside the summary (the reader's own
    /// summary, say). If it throws, or storing fails, everything is rolled back and the previous geography stays.
    ///
    /// A district or sector is derived from its live postcodes: its centroid is the mean of their points, and its
    /// force areas and local authorities are theirs, most postcodes first (ties by code). A district or sector
    /// whose postcodes are all terminated is derived from those instead, so that old addresses still resolve.
    /// - Throws: ``CatalogError`` `.aborted` when `produce` threw (its error is in the message), `.storage` when
    ///   the database failed.
    public func importGeography<Result: Sendable>(
        file: String,
        importedAt: Date,
        records produce: @escaping @Sendable (_ store: ([PostcodeRecord]) throws -> Void) throws -> Result
    ) async throws(CatalogError) -> (summary: GeographySummary, result: Result) {
        do {
            return try await writer.writeWithoutTransaction { db in
                var summary: GeographySummary?
                var result: Result?
                try db.inTransaction(.immediate) {
                    let writer = try GeographyWriter(db: db)
                    try writer.deleteAll()
                    do {
                        result = try produce { batch in try writer.store(batch) }
                    } catch let error as DatabaseError {
                        throw error
                    } catch {
                        throw ProducerFailure(underlying: error)
                    }
                    summary = try writer.derive(file: file, importedAt: importedAt)
                    try Self.raiseVersion(db)
                    return .commit
                }
                guard let summary, let result else { throw ProducerFailure(underlying: CancellationError()) }
                return (summary, result)
            }
        } catch let error as ProducerFailure {
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

    /// The postcode, if the geography holds it (terminated postcodes included: see
    /// ``PostcodeRecord/isTerminated``).
    public func postcode(_ postcode: Postcode) async throws(CatalogError) -> PostcodeRecord? {
        let key = postcode.description
        return try await read { db -> PostcodeRecord? in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT latitude, longitude, local_authority, force_area, terminated FROM postcode
                    WHERE postcode = ?
                    """
            )
            guard let row = try Row.fetchOne(statement, arguments: [key]) else { return nil }
            let latitude: Double? = row[0]
            let longitude: Double? = row[1]
            let localAuthority: String? = row[2]
            let forceArea: String? = row[3]
            let terminated: Bool = row[4]
            return PostcodeRecord(
                postcode: postcode,
                point: CatalogKeys.point(latitude, longitude),
                localAuthority: localAuthority.map { AreaCode($0) },
                forceArea: forceArea.map { AreaCode($0) },
                isTerminated: terminated
            )
        }
    }

    /// A postcode district (`LS1`, any case), if the geography holds it.
    public func postcodeDistrict(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord? {
        try await group(CatalogKeys.groupKey(code), table: "postcode_district")
    }

    /// Every postcode district the geography holds, by code (empty before an import).
    public func postcodeDistricts() async throws(CatalogError) -> [PostcodeGroupRecord] {
        try await read { db -> [PostcodeGroupRecord] in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT code, latitude, longitude, force_areas, local_authorities FROM postcode_district ORDER BY code"
            ).map { row in
                PostcodeGroupRecord(
                    code: row[0],
                    centroid: CatalogKeys.point(row[1], row[2]),
                    forceAreas: CatalogKeys.areaCodes(row[3]),
                    localAuthorities: CatalogKeys.areaCodes(row[4])
                )
            }
        }
    }

    /// A postcode sector (`LS1 4`, any case or spacing between the district and the digit), if the geography
    /// holds it.
    public func postcodeSector(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord? {
        try await group(CatalogKeys.groupKey(code), table: "postcode_sector")
    }

    /// The geography last imported, or `nil` when none has been.
    public func geographySummary() async throws(CatalogError) -> GeographySummary? {
        try await read { db -> GeographySummary? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT file, imported_at, postcodes, terminated, located, districts, sectors
                        FROM geography_import ORDER BY id DESC LIMIT 1
                        """
                )
            else { return nil }
            return GeographySummary(
                file: row[0],
                importedAt: Timestamp.date(from: row[1]) ?? Date(timeIntervalSince1970: 0),
                postcodes: row[2],
                terminated: row[3],
                located: row[4],
                districts: row[5],
                sectors: row[6]
            )
        }
    }

    private func group(_ code: String, table: String) async throws(CatalogError) -> PostcodeGroupRecord? {
        try await read { db -> PostcodeGroupRecord? in
            let statement = try db.cachedStatement(
                sql: "SELECT latitude, longitude, force_areas, local_authorities FROM \(table) WHERE code = ?"
            )
            guard let row = try Row.fetchOne(statement, arguments: [code]) else { return nil }
            return PostcodeGroupRecord(
                code: code,
                centroid: CatalogKeys.point(row[0], row[1]),
                forceAreas: CatalogKeys.areaCodes(row[2]),
                localAuthorities: CatalogKeys.areaCodes(row[3])
            )
        }
    }
}

/// An error `importGeography`'s producer threw, passed through the transaction.
private struct ProducerFailure: Error {
    var underlying: any Error
}

/// Writes one geography import inside an open transaction.
private struct GeographyWriter {
    let db: Database
    let insert: Statement

    init(db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO postcode (postcode, latitude, longitude, local_authority, force_area, terminated)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
    }

    func deleteAll() throws {
        try db.execute(sql: "DELETE FROM postcode; DELETE FROM postcode_district; DELETE FROM postcode_sector")
    }

    func store(_ batch: [PostcodeRecord]) throws {
        for record in batch {
            var binder = SQLiteBinder(insert)
            binder.text(record.postcode.description)
            binder.real(record.point?.latitude)
            binder.real(record.point?.longitude)
            binder.text(record.localAuthority?.rawValue)
            binder.text(record.forceArea?.rawValue)
            binder.integer(record.isTerminated ? 1 : 0)
            try binder.run(in: db)
        }
    }

    /// Derives the districts and sectors and records the import.
    ///
    /// One pass over the postcodes sums them by sector, force area, local authority and status into a small
    /// table; districts and sectors are then summed from that. The area lists are joined here rather than with
    /// `group_concat`, whose order SQLite (before 3.44) does not promise.
    func derive(file: String, importedAt: Date) throws -> GeographySummary {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.geography_mix;
                CREATE TEMP TABLE geography_mix AS
                SELECT substr(postcode, 1, instr(postcode, ' ') + 1) AS sector, force_area, local_authority, terminated,
                    COUNT(*) AS postcodes, COUNT(latitude) AS located, SUM(latitude) AS latitude_sum,
                    SUM(longitude) AS longitude_sum
                FROM postcode
                GROUP BY sector, force_area, local_authority, terminated;
                """
        )
        let sectors = try deriveGroups(code: "sector", into: "postcode_sector")
        let districts = try deriveGroups(code: "substr(sector, 1, length(sector) - 2)", into: "postcode_district")
        let totals = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(postcodes), 0), COALESCE(SUM(CASE WHEN terminated THEN postcodes END), 0),
                    COALESCE(SUM(located), 0)
                FROM temp.geography_mix
                """
        )
        try db.execute(sql: "DROP TABLE temp.geography_mix")
        let stamp = Timestamp.string(from: importedAt)
        let summary = GeographySummary(
            file: file,
            // As it reads back: to the second.
            importedAt: Timestamp.date(from: stamp) ?? importedAt,
            postcodes: totals?[0] ?? 0,
            terminated: totals?[1] ?? 0,
            located: totals?[2] ?? 0,
            districts: districts,
            sectors: sectors
        )
        try db.execute(
            sql: """
                INSERT INTO geography_import
                    (imported_at, file, postcodes, terminated, located, districts, sectors)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                stamp, file, summary.postcodes, summary.terminated, summary.located,
                districts, sectors,
            ]
        )
        return summary
    }

    /// Fills `table` with the groups whose code is `code` (an expression over `geography_mix.sector`); returns how
    /// many there are.
    private func deriveGroups(code: String, into table: String) throws -> Int {
        // The rows each group is derived from: its live postcodes, or its terminated ones when it has no live one.
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.geography_basis;
                CREATE TEMP TABLE geography_basis AS
                WITH mix AS (
                    SELECT \(code) AS code, force_area, local_authority, terminated, postcodes, located, latitude_sum,
                        longitude_sum
                    FROM temp.geography_mix
                )
                SELECT mix.* FROM mix
                JOIN (SELECT code, MIN(terminated) AS terminated FROM mix GROUP BY code) AS basis
                    USING (code, terminated);
                """
        )
        let forceAreas = try areaLists(column: "force_area")
        let localAuthorities = try areaLists(column: "local_authority")
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO \(table) (code, latitude, longitude, force_areas, local_authorities)
                VALUES (?, ?, ?, ?, ?)
                """
        )
        let centroids = try Row.fetchCursor(
            db,
            sql: """
                SELECT code, SUM(latitude_sum) / SUM(located), SUM(longitude_sum) / SUM(located)
                FROM temp.geography_basis GROUP BY code ORDER BY code
                """
        )
        var count = 0
        while let row = try centroids.next() {
            let code: String = row[0]
            var binder = SQLiteBinder(insert)
            binder.text(code)
            binder.real(row[1])
            binder.real(row[2])
            binder.text(forceAreas[code] ?? "")
            binder.text(localAuthorities[code] ?? "")
            try binder.run(in: db)
            count += 1
        }
        try db.execute(sql: "DROP TABLE temp.geography_basis")
        return count
    }

    /// Each group's codes in `column`, most postcodes first (ties by code), joined with `;`.
    private func areaLists(column: String) throws -> [String: String] {
        var lists: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT code, \(column) FROM temp.geography_basis WHERE \(column) IS NOT NULL
                GROUP BY code, \(column) ORDER BY code, SUM(postcodes) DESC, \(column)
                """
        )
        while let row = try rows.next() {
            let code: String = row[0]
            let area: String = row[1]
            if let list = lists[code] { lists[code] = list + ";" + area } else { lists[code] = area }
        }
        return lists
    }
}
