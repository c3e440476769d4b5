public import Foundation
public import SignpostCore

/// Where services are kept, with the postcode geography and the kept gap reports. Every caller (the command line,
/// the server, the workflows) depends on this protocol, not on a store, so that the embedded SQLite catalog and a
/// PostgreSQL catalog for multi-node deployments are interchangeable. Only the stores themselves and benchmarks of a
/// store name one.
public protocol Catalog: Sendable {
    /// Applies an import in one transaction, storing batches as `feed` delivers them: inserts new services, updates
    /// changed ones, leaves unchanged ones alone and, for the sources the feed's ending names, withdraws services the
    /// import does not contain. Any error, including one the feed fails with, rolls the whole import back; so does
    /// `options.dryRun`, after counting.
    func apply(_ options: ImportOptions, feed: ServiceFeed) async throws(CatalogError) -> ImportOutcome

    /// The service with this id, if the catalog holds it.
    func service(id: ServiceID) async throws(CatalogError) -> Service?

    /// Services matching `query`, ordered by id.
    func services(_ query: ServiceQuery) async throws(CatalogError) -> [Service]

    /// Every service, ordered by id (for building the matcher's index and for statistics).
    func allServices() async throws(CatalogError) -> [Service]

    /// The most recent imports, newest first.
    func imports(limit: Int) async throws(CatalogError) -> [ImportRecord]

    /// Every service of a source not in `excludedSources`, reduced to what the duplicate rule reads.
    func duplicatePool(excludingSources excludedSources: Set<SourceName>) async throws(CatalogError) -> DuplicatePool

    /// The services whose record id (the part after `SOURCE/`) is `recordID`, in any source.
    func services(recordID: String) async throws(CatalogError) -> [Service]

    /// Every service's id, in order (for "did you mean" hints).
    func serviceIDs() async throws(CatalogError) -> [ServiceID]

    /// The sources the catalog's services come from, in order.
    func sourceNames() async throws(CatalogError) -> [SourceName]

    /// How many services the catalog holds (closed ones included).
    func serviceCount() async throws(CatalogError) -> Int

    // MARK: The postcode geography (ONS)

    /// Replaces the postcode geography with the records `produce` stores, in one transaction: anything thrown
    /// leaves the previous geography.
    func importGeography<Result: Sendable>(
        file: String,
        importedAt: Date,
        records produce: @escaping @Sendable (_ store: ([PostcodeRecord]) throws -> Void) throws -> Result
    ) async throws(CatalogError) -> (summary: GeographySummary, result: Result)

    /// The postcode, if the geography holds it (terminated postcodes included).
    func postcode(_ postcode: Postcode) async throws(CatalogError) -> PostcodeRecord?

    /// A postcode district (`LS6`), derived from its postcodes.
    func postcodeDistrict(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord?

    /// Every postcode district of the geography, by code.
    func postcodeDistricts() async throws(CatalogError) -> [PostcodeGroupRecord]

    /// A postcode sector (`LS6 1`), derived from its postcodes.
    func postcodeSector(_ code: String) async throws(CatalogError) -> PostcodeGroupRecord?

    /// What geography is imported, if any.
    func geographySummary() async throws(CatalogError) -> GeographySummary?

    // MARK: Kept gap reports

    /// Keeps a gap report's statuses (the newest few of each analysis).
    func keep(_ report: KeptGapReport) async throws(CatalogError)

    /// The kept reports of an analysis, newest first.
    func keptReports(analysis: String) async throws(CatalogError) -> [KeptGapReport]

    // MARK: Availability reported by the services

    /// Applies a service's (or staff's) report of its capacity, wait and status, made `at` by `by` (`key:ID` or
    /// `staff:NAME`), keeps the change in the history, and returns it.
    /// - Throws: ``CatalogError`` `.notFound` for an unknown service, `.invalid` (with the field) for figures that
    ///   cannot be, `.storage` when the database failed.
    func setAvailability(
        _ update: AvailabilityUpdate,
        of id: ServiceID,
        by: String,
        at: Date
    ) async throws(CatalogError) -> AvailabilityChange

    /// The service's availability changes, newest first.
    func availabilityHistory(of id: ServiceID) async throws(CatalogError) -> [AvailabilityChange]

    // MARK: Several nodes: API keys and changes

    /// Whether the store keeps the partner API's keys, shared by every server over it (PostgreSQL). When it does not
    /// (SQLite, one machine), they are in the keys file.
    var keepsAPIKeys: Bool { get }

    /// Every API key record (hashes only), active and revoked.
    func apiKeys() async throws(CatalogError) -> [APIKeyRecord]

    /// Stores a new key's record.
    func add(_ key: APIKeyRecord) async throws(CatalogError)

    /// Revokes the active key with this id; false when there is none.
    func revokeAPIKey(id: String, at date: Date) async throws(CatalogError) -> Bool

    /// A number raised by every change of the catalog (services, availability, geography, keys), for a server to
    /// tell cheaply whether to reload; `nil` when the store keeps none (the server then compares the latest import).
    func version() async throws(CatalogError) -> Int64?

    /// Wakes its reader soon after another process changes the catalog (PostgreSQL's LISTEN/NOTIFY), and once
    /// each time it (re)connects, when a change may have been missed. `nil` when the store cannot notify.
    func changeNotifications() -> AsyncStream<Void>?
}

extension Catalog {
    public var keepsAPIKeys: Bool { false }

