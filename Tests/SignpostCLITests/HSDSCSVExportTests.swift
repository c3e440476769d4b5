import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost catalog export --format hsds-csv")
struct HSDSCSVExportTests {
    /// Exports a catalog holding a refuge as HSDS CSV (with and without confidential locations), then imports each
    /// folder into an empty catalog with `signpost import DIR`.
    @Test func exportThenImportGivesTheSameServices() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-hsds-csv-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var refuge = Fixtures.service(recordID: "WY-REFUGE", name: "Aire Valley Refuge", status: .waitlist)
        refuge.locations.append(
            ServiceLocation(
                name: "Headingley Safe House",
                town: "Leeds",
                postcode: Postcode("LS6 9ZZ"),
                isConfidential: true
            )
        )
        let originals = [Fixtures.service(recordID: "WY-2", needTypes: ["stalking"]), refuge]
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: originals))

        for include in [false, true] {
            let name = include ? "all" : "public"
            let tables = "\(folder)/\(name)"
            var arguments = [
                "--db", "\(folder)/catalog.sqlite", "--home", Fixtures.projectRoot, "--format", "hsds-csv",
                "--output", tables,
            ]
            if include { arguments.append("--include-confidential") }
            try await CatalogCommand.Export.parse(arguments).run()
            let services = try String(contentsOfFile: "\(tables)/services.csv", encoding: .utf8)
            #expect(services.hasPrefix("id,organization_id,program_id,name,"))
            let everything = try FileManager.default.contentsOfDirectory(atPath: tables).sorted()
                .map { try String(contentsOfFile: "\(tables)/\($0)", encoding: .utf8) }.joined()
            #expect(everything.contains("Headingley Safe House") == include)
            #expect(everything.contains("LS6 9ZZ") == include)

            let database = "\(folder)/\(name).sqlite"
            try await ImportCommand.parse([
                tables, "--db", database, "--home", Fixtures.projectRoot, "--format", "json",
            ])
            .run()
            let imported = try await SQLiteCatalog(path: database).allServices().sorted { $0.id < $1.id }
            // The folder's name is the source; the exported id (SOURCE/RECORD) is the record id.
            #expect(imported.map(\.id.rawValue) == ["\(name)/test-list/WY-2", "\(name)/test-list/WY-REFUGE"])
            for (back, original) in zip(imported, originals.sorted { $0.id < $1.id }) {
                // A public export leaves the refuge's confidential location out entirely.
                var expected = original
                if !include { expected.locations.removeAll(where: \.isConfidential) }
                expected.id = back.id
                expected.provenance = Provenance(
                    source: SourceName(name),
                    sourceRecordID: original.id.rawValue,
                    importID: back.provenance.importID,
                    lastVerified: original.provenance.lastVerified
                )
                #expect(back == expected)
            }
        }
    }
}
