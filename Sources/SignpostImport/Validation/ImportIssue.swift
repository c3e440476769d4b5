/// A problem found while reading a file: where (file, line, field), what value, and what to do about it.
public struct ImportIssue: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Codable, Sendable {
        /// The record (or the whole file, when `line` is nil) was not imported.
        case error
        /// Imported, but worth a look.
        case warning
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var field: String?
    /// The record's id in its source, when known.
    public var recordID: String?
    public var value: String?
    public var message: String
    /// Where the record is when that is not a line of a text file: `record 3` (JSON), `sheet Services row 4`
    /// (Excel); `line` then holds the number. See ``RecordPlace``.
    public var place: String?

    public init(
        severity: Severity = .error,
        file: String,
        line: Int? = nil,
        field: String? = nil,
        recordID: String? = nil,
        value: String? = nil,
        message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.recordID = recordID
        self.value = value
        self.message = message
    }

    /// `file:line: field: message`, or `file: place: field: message`.
    public var description: String {
        var text = file
        if let place {
            text += ": \(place)"
        } else if let line {
            text += ":\(line)"
        }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}

/// A file that could not be read at all (unreadable, not well-formed, invalid against the schema). Nothing from it
/// is imported.
public struct ImportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ImportIssue]

    public init(file: String, issues: [ImportIssue]) {
        self.file = file
        self.issues = issues
    }

    public init(file: String, message: String) {
        self.init(file: file, issues: [ImportIssue(file: file, message: message)])
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
