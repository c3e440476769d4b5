import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost import: an Open Referral folder")
struct OpenReferralImportTests {
    /// Writes each table (file name -> lines) into `folder`.
    static func write(_ files: [String: [String]], in folder: String) throws {
        for (name, lines) in files {
            let text = lines.joined(separator: "\n") + "\n"
            try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
        }
    }

    @Test func aFolderOfHSDSTablesIsImportedAsOneList() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-hsds-\(UUID())").path
        let tables = "\(folder)/calderdale-directory"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // HSDS 3.0 header layouts; made-up rows.
        let files: [String: [String]] = [
            "organizations.csv": ["id,name,description,email,website", "org-1,Calder Valley Support,,,"],
            "services.csv": [
                "id,organization_id,name,description,url,email,status,minimum_age,maximum_age",
                "svc-1,org-1,Halifax Domestic Abuse Outreach,Outreach.,,,active,16,",
                "svc-2,org-1,Halifax Drop-in,Advice.,,,active,,",
            ],
            "service_areas.csv": [
                "id,service_id,name,description,extent,extent_type,uri", "a-1,svc-1,Calderdale,,,,",
                "a-2,svc-2,Calderdale,,,,",
            ],
            "taxonomy_terms.csv": [
                "id,code,name,description,parent_id,taxonomy,language,taxonomy_id,term_uri",
                "t-1,,Domestic violence,,,,,,", "t-2,,Pottery classes,,,,,,",
            ],
            "attributes.csv": [
                "id,link_id,taxonomy_term_id,link_type,link_entity,value", "at-1,svc-1,t-1,,service,",
                "at-2,svc-2,t-2,,service,",
            ],
        ]
        try Self.write(files, in: tables)
        let database = "\(folder)/catalog.sqlite"
        try await ImportCommand.parse([tables, "--db", database, "--home", Fixtures.projectRoot, "--format", "json"])
            .run()
        let services = try await SQLiteCatalog(path: database).allServices()
        #expect(services.map(\.id.rawValue) == ["calderdale-directory/svc-1"])
        #expect(services.first?.needTypes == ["domestic-abuse"])
        #expect(services.first?.coverage.areas == [AreaCode("E08000033")])
        #expect(services.first?.provider.name == "Calder Valley Support")
    }

    @Test func aRowWithoutAnIdIsRejectedAndTheFolderStillImports() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-hsds-\(UUID())").path
        let tables = "\(folder)/kirklees"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Every service is rejected: one maps to no need type, one has no id. Before, that stopped the folder (exit 2).
        let files: [String: [String]] = [
            "services.csv": [
                "id,organization_id,name,description,url,email,status,minimum_age,maximum_age",
                "svc-1,,Huddersfield Pottery,Classes.,,,active,,", ",,Dewsbury Outreach,Outreach.,,,active,,",
            ],
            "service_areas.csv": ["id,service_id,name,description,extent,extent_type,uri", "a-1,svc-1,Kirklees,,,,"],
        ]
        try Self.write(files, in: tables)
        let database = "\(folder)/catalog.sqlite"
        // No ExitCode thrown: the import is committed with both rows rejected.
        try await ImportCommand.parse([tables, "--db", database, "--home", Fixtures.projectRoot, "--format", "json"])
            .run()
        #expect(try await SQLiteCatalog(path: database).allServices().isEmpty)
    }
}
