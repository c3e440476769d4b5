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
        // Two local services with 12 free cases between them: open cases are not set against referrals a year.
        #expect(csv.contains("E08000035,Leeds,E23000010,domestic-abuse,,2,2,9,9,9,12,,,,0,0,,140,covered,"), "\(csv)")
    }

    /// Issue 15, item 2: each demand row says whether it counts a year or a month; a month's count is a twelfth of a
    /// year's, and only free referrals a week are set against it.
    @Test func demandRowsSayTheirPeriodAndAreComparedWithReferralsAWeek() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-gaps-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let weekly = ["LEEDS-1", "LEEDS-2"].map { id in
            var service = Fixtures.service(recordID: id, coverage: [AreaCode("E08000035")])
            service.capacity = Capacity(available: 1, maximum: 4, unit: .referralsPerWeek)
            service.commissioning.contractEnd = CalendarDate(iso: "2030-03-31")
            return service
        }
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: weekly))
        // 10 a month is 120 a year, about 3 a week: more than the 2 free referrals a week.
        let demand =
            "area,need,count,period\nLeeds,domestic-abuse,10,month\nLeeds,stalking,50,a year\nLeeds,isva,3,fortnight\n"
        try demand.write(toFile: "\(folder)/demand.csv", atomically: true, encoding: .utf8)
        await #expect(throws: ExitCode(2)) {
            try await run(
                [
                    "--level", "lad", "--area", "Leeds", "--need", "domestic-abuse", "--demand",
                    "\(folder)/demand.csv", "--format", "json", "--output", "\(folder)/gaps.json",
                ],
                folder: folder
            )
        }
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/gaps.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cell = try #require((object["cells"] as? [[String: Any]])?.first)
        #expect(cell["demand"] as? Int == 120)
        let reasons = try #require(cell["reasons"] as? [[String: String]])
        #expect(reasons.map { $0["code"] } == ["capacity-short"])
        #expect(
            reasons.first?["text"] == "local capacity 2 referrals a week free for demand of about 3 a week (120 a year)"
        )
        let local = try #require(cell["local"] as? [String: Any])
        let capacity = try #require(local["capacity"] as? [[String: Any]])
        #expect(capacity.first?["unit"] as? String == "referrals-per-week")
        #expect(capacity.first?["available"] as? Int == 2 && capacity.first?["maximum"] as? Int == 8)
        // The unknown period is refused with its line.
        let file = try DemandReader.read(
            path: "\(folder)/demand.csv",
            vocabularies: try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        )
        #expect(file.issues.map(\.line) == [4])
        #expect(file.issues.first?.field == "period")
        #expect(file.rows.map(\.perYear) == [120, 50])
    }

    /// Issue 15, item 3: by language, the default is the demand file's languages, else the Census list; the JSON
    /// summarises each language's areas; interpreting only is its own status.
    @Test func byLanguageDefaultsToTheMostSpokenAndSummarisesEachLanguage() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scope = ["--level", "lad", "--area", "West Yorkshire", "--need", "domestic-abuse", "--by", "language"]
        try await run(scope + ["--format", "json", "--output", "\(folder)/census.json"], folder: folder)
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/census.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let parameters = try #require(object["parameters"] as? [String: Any])
        let values = try #require(parameters["by_values"] as? [String])
        #expect(values.count == 40)
        #expect(Array(values.prefix(4)) == ["pl", "ro", "pa", "ur"])
        let languages = try #require(object["languages"] as? [[String: Any]])
        #expect(languages.count == 40)
        let polish = try #require(languages.first { $0["language"] as? String == "pl" })
        #expect(polish["areas"] as? Int == 5)
        // The fixtures' services speak English and Polish in-house (see Fixtures.service).
        #expect(polish["in_house"] as? Int == 5)
        let romanian = try #require(languages.first { $0["language"] as? String == "ro" })
        #expect(romanian["interpreting_only"] as? Int == 5 && romanian["in_house"] as? Int == 0)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["interpreting_only"] as? Int ?? 0 > 0)
        // --languages takes a comma list and implies --by language.
        try await run(
            [
                "--level", "lad", "--area", "Leeds", "--need", "domestic-abuse", "--languages", "ur,pl", "--format",
                "csv",
                "--output", "\(folder)/two.csv",
            ],
            folder: folder
        )
        let csv = try String(contentsOfFile: "\(folder)/two.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[4] } == ["ur", "pl"])
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

    /// Issue 15, item 6: compared with an earlier report, cells that became gaps or recovered are marked.
    @Test func aComparisonMarksCellsThatBecameGapsOrRecovered() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scope = ["--level", "lad", "--area", "West Yorkshire", "--need", "domestic-abuse"]
        try await run(scope + ["--format", "json", "--output", "\(folder)/before.json"], folder: folder)
        // The county-wide service pauses: Bradford loses its only service, Leeds keeps one of two.
        var county = Fixtures.service(recordID: "WY-1", coverage: [AreaCode("E23000010")], status: .paused)
        county.commissioning.contractEnd = CalendarDate(iso: "2027-01-31")
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: [county]))
        try await run(scope + ["--format", "json", "--output", "\(folder)/after.json"], folder: folder)
        try await run(
            scope + ["--compare-to", "\(folder)/before.json", "--format", "csv", "--output", "\(folder)/worse.csv"],
            folder: folder
        )
        let worse = try String(contentsOfFile: "\(folder)/worse.csv", encoding: .utf8)
        let rows = worse.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasSuffix(",change") == true)
        let bradford = rows.first { $0.hasPrefix("E08000032,Bradford,") } ?? ""
        #expect(bradford.contains(",gap,") && bradford.hasSuffix(",became-gap"), "\(bradford)")
        #expect(rows.contains { $0.hasPrefix("E08000035,Leeds,") && $0.hasSuffix(",became-at-risk") })
        // The other way round: the county service back, against the report made while it was paused.
        county.status = .accepting
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: [county]))
        try await run(
            scope + ["--compare-to", "\(folder)/after.json", "--format", "json", "--output", "\(folder)/better.json"],
            folder: folder
        )
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/better.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let comparison = try #require(object["comparison"] as? [String: Any])
        #expect(comparison["became_gap"] as? Int == 0)
        #expect(comparison["recovered"] as? Int == 1, "Leeds: covered again by two services")
        #expect(comparison["improved"] as? Int == 4, "the other four: from a gap to at risk (one service each)")
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.first { $0["area"] as? String == "E08000035" }?["change"] as? String == "recovered")
        // A file that is not a gap report is refused with status 2.
        try "{\"services\": []}".write(toFile: "\(folder)/other.json", atomically: true, encoding: .utf8)
        await #expect {
            try await run(scope + ["--compare-to", "\(folder)/other.json"], folder: folder)
        } throws: { error in
            (error as? CLIError)?.exitCode == 2 && "\(error)".contains("it has no cells")
        }
    }

    /// Issue 15, item 6: the catalog keeps each report's statuses, so "since the last import" needs no file kept by hand.
    @Test func sinceTheLastImportComparesWithTheReportTheCatalogKept() async throws {
        let folder = try await catalogFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scope = ["--level", "lad", "--area", "West Yorkshire", "--need", "domestic-abuse"]
        // Nothing kept yet: refused with status 2, saying why.
        await #expect {
            try await run(scope + ["--since", "last", "--no-keep", "--format", "csv"], folder: folder)
        } throws: { error in
            (error as? CLIError)?.exitCode == 2 && "\(error)".contains("keeps no earlier report of this analysis")
        }
        try await run(scope + ["--format", "csv", "--output", "\(folder)/first.csv"], folder: folder)
        // A report of another analysis is kept apart.
        try await run(["--level", "pfa", "--format", "csv", "--output", "\(folder)/pfa.csv"], folder: folder)
        var county = Fixtures.service(recordID: "WY-1", coverage: [AreaCode("E23000010")], status: .paused)
        county.commissioning.contractEnd = CalendarDate(iso: "2027-01-31")
        _ = try await SQLiteCatalog(path: "\(folder)/catalog.sqlite").apply(ImportRequest(services: [county]))
        try await run(
            scope + ["--since", "last-import", "--format", "csv", "--output", "\(folder)/since.csv"],
            folder: folder
        )
        let rows = try String(contentsOfFile: "\(folder)/since.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.hasSuffix(",change") == true)
        #expect(rows.contains { $0.hasPrefix("E08000032,Bradford,") && $0.hasSuffix(",became-gap") })
        // Compared with the West Yorkshire report, not the force-level one made since: no cell is new.
        #expect(!rows.contains { $0.hasSuffix(",new") })
        // The report just made is kept too: since the last one, nothing changed.
        try await run(
            scope + ["--since", "last", "--format", "json", "--output", "\(folder)/same.json"],
            folder: folder
        )
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/same.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let comparison = try #require(object["comparison"] as? [String: Any])
        #expect(comparison["became_gap"] as? Int == 0 && comparison["recovered"] as? Int == 0)
        #expect(throws: ValidationError.self) { _ = try GapsCommand.sinceChoice("yesterday") }
        #expect(try GapsCommand.sinceChoice("1m") == .monthsAgo(1))
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
