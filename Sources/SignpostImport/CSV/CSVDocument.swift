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

/// A CSV file read into memory, decoded to UTF-8 and ready to be split into records.
///
/// Survives real files: UTF-8 with or without a BOM (and UTF-16 with one), Windows-1252 or Latin-1 when the bytes are
/// not UTF-8 (``encoding`` says which), LF, CRLF, CR-only and `\r\r\n` line ends, `,` `;` or tab delimiters (sniffed
/// from the first record unless given), RFC 4180 quoting with embedded delimiters, doubled quotes and line breaks, and
/// blank lines (skipped). Parsing works over bytes; cells become `String`s only once split.
public struct CSVDocument: Sendable {
    /// The file's text as UTF-8, without a BOM.
    public let bytes: [UInt8]
    public let encoding: TextEncoding
    public let delimiter: UInt8

    /// Decodes `raw` and settles the delimiter (`nil`: sniff it from the first record).
    public init(raw: [UInt8], delimiter: UInt8? = nil) {
        let (bytes, encoding) = TextDecoder.utf8Bytes(of: raw)
        self.bytes = bytes
        self.encoding = encoding
        self.delimiter = delimiter ?? CSVDocument.sniffDelimiter(bytes)
    }

    /// Reads `raw` in the declared `encoding` (`nil`: detect it) and settles the delimiter (`nil`: sniff it).
    public init(raw: [UInt8], encoding declared: TextEncoding?, delimiter: UInt8? = nil) {
        guard let declared else {
            self.init(raw: raw, delimiter: delimiter)
            return
        }
        let bytes = TextDecoder.utf8Bytes(of: raw, declared: declared)
        self.init(utf8: bytes, encoding: declared, delimiter: delimiter ?? CSVDocument.sniffDelimiter(bytes))
    }

    private init(utf8 bytes: [UInt8], encoding: TextEncoding, delimiter: UInt8) {
        self.bytes = bytes
        self.encoding = encoding
        self.delimiter = delimiter
    }

    /// Wraps text that is already UTF-8.
    public init(text: String, delimiter: UInt8? = nil) {
        self.init(raw: Array(text.utf8), delimiter: delimiter)
    }

    /// A readable name for the delimiter (`comma`, `semicolon`, `tab`).
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        case UInt8(ascii: "\t"): "tab"
        case UInt8(ascii: "|"): "pipe"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }

    /// All records, in order. Blank lines are skipped.
    public func records() -> [CSVRecord] {
        var all: [CSVRecord] = []
        forEachRecord { all.append($0) }
        return all
    }

    /// Calls `body` with each record in order. Blank lines are skipped. A quote left open at the end of the file
    /// closes there.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer: buffer, delimiter: delimiter)
            var fields: [String] = []
            fields.reserveCapacity(64)
            var offset = 0
            while let line = scanner.nextRecord(into: &fields) {
                defer { offset = scanner.offset }
                if fields.count == 1, fields[0].isEmpty { continue }
                try body(CSVRecord(line: line, fields: fields, byteOffset: offset))
            }
        }
    }

    /// Counts records and cells as ``records()`` would give them (blank lines skipped).
    public func countCells() -> (records: Int, cells: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer: buffer, delimiter: delimiter)
            var fields: [String] = []
            var records = 0
            var cells = 0
            while scanner.nextRecord(into: &fields) != nil {
                if fields.count == 1, fields[0].isEmpty { continue }
                records += 1
                cells += fields.count
            }
            return (records, cells)
        }
    }

    /// Picks the delimiter that occurs most often, outside quotes, in the first record; comma when none does.
    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var sawContent = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if sawContent { break }
            } else if !inQuotes, counts[byte] != nil {
                counts[byte, default: 0] += 1
            }
            if byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { sawContent = true }
        }
        let order: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var best = UInt8(ascii: ",")
        var bestCount = 0
        for candidate in order where counts[candidate, default: 0] > bestCount {
            best = candidate
            bestCount = counts[candidate, default: 0]
        }
        return best
    }
}

/// The tokeniser: walks a buffer of UTF-8 bytes one record at a time.
struct CSVScanner {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var index = 0
    private var line = 1

    /// How far the scanner has read, in bytes.
    var offset: Int { index }
    private var scratch: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(buffer: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.buffer = buffer
        self.delimiter = delimiter
    }

    /// Splits the next record into `fields` (replacing what was there) and returns the line it started on, or `nil`
    /// at the end of the buffer.
    mutating func nextRecord(into fields: inout [String]) -> Int? {
        let count = buffer.count
        guard index < count else { return nil }
        fields.removeAll(keepingCapacity: true)
        let startLine = line
        while true {
            if index < count, buffer[index] == CSVScanner.quote {
                fields.append(quotedField())
            } else {
                let start = index
                while index < count {
                    let byte = buffer[index]
                    if byte == delimiter || byte == CSVScanner.lf || byte == CSVScanner.cr { break }
                    index += 1
                }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
            }
            guard index < count else { return startLine }
            let byte = buffer[index]
            if byte == delimiter {
                index += 1
                if index == count {
                    fields.append("")
                    return startLine
                }
                continue
            }
            skipLineEnd()
            return startLine
        }
    }

    /// Consumes one line end at `index`: LF, CRLF, `\r\r\n` or a lone CR.
    private mutating func skipLineEnd() {
        let count = buffer.count
        if buffer[index] == CSVScanner.cr {
            if index + 1 < count, buffer[index + 1] == CSVScanner.lf {
                index += 2
            } else if index + 2 < count, buffer[index + 1] == CSVScanner.cr, buffer[index + 2] == CSVScanner.lf {
                index += 3
            } else {
                index += 1
            }
        } else {
            index += 1
        }
        line += 1
    }

    /// Reads a quoted cell starting at the opening quote. Doubled quotes become one; line ends inside become `\n`.
    /// Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
    private mutating func quotedField() -> String {
        let count = buffer.count
        scratch.removeAll(keepingCapacity: true)
        index += 1
        var start = index
        while index < count {
            let byte = buffer[index]
            if byte == CSVScanner.quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                if index + 1 < count, buffer[index + 1] == CSVScanner.quote {
                    scratch.append(CSVScanner.quote)
                    index += 2
                    start = index
                    continue
                }
                index += 1
                start = index
                while index < count {
                    let next = buffer[index]
                    if next == delimiter || next == CSVScanner.lf || next == CSVScanner.cr { break }
                    index += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == CSVScanner.cr || byte == CSVScanner.lf {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                scratch.append(CSVScanner.lf)
                skipLineEnd()
                start = index
                continue
            }
            index += 1
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
        return String(decoding: scratch, as: UTF8.self)
    }
}
