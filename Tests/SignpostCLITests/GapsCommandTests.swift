import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost gaps")
struct GapsCommandTests {
    /// A catalog file with two West Yorkshire services (one for Leeds only), in a fresh folder.
    func catalogFolder() async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-gaps-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var leeds = Fixtures.service(recordID: "LEEDS-1", coverage: [AreaCode("E08000035")])
        leeds.commissioning.contractEnd = CalendarDate(iso: "2030-03-31")
        var county = Fixtures.service(recordID: "WY-1", coverage: [AreaCode("E23000010")])
        county.commissioning.contractEnd = CalendarDate(iso: "2027-01-31")
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: [leeds, county]))
        return folder
    }

    func run(_ arguments: [String], folder: String) async throws {
        let command = try GapsCommand.parse(
            ["--db", "\(folder)/catalog.sqlite", "--home", Fixtures.projectRoot, "--as-of", "2026-11-22"] + arguments
        )
        try await command.run()
    }

    @Test func localAuthoritiesOfAForceAreaAreAnalysedAsJSON() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(
            [
                "--level", "lad", "--area", "West Yorkshire", "--need", "domestic-abuse", "--format", "json",
                "--output", "\(folder)/gaps.json",
            ],
            folder: folder
        )
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/gaps.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(
            cells.map { $0["area_name"] as? String } == ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]
        )
        let leeds = try #require(cells.first { $0["area"] as? String == "E08000035" })
        #expect(leeds["services"] as? Int == 2)
        #expect(leeds["status"] as? String == "covered")
        let bradford = try #require(cells.first { $0["area"] as? String == "E08000032" })
        #expect(bradford["status"] as? String == "at-risk")
        let reasons = try #require(bradford["reasons"] as? [[String: String]])
        #expect(reasons.map { $0["code"] } == ["few-accepting", "contracts-ending"])
        let parameters = try #require(object["parameters"] as? [String: Any])
        #expect(parameters["as_of"] as? String == "2026-11-22")
        #expect(parameters["level"] as? String == "lad")
    }

    @Test func demandWithABadRowStillReportsAndExitsWithTwo() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let demand = "area,need,count\nLeeds,domestic-abuse,140\nLeeds,domestic-abse,3\n"
        try demand.write(toFile: "\(folder)/demand.csv", atomically: true, encoding: .utf8)
        await #expect(throws: ExitCode(2)) {
            try await run(
                [
                    "--level", "lad", "--area", "E08000035", "--need", "domestic-abuse", "--demand",
                    "\(folder)/demand.csv", "--format", "csv", "--output", "\(folder)/gaps.csv",
                ],
                folder: folder
            )
        }
        let csv = try String(contentsOfFile: "\(folder)/gaps.csv", encoding: .utf8)
        #expect(
            csv.contains("E08000035,Leeds,E23000010,domestic-abuse,,2,2,9,9,12,140,at-risk,capacity 12 for demand 140")
        )
    }

    /// Issue 15: a local authority's demand counts toward its force in a force-level analysis, a district's toward its
    /// authority; a force's count cannot be divided among authorities and is noted with its line.
    @Test func demandRollsUpToTheAreasAnalysed() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let demand = "area,need,count\nLeeds,domestic-abuse,140\nWakefield,domestic-abuse,60\nLS6,domestic-abuse,5\n"
        try demand.write(toFile: "\(folder)/demand.csv", atomically: true, encoding: .utf8)
        func cell(_ level: String, _ area: String) async throws -> [String: Any] {
            try await run(
                [
                    "--level", level, "--area", area, "--need", "domestic-abuse", "--demand", "\(folder)/demand.csv",
                    "--format", "json", "--output", "\(folder)/gaps.json",
                ],
                folder: folder
            )
            let data = try #require(FileManager.default.contents(atPath: "\(folder)/gaps.json"))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let cells = try #require(object["cells"] as? [[String: Any]])
            return try #require(cells.first { $0["area"] as? String == (level == "pfa" ? "E23000010" : "E08000035") })
        }
        // West Yorkshire: Leeds, Wakefield and the Leeds district LS6 all count.
        #expect(try await cell("pfa", "West Yorkshire")["demand"] as? Int == 205)
        // Leeds: its own row and its district's.
        #expect(try await cell("lad", "Leeds")["demand"] as? Int == 145)
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let westYorkshire = AreaCode("E23000010")
        #expect(
            DemandPlacement.of(AreaCode("E08000035"), at: .forceArea, vocabularies: vocabularies)
                == .area(westYorkshire)
        )
        #expect(
            DemandPlacement.of(westYorkshire, at: .localAuthority, vocabularies: vocabularies)
                == .coarser(.policeForceArea)
        )
        #expect(
            DemandPlacement.of(AreaCode("LS6"), at: .localAuthority, vocabularies: vocabularies)
                == .area(AreaCode("E08000035"))
        )
        #expect(
            DemandPlacement.of(AreaCode("LS"), at: .forceArea, vocabularies: vocabularies) == .coarser(.postcodeArea)
        )
    }

    @Test func anUnreadableDemandFileExitsWithTwo() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        await #expect {
            try await run(["--level", "pfa", "--demand", "\(folder)/no-such-demand.csv"], folder: folder)
        } throws: { error in
            (error as? CLIError)?.exitCode == 2 && "\(error)".contains("no-such-demand.csv")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aDemandFileThatIsANamedPipeIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-demand-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipe = "\(folder)/demand.csv"
        #expect(mkfifo(pipe, 0o600) == 0)
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        #expect {
            _ = try GapsCommand.readDemand(pipe, vocabularies: vocabularies)
        } throws: { error in
            "\(error)".contains("cannot read the demand file \(pipe): is not a regular file but a named pipe")
        }
    }

    @Test func aMisspeltNeedIsRefusedWithADidYouMean() async throws {
        let command = try GapsCommand.parse(["--home", Fixtures.projectRoot, "--need", "domestic-abse"])
        await #expect {
            try await command.run()
        } throws: { error in
            String(describing: error).contains("did you mean 'domestic-abuse'")
        }
    }

    @Test func periodsAreReadInMonthsOrYears() throws {
        #expect(try GapsCommand.months("6m", option: "--x") == 6)
        #expect(try GapsCommand.months("2y", option: "--x") == 24)
        #expect(try GapsCommand.months("18", option: "--x") == 18)
        #expect(throws: ValidationError.self) { try GapsCommand.months("six", option: "--x") }
        #expect(throws: ValidationError.self) { try GapsCommand.months("3w", option: "--x") }
    }
}
