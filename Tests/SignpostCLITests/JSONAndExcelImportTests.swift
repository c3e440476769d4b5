import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import signpost

@Suite("signpost import: JSON lists and Excel workbooks through profiles, end to end")
struct JSONAndExcelImportTests {
    let vocabularies: Vocabularies
    let folder: String

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-json-xlsx-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = "\(folder)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let jsonProfile = """
        { "source": "council-open-data", "format": "json", "json": { "records": "results" },
          "fields": { "source_record_id": "ref", "name": "title", "provider_name": "org.name",
                      "need_types": { "path": "tags", "map": { "DV": "domestic-abuse", "Stalking": "stalking" } },
                      "postcode": "address.postcode", "coverage": { "constant": "E23000010" } } }
        """

    static let jsonList = """
        { "count": 3, "results": [
          { "ref": "C-1", "title": "Leeds Outreach", "org": { "name": "Aire Aid" }, "tags": ["DV", "Stalking"],
            "address": { "postcode": "LS1 4AP" } },
          { "ref": "C-2", "title": "No need", "org": { "name": "Aire Aid" }, "tags": [] },
          { "ref": "C-3", "title": "Bradford Advocacy", "org": { "name": "Aire Aid" }, "tags": ["DV"] }
        ] }
        """

    @Test func aJSONListIsImportedThroughAProfileAndItsBadRecordsAreNamedByNumber() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let profilePath = try write("council.json", Self.jsonProfile)
        let listPath = try write("services.json", Self.jsonList)
        let catalog = try SQLiteCatalog.inMemory()
        var job = ImportJob(vocabularies: vocabularies, files: [listPath])
        job.profile = try ProfileLibrary.load(path: profilePath)
        let result = try await job.run(into: catalog)
        #expect(result.stop == nil)
        #expect(result.lists.map(\.format) == [.profileJSON])
        #expect(result.outcome.inserted.map(\.rawValue).sorted() == ["council-open-data/C-1", "council-open-data/C-3"])
        let stored = try await catalog.allServices().first { $0.id.rawValue == "council-open-data/C-1" }
        #expect(stored?.needTypes.map(\.rawValue) == ["domestic-abuse", "stalking"])
        #expect(stored?.locations.first?.postcode?.description == "LS1 4AP")
        let report = ImportReport(result)
        #expect(report.rejected == 1)
        #expect(report.errors.first?.place == "record 2")
        #expect(report.renderText().contains("services.json: record 2 [tags → need_types]"))
    }

    @Test func aJSONOrExcelFileWithoutAProfileIsRefusedSayingAProfileIsNeeded() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let listPath = try write("services.json", Self.jsonList)
        let bookPath = "\(folder)/book.xlsx"
        try XLSXFixture.write(XLSXFixture.parts(sheets: [("Sheet1", "")]), to: bookPath)
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: [listPath, bookPath]).run(into: catalog)
        #expect(result.stop == .fileErrors)
        let messages = result.fileErrors.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.first?.contains("a JSON list is read through an import profile") == true)
        #expect(messages.last?.contains("an Excel workbook is read through an import profile") == true)
        #expect(try await catalog.allServices().isEmpty)
    }

    /// A workbook like a commissioner's: a title row, the header on row 2, a contract end stored as a date serial.
    func workbook(name: String = "q3.xlsx") throws -> String {
        let strings = ["Ref", "Service name", "Organisation", "Client group", "Contract end", "DV"]
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Quarter 3</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c>\
            <c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>WY-1</t></is></c>\
            <c r="B3" t="inlineStr"><is><t>Leeds IDVA</t></is></c><c r="C3" t="inlineStr"><is><t>Aire Aid</t></is></c>\
            <c r="D3" t="s"><v>5</v></c><c r="E3"><v>46477</v></c></row>\
            <row r="4"><c r="A4" t="inlineStr"><is><t>WY-2</t></is></c><c r="C4" t="inlineStr"><is><t>Aire Aid</t></is></c>\
            <c r="D4" t="s"><v>5</v></c></row>
            """
        let path = "\(folder)/\(name)"
        try XLSXFixture.write(XLSXFixture.parts(sheets: [("Services", rows)], sharedStrings: strings), to: path)
        return path
    }

    static let fields = """
        "fields": { "source_record_id": "Ref", "name": "Service name", "provider_name": "Organisation",
                    "need_types": "Client group", "contract_end": "Contract end",
                    "coverage": { "constant": "E23000010" } } }
        """

    @Test func anExcelWorkbookIsImportedByTheCommandLineThroughAnXLSXProfileOrACSVProfile() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let book = try workbook()
        let xlsxProfile = try write(
            "pcc-xlsx.json",
            #"{ "source": "pcc-book", "format": "xlsx", "xlsx": { "sheet": "services", "headerRow": 2 }, "#
                + Self.fields
        )
        let database = "\(folder)/catalog.sqlite"
        // One row lacks a name: it is rejected, and the other row is stored.
        try await ImportCommand.parse([
            book, "--profile", xlsxProfile, "--db", database, "--home", Fixtures.projectRoot, "--format", "json",
        ]).run()
        let services = try await SQLiteCatalog(path: database).allServices()
        #expect(services.map(\.id.rawValue) == ["pcc-book/WY-1"])
        #expect(services.first?.commissioning.contractEnd == CalendarDate(year: 2027, month: 3, day: 31))

        // The same workbook through a CSV profile: its first sheet, with the CSV profile's header row.
        let csvProfile = try write(
            "pcc-csv.json",
            #"{ "source": "pcc-csv", "format": "csv", "csv": { "headerRow": 2 }, "# + Self.fields
        )
        let catalog = try SQLiteCatalog.inMemory()
        var job = ImportJob(vocabularies: vocabularies, files: [book])
        job.profile = try ProfileLibrary.load(path: csvProfile)
        let result = try await job.run(into: catalog)
        #expect(result.lists.map(\.format) == [.profileXLSX])
        #expect(result.outcome.inserted.map(\.rawValue) == ["pcc-csv/WY-1"])
        let report = ImportReport(result)
        #expect(report.errors.map(\.place) == ["sheet Services row 4"])
        #expect(report.renderText().contains("q3.xlsx: sheet Services row 4 [Service name → name]"))
    }

    @Test func aBrokenWorkbookStopsTheImportAndLeavesTheCatalogAlone() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Data(contentsOf: URL(fileURLWithPath: try workbook()))
        let broken = "\(folder)/broken.xlsx"
        try good.prefix(good.count - 30).write(to: URL(fileURLWithPath: broken))
        let profilePath = try write(
            "pcc.json",
            #"{ "source": "pcc-book", "format": "xlsx", "xlsx": { "headerRow": 2 }, "# + Self.fields
        )
        let catalog = try SQLiteCatalog.inMemory()
        var job = ImportJob(vocabularies: vocabularies, files: [try workbook(name: "good.xlsx"), broken])
        job.profile = try ProfileLibrary.load(path: profilePath)
        let result = try await job.run(into: catalog)
        #expect(result.stop == .fileErrors)
        #expect(result.fileErrors.first?.description.contains("broken.xlsx") == true)
        #expect(try await catalog.allServices().isEmpty)
    }
}
