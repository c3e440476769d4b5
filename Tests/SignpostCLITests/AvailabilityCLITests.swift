import Foundation
import SignpostTestSupport
import Testing

/// Issue 16, item 4, as staff use it: record what a service reported, see it in `refer` with its age, in the
/// service's history, and kept when the service's (older) list is imported again.
@Suite("signpost services set-availability")
struct AvailabilityCLITests {
    func signpost(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
        let binary = try #require(Fixtures.executable("signpost"), "the signpost executable is built with the tests")
        return try await Fixtures.capture(binary, arguments + ["--home", Fixtures.projectRoot])
    }

    @Test func aReportIsShownWithItsAgeKeptInTheHistoryAndKeptOverAnOlderList() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-avail-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/catalog.sqlite"
        let list = "\(Fixtures.projectRoot)/catalog/sample/pcc-wales.xml"
        #expect(try await signpost(["import", list, "--db", db]).status == 0)

        let set = try await signpost([
            "services", "set-availability", "DPP-0001", "--wait-days", "47", "--status", "waitlist", "--by",
            "Duty officer", "--db", db,
        ])
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("waitlist") && set.output.contains("wait 47 d"))
        let refused = try await signpost([
            "services", "set-availability", "DPP-0001", "--available", "100000", "--db", db,
        ])
        #expect(refused.status == 1)
        #expect(refused.error.contains("--available"), "\(refused.error)")

        let refer = try await signpost([
            "refer", "--postcode", "SA31 4SD", "--need", "domestic-abuse", "--top", "20", "--format", "json", "--db",
            db,
        ])
        #expect(refer.status == 0, "\(refer.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(refer.output.utf8)) as? [String: Any])
        let suggestions = try #require(document["suggestions"] as? [[String: Any]])
        let reported = try #require(
            suggestions.first { ($0["service_id"] as? String) == "pcc-wales/DPP-0001" },
            "the service is suggested"
        )
        let cautions = try #require(reported["cautions"] as? [[String: Any]])
        #expect(
            cautions.contains {
                $0["code"] as? String == "reported-by-service"
                    && ($0["text"] as? String)?.contains("reported by the service itself today") == true
            },
            "\(cautions)"
        )

        let history = try await signpost(["services", "show", "DPP-0001", "--history", "--format", "json", "--db", db])
        let changes = try #require(
            try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [[String: Any]]
        )
        #expect(changes.count == 1)
        #expect(changes.first?["changed_by"] as? String == "staff:Duty officer")

        let again = try await signpost(["import", list, "--db", db])
        #expect(again.status == 0)
        #expect(again.output.contains("Kept the newer figures 1 service reported itself"), "\(again.output)")
        #expect(again.output.contains("kept: pcc-wales/DPP-0001"))
    }
}
