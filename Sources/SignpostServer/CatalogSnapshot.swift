import Atomics
public import Foundation
import Logging
import ServiceLifecycle
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching
import SignpostOpenReferral
public import SignpostWorkflows
import Synchronization

/// The catalog as the server answers from it: every service, indexed for matching and by id, read once and replaced
/// whole when the catalog changes. A request holds one snapshot throughout, so a reload never changes an answer half
/// way through.
public struct CatalogSnapshot: Sendable {
    public let index: MatchIndex
    public let matcher: Matcher
    public let positions: [String: Int]
    /// Each published service-at-location's UUID -> its service's position and its number among the service's
    /// published locations (``OpenReferral/ServiceAtLocation``).
    let servicesAtLocations: [String: (position: Int, number: Int)]
    /// Each service's name, description and provider, lower-cased, for `GET /services?search=`.
    let searchText: [[UInt8]]
    /// Each service's Open Referral list item without confidential locations, encoded once per catalog load.
    let publicSummaries: [[UInt8]]
    /// Each service's full Open Referral document without confidential locations, encoded the first time it is
    /// asked for and kept (without a lock: each slot is set once, atomically).
    private let publicDocuments: [ManagedAtomicLazyReference<EncodedDocument>]
    let vocabularies: Vocabularies
    /// The latest import when it was read (nil for an empty catalog).
    public let lastImport: ImportRecord?
    public let loadedAt: Date
    /// The sources of the bundled, fictional sample lists, so that an answer drawn from them says so.
    public let sampleSources: Set<SourceName>

    public init(
        services: [SignpostCore.Service],
        vocabularies: Vocabularies,
        weights: ScoringWeights,
        lastImport: ImportRecord?,
        sampleSources: Set<SourceName> = []
    ) {
        self.sampleSources = sampleSources
        index = MatchIndex(services: services, vocabularies: vocabularies)
        matcher = Matcher(index: index, weights: weights, vocabularies: vocabularies)
        var positions: [String: Int] = [:]
        var servicesAtLocations: [String: (position: Int, number: Int)] = [:]
        for (position, service) in index.services.enumerated() {
            positions[service.id.rawValue] = position
            // The UUID the API publishes for the id (OpenReferralID) reaches the same service.
            positions[OpenReferralID.uuid(service.id.rawValue)] = position
            for entry in OpenReferral.ServiceAtLocation.all(of: service) {
                servicesAtLocations[entry.id] = (position, entry.number)
            }
        }
        self.positions = positions
        self.servicesAtLocations = servicesAtLocations
        searchText = index.services.map { service in
            Array(
                [service.name, service.description ?? "", service.provider.name].joined(separator: " ").lowercased()
                    .utf8
            )
        }
        publicSummaries = index.services.map { OpenReferral.serviceSummary($0, vocabularies: vocabularies) }
        publicDocuments = index.services.map { _ in ManagedAtomicLazyReference() }
        self.vocabularies = vocabularies
        self.lastImport = lastImport
        loadedAt = Date()
    }

    public var services: [SignpostCore.Service] { index.services }

    /// The service whose readable id or published UUID is `id`.
    public func service(id: String) -> SignpostCore.Service? { position(of: id).map { index.services[$0] } }

    private func position(of id: String) -> Int? {
        positions[id] ?? (OpenReferralID.isUUID(id) ? positions[id.lowercased()] : nil)
    }

    /// The published service-at-location with this UUID.
    func serviceAtLocation(id: String) -> OpenReferral.ServiceAtLocation? {
        guard let found = servicesAtLocations[id.lowercased()] else { return nil }
        let entries = OpenReferral.ServiceAtLocation.all(of: index.services[found.position])
        return entries.first { $0.number == found.number }
    }

    /// The service's full Open Referral document as the public (below admin) sees it, or nil for an unknown id.
    func publicDocument(id: String) -> EncodedDocument? {
        guard let position = position(of: id) else { return nil }
        if let known = publicDocuments[position].load() { return known }
        let bytes = OpenReferral.service(
            index.services[position],
            vocabularies: vocabularies,
            includeConfidential: false
        )
        return publicDocuments[position].storeIfNilThenLoad(EncodedDocument(bytes: bytes))
    }

