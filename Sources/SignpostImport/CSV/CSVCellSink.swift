/// Where ``CSVScanner`` puts the cells of a record. Lists take every cell as text (``CSVTextCells``); the ONS postcode
/// directory takes the bytes of the few columns it uses (``CSVSelectedCells``), so that the other forty-odd cells of
/// each of its millions of rows are passed over without being copied. Both go through the one scanner.
protocol CSVCellSink {
    /// A record starts: forget the last one's cells. (A record is scanned again from its start when the window ends
    /// inside it, so this may come more than once for one record.)
    mutating func startRecord()
    /// Whether the cell in `column` (0-based) is wanted; a cell that is not is passed over, never copied.
    func wants(column: Int) -> Bool
    /// The cell in `column` as UTF-8, quotes undone (the bytes are only valid during the call).
    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, column: Int)
    /// The cells taken so far, as text: the report on a record that cannot be read names it by its id cell.
    var cellsSoFar: [String] { get }
}

/// Every cell, as text.
struct CSVTextCells: CSVCellSink {
    var fields: [String] = []

    mutating func startRecord() { fields.removeAll(keepingCapacity: true) }

    func wants(column: Int) -> Bool { true }

    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        fields.append(String(decoding: bytes, as: UTF8.self))
    }

    var cellsSoFar: [String] { fields }
}

/// No cells at all: for looking for where a record can be read, without keeping it.
struct CSVSkippedCells: CSVCellSink {
    mutating func startRecord() {}
    func wants(column: Int) -> Bool { false }
    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {}
    var cellsSoFar: [String] { [] }
}

/// The cells of chosen columns only, as bytes; the others are passed over. Built for the postcode directory's millions
/// of rows: the bytes of a record's cells share one buffer, reused from record to record.
struct CSVSelectedCells: CSVCellSink {
    /// Per column: whether it is wanted.
    private let wanted: [Bool]
    private let storage: Storage

    /// The bytes of the current record's wanted cells, and where each lies.
    private final class Storage {
        var bytes: UnsafeMutablePointer<UInt8>
        var capacity = 256
        var used = 0
        /// Per column: where its cell starts in `bytes`, its length, and the record it was filled in.
        let starts: UnsafeMutablePointer<Int>
        let lengths: UnsafeMutablePointer<Int>
        let filledIn: UnsafeMutablePointer<Int>
        let width: Int
        var record = 0

        init(width: Int) {
            self.width = width
            bytes = .allocate(capacity: capacity)
            starts = .allocate(capacity: max(width, 1))
            lengths = .allocate(capacity: max(width, 1))
            filledIn = .allocate(capacity: max(width, 1))
            starts.initialize(repeating: 0, count: max(width, 1))
            lengths.initialize(repeating: 0, count: max(width, 1))
            filledIn.initialize(repeating: -1, count: max(width, 1))
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
            lengths.deallocate()
            filledIn.deallocate()
        }

        func append(_ cell: UnsafeBufferPointer<UInt8>, column: Int) {
            if used + cell.count > capacity {
                let grown = max(capacity * 2, used + cell.count)
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                larger.update(from: bytes, count: used)
                bytes.deallocate()
                bytes = larger
                capacity = grown
            }
            if let base = cell.baseAddress, cell.count > 0 { (bytes + used).update(from: base, count: cell.count) }
            starts[column] = used
            lengths[column] = cell.count
            filledIn[column] = record
            used += cell.count
        }
    }

    /// Keeps the cells of `columns` (0-based).
    init(wanted columns: [Int]) {
        let width = (columns.max() ?? -1) + 1
        var wanted = [Bool](repeating: false, count: width)
        for column in columns where column >= 0 { wanted[column] = true }
        self.wanted = wanted
        storage = Storage(width: width)
    }

    mutating func startRecord() {
        storage.record += 1
        storage.used = 0
    }

    func wants(column: Int) -> Bool { column < wanted.count && wanted[column] }

    mutating func take(_ cell: UnsafeBufferPointer<UInt8>, column: Int) { storage.append(cell, column: column) }

    var cellsSoFar: [String] { [] }

    /// Whether the current record has a cell in `column` (a wanted column the record reaches).
    func has(_ column: Int) -> Bool {
        column >= 0 && column < storage.width && storage.filledIn[column] == storage.record
    }

    /// Calls `body` with the bytes of the cell in `column` (none when the record has no such cell).
    func withBytes<Result>(at column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard has(column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: storage.bytes + storage.starts[column], count: storage.lengths[column]))
    }

    /// The cell in `column` as text; `nil` when it is not wanted or the record has no such cell.
    func string(at column: Int) -> String? {
        guard has(column) else { return nil }
        return withBytes(at: column) { String(decoding: $0, as: UTF8.self) }
    }
}
