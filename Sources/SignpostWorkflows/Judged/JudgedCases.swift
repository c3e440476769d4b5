public import Foundation
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching
import SignpostReports

/// A judged referral case (`catalog/judged/cases.json`): an assessment and what a good answer must and must not
/// contain, written before the rule it checks.
public struct JudgedCase: Decodable, Sendable {
    public var id: String
    public var rules: [String]
    public var description: String
    public var assessment: AssessmentInput
    /// Services acceptable as the first suggestion.
    public var first: [String]
    /// Services that must not be among the first three suggestions.
    public var notInTop3: [String]
    /// Services that, when suggested, must come after each of the services listed with them.
    public var below: [String: [String]]
    /// Services that must be excluded, with the reason code.
    public var excluded: [String: String]
    /// Caution codes the first suggestion must carry, and must not carry.
    public var firstCautions: [String]
    public var firstNoCautions: [String]
    /// For an assessment that must be refused: text the error must contain.
    public var refused: String?

    enum CodingKeys: String, CodingKey {
        case id, rules, description, assessment, first, below, excluded, refused
        case notInTop3 = "not_in_top3"
        case firstCautions = "first_cautions"
        case firstNoCautions = "first_no_cautions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        rules = try container.decodeIfPresent([String].self, forKey: .rules) ?? []
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        assessment = try container.decode(AssessmentInput.self, forKey: .assessment)
        first = try container.decodeIfPresent([String].self, forKey: .first) ?? []
        notInTop3 = try container.decodeIfPresent([String].self, forKey: .notInTop3) ?? []
        below = try container.decodeIfPresent([String: [String]].self, forKey: .below) ?? [:]
        excluded = try container.decodeIfPresent([String: String].self, forKey: .excluded) ?? [:]
        firstCautions = try container.decodeIfPresent([String].self, forKey: .firstCautions) ?? []
        firstNoCautions = try container.decodeIfPresent([String].self, forKey: .firstNoCautions) ?? []
        refused = try container.decodeIfPresent(String.self, forKey: .refused)
    }
}

/// How one judged case fared.
public struct JudgedVerdict: Sendable {
    public var id: String
    public var rules: [String]
    /// What failed, in words (empty: the case passed).
    public var failures: [String]
    /// The services suggested, best first.
    public var suggested: [String]

    public var passed: Bool { failures.isEmpty }
}

/// The judged test set: the test catalog and cases in `catalog/judged/`, run through the suggest workflow exactly as
/// the command line and the API run an assessment. `swift test` runs them; `signpost bench match` prints the score.
public struct JudgedCases: Sendable {
    public var today: CalendarDate
    public var cases: [JudgedCase]
    public let referrals: Referrals
    public let matcher: Matcher

