import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostReports
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import signpost

@Suite("signpost import: the whole job")
struct ImportJobTests {
    let vocabularies: Vocabularies
    let folder: String

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-cli-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = "\(folder)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let header = "source_record_id,name,provider_name,need_types,coverage"

    func csv(_ rows: [String]) -> String { ([Self.header] + rows).joined(separator: "\n") + "\n" }

    let goodXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <commissioner code="pcc-test" name="Test PCC (sample)"/>
          <service id="X-1">
            <name>Cardiff ISVA</name>
            <provider name="Taff Support (sample)"/>
            <needs><need>isva</need></needs>
            <coverage><area>W15000003</area></coverage>
          </service>
        </serviceList>
        """

    @Test func csvAndXMLFilesAreDetectedAndStoredInOneImport() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csvPath = try write("charity.csv", csv(["C-1,Leeds Outreach,Prov,DV,E23000010"]))
        let xmlPath = try write("pcc.xml", goodXML)
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: [csvPath, xmlPath]).run(into: catalog)
        #expect(result.stop == nil)
        #expect(result.lists.map(\.format) == [.signpostCSV, .signpostXML])
        #expect(result.outcome.inserted.map(\.rawValue) == ["charity/C-1", "pcc-test/X-1"])
        #expect(try await catalog.imports(limit: 5).count == 1)
        let report = ImportReport(result)
        #expect(report.exitCode == nil)
        #expect(report.inserted == 2 && report.committed)
    }

    @Test func oneInvalidFileStopsTheWholeImport() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csvPath = try write("charity.csv", csv(["C-1,Leeds Outreach,Prov,DV,E23000010"]))
        let badXML = try write(
            "pcc.xml",
            goodXML.replacing("<needs>", with: "<needz>").replacing("</needs>", with: "</needz>")
        )
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: [csvPath, badXML]).run(into: catalog)
        #expect(result.stop == .fileErrors)
        #expect(try await catalog.allServices().isEmpty)
        let report = ImportReport(result)
        #expect(report.exitCode == 2)
        #expect(!report.committed)
        let error = try #require(report.errors.first)
        #expect(error.file == badXML)
        #expect(error.line == 7)
    }

    @Test func moreRejectsThanAllowedRollsEverythingBack() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try SQLiteCatalog.inMemory()
        let before = try await catalog.apply(ImportRequest(services: [Fixtures.service(source: "charity")]))
        #expect(before.committed)
        let path = try write(
            "charity.csv",
            csv(["C-1,Good,Prov,DV,E23000010", "C-2,Bad,Prov,dv2,E23000010", "C-3,Bad,Prov,stalking,Narnia"])
        )
        var job = ImportJob(vocabularies: vocabularies, files: [path])
        job.maxRejects = 1
        let result = try await job.run(into: catalog)
        #expect(result.stop == .tooManyRejects(2, limit: 1))
        #expect(try await catalog.allServices().map(\.id.rawValue) == ["charity/T-001"])
        #expect(ImportReport(result).exitCode == 3)

        job.maxRejects = 2
        let allowed = try await job.run(into: catalog)
        #expect(allowed.stop == nil)
        #expect(allowed.outcome.inserted.map(\.rawValue) == ["charity/C-1"])
        let report = ImportReport(allowed)
        #expect(report.rejected == 2)
        #expect(report.errors.map(\.line) == [3, 4])
        #expect(report.errors.map(\.field) == ["need_types", "coverage"])
    }

    @Test func reimportingAFileReportsEverythingUnchanged() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write("charity.csv", csv(["C-1,Good,Prov,DV,E23000010", "C-2,Also good,Prov,fraud,national"]))
        let catalog = try SQLiteCatalog.inMemory()
        let job = ImportJob(vocabularies: vocabularies, files: [path])
        _ = try await job.run(into: catalog)
        let again = ImportReport(try await job.run(into: catalog))
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 2)
    }

    @Test func replaceWithdrawsMissingServicesButKeepsRejectedOnes() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try SQLiteCatalog.inMemory()
        let first = try write(
            "charity.csv",
            csv(["C-1,One,Prov,DV,E23000010", "C-2,Two,Prov,DV,E23000010", "C-3,Three,Prov,DV,E23000010"])
        )
        _ = try await ImportJob(vocabularies: vocabularies, files: [first]).run(into: catalog)
        // The new list drops C-2, and C-3's row is now bad: C-3 must not be withdrawn.
        let second = try write("charity.csv", csv(["C-1,One,Prov,DV,E23000010", "C-3,Three,Prov,DV,Narnia"]))
        var job = ImportJob(vocabularies: vocabularies, files: [second])
        job.replace = true
        let report = ImportReport(try await job.run(into: catalog))
        #expect(report.withdrawnServices.map(\.id.rawValue) == ["charity/C-2"])
        #expect(report.rejected == 1)
        #expect(try await catalog.allServices().map(\.id.rawValue) == ["charity/C-1", "charity/C-3"])
    }

    @Test func filesNamedOnlyInOtherScriptsGetTheirOwnSourcesAndReplaceNamesIt() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try SQLiteCatalog.inMemory()
        let first = try write("名前.csv", csv(["C-1,One,Prov,DV,E23000010", "C-2,Two,Prov,DV,E23000010"]))
        let second = try write("住所.csv", csv(["D-1,Other,Prov,DV,E23000010"]))
        _ = try await ImportJob(vocabularies: vocabularies, files: [first]).run(into: catalog)
        var job = ImportJob(vocabularies: vocabularies, files: [second])
        job.replace = true
        let report = ImportReport(try await job.run(into: catalog))
        #expect(report.withdrawn == 0, "the other file's services are another source's")
        #expect(report.replacedSources.count == 1 && report.replacedSources[0] != "")
        #expect(report.renderText().contains("replaced source '\(report.replacedSources[0])'"))
        #expect(try await catalog.allServices().count == 3)
    }

    @Test func aUTF16XMLFileIsReadAsXML() {
        let xml = Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><serviceList/>".utf16)
        var little: [UInt8] = [0xFF, 0xFE]
        for unit in xml { little += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in xml { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(ImportJob.detectFormat(little) == .signpostXML)
        #expect(ImportJob.detectFormat(big) == .signpostXML)
        #expect(ImportJob.detectFormat(Array(little.dropFirst(2))) == .signpostXML, "without a byte-order mark")
        #expect(ImportJob.detectFormat(Array("source_record_id,name\n".utf8)) == .signpostCSV)
    }

    @Test func anUnreadableFileIsReportedAndNothingIsStored() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: ["/nonexistent/list.csv"]).run(
            into: catalog
        )
        #expect(result.stop == .fileErrors)
        #expect(ImportReport(result).errors.first?.message.contains("cannot read the file") == true)
    }

    @Test func theJSONReportHasTheDocumentedFields() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write("charity.csv", csv(["C-1,Good,Prov,DV,E23000010", "C-2,Bad,Prov,dv2,E23000010"]))
        let result = try await ImportJob(vocabularies: vocabularies, files: [path]).run(
            into: try SQLiteCatalog.inMemory()
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(ImportReport(result)).utf8)) as? [String: Any]
        )
        for key in ["inserted", "updated", "unchanged", "rejected", "withdrawn", "errors"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect((errors.first?["line"] as? Int) == 3)
        #expect((errors.first?["field"] as? String) == "need_types")
        #expect((errors.first?["file"] as? String) == path)
        #expect((errors.first?["message"] as? String)?.contains("dv2") == true)
    }

    @Test func aQuoteLeftOpenRejectsOneRowAndTheRestOfTheFileIsImported() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "source_record_id,name,description,provider_name,need_types,coverage"
        var lines = [header, "C-1,Leeds Outreach,\"Opens a quote,Prov,DV,E23000010"]
        for id in 2...300 { lines.append("C-\(id),Service \(id),Plain.,Prov,DV,E23000010") }
        let path = try write("charity.csv", lines.joined(separator: "\n") + "\n")
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: [path]).run(into: catalog)
        #expect(result.stop == nil)
        let report = ImportReport(result)
        #expect(report.exitCode == nil)
        #expect(report.inserted == 299)
        #expect(report.rejected == 1)
        #expect(report.files.map(\.records) == [300])
        let error = try #require(report.errors.first)
        #expect(error.line == 2)
        #expect(error.field == "description")
        #expect(error.recordId == "C-1")
        #expect(
            report.renderText().contains(
                "error: \(path):2 [description]: a quoted cell opened on line 2 is never closed: the file ends inside it"
            )
        )
        #expect(try await catalog.allServices().count == 299)
    }

    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeIsRefusedWithoutWaitingForAWriter() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try write("charity.csv", csv(["C-1,Good,Prov,DV,E23000010"]))
        let pipe = "\(folder)/pipe.csv"
        #expect(mkfifo(pipe, 0o600) == 0)
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: [good, pipe]).run(into: catalog)
        #expect(result.stop == .fileErrors)
        #expect(try await catalog.allServices().isEmpty)
        let report = ImportReport(result)
        #expect(report.exitCode == 2)
        let error = try #require(report.errors.first)
        #expect(error.file == pipe)
        #expect(error.message.hasPrefix("is not a regular file but a named pipe (FIFO)"), "\(error.message)")

        // Through a profile, and as a table of an Open Referral folder, it is refused as well.
        var profiled = ImportJob(vocabularies: vocabularies, files: [pipe])
        profiled.profile = try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("signpost-csv")
        #expect(throws: ImportFileError.self) { _ = try profiled.read(pipe) }
        let tables = "\(folder)/hsds"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        #expect(mkfifo("\(tables)/services.csv", 0o600) == 0)
        #expect {
            _ = try ImportJob(vocabularies: vocabularies, files: [tables]).read(tables)
        } throws: { error in
            (error as? ImportFileError)?.issues.contains { $0.message.contains("is not a regular file") } == true
        }
    }

    @Test func aCSVFileIsReadAChunkAtATimeWithTheLimitsGiven() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write(
            "charity.csv",
            csv(["C-1,Good,Prov,DV,E23000010", "C-2,\(String(repeating: "n", count: 40)),Prov,DV,E23000010"])
        )
        var job = ImportJob(vocabularies: vocabularies, files: [path])
        job.csvLimits = CSVLimits(maximumCellBytes: 32, maximumRecordBytes: 1_024, maximumColumns: 10)
        let list = try job.read(path)
        #expect(list.acceptedCount == 1)
        #expect(list.issues.first?.message.hasPrefix("a cell is longer than 32 bytes") == true)
    }
}

@Suite("The bundled sample catalog")
struct SampleCatalogTests {
    @Test func theSampleListsImportCleanlyAndCoverEveryForceArea() async throws {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let folder = "\(Fixtures.projectRoot)/catalog/sample"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xml") }.sorted().map { "\(folder)/\($0)" }
        #expect(files.contains { $0.hasSuffix(".xml") } && files.contains { $0.hasSuffix(".csv") })
        let catalog = try SQLiteCatalog.inMemory()
        let result = try await ImportJob(vocabularies: vocabularies, files: files).run(into: catalog)
        #expect(result.stop == nil)
        #expect(result.lists.allSatisfy { $0.rejectedCount == 0 })
        let services = try await catalog.allServices()
        #expect(services.count >= 400)
        let statistics = CatalogStatistics(
            services: services,
            vocabularies: vocabularies,
            asOf: CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)
        )
        // Every force area has local services, not only national ones.
        for area in statistics.byForceArea {
            #expect(area.services - statistics.nationalServices >= 6, "\(area.label) has too few local services")
        }
        #expect(services.allSatisfy { $0.provider.name.hasSuffix("(sample)") })
    }
}
