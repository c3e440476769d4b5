import Foundation

/// One row of an HSDS table: its cells by column name, and where it was read.
struct HSDSRow {
    let file: String
    let line: Int
    let fields: [String]
    let columns: [String: Int]

    /// The trimmed cell of `column`, or `nil` when the table lacks the column or the cell is blank.
    subscript(column: String) -> String? {
        guard let index = columns[column], index < fields.count else { return nil }
        let value = fields[index].trimmed
        return value.isEmpty ? nil : value
    }

    /// The first of `columns` with a value.
    func first(_ columns: String...) -> String? {
        for column in columns {
            if let value = self[column] { return value }
        }
        return nil
    }
}

/// An HSDS table read from a folder: the rows of one file, or of several files holding the same table (ORUK
/// publishes both `address.csv` and `addresses.csv`), merged by `id` with the first file winning.
struct HSDSTable {
    let name: String
    let files: [String]
    let rows: [HSDSRow]
    /// The column names of the first file, lower-cased.
    let columns: Set<String>
    /// Whether no file of the table could be read (its header unreadable, or the file failing): the table is then
    /// read as empty, and the issues say why.
    let isUnreadable: Bool
    /// Rows that could not be read (a quoted cell never closed, a row over a limit): reported, and not in `rows`.
    let brokenRows: Int

    /// Reads the first of `names` (file names without `.csv`) that exists, then merges any others present. `nil` when
    /// none exists (every table but services is optional). A row that cannot be read (a quoted cell never closed, a
    /// row over a limit) is reported and skipped; a table whose header cannot be read, or that is not a regular file,
    /// is reported and read as empty.
    static func load(
        folder: String,
        names: [String],
        limits: CSVLimits = .default,
        issues: inout [ImportIssue]
    ) -> HSDSTable? {
        var files: [String] = []
        var rows: [HSDSRow] = []
        var seenIDs: [String: String] = [:]
        var firstColumns: Set<String>?
        var unreadable = 0
        var broken = 0
        for name in names {
            let file = "\(name).csv"
            let path = (folder as NSString).appendingPathComponent(file)
            if InputFileKind(path: path) == .missing { continue }
            files.append(file)
            let table: (columns: [String: Int], rows: [HSDSRow])
            switch readRows(path: path, file: file, limits: limits, issues: &issues) {
            case .read(let columns, let rows, let brokenRows):
                table = (columns, rows)
                broken += brokenRows
            case .empty: continue
            case .unreadable:
                unreadable += 1
                continue
            }
            let columns = table.columns
            if firstColumns == nil { firstColumns = Set(columns.keys) }
            var repeated = 0
            for row in table.rows {
                if let id = row["id"] {
                    if seenIDs[id] != nil, files.count > 1, seenIDs[id] != file {
                        repeated += 1
                        continue
                    }
                    seenIDs[id] = file
                }
                rows.append(row)
            }
            if files.count > 1 {
                issues.append(
                    ImportIssue(
                        severity: .warning,
                        file: file,
                        message: "\(file) holds the same table as \(files[0]) (duplicate tables, as ORUK publishes); "
                            + "rows were merged by id, and \(repeated) row(s) with an id already read were skipped"
                    )
                )
            }
        }
        guard !files.isEmpty else { return nil }
        return HSDSTable(
            name: names[0],
            files: files,
            rows: rows,
            columns: firstColumns ?? [],
            isUnreadable: unreadable == files.count,
            brokenRows: broken
        )
    }

    /// What reading one table file gave.
    private enum FileRead {
        case read(columns: [String: Int], rows: [HSDSRow], brokenRows: Int)
        /// No header row: nothing in the file.
        case empty
        /// The file or its header could not be read (reported).
        case unreadable
    }

    /// The columns (lower-cased names to positions) and rows of one table file, or, with an issue, why there are
    /// none. Cells written with a space before their opening quote are read as quoted, and warned about once.
    private static func readRows(
        path: String,
        file: String,
        limits: CSVLimits,
        issues: inout [ImportIssue]
    ) -> FileRead {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, limits: limits)
        } catch {
            issues.append(ImportIssue(file: file, message: "\(error.message); the table was ignored"))
            return .unreadable
        }
        var header: [String]?
        var columns: [String: Int] = [:]
        var rows: [HSDSRow] = []
        var broken = 0
        while true {
            let next: CSVRow?
            do {
                next = try reader.next()
            } catch {
                issues.append(ImportIssue(file: file, message: "\(error.message); the table was ignored"))
                return .unreadable
            }
            guard let next else { break }
            switch next {
            case .broken(let problem):
                guard let header else {
                    issues.append(
                        ImportIssue(
                            file: file,
                            line: problem.line,
                            message: "the header row cannot be read: \(problem.problem); the table was ignored"
                        )
                    )
                    return .unreadable
                }
                broken += 1
                issues.append(ImportIssue(brokenRecord: problem, file: file, header: header, idColumn: columns["id"]))
            case .record(let record):
                guard header != nil else {
                    header = record.fields.map { $0.trimmed }
                    for (index, column) in record.fields.enumerated() {
                        let key = column.trimmed.lowercased()
                        if columns[key] == nil { columns[key] = index }
                    }
                    continue
                }
                rows.append(HSDSRow(file: file, line: record.line, fields: record.fields, columns: columns))
            }
        }
        guard header != nil else {
            issues.append(ImportIssue(severity: .warning, file: file, message: "the table is empty; it was ignored"))
            return .empty
        }
        if let note = reader.spaceBeforeQuoteIssue(file: file) { issues.append(note) }
        return .read(columns: columns, rows: rows, brokenRows: broken)
    }
}
