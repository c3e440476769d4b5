/// The most a CSV record may hold, so that a broken or hostile file cannot exhaust memory. Sizes are in bytes of the
/// text as UTF-8. A record over a limit is reported and skipped, and reading goes on; a header row over a limit makes
/// the file unreadable. Docs/Formats.md ("Resource limits") lists them with their messages.
public struct CSVLimits: Hashable, Sendable {
    /// The largest cell, quotes included: 64 KiB by default. A quoted cell that runs past it without closing is
    /// reported as unterminated or too long.
    public var maximumCellBytes: Int
    /// The largest record, from its first byte to its line end: 1 MiB by default.
    public var maximumRecordBytes: Int
    /// The most cells in one record: 1,000 by default.
    public var maximumColumns: Int

    public init(maximumCellBytes: Int = 65_536, maximumRecordBytes: Int = 1_048_576, maximumColumns: Int = 1_000) {
        self.maximumCellBytes = maximumCellBytes
        self.maximumRecordBytes = maximumRecordBytes
        self.maximumColumns = maximumColumns
    }

    /// The limits Signpost reads every CSV file with.
    public static let `default` = CSVLimits()

    /// A size for people: `64 KiB`, `1 MiB`, `300 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1_048_576, bytes.isMultiple(of: 1_048_576) { return "\(bytes / 1_048_576) MiB" }
        if bytes >= 1_024, bytes.isMultiple(of: 1_024) { return "\(bytes / 1_024) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
