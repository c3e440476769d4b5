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
    }

    public var line: Int
    public var naming: Naming
    /// Single values (empty text counts as absent).
    public var values: [String?]
    /// List values, already split.
    public var lists: [[String]]
    /// The line of each list value, where it differs from the record's (XML elements); parallel to `lists`.
    public var itemLines: [[Int]]
    public var locations: [RawLocation]
    /// Lines of individual fields where they differ from the record's (XML elements); 0 where not known.
    var knownFieldLines: [Int]

    public init(line: Int, naming: Naming) {
        self.line = line
        self.naming = naming
        self.values = Array(repeating: nil, count: ServiceField.allCases.count)
        self.lists = Array(repeating: [], count: ServiceField.allCases.count)
        self.itemLines = Array(repeating: [], count: ServiceField.allCases.count)
        self.locations = []
        self.knownFieldLines = Array(repeating: 0, count: ServiceField.allCases.count)
    }

    /// The trimmed value of `field`, or `nil` when absent or blank.
    public subscript(field: ServiceField) -> String? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    /// Appends to a list field; `line` is where the value was written, when it differs from the record's line.
    public mutating func append(_ value: String, to field: ServiceField, line: Int? = nil) {
        lists[field.rawValue].append(value)
        if let line {
            while itemLines[field.rawValue].count < lists[field.rawValue].count - 1 {
                itemLines[field.rawValue].append(self.line)
            }
            itemLines[field.rawValue].append(line)
        }
    }

    /// The line of the `index`th value of a list field.
    func line(of field: ServiceField, item index: Int) -> Int {
        let lines = itemLines[field.rawValue]
        return index < lines.count ? lines[index] : line(of: field)
    }

    /// The values of a list field.
    public func list(_ field: ServiceField) -> [String] { lists[field.rawValue] }

    func name(of field: ServiceField) -> String {
        naming == .csvColumns ? field.column : field.xmlPath
    }

    /// Notes the line a field was written on.
    public mutating func setLine(_ line: Int, of field: ServiceField) { knownFieldLines[field.rawValue] = line }

    /// The line a field was written on: its own where known, else the record's.
    public func line(of field: ServiceField) -> Int {
        let known = knownFieldLines[field.rawValue]
        return known > 0 ? known : line
    }
}
