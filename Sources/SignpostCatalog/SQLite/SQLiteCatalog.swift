import Foundation
import GRDB
public import SignpostCore

/// The embedded catalog: one SQLite file (WAL mode, foreign keys on), read and written through GRDB.
public struct SQLiteCatalog: Catalog {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the catalog at `path` and brings its schema up to date.
    public init(path: String) throws(CatalogError) {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // 16 KB pages suit rows of half a kilobyte (fewer page splits: about 8% faster imports than 4 KB);
                // it takes effect only when the file is created.
                try db.execute(sql: "PRAGMA page_size = 16384")
                // Readers (lookups, reports, the server) read pages through a memory map rather than copying each
                // one. The writer does not: an import touches most of the file, and mapped pages would count in
                // its memory (a 130 MB list: 60 MB more) for no gain in speed.
                if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool)
            writer = pool
        } catch {
            throw CatalogError(
                .cannotOpen,
                "cannot open the catalog at \(path): \(Self.reason(error)). Check the path (--db or SIGNPOST_DB) "
                    + "and that the folder is writable"
            )
        }
    }

    /// Opens an existing catalog to read only: nothing is written, not even its journal, so that a catalog on
    /// read-only storage (or one another user owns) can still be listed and searched. The schema is used as it is.
    public init(readingOnly path: String) throws(CatalogError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CatalogError(.cannotOpen, "there is no catalog at \(path)")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            // Immutable: SQLite takes no locks and makes no journal beside the file, which read-only storage could
            // not hold (a catalog in WAL mode otherwise needs its -shm file).
            let uri =
                "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
            let queue = try DatabaseQueue(path: uri, configuration: configuration)
            let known = try queue.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
            guard known.contains("v1-catalog") else {
                throw CatalogError(.cannotOpen, "the file at \(path) is not a Signpost catalog")
            }
            guard known.contains(SQLiteSchema.latest) else {
                throw CatalogError(
                    .cannotOpen,
                    "the catalog at \(path) was made by an earlier Signpost and cannot be read as it is: open it once "
                        + "where it can be written (any command) to bring it up to date"
                )
            }
            writer = queue
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.cannotOpen, "cannot read the catalog at \(path): \(Self.reason(error))")
        }
    }

    /// A fresh catalog in memory (tests, dry runs, benchmarks).
    public static func inMemory() throws(CatalogError) -> SQLiteCatalog {
        do {
            let queue = try DatabaseQueue()
            try SQLiteSchema.migrator.migrate(queue)
            return SQLiteCatalog(writer: queue)
        } catch {
            throw CatalogError(.cannotOpen, "cannot create an in-memory catalog: \(reason(error))")
        }
    }

    init(writer: any DatabaseWriter) { self.writer = writer }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw CatalogError(.storage, "cannot read the catalog: \(Self.reason(error))")
        }
    }

    // MARK: Reading

    public func service(id: ServiceID) async throws(CatalogError) -> Service? {
        try await read { db in
            try ServiceRowReader.fetch(db, where: "s.id = ?", arguments: [id.rawValue], limit: nil).first
        }
    }

    public func services(_ query: ServiceQuery) async throws(CatalogError) -> [Service] {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        // The services are chosen as one set of ids (the place's, united with those near the point, intersected
        // with the needs'), which SQLite builds from the small lists first rather than testing every service that
        // meets a common need.
        var sets: [String] = []
        if !query.areas.isEmpty || !query.postcodeAreas.isEmpty || query.near != nil {
            var parts: [String] = []
            if !query.areas.isEmpty {
                parts.append("area IN (\(Self.placeholders(query.areas.count)))")
                arguments += query.areas.sorted().map(\.rawValue)
            }
            // A postcode area's own code, and its districts: the area's letters then a digit ("LS" -> LS1..LS99,
            // but not "LSx" of another area, nor L's "LS" for Liverpool's "L"). Districts are at most four
            // characters, which keeps out the nine-character ONS codes that sort among them ("E08000035" among E's).
            for postcodeArea in query.postcodeAreas.sorted() {
                parts.append("area = ? OR (area >= ? AND area < ? AND length(area) <= 4)")
                arguments += [postcodeArea.rawValue, "\(postcodeArea.rawValue)0", "\(postcodeArea.rawValue):"]
            }
            var place =
                parts.isEmpty ? "" : "SELECT service_id FROM service_area WHERE \(parts.joined(separator: " OR "))"
            if let near = query.near {
                // A box around the point, a little larger than the circle; the matcher measures the distances.
                let latitudeSpan = near.kilometres / 111.0
                let longitudeSpan = near.kilometres / max(1, 111.0 * cos(near.point.latitude * .pi / 180))
                place +=
                    (place.isEmpty ? "" : " UNION ")
                    + "SELECT service_id FROM service_location WHERE confidential = 0 "
                    + "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
                arguments += [
                    near.point.latitude - latitudeSpan, near.point.latitude + latitudeSpan,
                    near.point.longitude - longitudeSpan, near.point.longitude + longitudeSpan,
                ]
            }
            sets.append(place)
        }
        if !query.needTypes.isEmpty {
            sets.append(
                "SELECT service_id FROM service_need WHERE need IN (\(Self.placeholders(query.needTypes.count)))"
            )
            arguments += query.needTypes.sorted().map(\.rawValue)
        }
        if !sets.isEmpty { clauses.append("s.id IN (\(sets.joined(separator: " INTERSECT ")))") }
        if !query.sources.isEmpty {
            clauses.append(
                "(" + Array(repeating: "(s.id > ? AND s.id < ?)", count: query.sources.count).joined(separator: " OR ")
                    + ")"
            )
            for source in query.sources.sorted() {
                arguments += ["\(source.rawValue)/", "\(source.rawValue)0"]
            }
        }
        let whereClause = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        let boundArguments = StatementArguments(arguments)
        let limit = query.limit
        return try await read { db in
            try ServiceRowReader.fetch(db, where: whereClause, arguments: boundArguments, limit: limit)
        }
    }

    /// The services whose record id (the part after `SOURCE/`) is `recordID`, in any source.
    public func services(recordID: String) async throws(CatalogError) -> [Service] {
        try await read { db in
            let pattern = "%/" + CatalogKeys.likeEscaped(recordID)
            return try ServiceRowReader.fetch(db, where: "s.id LIKE ? ESCAPE '\\'", arguments: [pattern], limit: 20)
                .filter { $0.id.recordID == recordID }
        }
    }

    /// Every service's id, in order (for "did you mean" hints).
    public func serviceIDs() async throws(CatalogError) -> [ServiceID] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT id FROM service ORDER BY id").map { ServiceID($0) }
        }
    }

    /// The sources the catalog's services come from, in order.
    public func sourceNames() async throws(CatalogError) -> [SourceName] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT substr(id, 1, instr(id, '/') - 1) FROM service ORDER BY 1")
                .map { SourceName(rawValue: $0) }
        }
    }

    /// How many services the catalog holds (closed ones included).
    public func serviceCount() async throws(CatalogError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM service") ?? 0 }
    }

    public func allServices() async throws(CatalogError) -> [Service] {
        try await read { db in try ServiceRowReader.fetch(db, where: "1", arguments: [], limit: nil) }
    }

    public func imports(limit: Int) async throws(CatalogError) -> [ImportRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, started_at, files, sources, inserted, updated, unchanged, rejected, withdrawn
                    FROM import_run ORDER BY id DESC LIMIT ?
                    """,
                arguments: [limit]
            )
            .map { row in
                ImportRecord(
                    id: ImportID(row[0]),
                    startedAt: Timestamp.date(from: row[1]) ?? Date(timeIntervalSince1970: 0),
                    files: (row[2] as String).split(separator: "\n").map(String.init),
                    sources: (row[3] as String).split(separator: ";").map { SourceName(rawValue: String($0)) },
                    inserted: row[4],
                    updated: row[5],
                    unchanged: row[6],
                    rejected: row[7],
                    withdrawn: row[8]
                )
            }
        }
    }

    /// The bounds (exclusive) of the ids of a source's services: `SOURCE/` up to `SOURCE0` (`0` follows `/`).
    static func keyRange(of source: SourceName) -> StatementArguments {
        let bounds = CatalogKeys.bounds(of: source)
        return [bounds.lower, bounds.upper]
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
