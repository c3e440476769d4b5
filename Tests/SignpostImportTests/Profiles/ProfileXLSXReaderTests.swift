import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Excel workbooks through a profile: sheets, header rows, shared and inline strings, date serials, bounds")
final class ProfileXLSXReaderTests {
    let vocabularies: Vocabularies
    let folder: String

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        folder = NSTemporaryDirectory() + "signpost-xlsx-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static let profileText = """
        {
          "title": "A commissioner's workbook",
          "source": "pcc-xlsx",
          "format": "xlsx",
          "xlsx": { "sheet": "Services", "headerRow": 2 },
          "dateFormat": "DD/MM/YYYY",
          "fields": {
            "source_record_id": "Ref",
            "name": "Service name",
            "provider_name": "Organisation",
            "need_types": { "column": "Client group", "split": ";", "map": "groups" },
            "bsl": "BSL?",
            "min_age": "Min age",
            "postcode": "Postcode",
            "contract_end": "Contract end",
            "last_verified": "Checked",
            "coverage": { "constant": "E23000010" }
          },
          "maps": { "groups": { "DV": "domestic-abuse", "SV": "sexual-violence" } }
        }
        """

    /// Shared strings 0-9; the sheet has a title row, the header on row 2, and rows with missing cells.
    static let strings = [
        "Ref", "Service name", "Organisation", "Client group", "BSL?", "Postcode", "Contract end", "Checked",
        "Leeds Advocacy", "DV; SV",
    ]

    /// Row 3: every cell, the contract end a date serial (46477 = 2027-03-31), the check date as text; B3's name from
    /// the shared strings, C3 an inline string, E3 a boolean. Row 4: cells B, D and F missing (a missing name and
    /// postcode), G a serial (61 = 1900-03-01, after the leap-year bug's day). Row 5: no cells with values.
    static let rows = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>Commissioned services, quarter 3</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c>\
        <c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c><c r="F2" t="s"><v>5</v></c>\
        <c r="G2" t="s"><v>6</v></c><c r="H2" t="s"><v>7</v></c><c r="I2" t="inlineStr"><is><t>Min age</t></is></c></row>
        <row r="3"><c r="A3"><v>101</v></c><c r="B3" t="s"><v>8</v></c>\
        <c r="C3" t="inlineStr"><is><r><t>Aire </t></r><r><t>Women's Aid</t></r></is></c>\
        <c r="D3" t="s"><v>9</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="str"><v>LS1 4AP</v></c>\
        <c r="G3" s="1"><v>46477</v></c><c r="H3" t="inlineStr"><is><t>02/11/2026</t></is></c><c r="I3"><v>16</v></c><c r="K3"><v>99</v></c></row>
        <row r="4"><c r="A4" t="inlineStr"><is><t>102</t></is></c><c r="C4" t="inlineStr"><is><t>WISVA</t></is></c>\
        <c r="E4" t="b"><v>0</v></c><c r="G4"><v>61</v></c></row>
        <row r="5" spans="1:3"><c r="A5" s="2"/><c r="B5" s="2"/></row>
        <row r="7"><c r="A7"><v>103</v></c><c r="B7" t="inlineStr"><is><t>Bad date</t></is></c>\
        <c r="C7" t="inlineStr"><is><t>X</t></is></c><c r="D7" t="inlineStr"><is><t>SV</t></is></c><c r="G7"><v>60</v></c></row>
        """

    func write(_ parts: [(path: String, text: String)], name: String = "book.xlsx") throws -> String {
        let path = "\(folder)/\(name)"
        try XLSXFixture.write(parts, to: path)
        return path
    }

    func workbook(
        rows: String = ProfileXLSXReaderTests.rows,
        strings: [String]? = ProfileXLSXReaderTests.strings
    ) -> [(path: String, text: String)] {
        XLSXFixture.parts(
            sheets: [("Notes", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), ("Services", rows)],
            sharedStrings: strings
        )
    }

    func read(
        _ path: String,
        profile text: String = ProfileXLSXReaderTests.profileText,
        limits: XLSXLimits = .default
    ) throws -> ParsedList {
        let profile = try ImportProfile.decode(json: Array(text.utf8), file: "pcc.json", name: "pcc")
        guard case .xlsx(let layout) = profile.layout else { throw ProfileError("not an xlsx profile") }
        var reader = ProfileXLSXReader(profile: profile, layout: layout, vocabularies: vocabularies)
        reader.limits = limits
        return try reader.read(path: path, file: "book.xlsx", source: SourceName("pcc-xlsx"))
    }

