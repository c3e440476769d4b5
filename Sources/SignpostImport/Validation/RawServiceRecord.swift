/// A service record as read from a file, before validation: text values by field, with the lines they came from.
public struct RawServiceRecord: Sendable {
    /// One location's raw values (the location fields of ``ServiceField``).
    public struct RawLocation: Sendable {
        public var line: Int
        public var values: [ServiceField: String]

        public init(line: Int, values: [ServiceField: String] = [:]) {
            self.line = line
            self.values = values
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
    public var locations: [RawLocation]
    /// Lines of individual fields where they differ from the record's (XML elements).
    public var fieldLines: [ServiceField: Int]

    public init(line: Int, naming: Naming) {
        self.line = line
        self.naming = naming
        self.values = Array(repeating: nil, count: ServiceField.allCases.count)
        self.lists = Array(repeating: [], count: ServiceField.allCases.count)
        self.locations = []
        self.fieldLines = [:]
    }

    /// The trimmed value of `field`, or `nil` when absent or blank.
    public subscript(field: ServiceField) -> String? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    /// Appends to a list field.
    public mutating func append(_ value: String, to field: ServiceField) { lists[field.rawValue].append(value) }

    /// The values of a list field.
    public func list(_ field: ServiceField) -> [String] { lists[field.rawValue] }

    func name(of field: ServiceField) -> String {
        naming == .csvColumns ? field.column : field.xmlPath
    }

    func line(of field: ServiceField) -> Int { fieldLines[field] ?? line }
}
