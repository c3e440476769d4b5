/// Rows of text under named columns, rendered as an aligned text table or as CSV.
public struct Table: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable {
        case left
        case right
    }

    public struct Column: Sendable, Hashable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Lines printed under each row in the text form (indented), parallel to `rows`; left out of CSV.
    public var details: [[String]] = []

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// An aligned table for a terminal: a header, a rule, then the rows. Cells longer than `maxCellWidth` are cut
    /// with an ellipsis; line breaks inside cells become spaces.
    public func renderText(maxCellWidth: Int = 60) -> String {
        func clean(_ text: String) -> String {
            let flat = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
            return flat.count > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
        }
        let header = columns.map { clean($0.title) }
        let body = rows.map { $0.map(clean) }
        var widths = header.map(\.count)
        for row in body {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: max(0, width - cell.count))
                parts.append(columns[index].alignment == .right ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for (index, row) in body.enumerated() {
            lines.append(line(row))
            if index < details.count { lines += details[index].map { "    " + $0 } }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header row and CRLF-free LF line ends; cells with a comma, quote or line break are quoted.
    public func renderCSV() -> String {
        var out = CSVWriter.line(columns.map(\.title))
        for row in rows { out += CSVWriter.line(row) }
        return out
    }
}

/// Writes CSV lines.
public enum CSVWriter {
    /// One CSV line (ending in `\n`) of `cells`.
    public static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\n"
    }

    /// A cell, quoted when it holds a comma, quote or line break.
    public static func escape(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }
}
