import Crypto
public import Foundation
public import SignpostImport

/// Pulls every service of an Open Referral UK 3.0 feed: pages through `/services` (`page`, `per_page`,
/// `total_pages`), fetches each `/services/{id}` where the list gives less than the whole service, and keeps what it
/// fetched in a cache folder, so that a re-run asks again only for what changed where the feed allows: an item whose
/// `last_modified` is the one cached is not fetched, and one fetched before is asked for with `If-None-Match` (the
/// feed answers 304 when it is unchanged). Nothing is imported here: the documents are handed to the HSDS reader once
/// all of them have arrived, so a feed that fails half-way leaves the catalog as it was.
public struct FeedPull: Sendable {
    /// The feed's base address (the one whose `/services` lists services).
    public let base: URL
    public var settings: FeedSettings
    /// Told what is happening, now and then ("page 3 of 12").
    public var progress: (@Sendable (String) -> Void)?

    /// What a pull gave.
    public struct Result: Sendable {
        /// The services' documents, in the feed's order.
        public var documents: [HSDSTabularReader.FeedDocument] = []
        public var pages = 0
        /// Service documents asked for and sent.
        public var fetched = 0
        /// Taken from the cache without asking (the list's `last_modified` unchanged) or because the feed answered
        /// 304.
        public var unchanged = 0
        /// Taken whole from the list (its items were full documents).
        public var fromList = 0
        /// Services the list named but whose documents were gone when asked for (404): reported, not imported.
        public var missing: [String] = []
    }

    /// A pull of the feed at `address` (`https://host/path`, with or without a trailing `/services`).
    /// - Throws: ``FeedError`` when the address is not an http(s) address.
    public init(address: String, settings: FeedSettings = FeedSettings()) throws(FeedError) {
        var text = address.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix("/services") { text.removeLast("/services".count) }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else {
            throw FeedError(address: address, message: "is not an http:// or https:// address of an Open Referral feed")
        }
        base = url
        self.settings = settings
    }

