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

    /// Reads the first of `names` (file names without `.csv`) that exists, then merges any others present. `nil` when
    /// none exists (every table but services is optional).
    static func load(folder: String, names: [String], issues: inout [ImportIssue]) -> HSDSTable? {
        var files: [String] = []
        var rows: [HSDSRow] = []
        var seenIDs: [String: String] = [:]
        var firstColumns: Set<String>?
        for name in names {
            let file = "\(name).csv"
            let path = (folder as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            files.append(file)
            let records = CSVDocument(raw: Array(data)).records()
            guard let header = records.first else {
                issues.append(
                    ImportIssue(severity: .warning, file: file, message: "the table is empty; it was ignored")
                )
                continue
            }
            var columns: [String: Int] = [:]
            for (index, column) in header.fields.enumerated() {
                let key = column.trimmed.lowercased()
                if columns[key] == nil { columns[key] = index }
            }
            if firstColumns == nil { firstColumns = Set(columns.keys) }
            var repeated = 0
            for record in records.dropFirst() {
                let row = HSDSRow(file: file, line: record.line, fields: record.fields, columns: columns)
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
        return HSDSTable(name: names[0], files: files, rows: rows, columns: firstColumns ?? [])
    }
}
