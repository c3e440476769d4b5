import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Signpost CSV lists: validation and rejection")
struct SignpostCSVReaderTests {
    let vocabularies: Vocabularies
    let reader: SignpostCSVReader
    let source = SourceName("test-charity")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        reader = SignpostCSVReader(vocabularies: vocabularies)
    }

    static let header =
        "source_record_id,name,provider_name,charity_number,status,need_types,languages,min_age,max_age,coverage,"
        + "postcode,latitude,longitude,wait_days,wait_as_of,last_verified"

    func read(_ rows: [String], header: String = header) throws -> ParsedList {
        try reader.read(Array(([header] + rows).joined(separator: "\n").utf8), file: "list.csv", source: source)
    }

    @Test func aCompleteRowBecomesAServiceWithAliasesResolved() throws {
        let list = try read([
            "A-1,Leeds Outreach,Aire Valley Support (sample),9000001,waitlist,DV;Stalking,English;Polish;Welsh;BSL,16,,"
                + "West Yorkshire;LS6,ls14ap,53.7965,-1.5478,12,2026-11-01,2026-10-15"
        ])
        #expect(list.issues.isEmpty)
        let service = try #require(list.services.first)
        #expect(service.id == ServiceID(source: source, recordID: "A-1"))
        #expect(service.status == .waitlist)
        #expect(service.needTypes == ["domestic-abuse", "stalking"])
        #expect(service.languages == ["en", "pl", "cy", "bfi"])
        #expect(service.offersBSL)
        #expect(service.eligibility.minimumAge == 16 && service.eligibility.maximumAge == nil)
        #expect(service.coverage.areas == [AreaCode("E23000010"), AreaCode("LS6")])
        #expect(service.locations.first?.postcode?.description == "LS1 4AP")
        #expect(service.locations.first?.point == GeoPoint(latitude: 53.7965, longitude: -1.5478))
        #expect(service.waitingTime == WaitingTime(days: 12, asOf: CalendarDate(iso: "2026-11-01")))
        #expect(service.provenance.lastVerified == CalendarDate(iso: "2026-10-15"))
        #expect(service.provider.id == ProviderID("charity-9000001"))
    }

    struct BadCell: Sendable, CustomStringConvertible {
        var row: String
        var field: String
        var messageContains: String
        var description: String { field }
    }

    static let badCells: [BadCell] = [
        BadCell(
            row: "B-1,Svc,Prov,,accepting,dv2,,,,E23000010,,,,,,",
            field: "need_types",
            messageContains: "unknown need type 'dv2'"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,Klingon,,,E23000010,,,,,,",
            field: "languages",
            messageContains: "unknown language 'Klingon'"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000099,,,,,,",
            field: "coverage",
            messageContains: "unknown area 'E23000099'"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,open,stalking,,,,E23000010,,,,,,",
            field: "status",
            messageContains: "unknown status 'open'"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,130,,E23000010,,,,,,",
            field: "min_age",
            messageContains: "out of range"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,18,16,E23000010,,,,,,",
            field: "max_age",
            messageContains: "below minimum age 18"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000010,,,,,,31/12/2026",
            field: "last_verified",
            messageContains: "YYYY-MM-DD"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000010,,,,,2026-02-30,",
            field: "wait_as_of",
            messageContains: "not a date"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000010,NOT A CODE,,,,,",
            field: "postcode",
            messageContains: "not a UK postcode"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000010,,-1.5478,53.7965,,,",
            field: "latitude",
            messageContains: "outside England and Wales"
        ),
        BadCell(
            row: "B-1,Svc,Prov,,accepting,stalking,,,,E23000010,,53.79,,,,",
            field: "longitude",
            messageContains: "both latitude and longitude"
        ),
        BadCell(row: "B-1,,Prov,,accepting,stalking,,,,E23000010,,,,,,", field: "name", messageContains: "required"),
        BadCell(row: "B-1,Svc,Prov,,accepting,,,,,E23000010,,,,,,", field: "need_types", messageContains: "required"),
        BadCell(row: "B-1,Svc,Prov,,accepting,stalking,,,,,,,,,,", field: "coverage", messageContains: "required"),
    ]

    @Test(arguments: badCells)
    func aBadCellRejectsItsRowWithFileLineFieldAndReasonAndKeepsTheOthers(_ bad: BadCell) throws {
        let good = "G-1,Good,Prov,,accepting,stalking,,,,E23000010,,,,,,"
        let list = try read([good, bad.row, "G-2,Good 2,Prov,,accepting,fraud,,,,national,,,,,,"])
        #expect(list.services.map(\.provenance.sourceRecordID) == ["G-1", "G-2"])
        #expect(list.rejectedCount == 1)
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.file == "list.csv")
        #expect(error.line == 3)
        #expect(error.field == bad.field)
        #expect(error.recordID == "B-1")
        #expect(error.message.contains(bad.messageContains), "\(error.message)")
    }

    @Test func anUnknownNeedTypeSuggestsTheNearestCode() throws {
        let list = try read(["B-1,Svc,Prov,,accepting,stalkng,,,,E23000010,,,,,,"])
        let error = try #require(list.issues.first)
        #expect(error.message.contains("did you mean 'stalking'"))
    }

    @Test func aSecondRowWithTheSameIdIsRejectedAsADuplicate() throws {
        let list = try read([
            "D-1,First,Prov,,accepting,stalking,,,,E23000010,,,,,,",
            "D-1,Second,Prov,,accepting,stalking,,,,E23000010,,,,,,",
        ])
        #expect(list.services.map(\.name) == ["First"])
        let error = try #require(list.issues.first)
        #expect(error.line == 3)
        #expect(error.message.contains("already used on line 2"))
    }

    @Test func aRowWithMoreCellsThanTheHeaderIsRejectedAndOneWithFewerIsKept() throws {
        let header = "source_record_id,name,provider_name,need_types,coverage,phone"
        let list = try read(
            [
                "R-1,Too many,Prov,stalking,E23000010,0113 496 0000,extra",
                "R-2,Too few,Prov,stalking,E23000010",
            ],
            header: header
        )
        #expect(list.services.map(\.provenance.sourceRecordID) == ["R-2"])
        #expect(list.recordCount == 2)
        #expect(list.rejectedCount == 1)
        let rejected = try #require(list.issues.first { $0.severity == .error })
        #expect(rejected.line == 2)
        #expect(rejected.message.contains("7 cells but the header has 6"))
        let warning = try #require(list.issues.first { $0.severity == .warning })
        #expect(warning.line == 3)
    }

    @Test func aFileWithoutTheRequiredColumnsIsRejectedWhole() {
        #expect {
            _ = try read(["x,y"], header: "id,title")
        } throws: { error in
            guard let error = error as? ImportFileError else { return false }
            return error.issues.first?.line == 1
                && error.issues.first?.message.contains("source_record_id, name, provider_name, need_types, coverage")
                    == true
        }
    }

    @Test func headerNamesMatchIgnoringCaseSpacesAndOrderAndUnknownColumnsAreReported() throws {
        let header = "Coverage;Need Types;Name;Source-Record-ID;Provider Name;Favourite Colour"
        let bytes = Array((header + "\nE23000010;\"domestic-abuse;stalking\";Svc;S-1;Prov;blue\n").utf8)
        let list = try reader.read(bytes, file: "list.csv", source: source)
        #expect(list.delimiter == "semicolon")
        #expect(list.services.first?.needTypes == ["domestic-abuse", "stalking"])
        #expect(list.issues.contains { $0.severity == .warning && $0.message.contains("Favourite Colour") })
    }

    @Test func aWindows1252FileIsReadAndTheReportSaysSo() throws {
        var bytes = Array("source_record_id,name,provider_name,need_types,coverage\nW-1,Caf".utf8)
        bytes += [0xE9, 0x20, 0x92, 0x73]  // "é ’s"
        bytes += Array(",Prov,fraud,national\n".utf8)
        let list = try reader.read(bytes, file: "legacy.csv", source: source)
        #expect(list.encoding == .windows1252)
        #expect(list.services.first?.name == "Café \u{2019}s")
        #expect(list.issues.contains { $0.severity == .warning && $0.message.contains("windows-1252") })
    }

    @Test func anEmptyFileIsAFileError() {
        #expect(throws: ImportFileError.self) { _ = try reader.read([], file: "empty.csv", source: source) }
    }
}

