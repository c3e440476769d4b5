/// One record of a CSV file: its cells, and the line it starts on (1-based, counting every line end, including those
/// inside quoted cells).
public struct CSVRecord: Hashable, Sendable {
    public let line: Int
    public let fields: [String]
    /// Where the record starts in the decoded text, in bytes (for progress reporting).
    public let byteOffset: Int

    public init(line: Int, fields: [String], byteOffset: Int = 0) {
        self.line = line
        self.fields = fields
        self.byteOffset = byteOffset
    }
}

/// What reading the next record gave: the record, or why it could not be read (reading goes on after it).
public enum CSVRow: Hashable, Sendable {
    case record(CSVRecord)
    case broken(CSVRecordError)

    /// The line the record starts on.
    public var line: Int {
        switch self {
        case .record(let record): record.line
        case .broken(let error): error.line
        }
    }
}
