import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import signpost

@Suite("signpost import: likely duplicates across sources in the report")
struct ImportDuplicatesTests {
    @Test func aCharitysServiceArrivingInACommissionersListIsFlaggedNotMerged() async throws {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-dupes-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "source_record_id,name,provider_name,charity_number,phone,need_types,coverage"
        try [
            header, "C1,Leeds Domestic Abuse Advocacy,Aire Women's Aid,1190001,0113 496 0001,domestic-abuse,E23000010",
            "C2,Leeds Hate Crime Hub,Leeds Together,,0113 496 0999,hate-crime,E23000010",
        ].joined(separator: "\n").write(toFile: "\(folder)/aire-womens-aid.csv", atomically: true, encoding: .utf8)
        try [
            header,
            "P1,Domestic Abuse Advocacy (Leeds),Aire Womens Aid Ltd,,+44 113 496 0001,domestic-abuse,West Yorkshire",
            "P2,Bradford Stalking Service,Bradford Stalking Project,,01274 496 000,stalking,E23000010",
        ].joined(separator: "\n").write(toFile: "\(folder)/wy-pcc.csv", atomically: true, encoding: .utf8)
        let catalog = try SQLiteCatalog(path: "\(folder)/catalog.sqlite")
        _ = try await ImportJob(vocabularies: vocabularies, files: ["\(folder)/aire-womens-aid.csv"]).run(into: catalog)

        for dryRun in [true, false] {
            var job = ImportJob(vocabularies: vocabularies, files: ["\(folder)/wy-pcc.csv"])
            job.findDuplicates = true
            job.dryRun = dryRun
            let result = try await job.run(into: catalog)
            let pairs = result.duplicates.map { [$0.first.rawValue, $0.second.rawValue] }
            #expect(pairs == [["aire-womens-aid/C1", "wy-pcc/P1"]], "dry run: \(dryRun)")
            #expect(result.duplicates.first?.explanation.contains("same phone") == true)
            let report = ImportReport(result).renderText()
            #expect(report.contains("1 likely duplicate across sources (not merged"))
            #expect(report.contains("= wy-pcc/P1 Domestic Abuse Advocacy (Leeds)"))
        }
        // Both records stay: nothing is merged.
        #expect(try await catalog.allServices().count == 4)
    }
}
