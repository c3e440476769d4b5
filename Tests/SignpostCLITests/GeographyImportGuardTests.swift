import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@testable import signpost

/// A header-only or cut-off postcode file must not replace the stored geography.
@Suite("signpost geography import: nothing lost to a short file")
struct GeographyImportGuardTests {
    static let header = "pcds,doterm,laua,pfa,lat,long"

    static func rows(_ count: Int) -> [String] {
        let letters = Array("ABCDEFGHJKLMNPQRSTUWXYZ")
        return (0..<count).map {
            "LS1 \($0 % 10)A\(letters[$0 / 10 % letters.count]),,E08000035,E23000010,53.79,-1.54"
        }
    }

    func run(_ arguments: [String], folder: String) async throws {
        let command = try GeographyCommand.Import.parse(
            ["--db", "\(folder)/catalog.sqlite", "--home", Fixtures.projectRoot, "--format", "json"] + arguments
        )
        try await command.run()
    }

    func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aHeaderOnlyOrCutOffFileIsRefusedAndTheGeographyStays() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-geo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write([Self.header] + Self.rows(40), to: "\(folder)/full.csv")
        try await run(["\(folder)/full.csv"], folder: folder)
        let catalog = try SQLiteCatalog(path: "\(folder)/catalog.sqlite")
        #expect(try await catalog.geographySummary()?.postcodes == 40)

        try write([Self.header], to: "\(folder)/header-only.csv")
        await #expect(throws: ExitCode(2)) { try await run(["\(folder)/header-only.csv"], folder: folder) }
        #expect(try await catalog.geographySummary()?.postcodes == 40, "the header-only file changed nothing")

        try write([Self.header] + Self.rows(10), to: "\(folder)/cut-off.csv")
        await #expect(throws: ExitCode(2)) { try await run(["\(folder)/cut-off.csv"], folder: folder) }
        #expect(try await catalog.geographySummary()?.postcodes == 40, "a quarter of the postcodes changed nothing")

        try await run(["\(folder)/cut-off.csv", "--replace-all"], folder: folder)
        #expect(try await catalog.geographySummary()?.postcodes == 10, "--replace-all replaces")
    }

    @Test func shortRowsAreCountedWithTheirLines() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-geo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write([Self.header] + Self.rows(3) + ["LS2 7AA,,E08000035"], to: "\(folder)/short.csv")
        let cursor = try PostcodeDirectoryReader(path: "\(folder)/short.csv").open()
        while try cursor.next() != nil {}
        #expect(cursor.summary.shortRows == 1)
        #expect(cursor.summary.shortLines == [5])
    }
}
