/// How a reader names where a record is in its file: a line of a text file (CSV, XML), a record of a JSON list, or a
/// row of a sheet of a workbook. Issues carry the number in `line` and, when it is not a line, these words in
/// ``ImportIssue/place``.
public enum RecordPlace: Sendable, Hashable {
    case line
    /// The records of a JSON list, counted from 1.
    case record
    /// The rows of the named sheet of a workbook, numbered as the spreadsheet numbers them.
    case sheetRow(String)

    /// `line 3`, `record 3`, `sheet Services row 3`.
    public func name(_ number: Int) -> String {
        switch self {
        case .line: "line \(number)"
        case .record: "record \(number)"
        case .sheetRow(let sheet): "sheet \(sheet) row \(number)"
        }
    }

    /// `lines 3, 5`, `records 3, 5`, `sheet Services rows 3, 5` (plural words for one number too, as reports always
    /// said `lines 3`).
    public func names(_ numbers: [Int]) -> String {
        let list = numbers.map(String.init).joined(separator: ", ")
        switch self {
        case .line: return "lines \(list)"
        case .record: return "records \(list)"
        case .sheetRow(let sheet): return "sheet \(sheet) rows \(list)"
        }
    }
}