    /// Whether `argument` names a feed rather than a file.
    public static func isFeedAddress(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The feed's host (and port), the default source name of what it gives.
    public var hostName: String {
        guard let host = base.host else { return base.absoluteString }
        return base.port.map { "\(host):\($0)" } ?? host
    }

    func pageAddress(_ page: Int) -> URL {
        var components = URLComponents(url: base.appendingPathComponent("services"), resolvingAgainstBaseURL: false)
        components?.queryItems = [
            URLQueryItem(name: "page", value: String(page)),
            URLQueryItem(name: "per_page", value: String(settings.perPage)),
        ]
        return components?.url ?? base
    }

    func serviceAddress(_ id: String) -> URL {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        let encoded = id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
        return URL(string: base.absoluteString + "/services/" + encoded) ?? base
    }

    /// Reads the whole feed.
    /// - Throws: ``FeedError`` naming the address that failed and why; nothing of the feed is usable then.
    public func run() async throws(FeedError) -> Result {
        let fetcher = FeedFetcher(settings: settings)
        defer { fetcher.close() }
        var cache = FeedCache(folder: settings.cacheFolder.map { "\($0)/\(FeedCache.key(of: base.absoluteString))" })
        var items: [OpenReferralFeedPage.Item] = []
        var result = Result()
        var page = 1
        var totalPages: Int?
        var seen = Set<String>()
        while true {
            let address = pageAddress(page)
            let answer = try await fetcher.get(address)
            try Self.check(answer, address: address, what: "the list of services")
            let parsed: OpenReferralFeedPage
            do {
                parsed = try OpenReferralFeedPage.parse(answer.body)
            } catch {
                throw FeedError(address: address.absoluteString, message: "\(error.message); nothing was imported")
            }
            result.pages += 1
            if page == 1 { totalPages = parsed.totalPages }
            let before = items.count
            for item in parsed.items where seen.insert(item.id).inserted { items.append(item) }
            // A feed that ignores `page` sends the same services again: there is nothing more to be had.
            if page > 1, items.count == before { break }
            let total = totalPages.map { " of \($0)" } ?? ""
            progress?("page \(page)\(total): \(items.count) services listed")
            // The last page: as the feed counts them, or, when it does not, the first short or empty one.
            let done = totalPages.map { page >= $0 } ?? (parsed.items.count < settings.perPage)
            if done || parsed.items.isEmpty { break }
            guard page < settings.maximumPages else {
                throw FeedError(
                    address: address.absoluteString,
                    message: "the feed's paging did not end within \(settings.maximumPages) pages; nothing was "
                        + "imported"
                )
            }
            page += 1
        }

        var documents = [HSDSTabularReader.FeedDocument?](repeating: nil, count: items.count)
        var toFetch: [(index: Int, id: String, etag: String?)] = []
        for (index, item) in items.enumerated() {
            let address = serviceAddress(item.id).absoluteString
            if item.isFull {
                documents[index] = .init(address: address, bytes: item.document)
                result.fromList += 1
            } else if let lastModified = item.lastModified, let cached = cache.entry(item.id),
                cached.lastModified == lastModified, let bytes = cache.document(item.id)
            {
                documents[index] = .init(address: address, bytes: bytes)
                result.unchanged += 1
            } else {
                toFetch.append((index, item.id, cache.document(item.id) == nil ? nil : cache.entry(item.id)?.etag))
            }
        }
        var done = 0
        let total = toFetch.count
        do {
            try await withThrowingTaskGroup(of: (Int, String, FeedAnswer).self) { group in
                var next = 0
                func add() {
                    guard next < toFetch.count else { return }
                    let job = toFetch[next]
                    next += 1
                    let address = serviceAddress(job.id)
                    group.addTask { (job.index, job.id, try await fetcher.get(address, etag: job.etag)) }
                }
                for _ in 0..<max(settings.concurrency, 1) { add() }
                while let (index, id, answer) = try await group.next() {
                    let address = serviceAddress(id)
                    switch answer.status {
                    case 304:
                        guard let bytes = cache.document(id) else {
                            throw FeedError(
                                address: address.absoluteString,
                                message: "the feed answered 304 Not Modified for a service not cached; nothing was "
                                    + "imported"
                            )
                        }
                        documents[index] = .init(address: address.absoluteString, bytes: bytes)
                        result.unchanged += 1
                    case 404, 410:
                        result.missing.append(id)
                    default:
                        try Self.check(answer, address: address, what: "the service")
                        documents[index] = .init(address: address.absoluteString, bytes: answer.body)
                        cache.store(id, bytes: answer.body, etag: answer.etag, lastModified: items[index].lastModified)
                        result.fetched += 1
                    }
                    done += 1
                    if done % 50 == 0 || done == total { progress?("services fetched: \(done) of \(total)") }
                    add()
                }
            }
        } catch let error as FeedError {
            throw error
        } catch {
            throw FeedError(address: base.absoluteString, message: "\(error); nothing was imported")
        }
        result.documents = documents.compactMap { $0 }
        cache.save()
        return result
    }

    /// Refuses an answer that is not a success, in words a person can act on.
    static func check(_ answer: FeedAnswer, address: URL, what: String) throws(FeedError) {
        guard !(200..<300).contains(answer.status) else { return }
        let status = "\(answer.status) \(FeedFetcher.reason(answer.status))"
        let advice =
            switch answer.status {
            case 401, 403: "the feed wants an API key: set SIGNPOST_FEED_KEY (sent as a Bearer token)"
            case 404: "is the address the feed's base, whose /services lists services?"
            default: "the feed could not give \(what)"
            }
        throw FeedError(
            address: address.absoluteString,
            message: "the feed answered \(status): \(advice); nothing was imported"
        )
    }
}
