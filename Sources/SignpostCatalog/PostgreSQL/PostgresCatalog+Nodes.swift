public import Foundation
import PostgresNIO

// What several nodes over one database share: the API keys, the catalog's version and the notifications of change.
extension PostgresCatalog {
    public var keepsAPIKeys: Bool { true }

    public func apiKeys() async throws(CatalogError) -> [APIKeyRecord] {
        try await withConnection("read the API keys") { connection in
            try await Self.rows(
                SQLStatement(
                    "SELECT id, name, role, salt, hash, created_at, revoked_at, scope FROM api_key ORDER BY created_at, id"
                ),
                on: connection
            ).compactMap { row -> APIKeyRecord? in
                guard let id = row.text(0), let role = row.text(2).flatMap(Role.init(rawValue:)) else { return nil }
                return APIKeyRecord(
                    id: id,
                    name: row.text(1) ?? "",
                    role: role,
                    salt: row.text(3) ?? "",
                    hash: row.text(4) ?? "",
                    createdAt: Timestamp.date(from: row.text(5) ?? "") ?? Date(timeIntervalSince1970: 0),
                    revokedAt: row.text(6).flatMap { Timestamp.date(from: $0) },
                    scope: row.text(7).flatMap { APIKeyRecord.Scope(text: $0) }
                )
            }
        }
    }

    public func add(_ key: APIKeyRecord) async throws(CatalogError) {
        var insert = SQLStatement()
        insert.sql = """
            INSERT INTO api_key (id, name, role, salt, hash, created_at, scope)
            VALUES (\(insert.bind(key.id)), \(insert.bind(key.name)), \(insert.bind(key.role.rawValue)),
                \(insert.bind(key.salt)), \(insert.bind(key.hash)), \(insert.bind(Timestamp.string(from: key.createdAt))),
                \(insert.bind(key.scope?.text)))
            """
        let channel = location.channel
        try await withConnection("store the API key") { connection in
            try await connection.withTransaction(logger: Self.logger) { connection in
                try await Self.run(insert, on: connection)
                try await Self.announceChange(on: connection, channel: channel)
            }
        }
    }

    public func revokeAPIKey(id: String, at date: Date) async throws(CatalogError) -> Bool {
        var revoke = SQLStatement()
        revoke.sql = """
            UPDATE api_key SET revoked_at = \(revoke.bind(Timestamp.string(from: date)))
            WHERE id = \(revoke.bind(id)) AND revoked_at IS NULL RETURNING id
            """
        let channel = location.channel
        return try await withConnection("revoke the API key") { connection in
            try await connection.withTransaction(logger: Self.logger) { connection in
                let revoked = try await Self.rows(revoke, on: connection)
                if !revoked.isEmpty { try await Self.announceChange(on: connection, channel: channel) }
                return !revoked.isEmpty
            }
        }
    }

    /// Listens on the catalog's channel with a pooled connection of its own, reconnecting a second after it is
    /// lost; yields once on every (re)connection and once per notification.
    public func changeNotifications() -> AsyncStream<Void>? {
        let client = pool.client
        let channel = location.channel
        return AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            let notifications = try await connection.listen(channel)
                            continuation.yield(())
                            for try await _ in notifications { continuation.yield(()) }
                        }
                    } catch {
                        // Lost: the version check covers the gap until it is back.
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
