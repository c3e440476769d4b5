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
        let lookup = try db.cachedStatement(sql: "SELECT id, fingerprint FROM service WHERE source = ?")
        for source in sources {
            let rows = try Row.fetchCursor(lookup, arguments: [source.rawValue])
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
        let deleteService = try db.cachedStatement(sql: "DELETE FROM service WHERE id = ?")
        let insertNeed = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO service_need (service_id, need) VALUES (?, ?)"
        )
        let insertArea = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO service_area (service_id, area, postcode_area) VALUES (?, ?, ?)"
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
        var providersWritten = Set<ProviderID>()
        for service in request.services {
            let id = service.id.rawValue
            var values = ServiceRowEncoder.values(of: service)
            let locations = ServiceRowEncoder.locationValues(of: service)
            let fingerprint = ServiceRowEncoder.fingerprint(values, locations: locations, provider: service.provider)
            let firstTimeInThisImport = seen.insert(id).inserted
            if let old = existing[id] {
                if old == fingerprint, firstTimeInThisImport {
                    outcome.unchanged.append(service.id)
                    continue
                }
                try deleteService.execute(arguments: [id])
                if firstTimeInThisImport { outcome.updated.append(service.id) }
            } else if firstTimeInThisImport {
                outcome.inserted.append(service.id)
            } else {
                try deleteService.execute(arguments: [id])
            }
            existing[id] = fingerprint

            if providersWritten.insert(service.provider.id).inserted {
                let provider = service.provider
                try upsertProvider.execute(
                    arguments: [provider.id.rawValue, provider.name, provider.charityNumber, provider.website]
                )
            }
            values.append(importID.databaseValue)
            values.append(fingerprint.databaseValue)
            try insertService.execute(arguments: StatementArguments(values))
            for need in service.needTypes { try insertNeed.execute(arguments: [id, need.rawValue]) }
            for area in service.coverage.areas {
                try insertArea.execute(arguments: [id, area.rawValue, area.postcodeArea?.rawValue])
            }
            for location in locations {
                try insertLocation.execute(arguments: StatementArguments([id.databaseValue] + location))
            }
        }

        if !request.replacing.isEmpty {
            let names = try db.cachedStatement(sql: "SELECT id, name, source FROM service WHERE source = ?")
            for source in request.replacing.sorted() {
                let rows = try Row.fetchAll(names, arguments: [source.rawValue])
                for row in rows where !seen.contains(row[0]) && !request.retained.contains(ServiceID(row[0] as String))
                {
                    outcome.withdrawn.append(WithdrawnService(id: ServiceID(row[0] as String), name: row[1]))
                }
            }
            outcome.withdrawn.sort { $0.id < $1.id }
            for withdrawn in outcome.withdrawn { try deleteService.execute(arguments: [withdrawn.id.rawValue]) }
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
