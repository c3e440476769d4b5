import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostTestSupport
import SignpostWorkflows
import Testing

@testable import SignpostServer
@testable import signpost

/// `signpost refer --format json` and `POST /referrals/suggest` run the same workflow: for every judged case they
/// must give the same document (only the whole-answer cautions' advice is worded for each reader).
@Suite("Referral parity: the command line and the API agree")
struct ReferralParityTests {
    @Test func referAndTheAPIGiveTheSameAnswerForEveryJudgedCase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-parity-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        let judgedFolder = "\(Fixtures.projectRoot)/catalog/judged"
        let database = "\(folder)/catalog.sqlite"
        let catalog = try SQLiteCatalog(path: database)
        let imported = try await ImportJob(
            vocabularies: vocabularies,
            files: ["\(judgedFolder)/judged-services.xml"]
        ).run(into: catalog)
        #expect(imported.stop == nil)
        let judged = try await JudgedCases(folder: judgedFolder, vocabularies: vocabularies)
        let snapshot = try await CatalogSnapshot.load(
            from: catalog,
            vocabularies: vocabularies,
            weights: ScoringWeights()
        )
        var keys = APIKeyStore()
        let key = keys.create(name: "Victim hub", role: .partner)
        var settings = ServerSettings()
        settings.ratePerSecond = 10_000
        let application = SignpostServer.application(
            catalog: catalog,
            snapshot: snapshot,
            vocabularies: vocabularies,
            weights: ScoringWeights(),
            keys: keys,
            settings: settings,
            logger: Logger(label: "parity")
        )
        let cases = judged.cases.filter { $0.refused == nil }
        #expect(cases.count >= 30)
        try await application.test(.router) { client in
            for (number, judgedCase) in cases.enumerated() {
                let body = String(decoding: try JSONEncoder().encode(judgedCase.assessment), as: UTF8.self)
                let assessmentFile = "\(folder)/assessment-\(number).json"
                try body.write(toFile: assessmentFile, atomically: true, encoding: .utf8)
                let command = try ReferCommand.parse([
                    "--db", database, "--home", Fixtures.projectRoot, "--assessment", assessmentFile,
                    "--format", "json",
                ])
                let fromCommandLine = try Self.comparable(Data(try await command.output().utf8))
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[.authorization] = "Bearer \(key)"
                let response = try await client.execute(
                    uri: "/referrals/suggest?top=5&near_misses=5",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: body)
                )
                #expect(response.status == .ok, "\(judgedCase.id)")
                let fromAPI = try Self.comparable(Data(response.body.readableBytesView))
                #expect(fromCommandLine == fromAPI, "\(judgedCase.id): the command line and the API disagree")
            }
        }
    }

    /// The document without the words of the whole-answer cautions (their advice names flags on the command line
    /// and fields over the API); their codes stay.
    static func comparable(_ data: Data) throws -> NSDictionary {
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cautions = (document["cautions"] as? [[String: Any]]) ?? []
        document["cautions"] = cautions.map { $0["code"] ?? "" }
        return document as NSDictionary
    }
}
