import Foundation
import GRDB
import SignpostCore

/// Reads services back from rows (by column position, without Codable, which is slower).
enum ServiceRowReader {
    static func fetch(
        _ db: Database,
        where whereClause: String,
        arguments: StatementArguments,
        limit: Int?
    ) throws -> [Service] {
        let columns = ServiceColumns.names.map { "s.\($0)" }.joined(separator: ", ")
        var sql = """
            SELECT \(columns), s.import_id, p.name, p.charity_number, p.website
            FROM service s JOIN provider p ON p.id = s.provider_id
            WHERE \(whereClause) ORDER BY s.id
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        var services: [Service] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { services.append(ServiceRowDecoder.service(from: row)) }
        guard !services.isEmpty else { return services }

        let locations = try self.locations(db, for: services, whereClause: whereClause, arguments: arguments)
        for index in services.indices {
            if let found = locations[services[index].id] { services[index].locations = found }
        }
        return services
    }

    private static func locations(
        _ db: Database,
        for services: [Service],
        whereClause: String,
        arguments: StatementArguments
    ) throws -> [ServiceID: [ServiceLocation]] {
        let sql = """
            SELECT l.service_id, l.name, l.address, l.town, l.postcode, l.latitude, l.longitude, l.confidential
            FROM service_location l
            WHERE l.service_id IN (SELECT s.id FROM service s WHERE \(whereClause))
            ORDER BY l.service_id, l.position
            """
        var result: [ServiceID: [ServiceLocation]] = [:]
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            var point: GeoPoint?
            if let latitude = row[5] as Double?, let longitude = row[6] as Double? {
                point = GeoPoint(latitude: latitude, longitude: longitude)
            }
            let location = ServiceLocation(
                name: row[1],
                address: row[2],
                town: row[3],
                postcode: (row[4] as String?).flatMap { Postcode($0) },
                point: point,
                isConfidential: row[7]
            )
            result[ServiceID(row[0]), default: []].append(location)
        }
        return result
    }
}

/// GRDB's rows read by column position.
extension Row: ColumnValues {
    func text(_ index: Int) -> String? { self[index] }
    func integer(_ index: Int) -> Int? { self[index] }
    func real(_ index: Int) -> Double? { self[index] }
}
