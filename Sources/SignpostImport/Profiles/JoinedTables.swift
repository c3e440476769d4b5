/// The related tables of a several-file CSV profile (``CSVJoins``), read whole and indexed by their key column, so
/// that a main row's joined values can be looked up as it is read. Main rows whose `from` value matches no row are
/// counted, and reported, so a broken link is noticed.
final class JoinedTables {
    struct Table {
        var file: String
        var columns: [String: Int]
        var rows: [[String]]
        /// Key value -> positions of the rows with it.
        var index: [String: [Int]]
    }

    let joins: CSVJoins
    private var tables: [String: Table] = [:]
    /// Table -> (main rows whose link found nothing, the first of their lines, an example value).
    private var dangling: [String: (count: Int, lines: [Int], value: String)] = [:]
    private var lastDanglingLine: [String: Int] = [:]
    /// Rows of related tables that could not be read.
    private(set) var issues: [ImportIssue] = []

    /// Reads every related table from `folder` with the main file's delimiter, encoding and limits.
    /// - Throws: ``ImportFileError`` when a table cannot be read or lacks its key column.
    init(joins: CSVJoins, folder: String, layout: CSVLayout, limits: CSVLimits) throws(ImportFileError) {
        self.joins = joins
        for (name, join) in joins.related.sorted(by: { $0.key < $1.key }) {
            tables[name] = try Self.load(join, folder: folder, layout: layout, limits: limits, issues: &issues)
        }
    }

    private static func load(
        _ join: CSVJoins.Join,
        folder: String,
        layout: CSVLayout,
        limits: CSVLimits,
        issues: inout [ImportIssue]
    ) throws(ImportFileError) -> Table {
        let path = join.file.hasPrefix("/") ? join.file : "\(folder)/\(join.file)"
        let source: CSVFileSource
        do { source = try CSVFileSource(path: path) } catch {
            throw ImportFileError(file: path, message: "cannot read this joined table: \(error.message)")
        }
        let reader = try CSVReader.opening(
            source,
            file: path,
            encoding: layout.encoding,
            delimiter: layout.delimiter,
            limits: limits
        )
        let headerRow = max(layout.headerRow, 1)
        var table = Table(file: path, columns: [:], rows: [], index: [:])
        var header = false
        var keyColumn = 0
        while let row = try reader.nextRow(file: path) {
            switch row {
            case .broken(let problem):
                guard header else {
                    guard problem.line >= headerRow else { continue }
                    throw ImportFileError(unreadableHeader: problem, file: path)
                }
                issues.append(
                    ImportIssue(
                        severity: .warning,
                        file: path,
                        line: problem.line,
                        message: "\(problem.message); the row was not joined"
                    )
                )
            case .record(let record):
                if !header {
                    guard record.line >= headerRow else { continue }
                    header = true
                    for (index, name) in record.fields.enumerated() {
                        let key = SignpostCSVReader.headerKey(name)
                        if !key.isEmpty, table.columns[key] == nil { table.columns[key] = index }
                    }
                    guard let found = table.columns[SignpostCSVReader.headerKey(join.key)] else {
                        throw ImportFileError(
                            file: path,
                            message: "the header lacks the key column '\(join.key)' the profile joins by; the header "
                                + "has: \(record.fields.map(\.trimmed).joined(separator: ", "))"
                        )
                    }
                    keyColumn = found
                    continue
                }
                guard keyColumn < record.fields.count else { continue }
                let key = record.fields[keyColumn].trimmed
                guard !key.isEmpty else { continue }
                table.index[key, default: []].append(table.rows.count)
                table.rows.append(record.fields)
            }
        }
        return table
    }

    /// Whether the related table `name` has `column`.
    func has(_ column: String, in name: String) -> Bool {
        tables[name]?.columns[SignpostCSVReader.headerKey(column)] != nil
    }

    /// The file of the related table `name`.
    func file(of name: String) -> String { tables[name]?.file ?? name }

    /// The values of `reference` for the main row at `line`, whose cells `mainCell` gives by column name: one for a
    /// main-table column, one per joined row for a related table's.
    func values(of reference: ColumnReference, line: Int, mainCell: (String) -> String?) -> [String] {
        guard let name = reference.table else { return mainCell(reference.column).map { [$0] } ?? [] }
        guard let table = tables[name], let column = table.columns[SignpostCSVReader.headerKey(reference.column)]
        else { return [] }
        return rows(of: name, line: line, mainCell: mainCell).compactMap { position in
            let row = table.rows[position]
            guard column < row.count, !row[column].trimmed.isEmpty else { return nil }
            return row[column]
        }
    }

    /// The positions of the rows of `name` joined to the main row.
    private func rows(of name: String, line: Int, mainCell: (String) -> String?) -> [Int] {
        guard let join = joins.related[name], let table = tables[name] else { return [] }
        var found: [Int] = []
        for value in values(of: join.from, line: line, mainCell: mainCell) {
            let key = value.trimmed
            guard !key.isEmpty else { continue }
            guard let positions = table.index[key] else {
                // Counted once per main row, however many fields read through the link.
                if lastDanglingLine[name] != line {
                    lastDanglingLine[name] = line
                    var tally = dangling[name] ?? (0, [], key)
                    tally.count += 1
                    if tally.lines.count < UnmappedValue.lineLimit { tally.lines.append(line) }
                    dangling[name] = tally
                }
                continue
            }
            for position in positions where !found.contains(position) { found.append(position) }
        }
        return found
    }

    /// Warnings: rows that could not be read, and links that found no row, by table.
    func report(mainFile: String) -> [ImportIssue] {
        issues
            + dangling.sorted { $0.key < $1.key }.map { name, tally in
                let join = joins.related[name]
                let more = tally.count > tally.lines.count ? ", ..." : ""
                return ImportIssue(
                    severity: .warning,
                    file: mainFile,
                    line: tally.lines.first,
                    field: join.map { $0.from.description },
                    value: tally.value,
                    message:
                        "\(tally.count) \(tally.count == 1 ? "row's" : "rows'") \(join.map { $0.from.description } ?? "link") found no row of "
                        + "\(file(of: name)) with that \(join?.key ?? "key") (lines "
                        + "\(tally.lines.map(String.init).joined(separator: ", "))\(more)); nothing was joined for them"
                )
            }
    }
}
