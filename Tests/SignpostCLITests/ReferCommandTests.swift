import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost refer")
struct ReferCommandTests {
    @Test func nothingFromTheAssessmentIsWrittenToDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-refer-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = "\(folder)/catalog.sqlite"
        let hull = Fixtures.service(recordID: "HU-1", coverage: [AreaCode("E23000012")])
        _ = try await SQLiteCatalog(path: database).apply(ImportRequest(services: [hull]))
        let before = try Self.contents(of: folder)

        let command = try ReferCommand.parse([
            "--db", database, "--home", Fixtures.projectRoot, "--postcode", "HU1 3ZQ", "--need", "domestic-abuse",
            "--secondary-need", "modern-slavery", "--language", "Tigrinya", "--format", "json",
        ])
        try await command.run()

        let after = try Self.contents(of: folder)
        for marker in ["HU1 3ZQ", "HU13ZQ", "modern-slavery", "Tigrinya"] {
            for (file, bytes) in after {
                #expect(!bytes.contains(marker), "\(file) contains '\(marker)'")
            }
        }
        #expect(Set(after.keys).subtracting(before.keys).allSatisfy { $0.hasPrefix("catalog.sqlite") })
    }

    @Test func aMisspeltNeedIsRefusedWithADidYouMean() async throws {
        let command = try ReferCommand.parse(["--home", Fixtures.projectRoot, "--need", "domestic-abse"])
        await #expect {
            try await command.run()
        } throws: { error in
            String(describing: error).contains("did you mean 'domestic-abuse'")
        }
    }

    /// Every file in `folder` as text (bytes read as Latin-1 so that nothing is lost).
    static func contents(of folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let data = FileManager.default.contents(atPath: "\(folder)/\(name)") ?? Data()
            result[name] = String(data.map { Character(Unicode.Scalar($0)) })
        }
        return result
    }
}
