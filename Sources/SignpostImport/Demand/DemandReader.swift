public import SignpostCore

/// The period a demand count is for.
public enum DemandPeriod: String, Hashable, Sendable {
    case year
    case month

    /// The words a demand file may use: `year`, `a year`, `per year`, `annual`, `yearly`, `12 months`; `month`,
    /// `a month`, `per month`, `monthly`.
    public init?(text: String) {
        switch text.trimmed.lowercased().replacing("_", with: " ").replacing("-", with: " ") {
        case "year", "a year", "per year", "annual", "annually", "yearly", "12 months", "y": self = .year
        case "month", "a month", "per month", "monthly", "m": self = .month
        default: return nil
        }
    }

    /// How many of the period make a year.
    public var perYear: Int { self == .year ? 1 : 12 }
}

/// One row of a demand file: how many victims (referrals, recorded crimes or estimates) in an area needed a need
/// type, optionally in a language or of a group, over a year or a month.
public struct DemandRow: Hashable, Sendable {
    public var area: AreaCode
    public var need: NeedType
    /// The language or specialism code, when the file has that column.
    public var by: String?
    public var count: Int
    /// The row's period (`year` when the file has no `period` column).
    public var period: DemandPeriod
    public var line: Int

    /// The count as a year's: a month's counts twelve times.
    public var perYear: Int { count.multipliedReportingOverflow(by: period.perYear).partialValue }

    public init(area: AreaCode, need: NeedType, by: String? = nil, count: Int, period: DemandPeriod = .year, line: Int)
    {
        self.area = area
        self.need = need
        self.by = by
        self.count = count
        self.period = period
        self.line = line
    }
}

/// A demand file read: the good rows, and an issue for every bad one (nothing is dropped silently).
public struct DemandFile: Sendable {
    public var rows: [DemandRow]
    public var issues: [ImportIssue]
    /// `language` or `specialism` when the file splits demand by one of them.
    public var splitColumn: String?
    /// Whether the file says each row's period; without a `period` column every count is taken as a year's.
    public var hasPeriodColumn = false
}

/// Reads the demand CSV of `signpost gaps --demand`: a header row with `area`, `need` and `count`, and optionally
/// `language` or `specialism`, and `period` (`year` or `month`, per row; without the column, every count is a
/// year's). Areas are codes or names (`E23000010`, `West Yorkshire`, `E08000035`, `LS6`); need
/// types, languages and specialisms are codes, labels or aliases of the vocabularies. Bad rows are reported with
/// their line, field and value, with a suggestion where one is close; good rows are kept.
public enum DemandReader {
    public static func read(_ bytes: [UInt8], file: String, vocabularies: Vocabularies) -> DemandFile {
        do {
            return try read(CSVMemorySource(bytes), file: file, vocabularies: vocabularies)
        } catch {
            preconditionFailure("reading bytes in memory cannot fail: \(error)")
        }
    }

    /// Reads the demand file at `path` a chunk at a time (only a regular file).
    /// - Throws: ``CSVReadError`` when the file cannot be read.
    public static func read(
        path: String,
        vocabularies: Vocabularies,
        limits: CSVLimits = .default
    ) throws(CSVReadError) -> DemandFile {
        try read(CSVFileSource(path: path), file: path, vocabularies: vocabularies, limits: limits)
    }

