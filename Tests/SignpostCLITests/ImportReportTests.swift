import Foundation
import SignpostTestSupport
import Testing

/// The import report as a person and a program read it, from the built `signpost`: problems summed up by reason
/// before the details, the details cut to what was asked for, and a JSON document whatever happens.
@Suite("Import report: summary by reason, details, JSON always")
struct ImportReportTests {
    /// A list of 300 rows: every third with an unknown need type, every fifth (not third) with a bad email.
    static func messyList() throws -> (folder: String, list: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-report-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var rows = ["source_record_id,name,provider_name,need_types,coverage,email"]
        for row in 0..<300 {
            if row.isMultiple(of: 3) {
                rows.append("R-\(row),Service \(row),Aire,unheard-of-\(row),E23000010,")
            } else if row.isMultiple(of: 5) {
                rows.append("R-\(row),Service \(row),Aire,DV,E23000010,use linkedin for \(row)")
            } else {
                rows.append("R-\(row),Service \(row),Aire,DV,E23000010,")
            }
        }
        let list = "\(folder)/messy.csv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        return (folder, list)
    }

    func signpost(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
        let binary = try #require(Fixtures.executable("signpost"), "the signpost executable is built with the tests")
        return try await Fixtures.capture(
            binary,
            arguments + ["--home", Fixtures.projectRoot],
            environment: ["COLUMNS": "80"]
        )
    }

    @Test func problemsAreSummedUpByReasonThenListedAsAsked() async throws {
        let (folder, list) = try Self.messyList()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await signpost(["import", list, "--db", "\(folder)/c.sqlite", "--dry-run", "--errors", "3"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("Problems by reason: 140 errors, 0 warnings"), "\(run.output)")
        // 100 unknown need types (rows 0, 3, ...), 40 bad emails (multiples of 5 but not 3), each one row.
        let needs = try #require(lines.first { $0.contains("unknown need type '…'") })
        #expect(needs.hasPrefix("  100  error  need_types"), "\(needs)")
        #expect(needs.hasSuffix("2, 5, 8, …"), "\(needs)")
        let emails = try #require(lines.first { $0.contains("is not an email address") && !$0.hasPrefix("error") })
        #expect(emails.hasPrefix("   40  error  email"), "\(emails)")
        #expect(lines.filter { $0.hasPrefix("error: ") }.count == 3)
        #expect(lines.contains("(the first 3 of 140 listed; --errors all lists every one kept)"))
        #expect(lines.allSatisfy { $0.hasPrefix("error: ") || $0.count <= 80 }, "the summary fits 80 columns")

        let all = try await signpost(["import", list, "--db", "\(folder)/c.sqlite", "--dry-run", "--errors", "all"])
        #expect(all.output.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 140)
    }

    @Test func theJSONReportHasTheSummaryInSnakeCase() async throws {
        let (folder, list) = try Self.messyList()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await signpost(["import", list, "--db", "\(folder)/c.sqlite", "--dry-run", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        )
        for key in ["likely_duplicates", "likely_duplicates_found", "summary", "errors", "warnings", "files"] {
            #expect(document[key] != nil, "the README names `\(key)`")
        }
        let summary = try #require(document["summary"] as? [[String: Any]])
        let first = try #require(summary.first)
        #expect(first["reason"] as? String == "unknown need type '…'")
        #expect(first["count"] as? Int == 100)
        #expect(first["first_lines"] as? [Int] == [2, 5, 8, 11, 14])
        #expect((document["errors"] as? [Any])?.count == 140, "JSON lists every error kept, whatever --errors says")
    }

    @Test func anImportThatCannotStartStillPrintsAJSONDocument() async throws {
        let (folder, list) = try Self.messyList()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (arguments, status) in [
            (["import", list, "--profile", "no-such-profile"], Int32(64)),
            (["import"], 64),
            (["import", list, "--source", " "], 64),
        ] {
            let run = try await signpost(arguments + ["--db", "\(folder)/c.sqlite", "--format", "json"])
            #expect(run.status == status, "\(arguments): \(run.error)")
            let document = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            #expect(document?["committed"] as? Bool == false, "\(arguments): \(run.output)")
            #expect((document?["stopped_because"] as? String)?.isEmpty == false)
        }
    }
}
