import Foundation
import SignpostCatalog
import SignpostCore
import SignpostWorkflows

/// What the controllers share: the catalog and its in-memory snapshot, vocabularies, caches and limits.
struct ServerState: Sendable {
    let holder: CatalogHolder
    let catalog: any Catalog
    let vocabularies: Vocabularies
    let metrics: HTTPMetrics
    let locations: LocationCache
    let timeout: Duration
    let clock: @Sendable () -> Date
    /// Gap reports run here, off the event loops and the shared pool, a bounded few at a time.
    var heavy = HeavyWork()
    /// Gap answers by catalog load, day and query.
    var gapAnswers = AnswerCache()
    /// Pages of services by catalog load, audience and query (a few thousand pages, 16 MB at most).
    var pages = AnswerCache(limit: 4096, byteLimit: 16 << 20)
}