    func fileError(
        _ path: String,
        profile: String = ProfileXLSXReaderTests.profileText,
        limits: XLSXLimits = .default
    ) -> ImportFileError? {
        do {
            _ = try read(path, profile: profile, limits: limits)
            return nil
        } catch let error as ImportFileError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("a named sheet's rows are mapped by header: shared and inline strings, booleans, numbers, date serials")
    func rowsAreMapped() throws {
        let list = try read(try write(workbook()))
        #expect(list.format == .profileXLSX)
        #expect(list.recordCount == 3)
        #expect(list.acceptedCount == 1)
        let service = try #require(list.services.first)
        #expect(service.id.rawValue == "pcc-xlsx/101")
        #expect(service.name == "Leeds Advocacy")
        #expect(service.provider.name == "Aire Women's Aid")
        #expect(service.needTypes.map(\.rawValue) == ["domestic-abuse", "sexual-violence"])
        #expect(service.offersBSL)
        #expect(service.eligibility.minimumAge == 16)
        #expect(service.locations.first?.postcode?.description == "LS1 4AP")
        #expect(service.commissioning.contractEnd?.description == "2027-03-31")
        #expect(service.provenance.lastVerified?.description == "2026-11-02")
        // K3 has a value but column K no header: named in a warning rather than lost unseen.
        let stray = list.issues.first { $0.message.contains("columns without a header") }
        #expect(
            stray?.message.hasPrefix("values in columns without a header (K) were not read (sheet Services rows 3)")
                == true
        )
    }

    @Test("rows with missing cells are rejected by sheet and row; serial 60, the day that never was, is not a date")
    func missingCellsAndTheLeapYearBug() throws {
        let list = try read(try write(workbook()))
        let errors = list.issues.filter { $0.severity == .error }
        #expect(errors.contains { $0.place == "sheet Services row 4" && $0.field == "Service name → name" })
        let badDate = try #require(errors.first { $0.line == 7 })
        #expect(badDate.place == "sheet Services row 7")
        #expect(badDate.message.contains("'60' is not a date"))
        #expect(badDate.description.hasPrefix("book.xlsx: sheet Services row 7: "))
        // Row 5 has cells with no values: not a record at all.
        #expect(!list.issues.contains { $0.line == 5 })
    }

