import Foundation
import SignpostImport
import Testing

/// The UTF-8 bytes of `text`, so line ends are exactly what the literal says.
private func utf8(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// `text` as UTF-16 with a byte-order mark, little- or big-endian.
private func utf16WithBOM(_ text: String, littleEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 {
        let low = UInt8(unit & 0xFF)
        let high = UInt8(unit >> 8)
        bytes += littleEndian ? [low, high] : [high, low]
    }
    return bytes
}

/// A line end under test, named so test results stay readable.
private struct LineEnd: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    var testDescription: String { name }

    static let all = [
        LineEnd(name: "LF", text: "\n"),
        LineEnd(name: "CRLF", text: "\r\n"),
        LineEnd(name: "CR", text: "\r"),
        LineEnd(name: "CR CR LF", text: "\r\r\n"),
    ]
}

/// What these tests check of a record: the line it starts on and its cells (not its byte offset).
private struct Row: Equatable, CustomStringConvertible {
    let line: Int
    let fields: [String]
    var description: String { "line \(line): \(fields)" }

    init(_ record: CSVRecord) {
        self.init(line: record.line, fields: record.fields)
    }

    init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

private func record(_ line: Int, _ fields: String...) -> Row {
    Row(line: line, fields: fields)
}

/// The rows of `document`; a record that could not be read shows as its line and the reason.
private func rows(_ document: CSVDocument) -> [Row] {
    document.rows().map { row in
        switch row {
        case .record(let record): Row(record)
        case .broken(let error): Row(line: error.line, fields: ["broken: \(error.reason)"])
        }
    }
}

@Suite("CSVDocument: encodings, line ends, delimiters and quoting")
struct CSVDocumentTests {
    // MARK: Encodings

    @Test func utf8WithoutBOMKeepsNonASCIIText() {
        let document = CSVDocument(raw: utf8("name,town\nZoë,Łódź\n"))
        #expect(document.encoding == .utf8)
        #expect(rows(document) == [record(1, "name", "town"), record(2, "Zoë", "Łódź")])
    }

    @Test func utf8BOMIsStrippedFromTheFirstField() throws {
        let document = CSVDocument(raw: [0xEF, 0xBB, 0xBF] + utf8("name,town\nZoë,Łódź\n"))
        #expect(document.encoding == .utf8WithBOM)
        let records = try document.records()
        #expect(records.map(Row.init) == [record(1, "name", "town"), record(2, "Zoë", "Łódź")])
        #expect(records.first?.fields.first?.unicodeScalars.first == "n")
    }

    @Test func windows1252BytesAreMappedThroughTheCodePage() {
        // 0x80 is €, 0x92 is ’ (U+2019) and 0xE9 is é in Windows-1252; none of them forms valid UTF-8 here.
        let raw = utf8("price,note\n") + [0x80] + utf8("5,caf") + [0xE9] + utf8(" don") + [0x92] + utf8("t\n")
        let document = CSVDocument(raw: raw)
        #expect(document.encoding == .windows1252)
        #expect(document.encoding.isFallback)
        #expect(rows(document) == [record(1, "price", "note"), record(2, "€5", "café don\u{2019}t")])
    }

    @Test func latin1IsUsedWhenNoByteFallsIn0x80To0x9F() {
        let raw = utf8("name,note\nZo") + [0xEB] + utf8(",caf") + [0xE9] + utf8("\n")
        let document = CSVDocument(raw: raw)
        #expect(document.encoding == .latin1)
        #expect(document.encoding.isFallback)
        #expect(rows(document) == [record(1, "name", "note"), record(2, "Zoë", "café")])
    }

