public import SignpostCore

/// A declarative description of one source's list: how to read it (CSV or XML layout) and how its columns or
/// elements become Signpost's fields, with value maps onto Signpost's vocabularies, split rules for cells that hold
/// several values, constants and defaults, and date formats. Written as JSON in `importers/` (see Docs/Profiles.md).
public struct ImportProfile: Sendable, Hashable {
    /// The profile's name: the file name without `.json`, used with `signpost import --profile NAME`.
    public var name: String
    /// One line saying what the profile reads.
    public var title: String
    public var description: String?
    /// The source name given to the services read (overridden by `signpost import --source`).
    public var source: SourceName?
    public var layout: Layout
    /// How dates are written, unless a field says otherwise.
    public var dateFormat: DatePattern
    /// The words that mean yes and no in fields such as `bsl` (compared ignoring case).
    public var yesWords: [String]
    public var noWords: [String]
    /// What each Signpost field is read from, in ``ServiceField`` order.
    public var fields: [FieldRule]
    /// Named value maps, shared by fields.
    public var maps: [String: ValueMap]
    /// Where the profile was read from.
    public var path: String?

    /// How the file is laid out.
    public enum Layout: Sendable, Hashable {
        case csv(CSVLayout)
        case xml(XMLLayout)
        /// A folder of Open Referral (HSDS) CSV tables, read by Signpost's HSDS reader; the profile adds value maps.
        case openReferralTables
        /// A JSON document holding a list of records (see ``JSONLayout``).
        case json(JSONLayout)
        /// An Excel workbook (`.xlsx`): one sheet, a header row, cells by column header (see ``XLSXLayout``).
        case xlsx(XLSXLayout)
    }

    public static let defaultYesWords = ["yes", "y", "true", "t", "1", "x"]
    public static let defaultNoWords = ["no", "n", "false", "f", "0", "-"]

    public init(
        name: String,
        title: String,
        description: String? = nil,
        source: SourceName? = nil,
        layout: Layout,
        dateFormat: DatePattern = .iso,
        yesWords: [String] = ImportProfile.defaultYesWords,
        noWords: [String] = ImportProfile.defaultNoWords,
        fields: [FieldRule],
        maps: [String: ValueMap] = [:],
        path: String? = nil
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.source = source
        self.layout = layout
        self.dateFormat = dateFormat
        self.yesWords = yesWords
        self.noWords = noWords
        self.fields = fields
        self.maps = maps
        self.path = path
    }

    /// The rule for `field`, if the profile reads it.
    public func rule(for field: ServiceField) -> FieldRule? { fields.first { $0.field == field } }

    /// The format name shown in reports (`csv`, `xml`, `hsds`, `json`, `xlsx`).
    public var formatName: String {
        switch layout {
        case .csv: "csv"
        case .xml: "xml"
        case .openReferralTables: "hsds"
        case .json: "json"
        case .xlsx: "xlsx"
        }
    }
}

/// How a bespoke CSV file is laid out.
public struct CSVLayout: Sendable, Hashable {
    /// The delimiter, or `nil` to sniff it.
    public var delimiter: UInt8?
    /// The encoding to read the file in, or `nil` to detect it (UTF-8, UTF-16 with a BOM, else Windows-1252).
    public var encoding: TextEncoding?
    /// The line of the header row (1 for the first line); 0 when the file has none and columns are named by
    /// position. Lines above the header (titles, notes) are skipped.
    public var headerRow: Int
    /// Rows to leave out: when any of these conditions holds (`ExcludeFromDirectory=Yes`).
    public var skip: [RowCondition] = []
    /// Rows to read: when given, only rows where every one of these conditions holds (`Type=service`).
    public var keep: [RowCondition] = []
    /// Several files read as one list: a main table and tables joined to it by key (`"files"`).
    public var joins: CSVJoins?

    public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil, headerRow: Int = 1) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRow = headerRow
    }
}

