import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import signpost

/// What an officer reads: `signpost refer` and `signpost services` on the judged test catalog, as a user runs them.
@Suite("signpost refer and services: what a user sees")
struct ReferOutputTests {
    /// A catalog file holding the judged test catalog, in a fresh folder.
    static func judgedCatalog() async throws -> (folder: String, database: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-out-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let database = "\(folder)/catalog.sqlite"
        let result = try await ImportJob(
            vocabularies: vocabularies,
            files: ["\(Fixtures.projectRoot)/catalog/judged/judged-services.xml"]
        ).run(into: try SQLiteCatalog(path: database))
        #expect(result.stop == nil)
        return (folder, database)
    }

    func refer(_ arguments: [String], database: String) async throws -> String {
        try await ReferCommand.parse(["--db", database, "--home", Fixtures.projectRoot] + arguments).output()
    }

    @Test func theTableFitsEightyColumnsAndNeverSplitsAPhoneNumber() async throws {
        let (folder, database) = try await Self.judgedCatalog()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        setenv("COLUMNS", "80", 1)
        defer { unsetenv("COLUMNS") }
        let text = try await refer(
            ["--postcode", "LS7 3AB", "--need", "domestic-abuse", "--risk", "high", "--show-excluded"],
            database: database
        )
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(line.count) columns: \(line)") }
        // How to refer, where and when: a phone number whole on one line, the routes, a town with its distance.
        let phones = lines.filter { $0.contains("Refer:") }
        #expect(!phones.isEmpty)
        let phone = /0\d{3,4} \d{3} \d{4}/
        #expect(phones.allSatisfy { $0.contains(phone) || !$0.contains("0113") }, "\(phones)")
        let flowing = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flowing.contains("takes police referrals") || flowing.contains("police referral only"))
        #expect(text.contains(" km"))
        #expect(text.contains("Location: LS7 3AB"))
        #expect(!text.contains("may be in"), "a Leeds postcode is not ambiguous")
    }

    @Test func aPlaceOutsideEnglandAndWalesIsRefusedWithStatus64() async throws {
        let (folder, database) = try await Self.judgedCatalog()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (postcode, country) in [
            ("EH1 1YZ", "Scotland"), ("BT1 1AA", "Northern Ireland"), ("IM1 1AA", "Isle of Man"),
        ] {
            await #expect {
                _ = try await refer(["--postcode", postcode, "--need", "domestic-abuse"], database: database)
            } throws: { error in
                guard let error = error as? CLIError else { return false }
                return error.exitCode == 64 && error.description.contains(country)
                    && error.description.contains("Signpost covers England and Wales only")
            }
        }
        await #expect {
            _ = try await refer(["--postcode", "ZZ1 1AA", "--need", "domestic-abuse"], database: database)
        } throws: { error in
            (error as? CLIError)?.description.contains("no postcode area 'ZZ'") == true
        }
    }

    @Test func anEmptyCatalogSaysSoAndHowToFillIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-empty-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = "\(folder)/catalog.sqlite"
        _ = try SQLiteCatalog(path: database)
        let text = try await refer(["--postcode", "LS1 4AP", "--need", "domestic-abuse"], database: database)
        #expect(text.contains("the catalog holds no services"))
        #expect(text.contains("signpost import"))
        #expect(!text.contains("No service meets every condition"))
    }

    @Test func anAssessmentFileWithAMisspeltKeyIsRefused() async throws {
        let (folder, database) = try await Self.judgedCatalog()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/assessment.json"
        try #"{"needs": ["domestic-abuse"], "postcod": "LS1 4AP"}"#.write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        await #expect {
            _ = try await refer(["--assessment", file], database: database)
        } throws: { error in
            String(describing: error).contains("unknown key 'postcod'; did you mean 'postcode'?")
        }
    }

    @Test func aForceAreaListsItsOwnServicesOnly() async throws {
        let (folder, database) = try await Self.judgedCatalog()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let list = { (area: String) async throws -> String in
            try await ServicesCommand.List.parse([
                "--db", database, "--home", Fixtures.projectRoot, "--area", area, "--format", "csv",
            ]).output().text
        }
        let met = try await list("Metropolitan Police")
        #expect(met.contains("judged/MET-"))
        #expect(!met.contains("judged/LDS-") && !met.contains("judged/CDF-"), "no Leeds or Cardiff services")
        // A force area lists the services of its local authorities too (Leeds's, under West Yorkshire).
        let westYorkshire = try await list("West Yorkshire")
        #expect(westYorkshire.contains("judged/LDS-DA-GENERAL"))
        #expect(!westYorkshire.contains("judged/YRK-"))
        // London is both London force areas.
        let london = try await list("London")
        #expect(london.contains("judged/MET-") && london.contains("judged/COL-"))
    }

    @Test func aServiceIsShownByItsRecordIdAloneWithADidYouMeanOtherwise() async throws {
        let (folder, database) = try await Self.judgedCatalog()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try SQLiteCatalog(path: database)
        let service = try await ServicesCommand.Show.find("LDS-IDVA", in: catalog)
        #expect(service.id.rawValue == "judged/LDS-IDVA")
        await #expect {
            _ = try await ServicesCommand.Show.find("LDS-IDAV", in: catalog)
        } throws: { error in
            String(describing: error).contains("did you mean 'judged/LDS-IDVA'")
        }
    }
}
