extension CSVReader {
    /// A reader over `input` for an import, its failures as the file's ``ImportFileError``.
    static func opening(
        _ input: any CSVByteSource,
        file: String,
        encoding: TextEncoding? = nil,
        delimiter: UInt8?,
        limits: CSVLimits
    ) throws(ImportFileError) -> CSVReader {
        do {
            return try CSVReader(source: input, encoding: encoding, delimiter: delimiter, limits: limits)
        } catch {
            throw ImportFileError(file: file, message: error.message)
        }
    }

    /// ``next()``, its failure as the file's ``ImportFileError`` (nothing from a file that fails part-way is kept).
    func nextRow(file: String) throws(ImportFileError) -> CSVRow? {
        do {
            return try next()
        } catch {
            throw ImportFileError(file: file, message: error.message)
        }
    }
}

extension ImportIssue {
    /// A record of `file` that could not be read: an error at its first line, naming the cell at fault by its
    /// column (from `header`, when it has one there) and the record by its id (the cell in `idColumn`, when read).
    init(brokenRecord problem: CSVRecordError, file: String, header: [String], idColumn: Int?) {
        var field: String?
        if let column = problem.column, column < header.count, !header[column].isEmpty { field = header[column] }
        var recordID: String?
        if let idColumn, idColumn < problem.cells.count {
            let id = problem.cells[idColumn].trimmed
            if !id.isEmpty { recordID = id }
        }
        self.init(file: file, line: problem.line, field: field, recordID: recordID, message: problem.message)
    }
}

extension ImportIssue {
    /// The one warning for a file some of whose cells had spaces or tabs before their opening quote (`"a", "b"`):
    /// how many, and the first line.
    public init(spaceBeforeQuote note: CSVQuoteLeniency, file: String) {
        let cells = note.count == 1 ? "1 cell has" : "\(note.count) cells have"
        self.init(
            severity: .warning,
            file: file,
            line: note.firstLine,
            message: "\(cells) a space or tab before the opening quote (written \"a\", \"b\"), the first on line "
                + "\(note.firstLine); each was read as the quoted value, without the space"
        )
    }
}

extension CSVReader {
    /// The warning to give once the file has been read, when some of its cells had spaces before their opening
    /// quote.
    public func spaceBeforeQuoteIssue(file: String) -> ImportIssue? {
        spaceBeforeQuote.map { ImportIssue(spaceBeforeQuote: $0, file: file) }
    }
}

extension ImportFileError {
    /// A file whose header row cannot be read: nothing is read from it.
    init(unreadableHeader problem: CSVRecordError, file: String) {
        self.init(
            file: file,
            issues: [
                ImportIssue(
                    file: file,
                    line: problem.line,
                    message: "the header row cannot be read: \(problem.problem); nothing was read from the file"
                )
            ]
        )
    }
}