    /// Reads the whole catalog.
    public static func load(
        from catalog: any Catalog,
        vocabularies: Vocabularies,
        weights: ScoringWeights,
        sampleSources: Set<SourceName> = []
    ) async throws -> CatalogSnapshot {
        let lastImport = try await catalog.imports(limit: 1).first
        let services = try await catalog.allServices()
        return CatalogSnapshot(
            services: services,
            vocabularies: vocabularies,
            weights: weights,
            lastImport: lastImport,
            sampleSources: sampleSources
        )
    }
}

/// Holds the current snapshot; readers take it without waiting for a reload.
public final class CatalogHolder: Sendable {
    private let current: Mutex<CatalogSnapshot>

    public init(_ snapshot: CatalogSnapshot) { current = Mutex(snapshot) }

    public var snapshot: CatalogSnapshot { current.withLock { $0 } }

    public func replace(_ snapshot: CatalogSnapshot) { current.withLock { $0 = snapshot } }
}

/// Watches the catalog for changes and swaps in a fresh snapshot, built off the request path, so that no request is
/// dropped or waits.
///
/// A store that keeps a version (PostgreSQL, several nodes) is checked when it notifies a change (LISTEN/NOTIFY) and
/// every `interval` besides, in case a notification was lost: a changed version reloads the services, the API keys it
/// keeps and, when the geography changed, forgets resolved locations. Over SQLite the latest import and geography are
/// compared every `interval`, and the keys file's time.
struct CatalogWatcher: ServiceLifecycle.Service {
    let catalog: any Catalog
    let holder: CatalogHolder
    let vocabularies: Vocabularies
    let weights: ScoringWeights
    let access: AccessPolicy
    let locations: LocationCache
    let keysPath: String?
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var seen = Seen(
            version: try? await catalog.version(),
            geography: try? await catalog.geographySummary()?.importedAt,
            keysModified: keysPath.flatMap(Self.modified)
        )
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let notified = Task {
            guard let notifications = catalog.changeNotifications() else { return }
            for await _ in notifications { wake.yield(()) }
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield(())
            }
        }
        defer {
            notified.cancel()
            ticker.cancel()
        }
        for await _ in wakeups {
            if Task.isCancelledOrShuttingDown { return }
            do {
                try await check(&seen)
            } catch {
                logger.error(
                    "reload failed; still answering from the previous catalog",
                    metadata: ["error": "\(error)"]
                )
            }
        }
    }

    /// What the last check saw.
    struct Seen {
        var version: Int64?
        var geography: Date?
        var keysModified: Date?
    }

    private func check(_ seen: inout Seen) async throws {
        let version = try await catalog.version()
        if let version {
            if version != seen.version {
                try await reload()
                if catalog.keepsAPIKeys {
                    access.replaceKeys(APIKeyStore(records: try await catalog.apiKeys()))
                }
                try await forgetLocationsIfGeographyChanged(&seen)
                seen.version = version
            }
        } else {
            if try await catalog.imports(limit: 1).first?.id != holder.snapshot.lastImport?.id { try await reload() }
            try await forgetLocationsIfGeographyChanged(&seen)
        }
        // A deleted keys file leaves no key working.
        if !catalog.keepsAPIKeys, let keysPath, Self.modified(keysPath) != seen.keysModified {
            access.replaceKeys(try APIKeyStore.load(from: keysPath))
            seen.keysModified = Self.modified(keysPath)
            logger.info("API keys reloaded")
        }
    }

    private func forgetLocationsIfGeographyChanged(_ seen: inout Seen) async throws {
        let geography = try await catalog.geographySummary()?.importedAt
        guard geography != seen.geography else { return }
        locations.removeAll()
        seen.geography = geography
        logger.info("geography changed: resolved locations forgotten")
    }

    private func reload() async throws {
        let fresh = try await CatalogSnapshot.load(
            from: catalog,
            vocabularies: vocabularies,
            weights: weights,
            sampleSources: holder.snapshot.sampleSources
        )
        holder.replace(fresh)
        logger.info("catalog reloaded", metadata: ["services": "\(fresh.services.count)"])
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}

/// An encoded document and its entity tag, boxed for an atomic reference.
final class EncodedDocument: AtomicReference, Sendable {
    let bytes: [UInt8]
    let tag: String
    init(bytes: [UInt8]) {
        self.bytes = bytes
        tag = APIResponse.entityTag(of: bytes)
    }
}