    /// Reads `input` as the demand file `file`. A row that cannot be read (a quoted cell never closed, a row over a
    /// limit) is reported and skipped; a header that cannot be read leaves the file without rows.
    /// - Throws: ``CSVReadError`` when the input fails.
    public static func read(
        _ input: any CSVByteSource,
        file: String,
        vocabularies: Vocabularies,
        limits: CSVLimits = .default
    ) throws(CSVReadError) -> DemandFile {
        let reader = try CSVReader(source: input, limits: limits)
        var rows: [DemandRow] = []
        var issues: [ImportIssue] = []
        var header: [String]?
        var columns: (area: Int, need: Int, count: Int, by: Int?, period: Int?) = (0, 0, 0, nil, nil)
        var splitColumn: String?

        while let row = try reader.next() {
            let record: CSVRecord
            switch row {
            case .record(let read):
                record = read
            case .broken(let problem):
                guard let header else {
                    let message = "the header row cannot be read: \(problem.problem); no rows were read"
                    issues.append(ImportIssue(file: file, line: problem.line, message: message))
                    return DemandFile(rows: [], issues: issues, splitColumn: nil)
                }
                issues.append(ImportIssue(brokenRecord: problem, file: file, header: header, idColumn: nil))
                continue
            }
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            guard header != nil else {
                let names = record.fields.map { Self.columnName($0) }
                header = names
                let missing = ["area", "need", "count"].filter { !names.contains($0) }
                guard missing.isEmpty else {
                    let message =
                        "the header needs the columns area, need and count (missing \(missing.joined(separator: ", ")))"
                    issues.append(ImportIssue(file: file, line: record.line, message: message))
                    return DemandFile(rows: [], issues: issues, splitColumn: nil)
                }
                let language = names.firstIndex(of: "language")
                let specialism = names.firstIndex(of: "specialism")
                if language != nil, specialism != nil {
                    let message = "give demand by language or by specialism, not both in one file"
                    issues.append(ImportIssue(file: file, line: record.line, message: message))
                    return DemandFile(rows: [], issues: issues, splitColumn: nil)
                }
                splitColumn = language != nil ? "language" : specialism != nil ? "specialism" : nil
                columns = (
                    names.firstIndex(of: "area") ?? 0, names.firstIndex(of: "need") ?? 0,
                    names.firstIndex(of: "count") ?? 0, language ?? specialism, names.firstIndex(of: "period")
                )
                continue
            }
            func cell(_ index: Int) -> String { index < record.fields.count ? record.fields[index].trimmed : "" }
            func problem(_ field: String, _ value: String, _ message: String) {
                issues.append(
                    ImportIssue(file: file, line: record.line, field: field, value: value, message: message)
                )
            }
            var good = true
            let areaText = cell(columns.area)
            let area = vocabularies.resolveArea(areaText)
            if area == nil {
                problem("area", areaText, areaText.isEmpty ? "no area given" : "unknown area '\(areaText)'")
                good = false
            }
            let needText = cell(columns.need)
            let need = vocabularies.resolve(needText, as: NeedType.self)
            if need == nil {
                problem("need", needText, vocabularies[.needTypes].unknownMessage(needText))
                good = false
            }
            var by: String?
            if let column = columns.by, let splitColumn {
                let text = cell(column)
                if !text.isEmpty {
                    let vocabulary = vocabularies[splitColumn == "language" ? .languages : .specialisms]
                    by = vocabulary.term(for: text)?.code
                    if by == nil {
                        problem(splitColumn, text, vocabulary.unknownMessage(text))
                        good = false
                    }
                }
            }
            let countText = cell(columns.count)
            let count = Int(countText.filter { $0 != "," && $0 != "_" && $0 != " " })
            if count == nil || count ?? 0 < 0 {
                problem("count", countText, "the count must be a whole number of 0 or more")
                good = false
            }
            var period = DemandPeriod.year
            if let column = columns.period {
                let text = cell(column)
                if let given = DemandPeriod(text: text) {
                    period = given
                } else {
                    problem(
                        "period",
                        text,
                        text.isEmpty
                            ? "no period given: year or month"
                            : "unknown period '\(text)': year or month (a count of referrals a year or a month)"
                    )
                    good = false
                }
            }
            if good, let area, let need, let count {
                rows.append(
                    DemandRow(area: area, need: need, by: by, count: count, period: period, line: record.line)
                )
            }
        }
        if header == nil { issues.append(ImportIssue(file: file, message: "the file is empty")) }
        var read = DemandFile(rows: rows, issues: issues, splitColumn: splitColumn)
        read.hasPeriodColumn = columns.period != nil
        return read
    }

    /// Header names compared loosely: `Need type`, `need_type` and `NEED` are all `need`.
    private static func columnName(_ text: String) -> String {
        let name = text.trimmed.lowercased().replacing("_", with: " ")
        switch name {
        case "area", "area code", "area name", "pfa", "force area", "local authority", "lad", "district": return "area"
        case "need", "need type", "needs": return "need"
        case "count", "demand", "victims", "referrals", "number": return "count"
        case "language", "lang": return "language"
        case "specialism", "group": return "specialism"
        case "period", "per", "time period", "over": return "period"
        default: return name
        }
    }
}
