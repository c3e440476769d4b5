public import SignpostCore

/// The formats Signpost reads.
public enum ListFormat: String, Hashable, Codable, Sendable, CaseIterable {
    case signpostCSV = "csv"
    case signpostXML = "xml"
}

/// What reading one file gave: the valid services, and every issue with the file and its records. Nothing has been
/// stored yet; the caller hands `services` to the catalog.
public struct ParsedList: Sendable {
    public var file: String
    public var format: ListFormat
    public var source: SourceName
    /// The encoding the file was read in (CSV).
    public var encoding: TextEncoding?
    /// The delimiter used (CSV): `comma`, `semicolon` or `tab`.
    public var delimiter: String?
    /// The commissioner named by the list (XML).
    public var commissioner: String?
    /// Records found in the file, valid or not.
    public var recordCount: Int
    /// The valid services, in file order.
    public var services: [Service]
    /// Rejected records (severity error) and warnings, in file order.
    public var issues: [ImportIssue]

    public init(
        file: String,
        format: ListFormat,
        source: SourceName,
        encoding: TextEncoding? = nil,
        delimiter: String? = nil,
        commissioner: String? = nil,
        recordCount: Int = 0,
        services: [Service] = [],
        issues: [ImportIssue] = []
    ) {
        self.file = file
        self.format = format
        self.source = source
        self.encoding = encoding
        self.delimiter = delimiter
        self.commissioner = commissioner
        self.recordCount = recordCount
        self.services = services
        self.issues = issues
    }

    /// Records rejected.
    public var rejectedCount: Int { recordCount - services.count }
}

/// Collects validated records for one file, rejecting a second record with an id already seen.
struct ParsedListBuilder {
    var list: ParsedList
    let validator: ServiceRecordValidator
    private var firstLineOfRecord: [String: Int] = [:]

    init(list: ParsedList, validator: ServiceRecordValidator) {
        self.list = list
        self.validator = validator
    }

    mutating func add(_ record: RawServiceRecord) {
        list.recordCount += 1
        if let id = record[.sourceRecordID] {
            if let first = firstLineOfRecord[id] {
                list.issues.append(
                    ImportIssue(
                        file: list.file,
                        line: record.line,
                        field: record.name(of: .sourceRecordID),
                        recordID: id,
                        value: id,
                        message: "duplicate record id '\(id)': already used on line \(first); this record was skipped"
                    )
                )
                return
            }
            firstLineOfRecord[id] = record.line
        }
        switch validator.validate(record) {
        case .valid(let service, let warnings):
            list.services.append(service)
            list.issues.append(contentsOf: warnings)
        case .rejected(let errors):
            list.issues.append(contentsOf: errors)
        }
    }
}
