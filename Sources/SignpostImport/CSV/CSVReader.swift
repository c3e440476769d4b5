/// Reads CSV record by record from a file (or any ``CSVByteSource``), a chunk at a time, so that memory depends on
/// the ``CSVLimits`` and the chunk size, never on the size of the file.
///
/// Survives real files: UTF-8 with or without a BOM (and UTF-16 with one), Windows-1252 or Latin-1 when the bytes are
/// not UTF-8 (``encoding`` says which; found in a first streaming pass unless declared), LF, CRLF, CR-only and
/// `\r\r\n` line ends, `,` `;` or tab delimiters (sniffed from the first record unless given), RFC 4180 quoting with
/// embedded delimiters, doubled quotes and line breaks, blank lines (skipped) and byte-order marks at the start of a
/// record (dropped: concatenated exports), spaces or tabs before an opening quote (`"a", "b"`: passed over, and
/// counted in ``spaceBeforeQuote`` for the reader to mention once). A record that cannot be read whole — a quoted
/// cell never closed, or a record over a limit — comes back as ``CSVRow/broken(_:)``, and reading goes on after it.
///
/// ```swift
/// let reader = try CSVReader(path: "list.csv")
/// while let row = try reader.next() {
///     switch row {
///     case .record(let record): use(record.fields)
///     case .broken(let error): report(error.line, error.message)
///     }
/// }
/// ```
public final class CSVReader {
    /// The encoding the input was read in.
    public let encoding: TextEncoding
    /// The delimiter, given or sniffed.
    public private(set) var delimiter: UInt8
    public let limits: CSVLimits
    /// The cells read so far that had spaces or tabs between the delimiter (or the line's start) and their opening
    /// quote (`"a", "b"`), and the line of the first; `nil` when none had. Such cells are read as the quoted value.
    public private(set) var spaceBeforeQuote: CSVQuoteLeniency?
    /// How many bytes have been read from the source so far (for progress).
    public private(set) var bytesRead = 0

    /// How much is read from the source at a time unless told otherwise: 1 MiB.
    public static let defaultChunkSize = 1 << 20

    private var source: any CSVByteSource
    private var transcoder: TextTranscoder
    private let chunkSize: Int
    /// The raw bytes of a chunk, when they must be transcoded into the window (not UTF-8).
    private let chunk: UnsafeMutableBufferPointer<UInt8>?
    /// The decoded text being scanned: bytes `start..<end` are still to be read.
    private var window: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    /// Decoded bytes already dropped from the front of the window.
    private var discarded = 0
    /// The source is exhausted: the window holds the rest of the text.
    private var isFinal = false
    private var scanner: CSVScanner
    private var cells = CSVTextCells()

    /// Reads `source`, in the `encoding` given or the one detected, with the `delimiter` given or the one sniffed.
    /// - Throws: ``CSVReadError`` when the source fails.
    public init(
        source: any CSVByteSource,
        encoding declared: TextEncoding? = nil,
        delimiter: UInt8? = nil,
        limits: CSVLimits = .default,
        chunkSize: Int = CSVReader.defaultChunkSize
    ) throws(CSVReadError) {
        var source = source
        let chunkSize = max(chunkSize, 1)
        let encoding: TextEncoding
        if let declared {
            encoding = declared
        } else {
            encoding = try Self.detectEncoding(&source, chunkSize: chunkSize)
        }
        self.source = source
        self.encoding = encoding
        self.limits = limits
        self.chunkSize = chunkSize
        transcoder = TextTranscoder(encoding: encoding)
        chunk = transcoder.passesThrough ? nil : .allocate(capacity: chunkSize)
        capacity = chunkSize * (transcoder.passesThrough ? 1 : TextTranscoder.maximumExpansion) + 64
        window = .allocate(capacity: capacity)
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        scanner = CSVScanner(delimiter: self.delimiter, limits: limits)
        if delimiter == nil {
            while true {
                // Sniffed from the first record, looked at no further than the record limit (and room for its line
                // end), so that the delimiter does not depend on how the file is cut into chunks.
                let horizon = limits.maximumRecordBytes + 3
                let window = text()
                let decided = isFinal || window.count >= horizon
                let first = UnsafeBufferPointer(rebasing: window[0..<min(window.count, horizon)])
                if let sniffed = CSVScanner.sniffDelimiter(first, isFinal: decided) {
                    self.delimiter = sniffed
                    break
                }
                try refill()
            }
            scanner = CSVScanner(delimiter: self.delimiter, limits: limits)
        }
    }

