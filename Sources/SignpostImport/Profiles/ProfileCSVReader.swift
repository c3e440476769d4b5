public import SignpostCore

/// Reads a bespoke CSV list through an import profile with a CSV layout.
public struct ProfileCSVReader: Sendable {
    public let profile: ImportProfile
    public let layout: CSVLayout
    public let vocabularies: Vocabularies
    /// The most a cell, a record and a row's cells may hold.
    public var limits: CSVLimits = .default
    /// Where the tables joined to the main file are (``CSVLayout/joins``); the main file's folder when nil.
    public var folder: String?

    /// - Precondition: the profile's layout is CSV.
    public init(profile: ImportProfile, vocabularies: Vocabularies) {
        guard case .csv(let layout) = profile.layout else { preconditionFailure("not a CSV profile") }
        self.profile = profile
        self.layout = layout
        self.vocabularies = vocabularies
    }

    /// A reader of rows laid out as `layout` says, whatever the profile's own layout (a workbook's sheet read through
    /// the profile's rules).
    init(profile: ImportProfile, layout: CSVLayout, vocabularies: Vocabularies) {
        self.profile = profile
        self.layout = layout
        self.vocabularies = vocabularies
    }

    /// Reads `raw` (the bytes of `file`) as services of `source`; `emit`, when given, receives the valid services in
    /// batches and the list returned then holds none.
    /// - Throws: ``ImportFileError`` when the file has no header row where the profile says, its header cannot be
    ///   read, or it lacks a column a required field is read from.
    public func read(
        _ raw: [UInt8],
        file: String,
        source: SourceName,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        try read(CSVMemorySource(raw), file: file, source: source, progress: progress, emit: emit)
    }