/// How a bespoke XML file is laid out.
public struct XMLLayout: Sendable, Hashable {
    /// The element that holds one service (local name; namespaces are ignored).
    public var record: String
    /// An enclosing element read whole before its records, so that paths may reach up to it with `../` (for
    /// example AIRS's `Agency` around `Site` around `SiteService`). Defaults to the record element.
    public var group: String?
    /// An element inside the record (path) that holds one location; location fields are then read relative to each
    /// such element. Without it a record has at most one location, read relative to the record.
    public var location: ElementPath?
    /// Elements kept, by the id in their child (or `@attribute`) named here, so that paths can follow references
    /// to them (`AgencyID->Agency/AgencyName`). They must come before the records that refer to them.
    public var lookup: [String: LookupKey]
    /// Records to leave out: when a condition holds on the record (or, through `../`, on an element around it),
    /// such as `@delete=true`.
    public var skip: [SkipRule]

    /// Where a kept element's id is.
    public struct LookupKey: Sendable, Hashable {
        public var name: String
        public var isAttribute: Bool

        public init(name: String, isAttribute: Bool) {
            self.name = name
            self.isAttribute = isAttribute
        }
    }

    /// A condition that leaves a record out, checked on the element `path` leads to from the record.
    public struct SkipRule: Sendable, Hashable, CustomStringConvertible {
        public var path: ElementPath?
        public var condition: ElementPath.Condition
        public let description: String

        /// Parses `@delete=true`, `../@ExcludeFromDirectory=true|1`, `Status=defunct`.
        public init(_ text: String) throws(ProfileError) {
            description = text
            var prefix: String?
            var conditionText = Substring(text.trimmed)
            if let slash = conditionText.lastIndex(of: "/") {
                prefix = String(conditionText[..<slash])
                conditionText = conditionText[conditionText.index(after: slash)...]
            }
            path = try prefix.map { text throws(ProfileError) in try ElementPath(text) }
            condition = try ElementPath.Condition.parse(conditionText, in: text)
        }
    }

    public init(
        record: String,
        group: String? = nil,
        location: ElementPath? = nil,
        lookup: [String: LookupKey] = [:],
        skip: [SkipRule] = []
    ) {
        self.record = record
        self.group = group
        self.location = location
        self.lookup = lookup
        self.skip = skip
    }
}

/// Where one Signpost field comes from, and how its text is turned into Signpost's values.
public struct FieldRule: Sendable, Hashable {
    public var field: ServiceField
    /// Where the values are read, in order; for a single-valued field the first that gives a value wins, for a
    /// list field every one contributes.
    public var sources: [FieldSource]
    /// The value used when the sources give nothing.
    public var defaultValues: [String]
    /// Separators that split one cell into several values (list fields), tried together.
    public var separators: [String]
    /// The text put between the values of several columns joined into one single-valued field.
    public var joiner: String
    /// The value map the values go through (by name in the profile's `maps`, or an inline map).
    public var map: ValueMap?
    /// How dates in this field are written, when not the profile's pattern.
    public var dateFormat: DatePattern?
    /// Whether a single-valued field takes only the first value found, rather than joining all its path gives.
    public var firstOnly: Bool = false
    /// The value used when the sources give values but none of them becomes a Signpost value (all map to nothing).
    public var fallbackValues: [String] = []
    /// What a value the validator finds unusable does: reject the row (the default), or be dropped with a warning.
    public var onInvalid: InvalidValuePolicy = .reject
    /// Conditions on the row that must all hold for the field to be read from it (CSV: `"when": "Private=no"`).
    public var conditions: [RowCondition] = []
    /// A regular expression each value is matched with; the value becomes its capture group.
    public var capture: ValueCapture?

    public init(
        field: ServiceField,
        sources: [FieldSource] = [],
        defaultValues: [String] = [],
        separators: [String] = [],
        joiner: String = ", ",
        map: ValueMap? = nil,
        dateFormat: DatePattern? = nil
    ) {
        self.field = field
        self.sources = sources
        self.defaultValues = defaultValues
        self.separators = separators
        self.joiner = joiner
        self.map = map
        self.dateFormat = dateFormat
    }
}

