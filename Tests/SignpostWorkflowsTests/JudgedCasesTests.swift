import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import SignpostWorkflows
import Testing

@Suite("Judged referral cases (catalog/judged)")
struct JudgedCasesTests {
    static func load() async throws -> JudgedCases {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        return try await JudgedCases(folder: "\(Fixtures.projectRoot)/catalog/judged", vocabularies: vocabularies)
    }

    @Test func thereAreAtLeastThirtyRankingCasesCoveringEveryRule() async throws {
        let judged = try await Self.load()
        let ranking = judged.cases.filter { $0.refused == nil }
        #expect(ranking.count >= 30)
        let tags = Set(ranking.flatMap(\.rules))
        for rule in ["group", "age", "risk", "language", "place", "postcode", "ties", "needs", "crime-words"] {
            #expect(tags.contains(rule), "no case for \(rule)")
        }
    }

    @Test func everyCasePasses() async throws {
        let judged = try await Self.load()
        let verdicts = await judged.run()
        let passed = verdicts.filter(\.passed).count
        print("Judged cases: \(passed) of \(verdicts.count) pass")
        for verdict in verdicts where !verdict.passed {
            Issue.record(
                "\(verdict.id): \(verdict.failures.joined(separator: "; ")) (suggested: \(verdict.suggested.joined(separator: ", ")))"
            )
        }
    }
}

@Suite("Workspace: where the catalog is kept")
struct WorkspacePlacesTests {
    @Test func theDefaultCatalogFollowsHOMEThenXDGDataHome() throws {
        let byHome = try Workspace(home: Fixtures.projectRoot, database: nil, environment: ["HOME": "/tmp/officer"])
        #expect(byHome.databasePath == "/tmp/officer/.local/share/signpost/catalog.sqlite")
        #expect(byHome.isDefaultDatabase)
        let byXDG = try Workspace(
            home: Fixtures.projectRoot,
            database: nil,
            environment: ["HOME": "/tmp/officer", "XDG_DATA_HOME": "/tmp/data"]
        )
        #expect(byXDG.databasePath == "/tmp/data/signpost/catalog.sqlite")
        let named = try Workspace(home: Fixtures.projectRoot, database: nil, environment: ["SIGNPOST_DB": "/tmp/x.db"])
        #expect(named.databasePath == "/tmp/x.db" && !named.isDefaultDatabase)
    }

    /// Issue 16: a database URL is never taken as a file path (it made an SQLite file under `./postgres:`).
    @Test func aDatabaseURLIsADatabaseNotAPath() throws {
        for url in ["postgres://signpost@127.0.0.1:5432/catalog", "postgresql://signpost@db.example/catalog"] {
            let workspace = try Workspace(home: Fixtures.projectRoot, database: nil, environment: ["SIGNPOST_DB": url])
            let postgres = try #require(workspace.postgres)
            #expect(postgres.user == "signpost" && postgres.database == "catalog")
            #expect(!workspace.isDefaultDatabase)
        }
        #expect {
            _ = try Workspace(home: Fixtures.projectRoot, database: "mysql://db/signpost", environment: [:])
        } throws: { error in
            (error as? WorkspaceError)?.code == .unsupportedDatabase && "\(error)".contains("is a mysql URL")
        }
        // The password never rides in the URL (it would show in `ps` and the shell's history).
        #expect {
            _ = try Workspace(home: Fixtures.projectRoot, database: "postgres://u:secret@db/c", environment: [:])
        } throws: { error in
            "\(error)".contains("PGPASSWORD") && !"\(error)".contains("secret")
        }
        // A path with a colon is still a path.
        let colon = try Workspace(home: Fixtures.projectRoot, database: "./a:b.sqlite", environment: [:])
        #expect(colon.postgres == nil && colon.databasePath == "./a:b.sqlite")
    }
}
