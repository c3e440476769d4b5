import GRDB
public import SignpostCore

extension SQLiteCatalog {
    /// Every service of a source not in `excludedSources`, reduced to what the duplicate rule reads
    /// (a ``DuplicatePool``), read column by column: a catalog of a million services fits in memory this way, whole
    /// services would not. A source's services are one range of ids (`SOURCE/...`), so the ranges between the
    /// excluded sources are read and theirs never touched (an import of 200,000 services does not read them back).
    public func duplicatePool(
        excludingSources excludedSources: Set<SourceName> = []
    ) async throws(CatalogError) -> DuplicatePool {
        try await read { db in
            var pool = DuplicatePool()
            for range in CatalogKeys.idRanges(excluding: excludedSources) {
                try Self.readCandidates(db, range, into: &pool)
            }
            return pool
        }
    }

    /// Reads the candidates whose ids lie in `range`, joining each service's postcodes in one ordered pass.
    private static func readCandidates(
        _ db: Database,
        _ range: (lower: String?, upper: String?),
        into pool: inout DuplicatePool
    ) throws {
        let arguments = StatementArguments([range.lower, range.upper].compactMap { $0 })
        func filter(_ column: String) -> [String] {
            (range.lower == nil ? [] : ["\(column) >= ?"]) + (range.upper == nil ? [] : ["\(column) < ?"])
        }
        let serviceFilter = filter("s.id").isEmpty ? "" : "WHERE " + filter("s.id").joined(separator: " AND ")
        let locationFilter = filter("service_id").map { "AND " + $0 }.joined(separator: " ")
        let locations = try Row.fetchCursor(
            db,
            sql: """
                SELECT service_id, postcode, confidential FROM service_location
                WHERE postcode IS NOT NULL \(locationFilter) ORDER BY service_id, position
                """,
            arguments: arguments
        )
        var pendingLocation = try locations.next()
        let services = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.id, s.name, s.source, s.status, p.charity_number, s.phone, s.need_types, s.coverage
                FROM service s JOIN provider p ON p.id = s.provider_id \(serviceFilter) ORDER BY s.id
                """,
            arguments: arguments
        )
        while let row = try services.next() {
            let id: String = row[0]
            var postcodes: [(postcode: Postcode, isConfidential: Bool)] = []
            // Both cursors run in id order (SQLite's, by UTF-8 bytes): skip locations of services not listed (none
            // should be), take this one's.
            while let location = pendingLocation {
                let owner: String = location[0]
                if owner.utf8.elementsEqual(id.utf8) {
                    if let postcode = (location[1] as String?).flatMap({ Postcode($0) }) {
                        postcodes.append((postcode, location[2]))
                    }
                } else if !owner.utf8.lexicographicallyPrecedes(id.utf8) {
                    break
                }
                pendingLocation = try locations.next()
            }
            let needs: String = row[6]
            let coverage: String = row[7]
            pool.add(
                DuplicateCandidate(
                    id: ServiceID(id),
                    name: row[1],
                    source: SourceName(rawValue: row[2]),
                    isClosed: (row[3] as String) == ServiceStatus.closed.rawValue,
                    charityNumber: row[4],
                    phone: row[5],
                    locations: postcodes,
                    needTypes: needs.split(separator: ";").map { NeedType(String($0)) },
                    coverage: Coverage(areas: coverage.split(separator: ";").map { AreaCode(String($0)) })
                )
            )
        }
    }
}
