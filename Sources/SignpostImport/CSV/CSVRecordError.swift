/// A record that could not be read whole: where it starts, which cell (when known) and why. Reading goes on after
/// it: after the record's end when that is known, else from the first line after the record's first line from which a
/// record can be read (lines between are part of this one problem, and are not reported again).
public struct CSVRecordError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The file ends inside a quoted cell that opened on the given line.
        case unterminatedQuote(openedOnLine: Int)
        /// A quoted cell that opened on the given line runs past the cell limit without closing.
        case quotedCellTooLong(openedOnLine: Int, limit: Int)
        /// An unquoted cell (or a quoted one with text after its closing quote) is longer than the cell limit.
        case cellTooLong(limit: Int)
        /// The record is longer than the record limit.
        case recordTooLong(limit: Int)
        /// The record has more cells than the column limit.
        case tooManyColumns(limit: Int)
    }

    /// Where reading went on.
    public enum Recovery: Hashable, Sendable {
        /// After the record's end.
        case afterRecord
        /// The record's end could not be found: from this line, the first after the record's first line from which a
        /// record could be read.
        case fromLine(Int)
        /// The record's end could not be found, and no record could be read after it.
        case endOfFile
    }

    /// The line the record starts on.
    public var line: Int
    /// The index (0-based) of the cell at fault, when known.
    public var column: Int?
    public var reason: Reason
    /// The cells read before the fault (to name the record, for example by its id).
    public var cells: [String]
    /// Where reading went on.
    public var recovery: Recovery

    public init(line: Int, column: Int?, reason: Reason, cells: [String] = [], recovery: Recovery = .afterRecord) {
        self.line = line
        self.column = column
        self.reason = reason
        self.cells = cells
        self.recovery = recovery
    }

    /// What is wrong, in words (no consequence): "a quoted cell opened on line 2 is never closed: ...".
    public var problem: String {
        switch reason {
        case .unterminatedQuote(let opened):
            "a quoted cell opened on line \(opened) is never closed: the file ends inside it (a closing quote is "
                + "probably missing)"
        case .quotedCellTooLong(let opened, let limit):
            "a quoted cell opened on line \(opened) is not closed within \(CSVLimits.describe(bytes: limit)), the "
                + "largest cell allowed: a closing quote is probably missing, or the cell is too long"
        case .cellTooLong(let limit):
            "a cell is longer than \(CSVLimits.describe(bytes: limit)), the largest cell allowed"
        case .recordTooLong(let limit):
            "the record is longer than \(CSVLimits.describe(bytes: limit)), the largest record allowed"
        case .tooManyColumns(let limit):
            "the record has more than \(limit) cells, the most allowed"
        }
    }

    /// The problem and what was done about it: "...; the record was skipped and reading went on from line 3".
    public var message: String {
        switch recovery {
        case .afterRecord: problem + "; the record was skipped"
        case .fromLine(let next): problem + "; the record was skipped and reading went on from line \(next)"
        case .endOfFile: problem + "; the record was skipped, and nothing after it could be read as a record"
        }
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
