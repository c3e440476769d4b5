import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostReports
import SignpostWorkflows

struct ReferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refer",
        abstract: "Suggest support services for a victim's needs, ranked and explained.",
        discussion: """
            Give the needs (--need, repeatable; --secondary-need for the others), where the victim is (--postcode or \
            --area) and anything else the needs assessment recorded, or a JSON file with --assessment (see \
            Docs/Scoring.md; flags override the file). Nothing from the assessment is written to disk or to a log.

            Example: signpost refer --postcode "LS1 4AP" --need domestic-abuse --language Polish --interpreter-ok
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "A need type (code or alias; repeatable). The first ones given are the primary needs.")
    var need: [String] = []
    @Option(name: .customLong("secondary-need"), help: "A secondary need type (repeatable).")
    var secondaryNeed: [String] = []
    @Option(help: "The victim's postcode, postcode district (LS1) or postcode area (LS).")
    var postcode: String?
    @Option(help: "An area code or name instead of a postcode (E23000010, West Yorkshire, E08000035).")
    var area: String?
    @Option(help: "The language the victim wants support in (code or name).")
    var language: String?
    @Flag(inversion: .prefixedNo, help: "Whether support through an interpreter is acceptable (default: yes).")
    var interpreterOk: Bool?
    @Option(help: "A preferred specialism (repeatable), e.g. women-only, lgbt-plus, by-and-for-black-minoritised.")
    var specialism: [String] = []
    @Option(help: "The victim's age in years.")
    var age: Int?
    @Option(name: .customLong("age-band"), help: "An age band instead of an age: 18-24, 65+, under 18.")
    var ageBand: String?
    @Option(help: "The victim's gender (female, male, non-binary).")
    var gender: String?
    @Option(help: "The risk level (standard, medium, high).")
    var risk: String?
    @Option(help: "The crime type (see `signpost vocab crime-types`).")
    var crime: String?
    @Option(help: "A preferred contact channel (repeatable): phone, face-to-face, online, text...")
    var channel: [String] = []
    @Option(name: .customLong("avoid-channel"), help: "A channel the victim must not be contacted by (repeatable).")
    var avoidChannel: [String] = []
    @Option(help: "An accessibility need (repeatable): step-free, hearing-loop, easy-read...")
    var accessibility: [String] = []
    @Option(name: .customLong("max-distance-km"), help: "How far the victim can travel for face-to-face support.")
    var maxDistanceKm: Double?
    @Flag(inversion: .prefixedNo, help: "Whether phone, online or video support is acceptable (default: yes).")
    var remoteOk: Bool?
    @Option(help: "The referral route (default: police).")
    var route: String?
    @Option(help: "A needs assessment as JSON (see Docs/Scoring.md); '-' reads standard input.")
    var assessment: String?
    @Option(help: "How many suggestions to show.")
    var top = 5
    @Flag(name: .customLong("show-excluded"), help: "List every excluded service that meets a need, with its reasons.")
    var showExcluded = false
    @Option(help: "Score weights as JSON (default: catalog/scoring.json).")
    var weights: String?
    @OptionGroup var output: FormatOption

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be 1 or more") }
        if postcode != nil, area != nil { throw ValidationError("give --postcode or --area, not both") }
        if age != nil, ageBand != nil { throw ValidationError("give --age or --age-band, not both") }
    }

    var flagInput: AssessmentInput {
        AssessmentInput(
            needs: need,
            secondaryNeeds: secondaryNeed,
            crimeType: crime,
            riskLevel: risk,
            age: age,
            ageBand: ageBand,
            gender: gender,
            language: language,
            interpreterOk: interpreterOk,
            channels: channel,
            avoidChannels: avoidChannel,
            accessibility: accessibility,
            specialisms: specialism,
            postcode: postcode,
            area: area,
            maxDistanceKm: maxDistanceKm,
            remoteOk: remoteOk,
            referralRoute: route
        )
    }

    func run() async throws {
        print(try await output(), terminator: "")
    }

    /// What the command prints: the suggestions as a table fitted to the terminal, JSON or CSV.
    func output() async throws -> String {
        let environment = try Environment(global)
        var input = flagInput
        if let assessment { input = try Self.readAssessment(assessment).overriding(with: flagInput) }
        // Checked before the catalog is opened, so that a mistyped need is answered at once.
        do {
            _ = try input.resolve(with: environment.vocabularies)
        } catch {
            throw CLIError(error.description, exitCode: 64)
        }
        let scoring = try environment.weights(from: weights)
        let catalog = try await environment.openForReading()
        let referrals = Referrals(
            catalog: catalog,
            vocabularies: environment.vocabularies,
            sampleSources: environment.workspace.sampleSources
        )
        let answer = try await referrals.suggest(
            ReferralRequest(assessment: input, limit: top, nearMissLimit: showExcluded ? 1_000 : 5),
            from: .catalog(scoring),
            audience: .commandLine
        )
        switch output.format {
        case .json: return try JSONOutput.encode(answer.document)
        case .csv: return ReferralText.csv(answer.document)
        case .table: return ReferralText.table(answer.document, showAllExcluded: showExcluded, width: Terminal.width)
        }
    }

    static func readAssessment(_ path: String) throws -> AssessmentInput {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the assessment file \(path)")
            }
            data = contents
        }
        do {
            return try JSONDecoder().decode(AssessmentInput.self, from: data)
        } catch {
            throw CLIError(
                "the assessment in \(path == "-" ? "standard input" : path) is not valid JSON of the form in "
                    + "Docs/Scoring.md: \(DecodingProblem.describe(error))"
            )
        }
    }
}
