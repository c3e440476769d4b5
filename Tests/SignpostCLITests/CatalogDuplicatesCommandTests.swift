import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost catalog duplicates")
struct CatalogDuplicatesCommandTests {
    /// A catalog file in a fresh folder: West Yorkshire's outreach service listed by the commissioner and by the
    /// charity (phone written differently), and an unrelated service of the charity at the same postcode.
    func catalogFolder() async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-dups-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var commissioned = Fixtures.service(
            source: "pcc-west-yorkshire",
            recordID: "WY-0101",
            name: "Aire Valley Women's Aid Outreach"
        )
        commissioned.contact.phone = "+44 (0)113 496 0000"
        var charity = Fixtures.service(
            source: "aire-valley-support",
            recordID: "AV-7",
            name: "Aire Valley Womens Aid Outreach Ltd"
        )
        charity.contact.phone = "0113 4960000"
        let unrelated = Fixtures.service(
            source: "aire-valley-support",
            recordID: "AV-8",
            name: "Leeds Restorative Justice",
            needTypes: ["restorative-justice"]
        )
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite")
            .apply(ImportRequest(services: [commissioned, charity, unrelated]))
        return folder
    }

    func report(_ arguments: [String], folder: String) async throws -> String {
        try await CatalogDuplicatesCommand.parse(
            ["--db", "\(folder)/catalog.sqlite", "--home", Fixtures.projectRoot] + arguments
        ).report()
    }

    @Test func theTableShowsEachPairWithItsReasonsAndACount() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try await report([], folder: folder)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("first") == true)
        #expect(lines[2].hasPrefix("aire-valley-support/AV-7") && lines[2].hasSuffix("100%"))
        #expect(lines[2].contains("pcc-west-yorkshire/WY-0101"))
        #expect(
            lines[3]
                == "    why: same charity number 9000001; same phone 0113 496 0000; same postcode LS1 4AP; "
                + "names 100% alike; both meet domestic-abuse"
        )
        #expect(lines.last?.hasPrefix("1 likely duplicate pair across sources; nothing was merged.") == true)
    }

    @Test func jsonAndCSVCarryBothSidesAndTheReasons() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = try await report(["--format", "json"], folder: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["count"] as? Int == 1)
        let pair = try #require((document["pairs"] as? [[String: Any]])?.first)
        #expect((pair["second"] as? [String: Any])?["source"] as? String == "pcc-west-yorkshire")
        let reasons = try #require(pair["reasons"] as? [[String: Any]])
        #expect(
            reasons.map { $0["kind"] as? String } == [
                "same-charity-number", "same-phone", "same-postcode", "similar-names", "shared-need-types",
            ]
        )
        #expect(reasons[1]["value"] as? String == "0113 496 0000")
        #expect(reasons[1]["text"] as? String == "same phone 0113 496 0000")

        let csv = try await report(["--format", "csv"], folder: folder).split(separator: "\n")
        #expect(csv.count == 2)
        #expect(csv.first?.hasPrefix("first_id,first_name,first_source,second_id") == true)
        #expect(csv.last?.contains(",100%,same charity number 9000001;") == true)
    }

    @Test func aSourceWithNoPairsSaysSoAndAnUnknownSourceIsRefused() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let involving = try await report(["--source", "pcc-west-yorkshire"], folder: folder)
        #expect(involving.contains("pcc-west-yorkshire/WY-0101"))

        var lone = Fixtures.service(source: "kestrel-moor", recordID: "KMA-1", name: "Coventry Stalking Advocacy")
        lone.contact.phone = "01632 960824"
        lone.provider.charityNumber = "9319966"
        lone.locations = []
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: [lone]))
        let none = try await report(["--source", "kestrel-moor"], folder: folder)
        #expect(
            none
                == "No likely duplicates across sources involving source kestrel-moor (4 services from 3 sources "
                + "compared).\n"
        )
        await #expect(throws: ValidationError.self) { try await report(["--source", "nobody"], folder: folder) }
    }
}
