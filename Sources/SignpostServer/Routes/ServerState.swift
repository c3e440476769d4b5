import Foundation
import SignpostCatalog
import SignpostCore
import SignpostWorkflows

/// What the controllers share: the catalog and its in-memory snapshot, vocabularies, caches and limits.
struct ServerState: Sendable {
    let holder: CatalogHolder
    let catalog: SQLiteCatalog
    let vocabularies: Vocabularies
    let metrics: HTTPMetrics
    let locations: LocationCache
    let timeout: Duration
    let clock: @Sendable () -> Date
    /// Gap reports run here, off the event loops and the shared pool, a bounded few at a time.
    var heavy = HeavyWork()
    /// Gap answers by catalog load, day and query.
    var gapAnswers = AnswerCache()
}