@Suite("Signpost CSV lists: broken records and limits")
struct SignpostCSVBrokenRecordTests {
    let reader: SignpostCSVReader
    let source = SourceName("test-charity")
    static let header = "source_record_id,name,description,provider_name,need_types,coverage"

    init() throws {
        reader = SignpostCSVReader(vocabularies: try VocabularyLoader.load(from: Fixtures.vocabularyFolder))
    }

    func row(_ id: Int) -> String { "S-\(id),Service \(id),Plain text.,Prov,stalking,E23000010" }

    @Test func anUnclosedQuoteRejectsOneRowWithItsLineAndTheOtherRowsAreKept() throws {
        // Found by fuzzing: the quote opened in row 2 used to swallow the other 1,998 rows into one description.
        var lines = [Self.header, "S-1,Service 1,\"Starts a quote,Prov,stalking,E23000010"]
        for id in 2...1_999 { lines.append(row(id)) }
        let list = try reader.read(Array(lines.joined(separator: "\n").utf8), file: "list.csv", source: source)
        #expect(list.recordCount == 1_999)
        #expect(list.acceptedCount == 1_998)
        #expect(list.rejectedCount == 1)
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.file == "list.csv")
        #expect(error.line == 2)
        #expect(error.field == "description")
        #expect(error.recordID == "S-1")
        // The open quote runs past the 64 KiB cell limit long before the end of the file.
        #expect(
            error.message.contains("a quoted cell opened on line 2 is not closed within 64 KiB"),
            "\(error.message)"
        )
        #expect(error.message.contains("reading went on from line 3"))
        #expect(list.services.first?.provenance.sourceRecordID == "S-2")
    }

    @Test func multiLineQuotedCellsStillRead() throws {
        let text =
            Self.header + "\r\nM-1,Svc,\"Line one,\r\n\"\"two\"\"\",Prov,stalking,E23000010\r\n" + row(2) + "\r\n"
        let list = try reader.read(Array(text.utf8), file: "list.csv", source: source)
        #expect(list.issues.isEmpty)
        #expect(list.services.map(\.description) == ["Line one,\n\"two\"", "Plain text."])
        #expect(list.services.last.map { _ in list.recordCount } == 2)
    }

    @Test func aByteOrderMarkInTheMiddleOfAFileStaysOutOfTheRecordID() throws {
        // Two exports concatenated (without the second header): the BOM starts a record.
        let bytes =
            [0xEF, 0xBB, 0xBF] + Array("\(Self.header)\n\(row(1))\n".utf8) + [0xEF, 0xBB, 0xBF]
            + Array("\(row(2))\n".utf8)
        let list = try reader.read(bytes, file: "joined.csv", source: source)
        #expect(list.issues.isEmpty)
        #expect(list.services.map(\.provenance.sourceRecordID) == ["S-1", "S-2"])
    }

    @Test func aCellOverTheDefaultLimitRejectsItsRowAndNamesTheLimit() throws {
        let huge = String(repeating: "x", count: 70_000)
        let text = [Self.header, "L-1,Svc,\(huge),Prov,stalking,E23000010", row(2)].joined(separator: "\n")
        let list = try reader.read(Array(text.utf8), file: "list.csv", source: source)
        #expect(list.services.map(\.provenance.sourceRecordID) == ["S-2"])
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.line == 2)
        #expect(error.field == "description")
        #expect(error.recordID == "L-1")
        #expect(error.message.contains("a cell is longer than 64 KiB, the largest cell allowed"), "\(error.message)")
    }

    @Test func aRecordOverTheDefaultLimitIsRejected() throws {
        let cell = String(repeating: "y", count: 60_000)
        let wide = "W-1,Svc,Text,Prov,stalking,E23000010," + Array(repeating: cell, count: 20).joined(separator: ",")
        let text = [Self.header, wide, row(2)].joined(separator: "\n")
        let list = try reader.read(Array(text.utf8), file: "list.csv", source: source)
        #expect(list.services.map(\.provenance.sourceRecordID) == ["S-2"])
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.line == 2)
        #expect(error.message.contains("longer than 1 MiB, the largest record allowed"), "\(error.message)")
    }

    @Test func aHeaderOverALimitRejectsTheFile() {
        var limited = reader
        limited.limits = CSVLimits(maximumCellBytes: 64, maximumRecordBytes: 1_024, maximumColumns: 5)
        #expect {
            _ = try limited.read(Array("\(Self.header)\n\(row(1))\n".utf8), file: "list.csv", source: source)
        } throws: { error in
            guard let issue = (error as? ImportFileError)?.issues.first else { return false }
            return issue.line == 1
                && issue.message == "the header row cannot be read: the record has more than 5 cells, the most "
                    + "allowed; nothing was read from the file"
        }
    }

    @Test func lowerLimitsApplyToRows() throws {
        var limited = reader
        limited.limits = CSVLimits(maximumCellBytes: 20, maximumRecordBytes: 1_024, maximumColumns: 10)
        let text = [
            Self.header, "T-1,Svc,Twenty-one characters,Prov,stalking,E23000010",
            "T-2,Svc,Twenty characters...,Prov,stalking,E23000010",
        ]
        .joined(separator: "\n")
        let list = try limited.read(Array(text.utf8), file: "list.csv", source: source)
        #expect(list.services.map(\.provenance.sourceRecordID) == ["T-2"])
        #expect(list.issues.first?.message.contains("longer than 20 bytes") == true)
    }
}