    public func apiKeys() async throws(CatalogError) -> [APIKeyRecord] { [] }

    public func add(_ key: APIKeyRecord) async throws(CatalogError) {
        throw CatalogError(.storage, "this catalog keeps no API keys: they are in the keys file")
    }

    public func revokeAPIKey(id: String, at date: Date) async throws(CatalogError) -> Bool {
        throw CatalogError(.storage, "this catalog keeps no API keys: they are in the keys file")
    }

    public func version() async throws(CatalogError) -> Int64? { nil }

    public func changeNotifications() -> AsyncStream<Void>? { nil }
}

extension Catalog {
    /// Every service of a source not in `excludedSources`, reduced to what the duplicate rule reads. A store that
    /// can read the columns alone does so (the SQLite store); this default reads whole services.
    public func duplicatePool(
        excludingSources excludedSources: Set<SourceName>
    ) async throws(CatalogError) -> DuplicatePool {
        var pool = DuplicatePool()
        for service in try await allServices() where !excludedSources.contains(service.provenance.source) {
            pool.add(DuplicateCandidate(service))
        }
        return pool
    }

    /// Replaces the postcode geography with the records `produce` stores, imported now.
    public func importGeography<Result: Sendable>(
        file: String,
        records produce: @escaping @Sendable (_ store: ([PostcodeRecord]) throws -> Void) throws -> Result
    ) async throws(CatalogError) -> (summary: GeographySummary, result: Result) {
        try await importGeography(file: file, importedAt: Date(), records: produce)
    }

    /// Replaces the postcode geography with `postcodes`.
    @discardableResult
    public func importGeography(
        file: String,
        importedAt: Date = Date(),
        postcodes: [PostcodeRecord]
    ) async throws(CatalogError) -> GeographySummary {
        try await importGeography(file: file, importedAt: importedAt) { store in try store(postcodes) }.summary
    }

    /// Applies an import whose services are all at hand.
    public func apply(_ request: ImportRequest) async throws(CatalogError) -> ImportOutcome {
        let feed = ServiceFeed(
            services: request.services,
            ending: ServiceFeed.Ending(
                replacing: request.replacing,
                retained: request.retained,
                rejectedCount: request.rejectedCount
            )
        )
        return try await apply(
            ImportOptions(dryRun: request.dryRun, files: request.files, startedAt: request.startedAt),
            feed: feed
        )
    }
}

/// How to run an import.
public struct ImportOptions: Sendable {
    public var dryRun: Bool
    /// The files read, for the import's record.
    public var files: [String]
    public var startedAt: Date

    public init(dryRun: Bool = false, files: [String] = [], startedAt: Date = Date()) {
        self.dryRun = dryRun
        self.files = files
        self.startedAt = startedAt
    }
}

/// An import whose services are all at hand: the valid services read from one or more files.
public struct ImportRequest: Sendable {
    public var services: [Service]
    /// Sources whose services not in `services` are withdrawn (`--replace`).
    public var replacing: Set<SourceName>
    /// Services never withdrawn by `replacing` although absent from `services`: records the file has but that were
    /// rejected, which keep their current version.
    public var retained: Set<ServiceID>
    public var dryRun: Bool
    /// The files read, for the import's record.
    public var files: [String]
    /// Records rejected while reading, for the import's record.
    public var rejectedCount: Int
    public var startedAt: Date