    @Test(arguments: [true, false])
    func utf16WithBOMIsDecoded(littleEndian: Bool) {
        let document = CSVDocument(raw: utf16WithBOM("name,town\nZoë,Łódź\n", littleEndian: littleEndian))
        #expect(document.encoding == (littleEndian ? .utf16LittleEndian : .utf16BigEndian))
        #expect(!document.encoding.isFallback)
        #expect(document.delimiterName == "comma")
        #expect(rows(document) == [record(1, "name", "town"), record(2, "Zoë", "Łódź")])
    }

    // MARK: Line ends

    @Test(arguments: LineEnd.all)
    fileprivate func everyLineEndStyleGivesTheSameRecordsAndLines(lineEnd: LineEnd) {
        let text = ["name,town", "Zoë,Łódź", "Amir,Leeds"].map { $0 + lineEnd.text }.joined()
        let document = CSVDocument(raw: utf8(text))
        #expect(
            rows(document) == [
                record(1, "name", "town"),
                record(2, "Zoë", "Łódź"),
                record(3, "Amir", "Leeds"),
            ]
        )
    }

    // MARK: Delimiters

    @Test(arguments: [
        (UInt8(ascii: ","), "comma"),
        (UInt8(ascii: ";"), "semicolon"),
        (UInt8(ascii: "\t"), "tab"),
    ])
    func delimiterIsSniffedFromTheFirstRecord(delimiter: UInt8, name: String) {
        let separator = String(UnicodeScalar(delimiter))
        let text = [["id", "name", "town"], ["1", "Zoë", "Łódź"]]
            .map { $0.joined(separator: separator) + "\n" }
            .joined()
        let document = CSVDocument(raw: utf8(text))
        #expect(document.delimiter == delimiter)
        #expect(document.delimiterName == name)
        #expect(rows(document) == [record(1, "id", "name", "town"), record(2, "1", "Zoë", "Łódź")])
    }

    @Test func explicitDelimiterOverridesTheSniffer() {
        let raw = utf8("a,b,c;d\n1,2,3;4\n")
        #expect(CSVDocument(raw: raw).delimiterName == "comma")
        let document = CSVDocument(raw: raw, delimiter: UInt8(ascii: ";"))
        #expect(document.delimiter == UInt8(ascii: ";"))
        #expect(document.delimiterName == "semicolon")
        #expect(rows(document) == [record(1, "a,b,c", "d"), record(2, "1,2,3", "4")])
    }

    @Test func textInitialiserTakesAnExplicitDelimiter() {
        let document = CSVDocument(text: "a\tb\n", delimiter: UInt8(ascii: "\t"))
        #expect(document.encoding == .utf8)
        #expect(document.delimiterName == "tab")
        #expect(rows(document) == [record(1, "a", "b")])
    }

    @Test func semicolonsInsideQuotesDoNotFoolTheSniffer() {
        let document = CSVDocument(raw: utf8("\"a;b;c\",d\n\"x;y\",z\n"))
        #expect(document.delimiterName == "comma")
        #expect(rows(document) == [record(1, "a;b;c", "d"), record(2, "x;y", "z")])
    }

    // MARK: Quoting

    @Test func quotedFieldKeepsAnEmbeddedDelimiter() {
        let document = CSVDocument(raw: utf8("name,address\nZoë,\"1 High St, Leeds\"\n"))
        #expect(rows(document) == [record(1, "name", "address"), record(2, "Zoë", "1 High St, Leeds")])
    }

