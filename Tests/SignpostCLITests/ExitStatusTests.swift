import Foundation
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

/// Every row of the README's exit-status table, by running the built `signpost` as a user does; and the server that
/// refuses to serve the fictional sample or nothing.
@Suite("Exit statuses as the README says, from the built binaries")
struct ExitStatusTests {
    static let header = "source_record_id,name,provider_name,need_types,coverage"

    /// A fresh folder with a good list, a list with one bad row and a file that is not a list.
    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-exit-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "\(header)\nA-1,Leeds Outreach,Aire (sample),DV,E23000010\n".write(
            toFile: "\(folder)/good.csv",
            atomically: true,
            encoding: .utf8
        )
        try "\(header)\nA-1,Leeds Outreach,Aire,DV,E23000010\nA-2,Bad,Aire,no-such-need,E23000010\n".write(
            toFile: "\(folder)/one-bad.csv",
            atomically: true,
            encoding: .utf8
        )
        try "<serviceList><unclosed></serviceList>".write(
            toFile: "\(folder)/broken.xml",
            atomically: true,
            encoding: .utf8
        )
        return folder
    }

    func signpost(_ arguments: [String]) async throws -> (status: Int32, error: String) {
        let binary = try #require(Fixtures.executable("signpost"), "the signpost executable is built with the tests")
        return try await Fixtures.run(binary, arguments + ["--home", Fixtures.projectRoot])
    }

    @Test func everyRowOfTheImportTable() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/catalog.sqlite"
        // 0: committed, some rows rejected.
        #expect(try await signpost(["import", "\(folder)/one-bad.csv", "--db", db]).status == 0)
        // 2: a file cannot be read, or is not valid XML.
        #expect(try await signpost(["import", "\(folder)/missing.csv", "--db", db]).status == 2)
        #expect(try await signpost(["import", "\(folder)/broken.xml", "--db", db]).status == 2)
        // 3: more rows rejected than --max-rejects allows.
        #expect(try await signpost(["import", "\(folder)/one-bad.csv", "--db", db, "--max-rejects", "0"]).status == 3)
        // 4: the catalog cannot be written (here a folder stands where the catalog file should be).
        let folderAsCatalog = try await signpost(["import", "\(folder)/good.csv", "--db", folder])
        #expect(folderAsCatalog.status == 4, "\(folderAsCatalog.error)")
        // 64: bad usage: an unknown option, an unknown profile, an empty source.
        #expect(try await signpost(["import", "\(folder)/good.csv", "--db", db, "--no-such-option"]).status == 64)
        let profile = try await signpost(["import", "\(folder)/good.csv", "--db", db, "--profile", "no-such-profile"])
        #expect(profile.status == 64, "\(profile.error)")
        #expect(try await signpost(["import", "\(folder)/good.csv", "--db", db, "--source", ""]).status == 64)
    }

    @Test func aCatalogThatCannotBeOpenedIsStatus4ForEveryCommand() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "this is not a database, just text".write(
            toFile: "\(folder)/corrupt.sqlite",
            atomically: true,
            encoding: .utf8
        )
        let corrupt = try await signpost(["services", "list", "--db", "\(folder)/corrupt.sqlite"])
        #expect(corrupt.status == 4, "\(corrupt.error)")
        #expect(try await signpost(["refer", "--need", "DV", "--area", "Leeds", "--db", folder]).status == 4)
    }

    @Test func aCatalogOpenedToReadWritesNothingBesideIt() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/catalog.sqlite"
        #expect(try await signpost(["import", "\(folder)/good.csv", "--db", db]).status == 0)
        // Checkpointed into the one file, as a catalog copied onto read-only storage would be.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let modified = try FileManager.default.attributesOfItem(atPath: db)[.modificationDate] as? Date
        let catalog = try SQLiteCatalog(readingOnly: db)
        #expect(try await catalog.allServices().map(\.name) == ["Leeds Outreach"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before, "no journal made")
        #expect(try FileManager.default.attributesOfItem(atPath: db)[.modificationDate] as? Date == modified)
        #expect(throws: CatalogError.self) { try SQLiteCatalog(readingOnly: "\(folder)/good.csv") }
    }

    @Test func theServerRefusesAMissingEmptyOrSampleOnlyCatalog() async throws {
        let binary = try #require(Fixtures.executable("signpost-server"), "signpost-server is built with signpost")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try await Fixtures.run(binary, ["--db", "\(folder)/none.sqlite", "--home", Fixtures.projectRoot])
        #expect(missing.status == 2, "\(missing.error)")
        _ = try SQLiteCatalog(path: "\(folder)/empty.sqlite")
        let empty = try await Fixtures.run(binary, ["--db", "\(folder)/empty.sqlite", "--home", Fixtures.projectRoot])
        #expect(empty.status == 2)
        #expect(empty.error.contains("holds no services"))
        let sample = "\(folder)/sample.sqlite"
        #expect(
            try await signpost([
                "import", "\(Fixtures.projectRoot)/catalog/sample/national-helplines.csv", "--db", sample,
            ])
            .status == 0
        )
        let sampleOnly = try await Fixtures.run(binary, ["--db", sample, "--home", Fixtures.projectRoot])
        #expect(sampleOnly.status == 2)
        #expect(sampleOnly.error.contains("fictional sample"))
    }
}