    public init(
        services: [Service],
        replacing: Set<SourceName> = [],
        retained: Set<ServiceID> = [],
        dryRun: Bool = false,
        files: [String] = [],
        rejectedCount: Int = 0,
        startedAt: Date = Date()
    ) {
        self.services = services
        self.replacing = replacing
        self.retained = retained
        self.dryRun = dryRun
        self.files = files
        self.rejectedCount = rejectedCount
        self.startedAt = startedAt
    }
}

/// What an import did (or, for a dry run, would have done).
public struct ImportOutcome: Sendable, Hashable {
    /// The import's number; `nil` for a dry run.
    public var importID: ImportID?
    public var inserted: [ServiceID]
    public var updated: [ServiceID]
    public var unchanged: [ServiceID]
    /// Services withdrawn by `--replace`, with their names.
    public var withdrawn: [WithdrawnService]
    /// Services whose own report of capacity, wait and status was newer than the list's figures, and kept.
    public var keptReports: [ServiceID]
    public var committed: Bool

    public init(
        importID: ImportID? = nil,
        inserted: [ServiceID] = [],
        updated: [ServiceID] = [],
        unchanged: [ServiceID] = [],
        withdrawn: [WithdrawnService] = [],
        keptReports: [ServiceID] = [],
        committed: Bool = false
    ) {
        self.keptReports = keptReports
        self.importID = importID
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.withdrawn = withdrawn
        self.committed = committed
    }
}

/// A service taken out of the catalog because its source's new list no longer has it.
public struct WithdrawnService: Sendable, Hashable, Codable {
    public var id: ServiceID
    public var name: String

    public init(id: ServiceID, name: String) {
        self.id = id
        self.name = name
    }
}

/// One past import, as the catalog recorded it.
public struct ImportRecord: Sendable, Hashable, Codable {
    public var id: ImportID
    public var startedAt: Date
    public var files: [String]
    public var sources: [SourceName]
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    public var withdrawn: Int

    public init(
        id: ImportID,
        startedAt: Date,
        files: [String],
        sources: [SourceName],
        inserted: Int,
        updated: Int,
        unchanged: Int,
        rejected: Int,
        withdrawn: Int
    ) {
        self.id = id
        self.startedAt = startedAt
        self.files = files
        self.sources = sources
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.withdrawn = withdrawn
    }
}

/// A filter over the catalog's services. Empty sets mean no filter.
public struct ServiceQuery: Sendable {
    /// Services covering any of these areas exactly (include `.national` and the country to list national services).
    public var areas: Set<AreaCode>
    /// Services covering any postcode district in these postcode areas, or the postcode area itself.
    public var postcodeAreas: Set<AreaCode>
    /// Services meeting any of these need types.
    public var needTypes: Set<NeedType>
    public var sources: Set<SourceName>
    /// Also services with a public location within about `kilometres` of `point` (a box around it), whatever they
    /// cover: the matcher's nearby candidates.
    public var near: (point: GeoPoint, kilometres: Double)?
    public var limit: Int?

    public init(
        areas: Set<AreaCode> = [],
        postcodeAreas: Set<AreaCode> = [],
        needTypes: Set<NeedType> = [],
        sources: Set<SourceName> = [],
        near: (point: GeoPoint, kilometres: Double)? = nil,
        limit: Int? = nil
    ) {
        self.near = near
        self.areas = areas
        self.postcodeAreas = postcodeAreas
        self.needTypes = needTypes
        self.sources = sources
        self.limit = limit
    }
}

/// A failure of the catalog store, with what a person can do about it.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case cannotOpen = "cannot-open"
        case storage
        /// The import's producer stopped it (a file failed, too many rejects); nothing was stored.
        case aborted
        /// No service has the id asked for.
        case notFound = "not-found"
        /// What was asked cannot be stored (``field`` says which).
        case invalid
    }

    public var code: Code
    public var message: String
    /// The field at fault, for `.invalid`.
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
