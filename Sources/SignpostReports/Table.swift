/// Rows of text under named columns, rendered as an aligned text table or as CSV.
public struct Table: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable {
        case left
        case right
    }

    public struct Column: Sendable, Hashable {
        public var title: String
        public var alignment: Alignment
        /// The narrowest the column may be cut to (with an ellipsis) to fit a width; nil: never cut (ids, phone
        /// numbers, dates).
        public var minimumWidth: Int?
        /// Columns given up, lowest first, when the table cannot fit a width by cutting; nil: never given up.
        public var dropOrder: Int?

        public init(_ title: String, alignment: Alignment = .left, minimumWidth: Int? = nil, dropOrder: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.minimumWidth = minimumWidth
            self.dropOrder = dropOrder
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
    /// with an ellipsis; line breaks and control characters inside cells become spaces or go.
    public func renderText(maxCellWidth: Int = 60) -> String {
        render(widths: naturalWidths(maxCellWidth: maxCellWidth), shown: Array(columns.indices))
    }

    /// An aligned table no wider than `width`: the cuttable columns (those with a `minimumWidth`) are cut with an
    /// ellipsis, widest first, down to their minimum; if that is not enough, columns are given up in `dropOrder`.
    /// Columns without a minimum (ids, phone numbers) are never cut.
    public func renderText(width: Int) -> String {
        var shown = Array(columns.indices)
        let natural = naturalWidths(maxCellWidth: Int.max)
        /// The widths of the shown columns, cut (widest first) until the table fits or none can be cut below
        /// `floor`, and whether it fits.
        func cut(floor: (Int) -> Int) -> (widths: [Int], fits: Bool) {
            var widths = shown.map { natural[$0] }
            var excess = widths.reduce(2 * max(0, shown.count - 1), +) - width
            while excess > 0 {
                var widest: Int?
                for (position, index) in shown.enumerated()
                where columns[index].minimumWidth != nil && widths[position] > floor(index) {
                    if widest.map({ widths[position] > widths[$0] }) ?? true { widest = position }
                }
                guard let position = widest else { break }
                widths[position] -= 1
                excess -= 1
            }
            return (widths, excess <= 0)
        }
        while true {
            // Cut columns only so far as they stay readable (20 characters) before giving any column up; cut them
            // to their minimum only when no column is left to give up.
            let droppable = shown.filter { columns[$0].dropOrder != nil }
            let readable = cut { max(self.columns[$0].minimumWidth ?? 0, 20, 2) }
            let (widths, fits) =
                readable.fits || !droppable.isEmpty
                ? readable : cut { max(self.columns[$0].minimumWidth ?? 0, 2) }
            if fits || droppable.isEmpty {
                var all = natural
                for (position, index) in shown.enumerated() { all[index] = widths[position] }
                return render(widths: all, shown: shown)
            }
            let drop = droppable.min { (columns[$0].dropOrder ?? 0, $1) < (columns[$1].dropOrder ?? 0, $0) }
            shown.removeAll { $0 == drop }
        }
    }

    /// Each column's width: its widest cell or title, at most `maxCellWidth`.
    private func naturalWidths(maxCellWidth: Int) -> [Int] {
        var widths = columns.map { min(Self.clean($0.title).count, maxCellWidth) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], min(Self.clean(cell).count, maxCellWidth))
            }
        }
        return widths
    }

    /// Text on one line, safe to print to a terminal: line breaks and tabs made spaces, other control characters
    /// (escape sequences that move the cursor or change colours) removed.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return text
        }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.compactMap { scalar in
                    if scalar == "\n" || scalar == "\r" || scalar == "\t" { return " " }
                    return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? nil : scalar
                }
            )
        )
    }

    /// The table with the columns `shown`, each cut to its width in `widths` (indexed like `columns`).
    private func render(widths allWidths: [Int], shown: [Int]) -> String {
        func fit(_ text: String, _ width: Int) -> String {
            let flat = Self.clean(text)
            return flat.count > width ? String(flat.prefix(max(0, width - 1))) + "…" : flat
        }
        let widths = shown.map { allWidths[$0] }
        let header = shown.map { fit(columns[$0].title, allWidths[$0]) }
        let body = rows.map { row in shown.map { fit($0 < row.count ? row[$0] : "", allWidths[$0]) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (position, width) in widths.enumerated() {
                let cell = position < cells.count ? cells[position] : ""
                let padding = String(repeating: " ", count: max(0, width - cell.count))
                parts.append(columns[shown[position]].alignment == .right ? padding + cell : cell + padding)
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

/// Writes CSV lines for people to open in a spreadsheet.
public enum CSVWriter {
    /// One CSV line (ending in `\n`) of `cells`.
    public static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\n"
    }

    /// A cell: made safe to open in a spreadsheet (``neutralised(_:)``), then quoted when it holds a comma, quote or
    /// line break.
    public static func escape(_ cell: String) -> String {
        let cell = neutralised(cell)
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    /// A cell that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`, or a tab or carriage
    /// return first) gets a leading `'`, which spreadsheets show as text: the OWASP advice against CSV injection. A
    /// plain number (`-1.5`) is left as it is.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if first == "-" || first == "+", Double(cell) != nil { return cell }
        return "'" + cell
    }
}
