import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostOpenReferral
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost catalog export")
struct CatalogExportTests {
    @Test func hsdsJSONLeavesConfidentialLocationsOutUnlessAsked() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-export-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var refuge = Fixtures.service(recordID: "WY-REFUGE", name: "Aire Valley Refuge")
        refuge.locations.append(
            ServiceLocation(
                name: "Headingley Safe House",
                town: "Leeds",
                postcode: Postcode("LS6 9ZZ"),
                isConfidential: true
            )
        )
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite")
            .apply(ImportRequest(services: [refuge, Fixtures.service(recordID: "WY-2")]))

        for (include, name) in [(false, "public"), (true, "all")] {
            var arguments = [
                "--db", "\(folder)/catalog.sqlite", "--home", Fixtures.projectRoot, "--output", "\(folder)/\(name)",
            ]
            if include { arguments.append("--include-confidential") }
            try await CatalogCommand.Export.parse(arguments).run()
            let text = try String(contentsOfFile: "\(folder)/\(name)/services.json", encoding: .utf8)
            let services = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            #expect(
                services.map { $0["id"] as? String }
                    == ["test-list/WY-2", "test-list/WY-REFUGE"].map(OpenReferralID.uuid)
            )
            #expect(text.contains("Headingley Safe House") == include)
            #expect(text.contains("LS6 9ZZ") == include)
            let taxonomies = try String(contentsOfFile: "\(folder)/\(name)/taxonomies.json", encoding: .utf8)
            #expect(taxonomies.contains("Signpost need types"))
        }
    }
}
