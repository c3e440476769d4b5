/// One CSV table held in memory: a header of column names and rows of cells, written as RFC 4180 text in UTF-8.
///
/// Rows are added by column name, so a table's layout is stated once (its columns) and each row names only the cells
/// it fills; the others stay empty. Written bytes have a header row, CRLF line ends (as RFC 4180 asks) and no
/// byte-order mark; a cell is quoted only when it holds a comma, a quotation mark (written doubled), a carriage return
/// or a line feed. Nothing here uses Foundation.
public struct CSVTable: Hashable, Sendable {
    /// The file name, without `.csv` (`services`).
    public let name: String
    /// The header row.
    public let columns: [String]
    /// The rows written so far, each with one cell per column.
    public private(set) var rows: [[String]] = []

    private let positions: [String: Int]

    /// An empty table with these columns.
    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
        var positions: [String: Int] = [:]
        for (index, column) in columns.enumerated() where positions[column] == nil { positions[column] = index }
        self.positions = positions
    }

    /// The file name with its extension (`services.csv`).
    public var fileName: String { name + ".csv" }

    /// Adds a row: each pair names a column and its value; a nil value leaves the cell empty. Naming a column the table
    /// does not have is a programming error.
    public mutating func append(_ cells: KeyValuePairs<String, String?>) {
        var row = Array(repeating: "", count: columns.count)
        for (column, value) in cells {
            guard let position = positions[column] else {
                preconditionFailure("\(name).csv has no column '\(column)'")
            }
            if let value { row[position] = value }
        }
        rows.append(row)
    }

    /// The value in `column` of every row (for tests and checks).
    public func values(of column: String) -> [String] {
        guard let position = positions[column] else { return [] }
        return rows.map { $0[position] }
    }

    /// The table as RFC 4180 text: the header row, then every row, each ended by CRLF.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (rows.count + 1) * max(1, columns.count / 4))
        Self.appendRecord(columns, to: &out)
        for row in rows { Self.appendRecord(row, to: &out) }
        return out
    }

    private static func appendRecord(_ cells: [String], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(cell, to: &out)
        }
        out.append(UInt8(ascii: "\r"))
        out.append(UInt8(ascii: "\n"))
    }

    private static func appendCell(_ cell: String, to out: inout [UInt8]) {
        let needsQuotes = cell.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        }
        guard needsQuotes else {
            out.append(contentsOf: cell.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in cell.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