    /// Reads the file at `path` (only a regular file: see ``CSVFileSource``).
    public convenience init(
        path: String,
        encoding: TextEncoding? = nil,
        delimiter: UInt8? = nil,
        limits: CSVLimits = .default
    ) throws(CSVReadError) {
        try self.init(source: CSVFileSource(path: path), encoding: encoding, delimiter: delimiter, limits: limits)
    }

    deinit {
        window.deallocate()
        chunk?.deallocate()
    }

    /// A readable name for the delimiter (`comma`, `semicolon`, `tab`).
    public var delimiterName: String { Self.name(ofDelimiter: delimiter) }

    /// The bytes held for the text being scanned: bounded by the record limit and the chunk size.
    public var bufferCapacity: Int { capacity }

    /// The next record, or the next record that could not be read; `nil` at the end. Blank lines are skipped.
    /// - Throws: ``CSVReadError`` when the source fails part-way.
    public func next() throws(CSVReadError) -> CSVRow? {
        guard let scanned = try next(into: &cells) else { return nil }
        switch scanned {
        case .record(let line, _, let offset):
            return .record(CSVRecord(line: line, fields: cells.fields, byteOffset: offset))
        case .broken(let error):
            return .broken(error)
        }
    }

    /// What ``next(into:)`` read.
    enum Scanned {
        /// A record of `columns` cells, starting on `line`, `byteOffset` bytes into the decoded text; the cells wanted
        /// are in the sink.
        case record(line: Int, columns: Int, byteOffset: Int)
        case broken(CSVRecordError)
    }

    /// The next record, its wanted cells given to `sink`, or the next record that could not be read; `nil` at the
    /// end. Blank lines are skipped. ``next()`` is this with every cell taken as text.
    /// - Throws: ``CSVReadError`` when the source fails part-way.
    func next<Sink: CSVCellSink>(into sink: inout Sink) throws(CSVReadError) -> Scanned? {
        while true {
            switch scanner.scan(text(from: 0), from: start, isFinal: isFinal, into: &sink) {
            case .record(let line, let next, let columns, let isBlank):
                let offset = discarded + start
                start = next
                if isBlank { continue }
                noteSpacedQuotes(line: line)
                return .record(line: line, columns: columns, byteOffset: offset)
            case .incomplete:
                try refill()
            case .broken(let error, let next):
                if let next {
                    start = next
                    noteSpacedQuotes(line: error.line)
                    return .broken(error)
                }
                var unended = error
                unended.recovery = try recover(after: error.line)
                return .broken(unended)
            case .endOfInput:
                return nil
            }
        }
    }

    /// Counts the cells of the record just read that had spaces before their opening quote.
    private func noteSpacedQuotes(line: Int) {
        let count = scanner.spacedQuotes
        guard count > 0 else { return }
        if var known = spaceBeforeQuote {
            known.count += count
            spaceBeforeQuote = known
        } else {
            spaceBeforeQuote = CSVQuoteLeniency(firstLine: line, count: count)
        }
    }