    /// Reads `input` (a file: ``CSVFileSource``) as services of `source`, a chunk at a time. A record that cannot be
    /// read (a quoted cell never closed, a record over a limit) is reported with its line and rejected, and reading
    /// goes on after it.
    /// - Throws: ``ImportFileError`` when the input cannot be read, has no header row where the profile says, its
    ///   header cannot be read, or it lacks a column a required field is read from.
    public func read(
        _ input: any CSVByteSource,
        file: String,
        source: SourceName,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        if layout.headerRow == 0,
            let named = profile.fields.flatMap(\.sources).first(where: {
                if case .column = $0 { true } else { false }
            })
        {
            throw ImportFileError(
                file: file,
                message: "the profile \(profile.name) reads column '\(named.label ?? "")' by name but declares no "
                    + "header row (csv.headerRow is 0)"
            )
        }
        let reader = try CSVReader.opening(
            input,
            file: file,
            encoding: layout.encoding,
            delimiter: layout.delimiter,
            limits: limits
        )
        var validator = ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file)
        validator.droppable = profile.droppableFields
        var builder = ParsedListBuilder(
            list: ParsedList(
                file: file,
                format: .profileCSV,
                source: source,
                encoding: reader.encoding,
                delimiter: reader.delimiterName
            ),
            validator: validator,
            emit: emit
        )
        if layout.encoding == nil, reader.encoding.isFallback {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    message: "the file is not valid UTF-8; read it as \(reader.encoding.rawValue). Declare the "
                        + "encoding in the profile (csv.encoding) to be sure"
                )
            )
        }
        builder.list.profile = profile.name
        var mapper = ProfileRecordMapper(profile: profile, vocabularies: vocabularies, file: file)
        var columnIndex: [String: Int] = [:]
        /// The cell of each column a rule names, found once from the header.
        var sourceIndex: [FieldSource: Int] = [:]
        var headerNames: [String] = []
        var headerCount = 0
        var headerFound = layout.headerRow == 0
        var filter = RowFilter(layout: layout)
        let joined = try layout.joins.map { joins throws(ImportFileError) in
            try JoinedTables(
                joins: joins,
                folder: folder ?? Self.folder(of: file),
                layout: layout,
                limits: limits
            )
        }
        let mainColumns = profile.mainTableColumns
        while let row = try reader.nextRow(file: file) {
            let record: CSVRecord
            switch row {
            case .broken(let problem):
                if !headerFound {
                    // Lines above the header (titles, notes) are skipped, broken or not.
                    guard problem.line >= layout.headerRow else { continue }
                    throw ImportFileError(unreadableHeader: problem, file: file)
                }
                builder.list.recordCount += 1
                let idColumn = profile.rule(for: .sourceRecordID)?.sources.lazy.compactMap { source -> Int? in
                    switch source {
                    case .column: sourceIndex[source]
                    case .position(let number): number - 1
                    case .path, .constant: nil
                    }
                }.first
                builder.list.issues.append(
                    ImportIssue(brokenRecord: problem, file: file, header: headerNames, idColumn: idColumn)
                )
                continue
            case .record(let read):
                record = read
            }
            if !headerFound {
                guard record.line >= layout.headerRow else { continue }
                headerFound = true
                headerCount = record.fields.count
                headerNames = record.fields.map(\.trimmed)
                for (index, name) in record.fields.enumerated() {
                    let key = SignpostCSVReader.headerKey(name)
                    if !key.isEmpty, columnIndex[key] == nil { columnIndex[key] = index }
                }
                for source in profile.fields.flatMap(\.sources) + mainColumns.map(FieldSource.column) {
                    if case .column(let name) = source {
                        sourceIndex[source] = columnIndex[SignpostCSVReader.headerKey(name)]
                    }
                }
                try checkHeader(
                    record,
                    columnIndex: columnIndex,
                    file: file,
                    joined: joined,
                    warnings: &builder.list.issues
                )
                continue
            }
            if let progress, builder.list.recordCount % 2048 == 0 { progress(record.byteOffset) }
            if headerCount > 0, record.fields.count > headerCount,
                record.fields[headerCount...].contains(where: { !$0.trimmed.isEmpty })
            {
                builder.list.recordCount += 1
                builder.list.issues.append(
                    ImportIssue(
                        file: file,
                        line: record.line,
                        message: "the row has \(record.fields.count) cells but the header has \(headerCount); a cell "
                            + "holding the delimiter is probably not quoted. The row was skipped"
                    )
                )
                continue
            }
            let cell = { (column: String) -> String? in
                guard let index = sourceIndex[.column(column)], index < record.fields.count else { return nil }
                return record.fields[index]
            }
            if filter.leavesOut(line: record.line, cell: cell) { continue }
            let read: (FieldSource) -> [ProfileRecordMapper.Read] = { source in
                let index: Int?
                switch source {
                case .column(let name):
                    if let joined, let table = joined.joins.reference(name).table {
                        let reference = ColumnReference(table: table, column: joined.joins.reference(name).column)
                        return joined.values(of: reference, line: record.line, mainCell: cell).map { ($0, record.line) }
                    }
                    index = sourceIndex[source]
                case .position(let number): index = number - 1
                case .path, .constant: index = nil
                }
                guard let index, index < record.fields.count else { return [] }
                return [(record.fields[index], record.line)]
            }
            builder.add(mapper.record(line: record.line, read: read, locations: [(record.line, read)]))
        }
        if !headerFound {
            throw ImportFileError(
                file: file,
                message: "no header row: the profile \(profile.name) expects it on line \(layout.headerRow)"
            )
        }
        builder.list.issues += filter.issues(file: file)
        builder.list.issues += joined?.report(mainFile: file) ?? []
        builder.list.issues += mapper.issues
        if let note = reader.spaceBeforeQuoteIssue(file: file) { builder.list.issues.append(note) }
        var list = builder.finish()
        list.unmapped = mapper.unmapped.values
        return list
    }

    /// The folder of `file` (".", for a bare name).
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// A column named in a message, with the field it feeds when their names differ.
    private static func describe(_ column: String, _ field: ServiceField) -> String {
        SignpostCSVReader.headerKey(column) == SignpostCSVReader.headerKey(field.column)
            ? "'\(column)'" : "'\(column)' (\(field.column))"
    }

    /// Fails when a column that a required field is read from is missing; warns about other missing columns and
    /// about columns the profile does not read (so that nothing is dropped unseen).
    func checkHeader(
        _ header: CSVRecord,
        columnIndex: [String: Int],
        file: String,
        joined: JoinedTables?,
        warnings: inout IssueLog
    ) throws(ImportFileError) {
        var missingRequired: [String] = []
        var missingOptional: [String] = []
        var used = Set<Int>()
        for rule in profile.fields {
            for source in rule.sources {
                switch source {
                case .column(let name):
                    if let joined, let table = joined.joins.reference(name).table {
                        let column = joined.joins.reference(name).column
                        if !joined.has(column, in: table) {
                            let missing = "'\(column)' of \(joined.file(of: table)) (\(rule.field.column))"
                            if SignpostCSVReader.requiredColumns.contains(rule.field), rule.defaultValues.isEmpty {
                                missingRequired.append(missing)
                            } else {
                                missingOptional.append(missing)
                            }
                        }
                    } else if let index = columnIndex[SignpostCSVReader.headerKey(name)] {
                        used.insert(index)
                    } else if SignpostCSVReader.requiredColumns.contains(rule.field), rule.defaultValues.isEmpty {
                        missingRequired.append(Self.describe(name, rule.field))
                    } else {
                        missingOptional.append(Self.describe(name, rule.field))
                    }
                case .position(let number):
                    used.insert(number - 1)
                    if number > header.fields.count {
                        missingOptional.append("column \(number) (\(rule.field.column))")
                    }
                case .path, .constant: break
                }
            }
        }
        for column in profile.mainTableColumns {
            if let index = columnIndex[SignpostCSVReader.headerKey(column)] {
                used.insert(index)
            } else {
                missingRequired.append("'\(column)' (a condition or join of the profile)")
            }
        }
        let names = header.fields.map { $0.trimmed }
        if !missingRequired.isEmpty {
            throw ImportFileError(
                file: file,
                issues: [
                    ImportIssue(
                        file: file,
                        line: header.line,
                        message: "the header lacks \(missingRequired.joined(separator: ", ")), which the profile "
                            + "\(profile.name) reads; the header has: \(names.filter { !$0.isEmpty }.joined(separator: ", "))"
                    )
                ]
            )
        }
        if !missingOptional.isEmpty {
            warnings.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: header.line,
                    message: "the header lacks \(missingOptional.joined(separator: ", ")); those fields were left empty"
                )
            )
        }
        let unread = names.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
        if !unread.isEmpty {
            warnings.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: header.line,
                    message: "column(s) the profile \(profile.name) does not read: \(unread.joined(separator: ", "))"
                )
            )
        }
    }
}