    /// Reads the cases and imports the test catalog into a fresh catalog in memory.
    public init(folder: String, vocabularies: Vocabularies) async throws {
        struct File: Decodable {
            var today: String
            var cases: [JudgedCase]
        }
        guard let data = FileManager.default.contents(atPath: "\(folder)/cases.json") else {
            throw WorkspaceError(.noCatalog, "cannot read \(folder)/cases.json")
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        guard let today = CalendarDate(iso: file.today) else {
            throw WorkspaceError(.noCatalog, "\(folder)/cases.json: 'today' is not a date")
        }
        self.today = today
        cases = file.cases
        let catalog = try SQLiteCatalog.inMemory()
        let lists = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".csv") }.sorted().map { "\(folder)/\($0)" }
        let result = try await ImportJob(vocabularies: vocabularies, files: lists).run(into: catalog)
        if let stop = result.stop {
            throw WorkspaceError(.noCatalog, "the judged test catalog did not import: \(stop)")
        }
        referrals = Referrals(catalog: catalog, vocabularies: vocabularies)
        matcher = Matcher(
            index: MatchIndex(services: try await catalog.allServices(), vocabularies: vocabularies),
            vocabularies: vocabularies
        )
    }

    /// Runs every case against the whole-catalog index (as the server does) and, to show that the two ways agree,
    /// against the catalog read per assessment (as the command line does).
    public func run() async -> [JudgedVerdict] {
        var verdicts: [JudgedVerdict] = []
        for judged in cases { verdicts.append(await run(judged)) }
        return verdicts
    }

    /// Runs one case.
    public func run(_ judged: JudgedCase) async -> JudgedVerdict {
        var verdict = JudgedVerdict(id: judged.id, rules: judged.rules, failures: [], suggested: [])
        // Noon in London on the judged day: the same date whatever the machine's zone.
        let now = Date(timeIntervalSince1970: Double(today.daysSinceEpoch) * 86_400 + 12 * 3_600)
        let request = ReferralRequest(assessment: judged.assessment, limit: 5, nearMissLimit: 1_000)
        let answer: ReferralAnswer
        do {
            answer = try await referrals.suggest(request, from: .index(matcher), audience: .api, now: now)
            let perRequest = try await referrals.suggest(
                request,
                from: .catalog(matcher.weights),
                audience: .api,
                now: now
            )
            if perRequest.document != answer.document {
                verdict.failures.append("the catalog read per assessment gave another answer than the index")
            }
        } catch {
            if let refused = judged.refused {
                let message = (error as? AssessmentError)?.message(forJSON: true) ?? "\(error)"
                if message.range(of: refused, options: .caseInsensitive) == nil {
                    verdict.failures.append("refused with \"\(message)\", which does not contain \"\(refused)\"")
                }
            } else {
                verdict.failures.append("refused: \(error)")
            }
            return verdict
        }
        if judged.refused != nil {
            verdict.failures.append("answered, where it must be refused")
            return verdict
        }
        let suggestions = answer.result.suggestions
        verdict.suggested = suggestions.map(\.serviceID.rawValue)
        if !judged.first.isEmpty {
            if let first = suggestions.first {
                if !judged.first.contains(first.serviceID.rawValue) {
                    verdict.failures.append(
                        "first is \(first.serviceID), not \(judged.first.joined(separator: " or "))"
                    )
                }
            } else {
                verdict.failures.append("no suggestion; \(judged.first.joined(separator: " or ")) expected first")
            }
        }
        for id in judged.notInTop3 {
            if let rank = suggestions.prefix(3).firstIndex(where: { $0.serviceID.rawValue == id }) {
                verdict.failures.append("\(id) is number \(rank + 1), in the top three")
            }
        }
        let ranks = Dictionary(
            answer.result.suggestions.enumerated().map { ($1.serviceID.rawValue, $0) },
            uniquingKeysWith: min
        )
        for (id, betters) in judged.below.sorted(by: { $0.key < $1.key }) {
            guard let rank = ranks[id] else { continue }
            for better in betters where (ranks[better] ?? Int.max) > rank {
                verdict.failures.append("\(id) ranks above \(better)")
            }
        }
        for (id, code) in judged.excluded.sorted(by: { $0.key < $1.key }) {
            guard let miss = answer.result.nearMisses.first(where: { $0.serviceID.rawValue == id }) else {
                verdict.failures.append("\(id) is not excluded")
                continue
            }
            if !miss.reasons.contains(where: { $0.code == code }) {
                verdict.failures.append(
                    "\(id) is excluded for \(miss.reasons.map(\.code).joined(separator: ", ")), not \(code)"
                )
            }
        }
        if let first = suggestions.first {
            let codes = Set(first.cautions.map(\.code))
            for code in judged.firstCautions where !codes.contains(code) {
                verdict.failures.append("the first suggestion does not carry the caution \(code)")
            }
            for code in judged.firstNoCautions where codes.contains(code) {
                verdict.failures.append("the first suggestion carries the caution \(code)")
            }
        }
        return verdict
    }
}