    /// After a record starting at `start` on `line` whose end is unknown (a quote never closed, a record over the
    /// limit): finds the first later line from which a record can be read, and leaves `start` there so that
    /// ``next(into:)`` reads it. Lines between are part of the broken record, and not reported again.
    private func recover(after line: Int) throws(CSVReadError) -> CSVRecordError.Recovery {
        var attempt = line
        var nothing = CSVSkippedCells()
        while true {
            guard try skipLine() else { return .endOfFile }
            attempt += 1
            scanner.line = attempt
            scanning: while true {
                switch scanner.scan(text(from: 0), from: start, isFinal: isFinal, into: &nothing) {
                case .incomplete:
                    try refill()
                case .endOfInput:
                    return .endOfFile
                case .record:
                    // Read again, cells and all, by the next call.
                    scanner.line = attempt
                    return .fromLine(attempt)
                case .broken(_, let next):
                    guard next != nil else { break scanning }
                    scanner.line = attempt
                    return .fromLine(attempt)
                }
            }
        }
    }

    /// Moves `start` past the next line end, whatever the quotes; `false` when the input ends first.
    private func skipLine() throws(CSVReadError) -> Bool {
        while true {
            switch CSVScanner.nextLine(text(from: 0), from: start, isFinal: isFinal) {
            case .at(let next):
                start = next
                return true
            case .none:
                start = end
                return false
            case .notInWindow(let keep):
                start = keep
                try refill()
            }
        }
    }

    /// Calls `body` with each row in order.
    /// - Throws: ``CSVReadError`` when the source fails part-way.
    public func forEachRow(_ body: (CSVRow) -> Void) throws(CSVReadError) {
        while let row = try next() { body(row) }
    }

    /// The decoded text from `offset` to the end of the window.
    private func text(from offset: Int? = nil) -> UnsafeBufferPointer<UInt8> {
        let from = offset ?? start
        return UnsafeBufferPointer(start: window + from, count: end - from)
    }

    /// Drops what has been read from the window and reads the next chunk into it.
    private func refill() throws(CSVReadError) {
        precondition(!isFinal, "refill after the end of the input")
        if start > 0 {
            let kept = end - start
            if kept > 0 { UnsafeMutableRawPointer(window).copyMemory(from: window + start, byteCount: kept) }
            discarded += start
            start = 0
            end = kept
        }
        if let chunk {
            let count = try source.read(into: chunk)
            bytesRead += count
            reserve(count * TextTranscoder.maximumExpansion + 8)
            if count == 0 {
                end += transcoder.finish(into: window + end)
                isFinal = true
            } else {
                end += transcoder.decode(UnsafeBufferPointer(rebasing: chunk[0..<count]), into: window + end)
            }
        } else {
            reserve(chunkSize)
            let count = try source.read(into: UnsafeMutableBufferPointer(start: window + end, count: chunkSize))
            bytesRead += count
            if count == 0 { isFinal = true }
            end += count
        }
    }

    /// Makes room for `free` more bytes after `end`.
    private func reserve(_ free: Int) {
        guard capacity - end < free else { return }
        let grown = max(capacity * 2, end + free)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: window, count: end)
        window.deallocate()
        window = larger
        capacity = grown
    }

    /// The first pass: reads the whole source (or until the answer is certain) to find its encoding, then rewinds.
    private static func detectEncoding(
        _ source: inout any CSVByteSource,
        chunkSize: Int
    ) throws(CSVReadError) -> TextEncoding {
        var detector = TextEncodingDetector()
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        while !detector.isSettled {
            let count = try source.read(into: buffer)
            if count == 0 { break }
            detector.feed(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
        try source.rewind()
        return detector.finish()
    }

    /// A readable name for a delimiter (`comma`, `semicolon`, `tab`).
    static func name(ofDelimiter delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        case UInt8(ascii: "\t"): "tab"
        case UInt8(ascii: "|"): "pipe"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

/// Cells written with spaces or tabs between the delimiter and their opening quote (`"a", "b"`): how many, and the
/// line of the first. They are read as the quoted value; readers say so once per file (see
/// ``ImportIssue/init(spaceBeforeQuote:file:)``).
public struct CSVQuoteLeniency: Hashable, Sendable {
    public var firstLine: Int
    public var count: Int

    public init(firstLine: Int, count: Int) {
        self.firstLine = firstLine
        self.count = count
    }
}
