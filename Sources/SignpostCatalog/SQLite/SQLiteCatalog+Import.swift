import Foundation
import GRDB
import SignpostCore

extension SQLiteCatalog {
    public func apply(_ request: ImportRequest) async throws(CatalogError) -> ImportOutcome {
        do {
            return try await writer.writeWithoutTransaction { db in
                var outcome = ImportOutcome()
                try db.inTransaction(.immediate) {
                    outcome = try ImportWriter(db: db, request: request).run()
                    return request.dryRun ? .rollback : .commit
                }
                outcome.committed = !request.dryRun
                if request.dryRun { outcome.importID = nil }
                return outcome
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(
                .storage,
                "the import was rolled back and the catalog is unchanged: \(Self.reason(error))"
            )
        }
    }
}

/// Writes one import inside an open transaction.
private struct ImportWriter {
    let db: Database
    let request: ImportRequest

    func run() throws -> ImportOutcome {
        let sources = Set(request.services.map(\.provenance.source)).union(request.replacing)
        try db.execute(
            sql: "INSERT INTO import_run (started_at, files, sources, rejected) VALUES (?, ?, ?, ?)",
            arguments: [
                Timestamp.string(from: request.startedAt),
                request.files.joined(separator: "\n"),
                sources.sorted().map(\.rawValue).joined(separator: ";"),
                request.rejectedCount,
            ]
        )
        let importID = db.lastInsertedRowID

        var existing: [String: Int64] = [:]
        let lookup = try db.cachedStatement(sql: "SELECT id, fingerprint FROM service WHERE id > ? AND id < ?")
        for source in sources {
            let rows = try Row.fetchCursor(lookup, arguments: SQLiteCatalog.keyRange(of: source))
            while let row = try rows.next() { existing[row[0]] = row[1] }
        }

        let upsertProvider = try db.cachedStatement(
            sql: """
                INSERT INTO provider (id, name, charity_number, website) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, charity_number = excluded.charity_number,
                    website = excluded.website
                WHERE name IS NOT excluded.name OR charity_number IS NOT excluded.charity_number
                    OR website IS NOT excluded.website
                """
        )
        let insertService = try db.cachedStatement(sql: ServiceColumns.insertSQL)
        let deleter = try ServiceDeleter(db: db)
        let insertNeed = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO service_need (need, service_id) VALUES (?, ?)"
        )
        let insertArea = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO service_area (area, service_id) VALUES (?, ?)"
        )
        let insertLocation = try db.cachedStatement(
            sql: """
                INSERT INTO service_location
                    (service_id, position, name, address, town, postcode, latitude, longitude, confidential)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )

        var outcome = ImportOutcome(importID: ImportID(importID))
        var seen = Set<String>()
        var providersWritten = Set<String>()
        for service in request.services {
            let id = service.id.rawValue
            let fingerprint = ServiceRowEncoder.fingerprint(service)
            let firstTimeInThisImport = seen.insert(id).inserted
            if let old = existing[id] {
                if old == fingerprint, firstTimeInThisImport {
                    outcome.unchanged.append(service.id)
                    continue
                }
                try deleter.delete(id)
                if firstTimeInThisImport { outcome.updated.append(service.id) }
            } else if firstTimeInThisImport {
                outcome.inserted.append(service.id)
            } else {
                try deleter.delete(id)
            }
            existing[id] = fingerprint

            let provider = service.provider
            if providersWritten.insert(provider.id.rawValue).inserted {
                var binder = SQLiteBinder(upsertProvider)
                binder.text(provider.id.rawValue)
                binder.text(provider.name)
                binder.text(provider.charityNumber)
                binder.text(provider.website)
                try binder.run(in: db)
            }
            var row = SQLiteBinder(insertService)
            ServiceRowEncoder.encode(service, into: &row)
            row.integer(Int(importID))
            row.integer(Int(fingerprint))
            try row.run(in: db)
            for need in service.needTypes {
                var binder = SQLiteBinder(insertNeed)
                binder.text(need.rawValue)
                binder.text(id)
                try binder.run(in: db)
            }
            for area in service.coverage.areas {
                var binder = SQLiteBinder(insertArea)
                binder.text(area.rawValue)
                binder.text(id)
                try binder.run(in: db)
            }
            for (position, location) in service.locations.enumerated() {
                var binder = SQLiteBinder(insertLocation)
                binder.text(id)
                ServiceRowEncoder.encode(location, position: position, into: &binder)
                try binder.run(in: db)
            }
        }

        if !request.replacing.isEmpty {
            let names = try db.cachedStatement(sql: "SELECT id, name FROM service WHERE id > ? AND id < ?")
            for source in request.replacing.sorted() {
                let rows = try Row.fetchAll(names, arguments: SQLiteCatalog.keyRange(of: source))
                for row in rows where !seen.contains(row[0]) && !request.retained.contains(ServiceID(row[0] as String))
                {
                    outcome.withdrawn.append(WithdrawnService(id: ServiceID(row[0] as String), name: row[1]))
                }
            }
            outcome.withdrawn.sort { $0.id < $1.id }
            for withdrawn in outcome.withdrawn { try deleter.delete(withdrawn.id.rawValue) }
        }
        try db.execute(sql: "DELETE FROM provider WHERE id NOT IN (SELECT provider_id FROM service)")
        try db.execute(
            sql: "UPDATE import_run SET inserted = ?, updated = ?, unchanged = ?, withdrawn = ? WHERE id = ?",
            arguments: [
                outcome.inserted.count, outcome.updated.count, outcome.unchanged.count, outcome.withdrawn.count,
                importID,
            ]
        )
        return outcome
    }
}

/// Deletes a service and its rows in the lookup tables, found from the codes stored on the service row.
private struct ServiceDeleter {
    let db: Database
    let codes: Statement
    let deleteNeed: Statement
    let deleteArea: Statement
    let deleteService: Statement

    init(db: Database) throws {
        self.db = db
        codes = try db.cachedStatement(sql: "SELECT need_types, coverage FROM service WHERE id = ?")
        deleteNeed = try db.cachedStatement(sql: "DELETE FROM service_need WHERE need = ? AND service_id = ?")
        deleteArea = try db.cachedStatement(sql: "DELETE FROM service_area WHERE area = ? AND service_id = ?")
        deleteService = try db.cachedStatement(sql: "DELETE FROM service WHERE id = ?")
    }

    func delete(_ id: String) throws {
        guard let row = try Row.fetchOne(codes, arguments: [id]) else { return }
        for (statement, list) in [(deleteNeed, row[0] as String), (deleteArea, row[1] as String)] {
            for code in list.split(separator: ";") {
                var binder = SQLiteBinder(statement)
                binder.text(String(code))
                binder.text(id)
                try binder.run(in: db)
            }
        }
        var binder = SQLiteBinder(deleteService)
        binder.text(id)
        try binder.run(in: db)
    }
}
