import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// Small hostile lists, made in the test: values too long or too many, unknown values by the thousand, the same
/// error over and over. Each is reported within bounds and the good rows are kept.
@Suite("Import limits: values, unknown values and the report")
struct ImportLimitsTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    static let header = "source_record_id,name,provider_name,need_types,coverage"

    func read(_ rows: [String]) throws -> ParsedList {
        let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
        return try SignpostCSVReader(vocabularies: vocabularies).read(
            Array(text.utf8),
            file: "list.csv",
            source: SourceName("test")
        )
    }

    @Test func aCellOfThousandsOfUnknownNeedTypesIsOneErrorAndNoSearch() throws {
        // 5,000 short values: the cell stays under the CSV reader's 64 KiB, so the list limit is what stops it.
        let needs = (0..<5_000).map { "u\($0)" }.joined(separator: ";")
        let list = try read(["A-1,Leeds Outreach,Aire (sample),\"\(needs)\",E23000010", "A-2,Kept,Aire,DV,E23000010"])
        #expect(list.acceptedCount == 1, "the good row is kept")
        let errors = list.issues.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors.map(\.message))")
        #expect(errors.first?.message.contains("holds 5000 values, more than 1000") == true)
    }

    @Test func unknownValuesAreReportedTwentyTimesAFieldThenCounted() throws {
        let needs = (0..<60).map { "zz\($0)" }.joined(separator: ";")
        let list = try read(["A-1,Leeds Outreach,Aire (sample),\"\(needs)\",E23000010"])
        let messages = list.issues.filter { $0.severity == .error }.map(\.message)
        #expect(messages.count == 21)
        #expect(messages.last == "and 40 more unknown values in this field")
    }

    @Test func didYouMeanHintsAreBoundedPerFieldPerFile() throws {
        let rows = (0..<300).map { "A-\($0),Service \($0),Aire,domestic-abse\($0),E23000010" }
        let list = try read(rows)
        let hinted = list.issues.filter { $0.message.contains("did you mean") }.count
        #expect(hinted == 200, "hints stop at the per-field budget")
        #expect(list.rejectedCount == 300)
    }

    @Test func theSameErrorOverAndOverIsKeptTwentyTimesAndCounted() throws {
        // Rows of delimiters only: every one the same error.
        let list = try read(Array(repeating: ",,,,", count: 5_000))
        #expect(list.rejectedCount == 5_000)
        let sameKept = list.issues.filter { $0.field == "source_record_id" }.count
        #expect(sameKept == IssueLog.sameKept)
        let omitted = list.issues.omitted.first { $0.field == "source_record_id" }
        #expect(omitted?.count == 5_000 - IssueLog.sameKept)
        #expect(omitted?.firstLine == 22 && omitted?.lastLine == 5_001)
        #expect(list.issues.total >= 5_000)
    }

    @Test func aLongCellIsRejectedAndCutInTheReport() throws {
        let name = String(repeating: "n", count: 70_000)
        let list = try read(["A-1,\(name),Aire,DV,E23000010", "A-2,Kept,Aire,DV,E23000010"])
        #expect(list.acceptedCount == 1)
        #expect(list.rejectedCount == 1)
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.message.contains("a cell is longer than 64 KiB"), "\(error.message)")
        let values = list.issues.compactMap(\.value)
        #expect(values.allSatisfy { $0.count < 300 }, "values in the report are cut")
    }

    @Test func aLongValueInXMLIsRejectedWithTheFieldsLimit() throws {
        // XML has no cell limit: a 70,000-character name reaches the value limit of every format.
        let name = String(repeating: "n", count: 70_000)
        let xml = XMLLimitsTests.list(name: name)
        let list = try SignpostXMLReader(vocabularies: vocabularies).read(.memory(Array(xml.utf8)), file: "list.xml")
        #expect(list.acceptedCount == 0)
        let error = try #require(list.issues.first { $0.field == "name" })
        #expect(error.message.contains("longer than 65536"), "\(error.message)")
        #expect(list.issues.compactMap(\.value).allSatisfy { $0.count < 300 }, "values in the report are cut")
    }
}

@Suite("Issue tallies: every issue counted by reason")
struct IssueTallyTests {
    @Test func issuesPastThoseKeptAreStillCountedByReason() {
        var log = IssueLog()
        for line in 1...5_000 {
            log.append(
                ImportIssue(file: "a.csv", line: line, field: "need_types", message: "unknown need type 'x\(line)'")
            )
        }
        log.append(ImportIssue(severity: .warning, file: "a.csv", line: 9, field: "email", message: "odd"))
        let tallies = log.tallies
        #expect(tallies.count == 2)
        #expect(tallies.first?.reason == "unknown need type '…'")
        #expect(tallies.first?.count == 5_000)
        #expect(tallies.first?.lines == [1, 2, 3, 4, 5])
        #expect(tallies.last?.severity == .warning)
    }

    @Test func aReasonIsItsMessageWithoutValuesOrHints() {
        #expect(
            IssueLog.reason(
                of: "unknown need type 'domestc'; did you mean 'domestic-abuse'? (see `signpost vocab need-types`)"
            ) == "unknown need type '…'"
        )
        #expect(IssueLog.reason(of: "the service's email 'a@b' is odd") == "the service's email '…' is odd")
    }
}
