import PostgresNIO
public import SignpostCore

extension PostgresCatalog {
    /// As the SQLite store reads it: only the columns the duplicate rule needs, and only the ranges of ids between the
    /// excluded sources (an import of 100,000 services does not read them back as whole services).
    public func duplicatePool(
        excludingSources excludedSources: Set<SourceName> = []
    ) async throws(CatalogError) -> DuplicatePool {
        try await withConnection("read the catalog for likely duplicates") { connection in
            var pool = DuplicatePool()
            for range in CatalogKeys.idRanges(excluding: excludedSources) {
                try await Self.readCandidates(range, into: &pool, on: connection)
            }
            return pool
        }
    }

    private static func readCandidates(
        _ range: (lower: String?, upper: String?),
        into pool: inout DuplicatePool,
        on connection: PostgresConnection
    ) async throws {
        func filtered(_ sql: String, column: String, joiner: String) -> SQLStatement {
            var statement = SQLStatement()
            var clauses: [String] = []
            if let lower = range.lower { clauses.append("\(column) >= \(statement.bind(lower))") }
            if let upper = range.upper { clauses.append("\(column) < \(statement.bind(upper))") }
            statement.sql = sql.replacing(
                "{filter}",
                with: clauses.isEmpty ? "" : joiner + clauses.joined(separator: " AND ")
            )
            return statement
        }
        var postcodes: [String: [(postcode: Postcode, isConfidential: Bool)]] = [:]
        let locations = filtered(
            "SELECT service_id, postcode, confidential FROM service_location WHERE postcode IS NOT NULL {filter} "
                + "ORDER BY service_id, position",
            column: "service_id",
            joiner: "AND "
        )
        for row in try await rows(locations, on: connection) {
            guard let postcode = row.text(1).flatMap({ Postcode($0) }) else { continue }
            postcodes[row.text(0) ?? "", default: []].append((postcode, row.integer(2) == 1))
        }
        let services = filtered(
            """
            SELECT s.id, s.name, s.source, s.status, p.charity_number, s.phone, s.need_types, s.coverage
            FROM service s JOIN provider p ON p.id = s.provider_id {filter} ORDER BY s.id
            """,
            column: "s.id",
            joiner: "WHERE "
        )
        for row in try await rows(services, on: connection) {
            let id = row.text(0) ?? ""
            pool.add(
                DuplicateCandidate(
                    id: ServiceID(id),
                    name: row.text(1) ?? "",
                    source: SourceName(rawValue: row.text(2) ?? ""),
                    isClosed: row.text(3) == ServiceStatus.closed.rawValue,
                    charityNumber: row.text(4),
                    phone: row.text(5),
                    locations: postcodes[id] ?? [],
                    needTypes: (row.text(6) ?? "").split(separator: ";").map { NeedType(String($0)) },
                    coverage: Coverage(areas: CatalogKeys.areaCodes(row.text(7) ?? ""))
                )
            )
        }
    }
}
