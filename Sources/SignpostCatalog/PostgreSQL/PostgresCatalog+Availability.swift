public import Foundation
import PostgresNIO
public import SignpostCore

extension PostgresCatalog {
    public func setAvailability(
        _ update: AvailabilityUpdate,
        of id: ServiceID,
        by: String,
        at: Date
    ) async throws(CatalogError) -> AvailabilityChange {
        let channel = location.channel
        do {
            return try await pool.client.withConnection { connection in
                try await connection.withTransaction(logger: Self.logger) { connection in
                    // The row locked first: two reports for one service at once are applied one after the other.
                    var lock = SQLStatement()
                    lock.sql = "SELECT 1 FROM service WHERE id = \(lock.bind(id.rawValue)) FOR UPDATE"
                    try await Self.run(lock, on: connection)
                    var filter = SQLStatement()
                    filter.sql = "s.id = \(filter.bind(id.rawValue))"
                    let current = try await Self.fetchServices(where: filter, limit: nil, on: connection).first
                    let write = try AvailabilityWrite(update, of: id, current: current, by: by, at: at)
                    var values = BindSink()
                    write.encode(into: &values)
                    var statement = values.statement
                    let assignments = zip(AvailabilityWrite.columns, values.placeholders).map { "\($0) = \($1)" }
                    statement.sql =
                        "UPDATE service SET \(assignments.joined(separator: ", ")) WHERE id = \(statement.bind(id.rawValue))"
                    try await Self.run(statement, on: connection)
                    var history = SQLStatement()
                    history.sql = """
                        INSERT INTO availability_change (service_id, changed_at, changed_by, old, new)
                        VALUES (\(history.bind(id.rawValue)), \(history.bind(Timestamp.string(from: write.change.changedAt))),
                            \(history.bind(by)), \(history.bind(AvailabilityText.encode(write.change.old))),
                            \(history.bind(AvailabilityText.encode(write.change.new))))
                        """
                    try await Self.run(history, on: connection)
                    try await Self.announceChange(on: connection, channel: channel)
                    return write.change
                }
            }
        } catch let error as PostgresTransactionError {
            if let error = error.closureError as? CatalogError { throw error }
            throw CatalogError(.storage, "cannot store the service's availability: \(Self.reason(error))")
        } catch {
            throw CatalogError(.storage, "cannot store the service's availability: \(Self.reason(error))")
        }
    }

    public func availabilityHistory(of id: ServiceID) async throws(CatalogError) -> [AvailabilityChange] {
        var query = SQLStatement()
        query.sql = """
            SELECT changed_at, changed_by, old, new FROM availability_change
            WHERE service_id = \(query.bind(id.rawValue)) ORDER BY id DESC
            """
        return try await withConnection("read the availability history") { connection in
            try await Self.rows(query, on: connection).map { row in
                AvailabilityChange(
                    serviceID: id,
                    changedAt: Timestamp.date(from: row.text(0) ?? "") ?? Date(timeIntervalSince1970: 0),
                    changedBy: row.text(1) ?? "",
                    old: AvailabilityText.decode(row.text(2)),
                    new: AvailabilityText.decode(row.text(3))
                )
            }
        }
    }
}

/// Binds a row's values as they are written, keeping each one's placeholder.
struct BindSink: RowSink {
    var statement = SQLStatement()
    var placeholders: [String] = []

    mutating func text(_ value: String?) { placeholders.append(statement.bind(value)) }
    mutating func integer(_ value: Int?) { placeholders.append(statement.bind(value)) }
    mutating func real(_ value: Double?) { placeholders.append(statement.bind(value)) }
}
