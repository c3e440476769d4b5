/// Values a field's `capture` pattern did not match, counted by field with the first lines they were on and one
/// example, so that a pattern that misses is noticed rather than silently reading nothing.
struct UnmatchedValueTally {
    private struct Entry {
        var field: String
        var pattern: String
        var file: String
        var example: String
        var count: Int
        var lines: [Int]
    }

    private var byField: [String: Entry] = [:]

    mutating func add(_ value: String, field: String, pattern: ValueCapture, file: String, line: Int) {
        if var known = byField[field] {
            known.count += 1
            if known.lines.count < UnmappedValue.lineLimit { known.lines.append(line) }
            byField[field] = known
        } else {
            byField[field] = Entry(
                field: field,
                pattern: pattern.description,
                file: file,
                example: String(value.prefix(80)),
                count: 1,
                lines: [line]
            )
        }
    }

    /// One warning per field, by field.
    var issues: [ImportIssue] {
        byField.values.sorted { $0.field < $1.field }.map { entry in
            let lines = entry.lines.map(String.init).joined(separator: ", ")
            let more = entry.count > entry.lines.count ? ", ..." : ""
            return ImportIssue(
                severity: .warning,
                file: entry.file,
                line: entry.lines.first,
                field: entry.field,
                value: entry.example,
                message: "\(entry.count) \(entry.count == 1 ? "value does" : "values do") not match the profile's "
                    + "capture pattern \(entry.pattern) (lines \(lines)\(more)); they were left out"
            )
        }
    }
}
