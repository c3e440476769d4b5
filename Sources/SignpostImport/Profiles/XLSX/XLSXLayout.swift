/// How an Excel workbook (`.xlsx`) is read: which sheet, and which row holds the column headers. Cells are read by
/// their column's header (compared as CSV headers are: ignoring case, spaces and punctuation) or by position.
public struct XLSXLayout: Sendable, Hashable {
    /// The sheet's name as its tab shows it, or `nil` for the first sheet.
    public var sheet: String?
    /// The row of the header (1 for the first); 0 when the sheet has none and columns are named by position. Rows
    /// above the header (titles, notes) are skipped.
    public var headerRow: Int

    public init(sheet: String? = nil, headerRow: Int = 1) {
        self.sheet = sheet
        self.headerRow = headerRow
    }
}

/// The most a workbook may hold, so that a hostile one (a zip bomb, millions of empty rows) cannot exhaust memory,
/// disk or time. A workbook over a limit is refused whole, with a message naming the limit.
public struct XLSXLimits: Sendable, Hashable {
    /// The most one part (a sheet, the shared strings) may take once uncompressed: 256 MiB by default. Counted as
    /// it is inflated, whatever the archive's directory claims.
    public var maximumPartBytes: Int
    /// The most shared strings (the workbook's table of distinct texts): 1,000,000 by default.
    public var maximumSharedStrings: Int
    /// The most rows in the sheet: 1,048,576 (Excel's own limit) by default.
    public var maximumRows: Int
    /// The most cells in one row: 16,384 (Excel's own limit, column XFD) by default.
    public var maximumCellsPerRow: Int

    public init(
        maximumPartBytes: Int = 256 * 1_048_576,
        maximumSharedStrings: Int = 1_000_000,
        maximumRows: Int = 1_048_576,
        maximumCellsPerRow: Int = 16_384
    ) {
        self.maximumPartBytes = maximumPartBytes
        self.maximumSharedStrings = maximumSharedStrings
        self.maximumRows = maximumRows
        self.maximumCellsPerRow = maximumCellsPerRow
    }

    /// The limits Signpost reads every workbook with.
    public static let `default` = XLSXLimits()
}
