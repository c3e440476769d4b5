public import SignpostCore

/// One page of an Open Referral UK 3.0 `/services` list: its paging figures and its items, each kept as a JSON
/// document of its own (so that an item that already holds the whole service can be read without fetching it again).
public struct OpenReferralFeedPage: Sendable {
    /// One service in the list.
    public struct Item: Sendable {
        /// The service's id, as the feed's `/services/{id}` takes it.
        public var id: String
        /// The item's `last_modified`, when the feed gives one: a re-run fetches the service again only when it
        /// changes.
        public var lastModified: String?
        /// Whether the item holds the service's linked records (contacts, locations, areas, terms...), as a
        /// `service_full` does, rather than only its own fields, as a `service_list` item does.
        public var isFull: Bool
        /// The item as a JSON document.
        public var document: [UInt8]
    }

    public var items: [Item]
    /// The page number the feed says this is (`page`), when it says.
    public var page: Int?
    /// How many pages the list has (`total_pages`), when the feed says.
    public var totalPages: Int?
    /// How many services the list has (`total_items`), when the feed says.
    public var totalItems: Int?

    /// The keys of a service that only a full document carries.
    static let fullKeys: Set<String> = [
        "contacts", "phones", "schedules", "service_areas", "service_at_locations", "languages", "attributes",
        "funding", "locations",
    ]

    /// The most a page or a service document may nest.
    static let maximumDepth = 64

    /// Reads a page of `/services`.
    /// - Throws: ``OpenReferralFeedError`` saying why the page is not an ORUK list (not JSON, no `contents`, an
    ///   item without an id).
    public static func parse(_ bytes: [UInt8]) throws(OpenReferralFeedError) -> OpenReferralFeedPage {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maximumDepth: maximumDepth)
        } catch {
            throw OpenReferralFeedError(
                "is not JSON (line \(error.line), column \(error.column): \(error.message))"
            )
        }
        guard case .object(let page) = value else {
            throw OpenReferralFeedError("is not an Open Referral list: a JSON object with `contents` was expected")
        }
        guard case .array(let contents) = page["contents"] else {
            throw OpenReferralFeedError(
                "is not an Open Referral list: it has no `contents` array (is the address the feed's base, "
                    + "whose /services lists services?)"
            )
        }
        var items: [Item] = []
        for (index, entry) in contents.enumerated() {
            guard case .object(let service) = entry, let id = HSDSJSONTables.text(service["id"]), !id.isEmpty else {
                throw OpenReferralFeedError("item \(index + 1) of `contents` is not a service with an id")
            }
            items.append(
                Item(
                    id: id,
                    lastModified: HSDSJSONTables.text(service["last_modified"]),
                    isFull: service.keys.contains { fullKeys.contains($0) },
                    document: entry.serialized()
                )
            )
        }
        return OpenReferralFeedPage(
            items: items,
            page: number(page["page"]),
            totalPages: number(page["total_pages"]),
            totalItems: number(page["total_items"])
        )
    }

    private static func number(_ value: JSONValue?) -> Int? {
        guard let text = HSDSJSONTables.text(value) else { return nil }
        return Int(text) ?? Double(text).flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil }
    }
}

/// Why a feed's answer cannot be read; the caller names the address.
public struct OpenReferralFeedError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension HSDSTabularReader {
    /// A service document fetched from a feed, and where from.
    public struct FeedDocument: Sendable {
        /// The address it came from, naming it in messages.
        public var address: String
        public var bytes: [UInt8]

        public init(address: String, bytes: [UInt8]) {
            self.address = address
            self.bytes = bytes
        }
    }

    /// Reads service documents (`service_full`) from an Open Referral UK feed, in the feed's order, as the same
    /// services in a folder of HSDS 3.0 tables would be read. A document that is not a JSON object is rejected with
    /// its address; the others are read. Issues name the feed (`feed`) as their file, `line` the document's number
    /// in `documents` and `place` "service N of the feed".
    public static func read(
        documents: [FeedDocument],
        feed: String,
        vocabularies: Vocabularies,
        source: SourceName,
        termMap: ValueMap? = nil,
        rules: [FieldRule] = []
    ) -> HSDSReadResult {
        var tables = HSDSJSONTables()
        var issues: [ImportIssue] = []
        for (index, document) in documents.enumerated() {
            let problem: String
            do {
                let value = try JSONValue.parse(document.bytes, maximumDepth: OpenReferralFeedPage.maximumDepth)
                if case .object(let service) = value {
                    tables.add(service: service, file: feed, line: index + 1)
                    continue
                }
                problem = "the answer is not a service (a JSON object) but other JSON"
            } catch {
                problem = "the answer is not JSON (line \(error.line), column \(error.column): \(error.message))"
            }
            issues.append(
                ImportIssue(
                    file: feed,
                    line: index + 1,
                    value: document.address,
                    message: "\(problem); the service was skipped"
                )
            )
        }
        var context = HSDSReadContext(folder: "", vocabularies: vocabularies, source: source)
        context.termMap = termMap
        context.rules = rules
        context.givenTables = tables.tables(source: feed)
        // A feed with nothing readable still reads as an empty list: the services table is never missing.
        if context.givenTables?["services"] == nil {
            context.givenTables?["services"] = HSDSTable(
                name: "services",
                files: [feed],
                rows: [],
                columns: ["id"],
                isUnreadable: false,
                brokenRows: 0
            )
        }
        var result = context.run()
        // A document is placed by its address and its number in the feed.
        result.issues = (issues + result.issues).map { issue in
            var issue = issue
            if let line = issue.line, issue.place == nil { issue.place = "service \(line) of the feed" }
            return issue
        }
        result.recordCount += issues.count
        return result
    }
}
