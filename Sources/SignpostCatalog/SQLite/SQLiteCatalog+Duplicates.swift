import GRDB
public import SignpostCore

extension SQLiteCatalog {
    /// Every service but those in `excluded`, reduced to what the duplicate rule reads (``DuplicateCandidate``), read
    /// column by column: a catalog of a million services fits in memory this way, whole services would not.
    public func duplicateCandidates(
        excluding excluded: Set<ServiceID> = []
    ) async throws(CatalogError)
        -> [DuplicateCandidate]
    {
        try await read { db in
            var postcodes: [String: [(postcode: Postcode, isConfidential: Bool)]] = [:]
            let locations = try Row.fetchCursor(
                db,
                sql: "SELECT service_id, postcode, confidential FROM service_location WHERE postcode IS NOT NULL"
            )
            while let row = try locations.next() {
                guard let postcode = (row[1] as String?).flatMap({ Postcode($0) }) else { continue }
                postcodes[row[0], default: []].append((postcode, row[2]))
            }
            var candidates: [DuplicateCandidate] = []
            let services = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.id, s.name, s.source, s.status, p.charity_number, s.phone, s.need_types, s.coverage
                    FROM service s JOIN provider p ON p.id = s.provider_id ORDER BY s.id
                    """
            )
            while let row = try services.next() {
                let id = ServiceID(row[0] as String)
                guard !excluded.contains(id) else { continue }
                let needs: String = row[6]
                let coverage: String = row[7]
                candidates.append(
                    DuplicateCandidate(
                        id: id,
                        name: row[1],
                        source: SourceName(rawValue: row[2]),
                        isClosed: (row[3] as String) == ServiceStatus.closed.rawValue,
                        charityNumber: row[4],
                        phone: row[5],
                        locations: postcodes[id.rawValue] ?? [],
                        needTypes: needs.split(separator: ";").map { NeedType(String($0)) },
                        coverage: Coverage(areas: coverage.split(separator: ";").map { AreaCode(String($0)) })
                    )
                )
            }
            return candidates
        }
    }
}
