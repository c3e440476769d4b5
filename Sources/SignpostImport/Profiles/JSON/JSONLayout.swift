/// How a JSON list is laid out: where its records are, and, optionally, where each record's locations are. Fields are
/// read from each record by ``JSONPath`` (written in the profile as a field's `path`, or as its text shorthand).
public struct JSONLayout: Sendable, Hashable {
    /// Where the list of records is (`data.services`); `nil` when the document itself is the list.
    public var records: JSONPath?
    /// Where a record's locations are (`locations`): location fields are then read relative to each one, and the
    /// record has as many locations as the path gives. Without it a record has at most one location, read relative
    /// to the record.
    public var location: JSONPath?

    public init(records: JSONPath? = nil, location: JSONPath? = nil) {
        self.records = records
        self.location = location
    }
}

/// The most a JSON list may be, so that a hostile or mistaken file cannot exhaust memory or the stack.
public struct JSONLimits: Sendable, Hashable {
    /// The largest file: 64 MiB by default. The document is parsed whole (``JSONValue``), which takes about eight
    /// times the file's size in memory.
    public var maximumBytes: Int
    /// The deepest nesting of arrays and objects: 64 by default (a list of services needs five or six).
    public var maximumDepth: Int

    public init(maximumBytes: Int = 64 * 1_048_576, maximumDepth: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }

    /// The limits Signpost reads every JSON list with.
    public static let `default` = JSONLimits()
}
