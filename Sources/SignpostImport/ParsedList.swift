import Dispatch
public import SignpostCore

/// The formats Signpost reads.
public enum ListFormat: String, Hashable, Codable, Sendable, CaseIterable {
    case signpostCSV = "csv"
    case signpostXML = "xml"
    /// A folder of Open Referral (HSDS 3.0 / 3.1, ORUK 3.0) CSV tables.
    case openReferralCSV = "hsds"
    /// A bespoke CSV list read through an import profile.
    case profileCSV = "csv-profile"
    /// A bespoke XML list read through an import profile.
    case profileXML = "xml-profile"
    /// A JSON list read through an import profile.
    case profileJSON = "json-profile"
    /// An Excel workbook (`.xlsx`) read through an import profile.
    case profileXLSX = "xlsx-profile"
    /// An Open Referral UK 3.0 API (`/services`), pulled over HTTP(S).
    case openReferralFeed = "oruk-feed"
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
    /// The version of the format found, where it has several (`HSDS 1.1`).
    public var formatVersion: String?
    /// The import profile the list was read through, if any.
    public var profile: String?
    /// Values that map to nothing in Signpost's vocabularies (also reported as warnings in ``issues``).
    public var unmapped: [UnmappedValue] = []
    /// Records found in the file, valid or not.
    public var recordCount: Int
    /// The valid services, in file order (empty when they were handed on in batches as they were read).
    public var services: [Service]
    /// How many records were valid.
    public var acceptedCount: Int
    /// Rejected records (severity error) and warnings, in file order, within bounds (`IssueLog`: the same issue
    /// over and over is kept twenty times and counted after that).
    public var issues: IssueLog

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
        self.acceptedCount = services.count
        self.issues = IssueLog(issues)
    }

    /// Records rejected.
    public var rejectedCount: Int { recordCount - acceptedCount }
}

/// Collects the raw records of one file, rejecting a second record with an id already seen, and validates them in
/// chunks (in parallel: validation is pure). Valid services are kept in the list, or, when `emit` is given, handed
/// to it one chunk at a time in file order.
struct ParsedListBuilder {
    var list: ParsedList
    let validator: ServiceRecordValidator
    let emit: (([Service]) -> Void)?
    /// How records' places are named in messages (lines, JSON records, sheet rows).
    var places = RecordPlace.line
    private var firstLineOfRecord: [String: Int] = [:]
    private var pending: [RawServiceRecord] = []
    /// The chunk being validated in the background while the next one is read.
    private var inFlight: BackgroundValidation?
    private static let chunkSize = 4096

    init(list: ParsedList, validator: ServiceRecordValidator, emit: (([Service]) -> Void)? = nil) {
        self.list = list
        self.validator = validator
        self.emit = emit
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
                        message: "duplicate record id '\(id)': already used on \(places.name(first)); this record "
                            + "was skipped"
                    )
                )
                return
            }
            firstLineOfRecord[id] = record.line
        }
        pending.append(record)
        if pending.count >= Self.chunkSize { flush() }
    }

    /// Starts validating the pending records in the background, after collecting the chunk before them.
    private mutating func flush() {
        collect()
        guard !pending.isEmpty else { return }
        let chunk = BackgroundValidation()
        chunk.start(pending, validator: validator)
        pending = []
        inFlight = chunk
    }

    /// Waits for the chunk in flight, if any, and takes its outcomes in file order.
    private mutating func collect() {
        guard let chunk = inFlight else { return }
        inFlight = nil
        let outcomes = chunk.wait()
        var services: [Service] = []
        services.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .valid(let service, let warnings):
                services.append(service)
                list.issues.append(contentsOf: warnings)
            case .rejected(let errors):
                list.issues.append(contentsOf: errors)
            }
        }
        list.acceptedCount += services.count
        if let emit {
            if !services.isEmpty { emit(services) }
        } else {
            list.services.append(contentsOf: services)
        }
    }

    /// Validates the pending records and returns the finished list.
    mutating func finish() -> ParsedList {
        flush()
        collect()
        // Keep issues in file order (duplicates were noted while reading); the sort is stable.
        list.issues.sortByLine()
        list.issues.name(places: places)
        return list
    }
}

/// One chunk of records being validated on other threads.
private final class BackgroundValidation: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the background work before `group` is left, read only after waiting on `group`.
    private var outcomes: [ServiceRecordValidator.Outcome] = []

    func start(_ records: [RawServiceRecord], validator: ServiceRecordValidator) {
        group.enter()
        DispatchQueue.global().async {
            self.outcomes = ParallelMap.map(records, chunkSize: 1024) { validator.validate($0) }
            self.group.leave()
        }
    }

    func wait() -> [ServiceRecordValidator.Outcome] {
        group.wait()
        return outcomes
    }
}

/// Maps an array on every core, in chunks, keeping the order.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input],
        chunkSize: Int,
        _ transform: @escaping @Sendable (Input) -> Output
    ) -> [Output] {
        let chunks = (inputs.count + chunkSize - 1) / chunkSize
        guard chunks > 1 else { return inputs.map(transform) }
        let results = ResultSlots<[Output]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * chunkSize)..<min(inputs.count, (chunk + 1) * chunkSize)
            results.store(inputs[range].map(transform), at: chunk)
        }
        return results.take().flatMap { $0 }
    }
}

/// One slot per parallel chunk; each chunk writes only its own slot, and the slots are read after all have finished.
/// Raw memory rather than an array property: concurrent writes to one array property would be exclusive accesses.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<Value?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    func take() -> [Value] { (0..<count).compactMap { slots[$0] } }
}
