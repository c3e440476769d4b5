import Foundation
import GRDB
import SignpostCore

extension SQLiteCatalog {
    public func apply(_ options: ImportOptions, feed: ServiceFeed) async throws(CatalogError) -> ImportOutcome {
        do {
            return try await writer.writeWithoutTransaction { db in
                defer { feed.abandon() }
                var outcome = ImportOutcome()
                try db.inTransaction(.immediate) {
                    outcome = try ImportWriter(db: db, options: options, feed: feed).run()
                    return options.dryRun ? .rollback : .commit
                }
                outcome.committed = !options.dryRun
                if options.dryRun { outcome.importID = nil }
                return outcome
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as FeedFailure {
            throw CatalogError(.aborted, "the import was stopped and the catalog is unchanged: \(error.underlying)")
        } catch {
            throw CatalogError(
                .storage,
                "the import was rolled back and the catalog is unchanged: \(Self.reason(error))"
            )
        }
    }
}

/// The error a feed failed with, passed through the transaction.
struct FeedFailure: Error {
    var underlying: any Error
}

/// Writes one import inside an open transaction.
private struct ImportWriter {
    let db: Database
    let options: ImportOptions
    let feed: ServiceFeed

    func run() throws -> ImportOutcome {
        try db.execute(
            sql: "INSERT INTO import_run (started_at, files, sources) VALUES (?, ?, '')",
            arguments: [Timestamp.string(from: options.startedAt), options.files.joined(separator: "\n")]
        )
        let importID = db.lastInsertedRowID
        let statements = try Statements(db: db)
        var state = State(importID: importID)

        while let batch = try nextBatch() {
            for service in batch { try store(service, state: &state, statements: statements) }
        }
        let ending: ServiceFeed.Ending
        do {
            ending = try feed.finalEnding()
        } catch {
            throw FeedFailure(underlying: error)
        }

        var outcome = state.outcome
        if !ending.replacing.isEmpty {
            let names = try db.cachedStatement(sql: "SELECT id, name FROM service WHERE id > ? AND id < ?")
            for source in ending.replacing.sorted() {
                let rows = try Row.fetchAll(names, arguments: SQLiteCatalog.keyRange(of: source))
                for row in rows {
                    let id = ServiceID(row[0] as String)
                    guard !state.seen.contains(id.rawValue), !ending.retained.contains(id) else { continue }
                    outcome.withdrawn.append(WithdrawnService(id: id, name: row[1]))
                }
            }
            outcome.withdrawn.sort { $0.id < $1.id }
            for withdrawn in outcome.withdrawn { try statements.deleter.delete(withdrawn.id.rawValue) }
        }
        try db.execute(sql: "DELETE FROM provider WHERE id NOT IN (SELECT provider_id FROM service)")
        try SQLiteCatalog.raiseVersion(db)
        try db.execute(
            sql: """
                UPDATE import_run SET sources = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, withdrawn = ?
                WHERE id = ?
                """,
            arguments: [
                state.sources.union(ending.replacing).sorted().map { $0.rawValue }.joined(separator: ";"),
                outcome.inserted.count, outcome.updated.count, outcome.unchanged.count, ending.rejectedCount,
                outcome.withdrawn.count, importID,
            ]
        )
        return outcome
    }

    private func nextBatch() throws -> [Service]? {
        do {
            return try feed.next()
        } catch {
            throw FeedFailure(underlying: error)
        }
    }

    /// What the import has done so far.
    private struct State {
        let importID: Int64
        var outcome: ImportOutcome
        /// Stored fingerprints of the services of the sources seen so far.
        var existing: [String: Int64] = [:]
        /// The services' own reports of their figures, of the sources seen so far.
        var reports: [String: StoredReport] = [:]
        var sources = Set<SourceName>()
        var seen = Set<String>()
        var providersWritten = Set<String>()

        init(importID: Int64) {
            self.importID = importID
            outcome = ImportOutcome(importID: ImportID(importID))
        }
    }

    /// The import's prepared statements.
    private struct Statements {
        let lookup: Statement
        let upsertProvider: Statement
        let insertService: Statement
        let insertNeed: Statement
        let insertArea: Statement
        let insertLocation: Statement
        let deleter: ServiceDeleter

        init(db: Database) throws {
            lookup = try db.cachedStatement(
                sql: "SELECT id, fingerprint, \(StoredReport.columns) FROM service WHERE id > ? AND id < ?"
            )
            upsertProvider = try db.cachedStatement(
                sql: """
                    INSERT INTO provider (id, name, charity_number, website) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, charity_number = excluded.charity_number,
                        website = excluded.website
                    WHERE name IS NOT excluded.name OR charity_number IS NOT excluded.charity_number
                        OR website IS NOT excluded.website
                    """
            )
            insertService = try db.cachedStatement(
                sql: "INSERT INTO service (\(ServiceColumns.stored.joined(separator: ", "))) "
                    + "VALUES (\(SQLiteCatalog.placeholders(ServiceColumns.stored.count)))"
            )
            insertNeed = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO service_need (need, service_id) VALUES (?, ?)"
            )
            insertArea = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO service_area (area, service_id) VALUES (?, ?)"
            )
            insertLocation = try db.cachedStatement(
                sql: """
                    INSERT INTO service_location
                        (service_id, position, name, address, town, postcode, latitude, longitude, confidential)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            deleter = try ServiceDeleter(db: db)
        }
    }

    /// Inserts, updates or skips one service.
    private func store(_ listed: Service, state: inout State, statements: Statements) throws {
        let source = listed.provenance.source
        if state.sources.insert(source).inserted {
            let rows = try Row.fetchCursor(statements.lookup, arguments: SQLiteCatalog.keyRange(of: source))
            while let row = try rows.next() {
                state.existing[row[0]] = row[1]
                if let report = StoredReport(row, from: 2) { state.reports[row[0]] = report }
            }
        }
        var service = listed
        if let report = state.reports[listed.id.rawValue], let kept = report.kept(over: listed) {
            service = kept
            if !state.outcome.keptReports.contains(listed.id) { state.outcome.keptReports.append(listed.id) }
        }
        let id = service.id.rawValue
        let fingerprint = ServiceRowEncoder.fingerprint(service)
        let firstTimeInThisImport = state.seen.insert(id).inserted
        if let old = state.existing[id] {
            if old == fingerprint, firstTimeInThisImport {
                state.outcome.unchanged.append(service.id)
                return
            }
            try statements.deleter.delete(id)
            if firstTimeInThisImport { state.outcome.updated.append(service.id) }
        } else if firstTimeInThisImport {
            state.outcome.inserted.append(service.id)
        } else {
            try statements.deleter.delete(id)
        }
        state.existing[id] = fingerprint

        let provider = service.provider
        if state.providersWritten.insert(provider.id.rawValue).inserted {
            var binder = SQLiteBinder(statements.upsertProvider)
            binder.text(provider.id.rawValue)
            binder.text(provider.name)
            binder.text(provider.charityNumber)
            binder.text(provider.website)
            try binder.run(in: db)
        }
        var row = SQLiteBinder(statements.insertService)
        ServiceRowEncoder.encode(service, into: &row)
        row.integer(Int(state.importID))
        row.integer(Int(fingerprint))
        try row.run(in: db)
        for need in service.needTypes {
            var binder = SQLiteBinder(statements.insertNeed)
            binder.text(need.rawValue)
            binder.text(id)
            try binder.run(in: db)
        }
        for area in service.coverage.areas {
            var binder = SQLiteBinder(statements.insertArea)
            binder.text(area.rawValue)
            binder.text(id)
            try binder.run(in: db)
        }
        for (position, location) in service.locations.enumerated() {
            var binder = SQLiteBinder(statements.insertLocation)
            binder.text(id)
            ServiceRowEncoder.encode(location, position: position, into: &binder)
            try binder.run(in: db)
        }
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
