/// A service record as read from a file, before validation: text values by field, with the lines they came from.
public struct RawServiceRecord: Sendable {
    /// One location's raw values (the location fields of ``ServiceField``).
    public struct RawLocation: Sendable {
        public var line: Int
        public var values: [ServiceField: String]
        /// Lines of individual fields where they differ from the location's (XML elements).
        public var fieldLines: [ServiceField: Int]

        public init(line: Int, values: [ServiceField: String] = [:], fieldLines: [ServiceField: Int] = [:]) {
            self.line = line
            self.values = values
            self.fieldLines = fieldLines
        }
    }

    /// How fields are named in messages: CSV columns or XML paths.
    public enum Naming: Sendable {
        case csvColumns
        case xmlPaths
        /// The source's own names, as an import profile reads them (`Client group`, `Needs/Need`), by field.
        case profile(ProfileFieldNames)
    }

    /// A value found unusable while reading, before validation (a date not in the declared format...): the
    /// validator rejects the record with it.
    struct ReadingProblem: Sendable {
        var field: ServiceField
        var value: String
        var line: Int
        var message: String
    }

    /// One value of a list field, where it was written.
    struct ListItem: Sendable {
        var field: ServiceField
        var value: String
        var line: Int
    }

    public var line: Int
    public var naming: Naming
    /// Single values by field position (empty text counts as absent).
    private var values: [String?]
    /// List values in the order they were read, with their fields and lines (sparse: most fields are not lists).
    private var items: [ListItem] = []
    /// Lines of individual fields where they differ from the record's (XML elements); sparse.
    private var fieldLines: [(field: ServiceField, line: Int)] = []
    public var locations: [RawLocation] = []
    /// The source that supplied a field, where a profile names it differently (one of several paths gave the value,
    /// or the profile's default did); sparse.
    private var sources: [(field: ServiceField, source: String)] = []
    /// Problems found while reading; the record is rejected with them.
    private(set) var readingProblems: [ReadingProblem] = []

    public init(line: Int, naming: Naming) {
        self.line = line
        self.naming = naming
        self.values = Array(repeating: nil, count: ServiceField.allCases.count)
    }

    /// The trimmed value of `field`, or `nil` when absent or blank.
    public subscript(field: ServiceField) -> String? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    /// Appends to a list field; `line` is where the value was written, when it differs from the record's line.
    public mutating func append(_ value: String, to field: ServiceField, line: Int? = nil) {
        items.append(ListItem(field: field, value: value, line: line ?? self.line))
    }

    /// The values of a list field.
    public func list(_ field: ServiceField) -> [String] {
        var values: [String] = []
        for item in items where item.field == field { values.append(item.value) }
        return values
    }

    /// The line of the `index`th value of a list field.
    func line(of field: ServiceField, item index: Int) -> Int {
        var seen = 0
        for item in items where item.field == field {
            if seen == index { return item.line }
            seen += 1
        }
        return line(of: field)
    }

    /// Notes the line a field was written on.
    public mutating func setLine(_ line: Int, of field: ServiceField) {
        if let index = fieldLines.firstIndex(where: { $0.field == field }) {
            fieldLines[index].line = line
        } else {
            fieldLines.append((field, line))
        }
    }

    /// The line a field was written on: its own where known, else the first of its list values, else the
    /// record's.
    public func line(of field: ServiceField) -> Int {
        if let known = fieldLines.first(where: { $0.field == field }) { return known.line }
        if let first = items.first(where: { $0.field == field }) { return first.line }
        return line
    }

    /// The fields with a value longer than `limit` characters (in UTF-8 bytes), each with its longest length: a
    /// single value, a list item or a location's.
    func overlong(limit: Int) -> [(field: ServiceField, length: Int)] {
        var found: [ServiceField: Int] = [:]
        for field in ServiceField.allCases {
            if let value = values[field.rawValue], value.utf8.count > limit {
                found[field] = max(found[field] ?? 0, value.utf8.count)
            }
        }
        for item in items where item.value.utf8.count > limit {
            found[item.field] = max(found[item.field] ?? 0, item.value.utf8.count)
        }
        for location in locations {
            for (field, value) in location.values where value.utf8.count > limit {
                found[field] = max(found[field] ?? 0, value.utf8.count)
            }
        }
        return found.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    /// How many values the list field holds.
    func count(of field: ServiceField) -> Int { items.reduce(0) { $0 + ($1.field == field ? 1 : 0) } }

    /// Rejects the record: `value` of `field`, written on `line`, cannot be used, for the reason `message`.
    mutating func reject(_ field: ServiceField, value: String, line: Int, message: String) {
        readingProblems.append(ReadingProblem(field: field, value: value, line: line, message: message))
    }

    /// Removes an unusable value of `field` (every value of a single-valued or location field; of a list field, the
    /// items equal to `value`, or all when it is nil), and the reading problems about it. Latitude and longitude go
    /// together.
    mutating func drop(_ field: ServiceField, value: String?) {
        let fields: Set<ServiceField> =
            field == .latitude || field == .longitude ? [.latitude, .longitude] : [field]
        readingProblems.removeAll { fields.contains($0.field) }
        for field in fields {
            if field.isLocationField {
                for index in locations.indices { locations[index].values[field] = nil }
            } else if field.isList {
                items.removeAll { $0.field == field && (value == nil || $0.value == value) }
            } else {
                values[field.rawValue] = nil
            }
        }
    }

    /// Notes that `field` was read from `source` (a column or path of a profile), so that messages name it.
    mutating func setSource(_ source: String, of field: ServiceField) {
        if let index = sources.firstIndex(where: { $0.field == field }) {
            sources[index].source = source
        } else {
            sources.append((field, source))
        }
    }

    func name(of field: ServiceField) -> String {
        switch naming {
        case .csvColumns: field.column
        case .xmlPaths: field.xmlPath
        case .profile(let names):
            if let read = sources.first(where: { $0.field == field }) {
                ProfileFieldNames.name(source: read.source, field: field)
            } else {
                names[field]
            }
        }
    }

}

/// How a profile's source names each field in messages: its column or path, with the Signpost field it feeds.
public struct ProfileFieldNames: Sendable {
    private var names: [String]

    public init(_ names: [ServiceField: String]) {
        self.names = ServiceField.allCases.map { field in
            names[field].map { Self.name(source: $0, field: field) } ?? field.column
        }
    }

    /// How a value read from `source` (a column or path) for `field` is named: `Client group → need_types`.
    static func name(source: String, field: ServiceField) -> String { "\(source) → \(field.column)" }

    public subscript(field: ServiceField) -> String { names[field.rawValue] }
}
