public import SignpostCore

/// Reads a Signpost CSV list (see Docs/Formats.md): a header row naming the columns, then one service per row.
public struct SignpostCSVReader: Sendable {
    public let vocabularies: Vocabularies
    /// The delimiter to use instead of sniffing one.
    public var delimiter: UInt8?
    /// The most a cell, a record and a row's cells may hold.
    public var limits: CSVLimits

    public init(vocabularies: Vocabularies, delimiter: UInt8? = nil, limits: CSVLimits = .default) {
        self.vocabularies = vocabularies
        self.delimiter = delimiter
        self.limits = limits
    }

    /// The columns a file must have.
    public static let requiredColumns: [ServiceField] = [.sourceRecordID, .name, .providerName, .needTypes, .coverage]

    /// Reads `raw` (the bytes of `file`) as services of `source`. `progress`, when given, is called now and then with
    /// the number of bytes read so far. `emit`, when given, receives the valid services in batches as they are read,
    /// and the list returned then holds none.
    /// - Throws: ``ImportFileError`` when the file has no header, its header cannot be read, or it lacks a required
    ///   column.
    public func read(
        _ raw: [UInt8],
        file: String,
        source: SourceName,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        try read(CSVMemorySource(raw), file: file, source: source, progress: progress, emit: emit)
    }

    /// Reads `input` (a file: ``CSVFileSource``) as services of `source`, a chunk at a time, so that memory does not
    /// grow with the file. A record that cannot be read (a quoted cell never closed, a record over a limit) is
    /// reported with its line and rejected, and reading goes on after it.
    /// - Throws: ``ImportFileError`` when the input cannot be read, has no header, its header cannot be read, or it
    ///   lacks a required column.
    public func read(
        _ input: any CSVByteSource,
        file: String,
        source: SourceName,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        let reader = try CSVReader.opening(input, file: file, delimiter: delimiter, limits: limits)
        var builder = ParsedListBuilder(
            list: ParsedList(
                file: file,
                format: .signpostCSV,
                source: source,
                encoding: reader.encoding,
                delimiter: reader.delimiterName
            ),
            validator: ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file),
            emit: emit
        )
        if reader.encoding.isFallback {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    message: "the file is not valid UTF-8; read it as \(reader.encoding.rawValue). "
                        + "Check accented letters and symbols, and save it as UTF-8 next time"
                )
            )
        }

        var header: CSVRecord?
        var columns: [ServiceField?] = []
        while let row = try reader.nextRow(file: file) {
            switch row {
            case .broken(let problem):
                guard let header else { throw ImportFileError(unreadableHeader: problem, file: file) }
                builder.list.recordCount += 1
                let idColumn = columns.firstIndex(of: .sourceRecordID)
                builder.list.issues.append(
                    ImportIssue(
                        brokenRecord: problem,
                        file: file,
                        header: header.fields.enumerated().map { columns[$0.offset]?.column ?? $0.element.trimmed },
                        idColumn: idColumn
                    )
                )
            case .record(let record):
                guard header != nil else {
                    columns = try mapHeader(record, file: file, warnings: &builder.list.issues)
                    header = record
                    continue
                }
                if let progress, builder.list.recordCount % 2048 == 0 { progress(record.byteOffset) }
                if let raw = rawRecord(
                    record,
                    columns: columns,
                    headerCount: columns.count,
                    file: file,
                    into: &builder.list
                ) {
                    builder.add(raw)
                } else {
                    builder.list.recordCount += 1
                }
            }
        }
        if header == nil { throw ImportFileError(file: file, message: "the file is empty: expected a header row") }
        if let note = reader.spaceBeforeQuoteIssue(file: file) { builder.list.issues.append(note) }
        return builder.finish()
    }

    private func mapHeader(
        _ header: CSVRecord,
        file: String,
        warnings: inout IssueLog
    ) throws(ImportFileError) -> [ServiceField?] {
        var byKey: [String: ServiceField] = [:]
        for field in ServiceField.allCases { byKey[Self.headerKey(field.column)] = field }
        var columns: [ServiceField?] = []
        var unknown: [String] = []
        for name in header.fields {
            let field = byKey[Self.headerKey(name)]
            if field == nil, !name.trimmed.isEmpty { unknown.append(name.trimmed) }
            columns.append(field)
        }
        let missing = Self.requiredColumns.filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw ImportFileError(
                file: file,
                issues: [
                    ImportIssue(
                        file: file,
                        line: header.line,
                        message:
                            "the header lacks required column(s) \(missing.map(\.column).joined(separator: ", ")); "
                            + "is this a Signpost CSV list? (see Docs/Formats.md)"
                    )
                ]
            )
        }
        if !unknown.isEmpty {
            warnings.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: header.line,
                    message: "unknown column(s) ignored: \(unknown.joined(separator: ", "))"
                )
            )
        }
        return columns
    }

    private func rawRecord(
        _ record: CSVRecord,
        columns: [ServiceField?],
        headerCount: Int,
        file: String,
        into list: inout ParsedList
    ) -> RawServiceRecord? {
        var raw = RawServiceRecord(line: record.line, naming: .csvColumns)
        var location = RawServiceRecord.RawLocation(line: record.line)
        for (index, cell) in record.fields.enumerated() where index < columns.count {
            guard let field = columns[index] else { continue }
            let value = cell.trimmed
            guard !value.isEmpty else { continue }
            if field.isList {
                for item in value.split(separator: ";") {
                    let trimmed = item.trimmed
                    if !trimmed.isEmpty { raw.append(trimmed, to: field) }
                }
            } else if field.isLocationField {
                location.values[field] = value
            } else {
                raw[field] = value
            }
        }
        if !location.values.isEmpty { raw.locations = [location] }
        if record.fields.count > headerCount {
            list.issues.append(
                ImportIssue(
                    file: file,
                    line: record.line,
                    recordID: raw[.sourceRecordID],
                    message: "the row has \(record.fields.count) cells but the header has \(headerCount); "
                        + "a cell holding the delimiter is probably not quoted. The row was skipped"
                )
            )
            return nil
        } else if record.fields.count < headerCount {
            list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: record.line,
                    recordID: raw[.sourceRecordID],
                    message: "the row has \(record.fields.count) cells but the header has \(headerCount); "
                        + "the missing cells were read as empty"
                )
            )
        }
        return raw
    }

    /// Column names compare ignoring case, spaces, hyphens and underscores.
    static func headerKey(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }
}

extension String {
    /// The text without leading and trailing white space (including non-breaking spaces).
    var trimmed: String {
        if let head = utf8.first, let tail = utf8.last, head > 0x20, head < 0x80, tail > 0x20, tail < 0x80 {
            return self
        }
        return Substring(self).trimmed
    }
}

extension Substring {
    /// The text without leading and trailing white space (including non-breaking spaces).
    var trimmed: String {
        if let head = utf8.first, let tail = utf8.last, head > 0x20, head < 0x80, tail > 0x20, tail < 0x80 {
            return String(self)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
