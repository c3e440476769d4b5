import Foundation
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostImport

/// One CSV text and what reading it must give: each row's cells, or `broken(line)` for a record that cannot be read.
struct TokeniserCase: Sendable, CustomStringConvertible {
    enum Row: Hashable, Sendable {
        case cells([String])
        case broken(line: Int)
    }

    let name: String
    let text: String
    let rows: [Row]

    init(_ name: String, _ text: String, _ rows: [[String]]) {
        self.init(name, text, rows: rows.map { .cells($0) })
    }

    init(_ name: String, _ text: String, rows: [Row]) {
        self.name = name
        self.text = text
        self.rows = rows
    }

    var description: String { name }
}

/// The one table of CSV edge cases that both tokenising paths are held to: lists (every cell as text, through
/// ``CSVReader/next()``) and the ONS postcode directory (only the cells of the columns it uses, as bytes, through the
/// reader and cell sink ``PostcodeDirectoryCursor`` reads with). Both run the same ``CSVScanner``; the table is what
/// keeps a second tokeniser from creeping back in.
@Suite("CSV tokenising: one table for lists and the postcode directory")
struct CSVTokeniserTableTests {
    static let cases: [TokeniserCase] = [
        TokeniserCase("quotes", "a,\"b,c\"\n", [["a", "b,c"]]),
        TokeniserCase("doubled quotes", "\"say \"\"hi\"\"\",x\n\"\"\"\",y\n", [["say \"hi\"", "x"], ["\"", "y"]]),
        TokeniserCase("CRLF", "a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        TokeniserCase("CR", "a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        TokeniserCase("CR CR LF", "a,b\r\r\nc,d\r\r\n", [["a", "b"], ["c", "d"]]),
        TokeniserCase("embedded LF", "\"one\ntwo\",x\ny,z\n", [["one\ntwo", "x"], ["y", "z"]]),
        TokeniserCase("embedded CRLF", "\"one\r\ntwo\",x\r\ny,z\r\n", [["one\ntwo", "x"], ["y", "z"]]),
        TokeniserCase("embedded CR", "\"one\rtwo\",x\ry,z\r", [["one\ntwo", "x"], ["y", "z"]]),
        TokeniserCase("empty cells", "a,,c\n,,\n", [["a", "", "c"], ["", "", ""]]),
        TokeniserCase("quoted empty cells", "\"\",b,\"\"\n", [["", "b", ""]]),
        TokeniserCase("trailing delimiter", "a,b,\nc,d,", [["a", "b", ""], ["c", "d", ""]]),
        TokeniserCase("byte-order mark", "\u{FEFF}a,b\nc,d\n", [["a", "b"], ["c", "d"]]),
        TokeniserCase("byte-order mark of a file concatenated on", "a,b\n\u{FEFF}c,d\n", [["a", "b"], ["c", "d"]]),
        TokeniserCase("space before a quote", "\"a\", \"b\"\n", [["a", "b"]]),
        TokeniserCase("spaces and a tab before quotes", "x,  \"y, z\",\t\"w\"\n", [["x", "y, z", "w"]]),
        TokeniserCase("space before a quote at the line start", " \"a\",b\n \"c\",d\n", [["a", "b"], ["c", "d"]]),
        TokeniserCase("spaces before an unquoted cell are kept", "a, b\n", [["a", " b"]]),
        // A quote after a space opens a cell only if that cell closes cleanly; otherwise it is text, as it always was.
        TokeniserCase(
            "a spaced quote that never closes is text",
            "Title, \"Q3\nRef,Name\n",
            [["Title", " \"Q3"], ["Ref", "Name"]]
        ),
        TokeniserCase("a spaced quote with text after its close is text", "a, \"b\"c\n", [["a", " \"b\"c"]]),
        TokeniserCase("a spaced quote spanning lines", "a, \"b\nc\"\n", [["a", "b\nc"]]),
        TokeniserCase("a cell of spaces is kept", "a,  \n", [["a", "  "]]),
        TokeniserCase("quote in an unquoted cell", "a\"b,5\" screen\n", [["a\"b", "5\" screen"]]),
        TokeniserCase("text after a closing quote is kept", "\"a\"b,c\n", [["ab", "c"]]),
        TokeniserCase("blank lines are skipped", "a\n\nb\r\n\r\n", [["a"], ["b"]]),
        TokeniserCase("no line end at the end", "a,b\nc,d", [["a", "b"], ["c", "d"]]),
        TokeniserCase("multi-byte UTF-8", "caf\u{E9},\"\u{65E5}\u{672C}\"\n", [["caf\u{E9}", "\u{65E5}\u{672C}"]]),
        TokeniserCase(
            "a quote never closed",
            "a,b\n\"c,d\ne,f\n",
            rows: [.cells(["a", "b"]), .broken(line: 2), .cells(["e", "f"])]
        ),
    ]

    static let chunkSizes = [1, 2, 5, 1 << 20]

    /// The rows a list reader gets: every cell, as text.
    static func listRows(_ text: String, chunkSize: Int) throws -> [TokeniserCase.Row] {
        let reader = try CSVReader(
            source: CSVMemorySource(Array(text.utf8)),
            delimiter: UInt8(ascii: ","),
            chunkSize: chunkSize
        )
        var rows: [TokeniserCase.Row] = []
        while let row = try reader.next() {
            switch row {
            case .record(let record): rows.append(.cells(record.fields))
            case .broken(let error): rows.append(.broken(line: error.line))
            }
        }
        return rows
    }

    /// The rows the postcode directory reader gets, reading as it does: the chosen columns' bytes only.
    static func postcodeRows(_ text: String, chunkSize: Int, width: Int) throws -> [TokeniserCase.Row] {
        let reader = try PostcodeDirectoryCursor.csvReader(
            source: CSVMemorySource(Array(text.utf8)),
            chunkSize: chunkSize
        )
        var cells = CSVSelectedCells(wanted: Array(0..<width))
        var rows: [TokeniserCase.Row] = []
        while let row = try reader.next(into: &cells) {
            switch row {
            case .record(_, let columns, _): rows.append(.cells((0..<columns).map { cells.string(at: $0) ?? "" }))
            case .broken(let error): rows.append(.broken(line: error.line))
            }
        }
        return rows
    }

    @Test(arguments: cases, chunkSizes)
    func listsReadEveryCase(_ example: TokeniserCase, chunkSize: Int) throws {
        #expect(try Self.listRows(example.text, chunkSize: chunkSize) == example.rows)
    }

    @Test(arguments: cases, chunkSizes)
    func thePostcodeDirectoryReadsEveryCase(_ example: TokeniserCase, chunkSize: Int) throws {
        let width = example.rows.map { row in if case .cells(let cells) = row { cells.count } else { 0 } }.max() ?? 0
        #expect(try Self.postcodeRows(example.text, chunkSize: chunkSize, width: width) == example.rows)
    }

    @Test func theColumnsNotChosenAreSkippedButCounted() throws {
        let reader = try PostcodeDirectoryCursor.csvReader(
            source: CSVMemorySource(Array("a,\"b,c\",d\n".utf8)),
            chunkSize: 1 << 20
        )
        var cells = CSVSelectedCells(wanted: [2])
        guard case .record(let line, let columns, _) = try reader.next(into: &cells) else {
            Issue.record("no record")
            return
        }
        #expect(line == 1)
        #expect(columns == 3)
        #expect(cells.string(at: 0) == nil)
        #expect(cells.string(at: 2) == "d")
    }

    // MARK: Limits, whatever the chunks

    /// Records over the limits (found by the CSV fuzz target): a cell that straddles the record limit, and a first
    /// record longer than the limit whose delimiter count changes past it. Read whole or in chunks of any size, they
    /// give the same rows: the record is read no further than one byte past its limit, and the delimiter is sniffed
    /// from no more.
    @Test(arguments: [
        String(repeating: "aaaaaaaaaaa,", count: 10) + String(repeating: "b", count: 60) + "\nc,d\n",
        String(repeating: "a;", count: 40) + String(repeating: "x", count: 30)
            + ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
            + "\nc;d\n",
        "\"" + String(repeating: "q", count: 40) + "\"" + String(repeating: "t", count: 130) + ",x\ny,z\n",
    ])
    func aRecordOverTheLimitIsTheSameWhateverTheChunks(_ text: String) throws {
        let limits = CSVLimits(maximumCellBytes: 48, maximumRecordBytes: 160, maximumColumns: 12)
        func rows(_ chunkSize: Int) throws -> [CSVRow] {
            let reader = try CSVReader(source: CSVMemorySource(Array(text.utf8)), limits: limits, chunkSize: chunkSize)
            var rows: [CSVRow] = []
            try reader.forEachRow { rows.append($0) }
            return rows
        }
        let whole = try rows(1 << 20)
        guard case .broken = whole.first else {
            Issue.record("the first record is over the limit: \(whole)")
            return
        }
        for chunkSize in [1, 3, 7, 64, 161] { #expect(try rows(chunkSize) == whole, "chunks of \(chunkSize)") }
    }

    // MARK: Space before a quote, reported once per file

    @Test(arguments: [1, 4, 1 << 20])
    func spacesBeforeQuotesAreCountedWithTheFirstLine(chunkSize: Int) throws {
        let text = "id,name\nA-1,plain\n\"A-2\", \"spaced\"\n\"A-3\",\t\"tabbed\"\n"
        let reader = try CSVReader(source: CSVMemorySource(Array(text.utf8)), chunkSize: chunkSize)
        while try reader.next() != nil {}
        let note = try #require(reader.spaceBeforeQuote)
        #expect(note.firstLine == 3)
        #expect(note.count == 2)
        let clean = try CSVReader(source: CSVMemorySource(Array("a,\"b\"\n".utf8)))
        while try clean.next() != nil {}
        #expect(clean.spaceBeforeQuote == nil)
    }

    @Test func aSignpostListWrittenWithSpacesBeforeQuotesIsReadAndWarnedAboutOnce() throws {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let header = "\"source_record_id\", \"name\", \"provider_name\", \"need_types\", \"coverage\", \"phone\""
        let rows = [
            "\"A-1\", \"Leeds Outreach\", \"Aire Valley Support\", \"DV\", \"West Yorkshire\", \"0113 496 0000\"",
            "\"A-2\", \"Stalking Advocacy\", \"Aire Valley Support\", \"Stalking\", \"Leeds\", \"0113 496 0001\"",
        ]
        let list = try SignpostCSVReader(vocabularies: vocabularies)
            .read(
                Array(([header] + rows).joined(separator: "\n").utf8),
                file: "spaced.csv",
                source: SourceName("spaced")
            )
        #expect(list.services.map(\.provenance.sourceRecordID) == ["A-1", "A-2"])
        #expect(list.services.first?.contact.phone == "0113 496 0000")
        #expect(list.services.first?.provider.name == "Aire Valley Support")
        let warnings = list.issues.filter { $0.message.contains("before the opening quote") }
        try #require(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].file == "spaced.csv")
        #expect(warnings[0].line == 1)
        #expect(warnings[0].message.contains("15 cells"), "\(warnings[0].message)")
    }

    @Test func anOpenReferralTableWithSpacesBeforeQuotesIsWarnedAboutOnce() throws {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        var tables = HSDSTabularReaderTests.twoServiceFolder
        tables["phones"] = [
            HSDSTabularReaderTests.phonesHeader,
            "\"ph-1\",,\"svc-1\",,,, \"0113 496 0000\",,\"voice\",",
            "\"ph-2\",,,\"org-2\",,, \"0113 496 0999\",,\"voice\",",
        ]
        let result = try HSDSFolder.read(tables, vocabularies: vocabularies, source: SourceName("hsds-test"))
        #expect(result.services.first?.contact.phone == "0113 496 0000")
        let warnings = result.issues.filter { $0.message.contains("before the opening quote") }
        try #require(warnings.count == 1)
        #expect(warnings[0].file == "phones.csv")
        #expect(warnings[0].line == 2)
        #expect(warnings[0].message.contains("2 cells"), "\(warnings[0].message)")
    }

    @Test func aPostcodeDirectoryWithSpacesBeforeQuotesIsReadAndCounted() throws {
        let text = """
            pcds,doterm,laua,pfa,lat,long
            "N2 8AA", "", "E09000003", "E23000001",51.587295,-0.164688
            "N2 8AB","","E09000003","E23000001",51.589098,-0.164384

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("spaced.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var records: [PostcodeRecord] = []
        let summary = try PostcodeDirectoryReader(path: path, chunkSize: 7).read { records += $0 }
        #expect(records.map(\.postcode.description) == ["N2 8AA", "N2 8AB"])
        #expect(records.first?.localAuthority == AreaCode("E09000003"))
        #expect(records.first?.forceArea == AreaCode("E23000001"))
        #expect(records.first?.isTerminated == false)
        #expect(summary.spaceBeforeQuote == 3)
        #expect(summary.spaceBeforeQuoteLine == 2)
    }
}
