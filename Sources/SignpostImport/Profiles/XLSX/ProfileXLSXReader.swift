import Foundation
public import SignpostCore

/// Reads an Excel workbook (`.xlsx`) through an import profile: one sheet (named, or the first), its header row,
/// and each row below mapped by the same rules as a CSV row (``ProfileCSVReader``'s header check, then
/// ``ProfileRecordMapper``), so that maps, splitting and validation behave alike. The zip is read with ZIPFoundation
/// and each part streamed with libxml2 (``XLSXXMLStream``), within ``XLSXLimits``. A number in a column read into a
/// date field is an Excel date serial and becomes an ISO date. Messages name rows as `sheet NAME row N`.
public struct ProfileXLSXReader: Sendable {
    public let profile: ImportProfile
    public let layout: XLSXLayout
    public let vocabularies: Vocabularies
    public var limits = XLSXLimits.default

    public init(profile: ImportProfile, layout: XLSXLayout, vocabularies: Vocabularies) {
        self.profile = profile
        self.layout = layout
        self.vocabularies = vocabularies
    }

    /// Reads the workbook at `path` (named `file` in messages) as services of `source`; `emit`, when given,
    /// receives the valid services in batches and the list returned then holds none.
    /// - Throws: ``ImportFileError`` when the file is not a readable workbook, a part is over a limit or damaged,
    ///   the sheet is not there, or the header lacks a column a required field is read from.
    public func read(
        path: String,
        file: String,
        source: SourceName,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        do {
            return try readWorkbook(path: path, file: file, source: source, emit: emit)
        } catch {
            throw error.fileError(file)
        }
    }

    private func readWorkbook(
        path: String,
        file: String,
        source: SourceName,
        emit: (([Service]) -> Void)?
    ) throws(XLSXError) -> ParsedList {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw XLSXError("cannot read the file: it does not exist or is not readable")
        }
        if layout.headerRow == 0, let named = profile.fields.flatMap(\.sources).first(where: { $0.isColumnName }) {
            throw XLSXError(
                "the profile \(profile.name) reads column '\(named.label ?? "")' by name but declares no header row "
                    + "(headerRow is 0)"
            )
        }
        let archive = try XLSXArchive(path: path, limits: limits)
        let workbook = try XLSXWorkbook(archive, limits: limits)
        let sheet = try workbook.sheet(named: layout.sheet)
        let rows = XLSXSheetRows(
            stream: try XLSXXMLStream(path: try archive.extract(sheet.part), part: sheet.part),
            sheet: sheet.name,
            sharedStrings: workbook.sharedStrings,
            limits: limits
        )
        let places = RecordPlace.sheetRow(sheet.name)
        var builder = ParsedListBuilder(
            list: ParsedList(file: file, format: .profileXLSX, source: source),
            validator: ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file),
            emit: emit
        )
        builder.places = places
        builder.list.profile = profile.name
        var mapper = ProfileRecordMapper(profile: profile, vocabularies: vocabularies, file: file)
        let csv = ProfileCSVReader(
            profile: profile,
            layout: CSVLayout(headerRow: layout.headerRow),
            vocabularies: vocabularies
        )
        var sourceIndex: [FieldSource: Int] = [:]
        var headerNames: [String] = []
        var positions = Set<Int>()
        var unheaded = Set<Int>()
        var unheadedRows: [Int] = []
        var headerFound = layout.headerRow == 0
        var headerError: ImportFileError?
        let dateColumns = Self.dateColumns(of: profile)
        var dateIndexes = Set(dateColumns.compactMap { if case .position(let number) = $0 { number - 1 } else { nil } })

        try rows.eachRow { number, cells in
            if !headerFound {
                guard number >= layout.headerRow else { return true }
                headerFound = true
                let width = (cells.keys.max() ?? -1) + 1
                let names = (0..<width).map { cells[$0]?.text ?? "" }
                headerNames = names
                var columnIndex: [String: Int] = [:]
                for (index, name) in names.enumerated() {
                    let key = SignpostCSVReader.headerKey(name)
                    if !key.isEmpty, columnIndex[key] == nil { columnIndex[key] = index }
                }
                for source in profile.fields.flatMap(\.sources) {
                    if case .column(let name) = source {
                        sourceIndex[source] = columnIndex[SignpostCSVReader.headerKey(name)]
                    }
                }
                for source in dateColumns { if let index = sourceIndex[source] { dateIndexes.insert(index) } }
                for case .position(let number) in profile.fields.flatMap(\.sources) { positions.insert(number - 1) }
                do throws(ImportFileError) {
                    try csv.checkHeader(
                        CSVRecord(line: number, fields: names),
                        columnIndex: columnIndex,
                        file: file,
                        joined: nil,
                        warnings: &builder.list.issues
                    )
                } catch {
                    headerError = error
                    return false
                }
                return true
            }
            // A value in a column without a header is read by no rule: counted, so that it is not lost unseen.
            if layout.headerRow > 0 {
                let stray = cells.keys.filter {
                    ($0 >= headerNames.count || headerNames[$0].trimmed.isEmpty) && !positions.contains($0)
                }
                if !stray.isEmpty {
                    unheaded.formUnion(stray)
                    if unheadedRows.count < UnmappedValue.lineLimit + 1 { unheadedRows.append(number) }
                }
            }
            let read: (FieldSource) -> [ProfileRecordMapper.Read] = { source in
                let index: Int?
                switch source {
                case .column: index = sourceIndex[source]
                case .position(let position): index = position - 1
                case .path, .constant: index = nil
                }
                guard let index, let cell = cells[index] else { return [] }
                if cell.isNumber, dateIndexes.contains(index),
                    let date = ExcelDate.date(serial: cell.text, date1904: workbook.date1904)
                {
                    return [(date.description, number)]
                }
                return [(cell.text, number)]
            }
            builder.add(mapper.record(line: number, read: read, locations: [(number, read)]))
            return true
        }
        if var headerError {
            headerError.issues = headerError.issues.map { issue in
                var issue = issue
                issue.place = issue.line.map(places.name)
                return issue
            }
            var error = XLSXError("the header cannot be used")
            error.issues = headerError.issues
            throw error
        }
        if !headerFound {
            throw XLSXError(
                "no header row: the profile \(profile.name) expects it on \(places.name(layout.headerRow)), and the "
                    + "sheet has no row there or below"
            )
        }
        if let first = unheadedRows.first {
            let shown = unheadedRows.prefix(UnmappedValue.lineLimit)
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: first,
                    message: "values in columns without a header ("
                        + unheaded.sorted().map(XLSXSheetRows.letters).joined(separator: ", ")
                        + ") were not read (\(places.names(Array(shown)))"
                        + (unheadedRows.count > shown.count ? ", ..." : "")
                        + "); give the column a header the profile reads"
                )
            )
        }
        builder.list.issues += mapper.unmapped.values.map { $0.issue(places: places) }
        var list = builder.finish()
        list.unmapped = mapper.unmapped.values
        return list
    }

    /// The column sources read into date fields.
    static func dateColumns(of profile: ImportProfile) -> [FieldSource] {
        profile.fields.filter { ImportProfile.isDate($0.field) }.flatMap(\.sources).filter {
            switch $0 {
            case .column, .position: true
            case .path, .constant: false
            }
        }
    }
}

extension FieldSource {
    /// Whether the source is a column named by its header.
    fileprivate var isColumnName: Bool {
        if case .column = self { true } else { false }
    }
}