/// One place a value is read from.
public enum FieldSource: Sendable, Hashable {
    /// A CSV column by its header name (compared ignoring case, spaces and punctuation).
    case column(String)
    /// A CSV column by position, 1 for the first.
    case position(Int)
    /// An XML path relative to the record (see ``ElementPath``).
    case path(ElementPath)
    /// The same text for every record.
    case constant(String)
}

/// A map from the values a source writes to Signpost's codes. Keys compare ignoring case, accents are kept;
/// a key ending in `*` matches every value that starts with the rest (longest such key wins), which suits taxonomy
/// codes (`RP-1400*`); a key with `*` at both ends matches every value containing the rest, which suits keywords in
/// free text (`*stalk*`), every keyword found counting; the key `*` alone catches every value nothing else matched.
/// The order is kept whatever the order of the keys: exact keys, then prefixes, then keywords, then the catch-all.
/// A key mapped to an empty list means "known, and deliberately ignored".
public struct ValueMap: Sendable, Hashable {
    public var name: String
    private var exact: [String: [String]]
    private var prefixes: [(key: String, codes: [String])]
    private var keywords: [(key: String, codes: [String])]
    /// The codes of the `*` key: every value no other key matches.
    private var catchAll: [String]?

    public init(name: String, entries: [(String, [String])]) {
        self.name = name
        var exact: [String: [String]] = [:]
        var prefixes: [(key: String, codes: [String])] = []
        var keywords: [(key: String, codes: [String])] = []
        for (key, codes) in entries {
            let normal = ValueMap.normalise(key)
            if normal == "*" {
                catchAll = codes
            } else if normal.count > 2, normal.hasPrefix("*"), normal.hasSuffix("*") {
                keywords.append((String(normal.dropFirst().dropLast()), codes))
            } else if normal.hasSuffix("*") {
                prefixes.append((String(normal.dropLast()), codes))
            } else {
                exact[normal] = codes
            }
        }
        self.exact = exact
        self.prefixes = prefixes.sorted { ($0.key.count, $1.key) > ($1.key.count, $0.key) }
        self.keywords = keywords.sorted { ($0.key.count, $1.key) > ($1.key.count, $0.key) }
    }

    /// The codes `value` maps to, or `nil` when the map does not know it.
    public func codes(for value: String) -> [String]? {
        let normal = ValueMap.normalise(value)
        if let codes = exact[normal] { return codes }
        if let prefix = prefixes.first(where: { normal.hasPrefix($0.key) }) { return prefix.codes }
        // Free text may hold several keywords ("stalking and harassment"): every one found counts.
        var found: [String]?
        for keyword in keywords where normal.contains(keyword.key) {
            for code in keyword.codes where found?.contains(code) != true { found = (found ?? []) + [code] }
            if keyword.codes.isEmpty, found == nil { found = [] }
        }
        return found ?? catchAll
    }

    /// Every code the map can give, for checking against vocabularies.
    public var allCodes: [String] {
        exact.values.flatMap { $0 } + prefixes.flatMap(\.codes) + keywords.flatMap(\.codes) + (catchAll ?? [])
    }

    /// How many keys it has.
    public var count: Int { exact.count + prefixes.count + keywords.count + (catchAll == nil ? 0 : 1) }

    /// Lower case, with runs of white space made one space.
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.name == rhs.name && lhs.exact == rhs.exact
            && lhs.prefixes.map(\.key) == rhs.prefixes.map(\.key)
            && lhs.prefixes.map(\.codes) == rhs.prefixes.map(\.codes)
            && lhs.keywords.map(\.key) == rhs.keywords.map(\.key)
            && lhs.keywords.map(\.codes) == rhs.keywords.map(\.codes) && lhs.catchAll == rhs.catchAll
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(exact)
    }
}