    @Test("Excel serials: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01, fractions are times, 1904 system")
    func dateSerials() throws {
        let rows = (1...4).map { row in
            let serial = ["1", "59", "61", "46477.75"][row - 1]
            return
                "<row r=\"\(row + 1)\"><c r=\"A\(row + 1)\"><v>\(row)</v></c><c r=\"B\(row + 1)\" t=\"inlineStr\"><is><t>S\(row)</t></is></c>"
                + "<c r=\"C\(row + 1)\" t=\"inlineStr\"><is><t>Org</t></is></c><c r=\"D\(row + 1)\" t=\"inlineStr\"><is><t>DV</t></is></c>"
                + "<c r=\"G\(row + 1)\"><v>\(serial)</v></c></row>"
        }.joined()
        let header = ProfileXLSXReaderTests.rows.components(separatedBy: "\n")[1]
        let text = ProfileXLSXReaderTests.profileText.replacingOccurrences(
            of: #""headerRow": 2"#,
            with: #""headerRow": 1"#
        )
        let headerRow1 = header.replacingOccurrences(of: "2\"", with: "1\"")
        let list = try read(try write(workbook(rows: headerRow1 + rows)), profile: text)
        #expect(
            list.services.compactMap { $0.commissioning.contractEnd?.description } == [
                "1900-01-01", "1900-02-28", "1900-03-01", "2027-03-31",
            ]
        )
        let mac = XLSXFixture.parts(
            sheets: [("Services", headerRow1 + rows)],
            sharedStrings: Self.strings,
            date1904: true
        )
        let list1904 = try read(try write(mac, name: "mac.xlsx"), profile: text)
        #expect(list1904.services.first?.commissioning.contractEnd?.description == "1904-01-02")
    }

    @Test("the first sheet when none is named; a missing sheet is named with the sheets there are")
    func sheetChoice() throws {
        let first = ProfileXLSXReaderTests.profileText.replacingOccurrences(of: #""sheet": "Services", "#, with: "")
        let path = try write(XLSXFixture.parts(sheets: [("Services", Self.rows)], sharedStrings: Self.strings))
        #expect(try read(path, profile: first).acceptedCount == 1)
        let missing = ProfileXLSXReaderTests.profileText.replacingOccurrences(
            of: #""sheet": "Services""#,
            with: #""sheet": "Contracts""#
        )
        let error = try #require(fileError(try write(workbook()), profile: missing))
        #expect(error.description.contains("no sheet named 'Contracts'; its sheets are: 'Notes', 'Services'"))
    }

    @Test("a header without a required column names the sheet and row; names without a header row are refused")
    func headerLacksRequiredColumn() throws {
        let noHeader = ProfileXLSXReaderTests.profileText.replacingOccurrences(
            of: #""headerRow": 2"#,
            with: #""headerRow": 0"#
        )
        let refused = try #require(fileError(try write(workbook()), profile: noHeader))
        #expect(refused.description.contains("reads column 'Ref' by name but declares no header row"))
        let noName = ProfileXLSXReaderTests.profileText.replacingOccurrences(
            of: #""name": "Service name""#,
            with: #""name": "Title""#
        )
        let error = try #require(fileError(try write(workbook()), profile: noName))
        let issue = try #require(error.issues.first)
        #expect(issue.place == "sheet Services row 2")
        #expect(issue.message.contains("the header lacks 'Title'"))
    }

    @Test("hostile workbooks: a part over the size limit (zip bomb), too many shared strings, rows, cells; a DOCTYPE")
    func hostileWorkbooksAreRefused() throws {
        let padding = String(repeating: "<row/>", count: 50_000)
        let bomb = try write(workbook(rows: Self.rows + padding), name: "bomb.xlsx")
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int)
        #expect(compressed < 20_000)
        let tooLarge = try #require(fileError(bomb, limits: XLSXLimits(maximumPartBytes: 100_000)))
        #expect(tooLarge.description.contains("larger than 100000 bytes once uncompressed"))
        #expect(tooLarge.description.contains("xl/worksheets/sheet2.xml"))

        let strings = try #require(fileError(try write(workbook()), limits: XLSXLimits(maximumSharedStrings: 5)))
        #expect(strings.description.contains("more than 5 shared strings"))
        let rows = try #require(fileError(try write(workbook()), limits: XLSXLimits(maximumRows: 3)))
        #expect(rows.description.contains("sheet Services has more than 3 rows"))
        let cells = try #require(fileError(try write(workbook()), limits: XLSXLimits(maximumCellsPerRow: 4)))
        #expect(cells.description.contains("sheet Services row 2 has more than 4 cells"))

        var parts = workbook()
        let index = try #require(parts.firstIndex { $0.path == "xl/sharedStrings.xml" })
        parts[index].text = parts[index].text.replacingOccurrences(
            of: "<sst ",
            with: #"<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><sst "#
        ).replacingOccurrences(of: "Leeds Advocacy", with: "&b;")
        let entities = try #require(fileError(try write(parts, name: "entities.xlsx")))
        #expect(entities.description.contains("declares a DOCTYPE or entities"))
    }

    @Test("a broken zip, a zip that is no workbook, and a shared string out of range are refused with the reason")
    func brokenWorkbooks() throws {
        let good = try Data(contentsOf: URL(fileURLWithPath: try write(workbook())))
        let truncated = "\(folder)/truncated.xlsx"
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: truncated))
        let broken = try #require(fileError(truncated))
        #expect(broken.description.contains("not a readable zip archive"))

        let notes = "\(folder)/notes.xlsx"
        try Data("just some text".utf8).write(to: URL(fileURLWithPath: notes))
        #expect(fileError(notes)?.description.contains("not a readable zip archive") == true)

        let noWorkbook = try write([("docProps/app.xml", "<Properties/>")], name: "other.zip")
        #expect(
            fileError(noWorkbook)?.description.contains(
                "is not an Excel workbook: the zip archive has no xl/workbook.xml"
            ) == true
        )

        let outOfRange = try write(workbook(strings: Array(Self.strings.prefix(9))), name: "range.xlsx")
        let range = try #require(fileError(outOfRange))
        #expect(range.description.contains("cell D3 refers to shared string '9', but the workbook has 9"))
    }

    @Test("the shipped example workbook profile is sound and reads its sample workbook without rejects")
    func shippedExampleReadsItsSample() throws {
        let example = try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("example-xlsx-workbook")
        #expect(example.problems(with: vocabularies).isEmpty)
        guard case .xlsx(let layout) = example.layout else { throw ProfileError("not an xlsx profile") }
        let list = try ProfileXLSXReader(profile: example, layout: layout, vocabularies: vocabularies)
            .read(
                path: "\(Fixtures.projectRoot)/importers/samples/example-xlsx-workbook.xlsx",
                file: "example-xlsx-workbook.xlsx",
                source: SourceName("example-pcc-workbook")
            )
        #expect(list.recordCount == 2)
        #expect(list.rejectedCount == 0)
        #expect(list.services.first?.commissioning.contractEnd?.description == "2027-03-31")
    }
}
