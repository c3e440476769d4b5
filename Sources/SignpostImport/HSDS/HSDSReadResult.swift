public import SignpostCore

/// What reading an Open Referral (HSDS) folder gave: the valid services, every issue (with file and line), and the
/// values that no Signpost vocabulary knows, counted.
public struct HSDSReadResult: Sendable {
    /// The valid services, in the order of services.csv.
    public var services: [Service]
    /// Rejected services (severity error), orphan rows and other warnings, in the order they were found.
    public var issues: [ImportIssue]
    /// Values that map to no Signpost code (taxonomy terms, areas, languages, statuses, units), by field, most
    /// frequent first.
    public var unmapped: [UnmappedValue]
    /// The layout the folder was read as (from `datapackage.json`, else from the tables present); `nil` when there
    /// was nothing to read.
    public var version: HSDSVersion?
    /// The rows of the services table, valid or not (a row without an id, or repeating one, included).
    public var recordCount: Int
    /// Why the folder could not be read as Open Referral tables at all (no services table, or one whose header
    /// cannot be read); `nil` when it was read, even if every service in it was rejected. Nothing from a folder with
    /// such an error should be imported; a folder without one is imported with its rejections reported.
    public var folderError: ImportFileError?

    public init(
        services: [Service] = [],
        issues: [ImportIssue] = [],
        unmapped: [UnmappedValue] = [],
        version: HSDSVersion? = nil,
        recordCount: Int? = nil,
        folderError: ImportFileError? = nil
    ) {
        self.services = services
        self.issues = issues
        self.unmapped = unmapped
        self.version = version
        self.recordCount = recordCount ?? services.count
        self.folderError = folderError
    }

    /// The rows of the services table not imported: rejected with their reasons in ``issues`` (a row without an id
    /// among them, which no record id names).
    public var rejectedCount: Int { recordCount - services.count }
}

/// A source value that maps to no Signpost code, with how often and where it was seen.
public struct UnmappedValue: Hashable, Codable, Sendable {
    /// The value as written (a taxonomy term's name, an area name...).
    public var value: String
    /// What it was read as: `need type or specialism`, `area`, `language`, `status`, `capacity unit`, or the
    /// Signpost vocabulary a Signpost taxonomy's term belongs to (`channels`...).
    public var field: String
    /// The table it was read from (`attributes.csv`...).
    public var file: String
    /// How many rows gave it.
    public var count: Int
    /// The first lines it was seen on (at most ``UnmappedValue/lineLimit``).
    public var lines: [Int]

    /// How many lines are kept per value.
    public static let lineLimit = 5

    public init(value: String, field: String, file: String, count: Int, lines: [Int]) {
        self.value = value
        self.field = field
        self.file = file
        self.count = count
        self.lines = lines
    }
}
