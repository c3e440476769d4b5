/// A small CSV text already in memory (a vocabulary, a test's input), with its encoding and delimiter settled. It
/// reads through the same ``CSVReader`` as files do; read files with ``CSVReader/init(path:encoding:delimiter:limits:)``
/// rather than loading them whole.
public struct CSVDocument: Sendable {
    /// The bytes as given (not decoded).
    public let raw: [UInt8]
    public let encoding: TextEncoding
    public let delimiter: UInt8
    public let limits: CSVLimits

    /// Detects the encoding of `raw` and settles the delimiter (`nil`: sniff it from the first record).
    public init(raw: [UInt8], delimiter: UInt8? = nil, limits: CSVLimits = .default) {
        self.init(raw: raw, encoding: nil, delimiter: delimiter, limits: limits)
    }

    /// Reads `raw` in the declared `encoding` (`nil`: detect it) and settles the delimiter (`nil`: sniff it).
    public init(raw: [UInt8], encoding declared: TextEncoding?, delimiter: UInt8? = nil, limits: CSVLimits = .default) {
        let reader = Self.inMemory { () throws(CSVReadError) in
            try CSVReader(source: CSVMemorySource(raw), encoding: declared, delimiter: delimiter, limits: limits)
        }
        self.raw = raw
        self.encoding = reader.encoding
        self.delimiter = reader.delimiter
        self.limits = limits
    }

    /// Wraps text that is already UTF-8.
    public init(text: String, delimiter: UInt8? = nil) {
        self.init(raw: Array(text.utf8), delimiter: delimiter)
    }

    /// A readable name for the delimiter (`comma`, `semicolon`, `tab`).
    public var delimiterName: String { CSVReader.name(ofDelimiter: delimiter) }

    /// A reader over the bytes, record by record.
    public func makeReader() -> CSVReader {
        Self.inMemory { () throws(CSVReadError) in
            try CSVReader(source: CSVMemorySource(raw), encoding: encoding, delimiter: delimiter, limits: limits)
        }
    }

    /// Every row, in order: the records, and the records that could not be read. Blank lines are skipped.
    public func rows() -> [CSVRow] {
        let reader = makeReader()
        var rows: [CSVRow] = []
        Self.inMemory { () throws(CSVReadError) in try reader.forEachRow { rows.append($0) } }
        return rows
    }

    /// All records, in order. Blank lines are skipped.
    /// - Throws: the first ``CSVRecordError``: a record that could not be read (use ``rows()`` to read on past it).
    public func records() throws(CSVRecordError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        for row in rows() {
            switch row {
            case .record(let record): records.append(record)
            case .broken(let error): throw error
            }
        }
        return records
    }

    /// Counts records and cells as ``records()`` would give them (blank lines and broken records skipped).
    public func countCells() -> (records: Int, cells: Int) {
        let reader = makeReader()
        var records = 0
        var cells = 0
        Self.inMemory { () throws(CSVReadError) in
            try reader.forEachRow { row in
                guard case .record(let record) = row else { return }
                records += 1
                cells += record.fields.count
            }
        }
        return (records, cells)
    }

    /// Runs `body`, which reads only bytes in memory and so cannot fail.
    private static func inMemory<Value>(_ body: () throws(CSVReadError) -> Value) -> Value {
        do {
            return try body()
        } catch {
            preconditionFailure("reading bytes in memory cannot fail: \(error)")
        }
    }
}