    @Test func doubledQuotesInsideAQuotedFieldBecomeOne() {
        let document = CSVDocument(raw: utf8("name,note\nA,\"she said \"\"hi\"\"\"\nB,\"\"\"\"\n"))
        #expect(
            rows(document) == [
                record(1, "name", "note"),
                record(2, "A", "she said \"hi\""),
                record(3, "B", "\""),
            ]
        )
    }

    @Test func embeddedCRLFBecomesNewlineAndAdvancesTheLineCount() {
        let document = CSVDocument(raw: utf8("name,note\r\nA,\"line one\r\nline two\"\r\nB,after\r\n"))
        #expect(
            rows(document) == [
                record(1, "name", "note"),
                record(2, "A", "line one\nline two"),
                record(4, "B", "after"),
            ]
        )
    }

    @Test func unterminatedQuoteIsReportedAndReadingGoesOnFromTheNextLine() {
        let document = CSVDocument(raw: utf8("name,note\nA,\"never closed\nB,still inside"))
        #expect(
            rows(document) == [
                record(1, "name", "note"),
                Row(line: 2, fields: ["broken: \(CSVRecordError.Reason.unterminatedQuote(openedOnLine: 2))"]),
                record(3, "B", "still inside"),
            ]
        )
    }

    // MARK: Blank lines, ragged rows and empty cells

    @Test func blankLinesAreSkippedButStillCounted() {
        let document = CSVDocument(raw: utf8("a,b\n\n1,2\r\n\r\n3,4\n\n\n"))
        #expect(rows(document) == [record(1, "a", "b"), record(3, "1", "2"), record(5, "3", "4")])
    }

    @Test func leadingBlankLinesAreSkipped() {
        let document = CSVDocument(raw: utf8("\r\n\na;b\n1;2\n"))
        #expect(document.delimiterName == "semicolon")
        #expect(rows(document) == [record(3, "a", "b"), record(4, "1", "2")])
    }

    @Test func raggedRowsKeepTheirOwnFieldCounts() {
        let document = CSVDocument(raw: utf8("a,b,c\n1,2\n1,2,3,4\n"))
        let records = rows(document)
        #expect(records == [record(1, "a", "b", "c"), record(2, "1", "2"), record(3, "1", "2", "3", "4")])
        #expect(records.map(\.fields.count) == [3, 2, 4])
    }

    @Test func emptyCellsAreKept() {
        let document = CSVDocument(raw: utf8("a,b,c\n,,\n1,,3\n"))
        #expect(
            rows(document) == [
                record(1, "a", "b", "c"),
                record(2, "", "", ""),
                record(3, "1", "", "3"),
            ]
        )
    }

    @Test func trailingDelimiterGivesAFinalEmptyField() {
        let document = CSVDocument(raw: utf8("a,b,\n1,2,"))
        #expect(rows(document) == [record(1, "a", "b", ""), record(2, "1", "2", "")])
    }

    // MARK: File edges

    @Test func lastRecordWithoutFinalNewlineIsRead() {
        let document = CSVDocument(raw: utf8("a,b\n1,2"))
        #expect(rows(document) == [record(1, "a", "b"), record(2, "1", "2")])
    }

    @Test func emptyFileHasNoRecords() throws {
        let document = CSVDocument(raw: [])
        #expect(document.encoding == .utf8)
        #expect(document.delimiterName == "comma")
        #expect(try document.records().isEmpty)
        #expect(document.countCells() == (records: 0, cells: 0))
    }

    @Test func tenThousandGeneratedRowsAreAllReadAndCountCellsAgrees() throws {
        let rowCount = 10_000
        var text = ""
        for index in 1...rowCount {
            text += index.isMultiple(of: 7) ? "\(index),\"Row, \(index)\",\"x\"\"y\"\n" : "\(index),Row \(index),\n"
        }
        let document = CSVDocument(raw: utf8(text))
        let records = try document.records()
        #expect(records.count == rowCount)
        let last = try #require(records.last)
        #expect(Row(last) == record(rowCount, "10000", "Row 10000", ""))
        #expect(Row(records[6]) == record(7, "7", "Row, 7", "x\"y"))
        let counted = document.countCells()
        #expect(counted.records == records.count)
        #expect(counted.cells == records.reduce(0) { $0 + $1.fields.count })
    }
}

@Test func countCellsSkipsBlankLinesAsRecordsDoes() throws {
    let document = CSVDocument(text: "a,b\n\n1,2\n")
    #expect(try document.records().count == 2)
    #expect(document.countCells() == (records: 2, cells: 4))
}
