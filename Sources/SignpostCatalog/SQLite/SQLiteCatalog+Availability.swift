public import Foundation
import GRDB
public import SignpostCore

extension SQLiteCatalog {
    public func setAvailability(
        _ update: AvailabilityUpdate,
        of id: ServiceID,
        by: String,
        at: Date
    ) async throws(CatalogError) -> AvailabilityChange {
        do {
            return try await writer.write { db in
                let current = try ServiceRowReader.fetch(db, where: "s.id = ?", arguments: [id.rawValue], limit: nil)
                let write = try AvailabilityWrite(update, of: id, current: current.first, by: by, at: at)
                let assignments = AvailabilityWrite.columns.map { "\($0) = ?" }.joined(separator: ", ")
                // Held for the binder, which binds through the statement's pointer.
                let statement = try db.makeStatement(sql: "UPDATE service SET \(assignments) WHERE id = ?")
                try withExtendedLifetime(statement) {
                    var binder = SQLiteBinder(statement)
                    write.encode(into: &binder)
                    binder.text(id.rawValue)
                    try binder.run(in: db)
                }
                try db.execute(
                    sql: """
                        INSERT INTO availability_change (service_id, changed_at, changed_by, old, new)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id.rawValue, Timestamp.string(from: write.change.changedAt), by,
                        AvailabilityText.encode(write.change.old), AvailabilityText.encode(write.change.new),
                    ]
                )
                try Self.raiseVersion(db)
                return write.change
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.storage, "cannot store the service's availability: \(Self.reason(error))")
        }
    }

    public func availabilityHistory(of id: ServiceID) async throws(CatalogError) -> [AvailabilityChange] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT changed_at, changed_by, old, new FROM availability_change
                    WHERE service_id = ? ORDER BY id DESC
                    """,
                arguments: [id.rawValue]
            ).map { row in
                AvailabilityChange(
                    serviceID: id,
                    changedAt: Timestamp.date(from: row[0]) ?? Date(timeIntervalSince1970: 0),
                    changedBy: row[1],
                    old: AvailabilityText.decode(row[2]),
                    new: AvailabilityText.decode(row[3])
                )
            }
        }
    }

    /// The catalog's version, raised by imports and availability reports: the server reloads when it changes.
    public func version() async throws(CatalogError) -> Int64? {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT version FROM catalog_state") }
    }

    static func raiseVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE catalog_state SET version = version + 1")
    }
}
