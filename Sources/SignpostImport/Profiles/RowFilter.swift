/// A CSV profile's row filters (`csv.skip`, `csv.keep`) applied to rows as they are read, with a count of the rows
/// each left out, for the report.
struct RowFilter {
    let skip: [RowCondition]
    let keep: [RowCondition]
    /// By reason: how many rows, and the first lines.
    private var leftOut: [String: (count: Int, lines: [Int])] = [:]

    init(layout: CSVLayout) {
        skip = layout.skip
        keep = layout.keep
    }

    /// Whether the row at `line` is left out (and counts it); `cell` gives a column's cell by header name.
    mutating func leavesOut(line: Int, cell: (String) -> String?) -> Bool {
        guard !skip.isEmpty || !keep.isEmpty else { return false }
        var reason: String?
        if let rule = skip.first(where: { $0.holds(for: cell($0.column)) }) {
            reason = "\(rule) (csv.skip)"
        } else if let rule = keep.first(where: { !$0.holds(for: cell($0.column)) }) {
            reason = "not \(rule) (csv.keep)"
        }
        guard let reason else { return false }
        var tally = leftOut[reason] ?? (0, [])
        tally.count += 1
        if tally.lines.count < UnmappedValue.lineLimit { tally.lines.append(line) }
        leftOut[reason] = tally
        return true
    }

    /// One warning per reason, saying how many rows were left out and where.
    func issues(file: String) -> [ImportIssue] {
        leftOut.sorted { $0.key < $1.key }.map { reason, tally in
            ImportIssue(
                severity: .warning,
                file: file,
                line: tally.lines.first,
                message: "\(tally.count) \(tally.count == 1 ? "row was" : "rows were") left out because \(reason) "
                    + "(lines \(tally.lines.map(String.init).joined(separator: ", "))"
                    + "\(tally.count > tally.lines.count ? ", ..." : "")), as the profile says"
            )
        }
    }
}

extension ImportProfile {
    /// The fields whose unusable values are dropped rather than rejecting the row (`"on_invalid": "drop"`).
    public var droppableFields: Set<ServiceField> {
        Set(fields.filter { $0.onInvalid == .drop }.map(\.field))
    }

    /// The columns the profile's conditions read (fields' `when`, and `csv.skip` and `csv.keep`), each once.
    var conditionColumns: [String] {
        var columns: [String] = []
        var conditions = fields.flatMap(\.conditions)
        if case .csv(let layout) = layout { conditions += layout.skip + layout.keep }
        for condition in conditions where !columns.contains(condition.column) { columns.append(condition.column) }
        return columns
    }

    /// The main-table columns read other than by fields: conditions, and the `from` columns of joined tables.
    var mainTableColumns: [String] {
        var columns = conditionColumns
        if case .csv(let layout) = layout, let joins = layout.joins {
            for join in joins.related.values.sorted(by: { $0.file < $1.file }) where join.from.table == nil {
                if !columns.contains(join.from.column) { columns.append(join.from.column) }
            }
        }
        return columns
    }
}
