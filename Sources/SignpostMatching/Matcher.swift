public import SignpostCore

/// Matches a needs assessment against the catalog: hard filters (each with a reason), a weighted score, reasons and
/// cautions for each suggestion, and the near misses. Pure: no files, SQL, network or logging; the same input always
/// gives the same output (equal scores are ordered by service id).
public struct Matcher: Sendable {
    public let index: MatchIndex
    public let weights: ScoringWeights
    public let vocabularies: Vocabularies

    public init(index: MatchIndex, weights: ScoringWeights = ScoringWeights(), vocabularies: Vocabularies) {
        self.index = index
        self.weights = weights
        self.vocabularies = vocabularies
    }

    /// Suggests up to `limit` services for `assessment` at `location`, as of `today`, with up to `nearMissLimit`
    /// near misses.
    public func match(
        _ assessment: NeedsAssessment,
        at location: ResolvedLocation,
        today: CalendarDate,
        limit: Int = 5,
        nearMissLimit: Int = 5
    ) -> MatchResult {
        let needs = assessment.needTypes
        let mask = index.mask(of: needs)
        var distances: [Int32: Double] = [:]
        if let point = location.point {
            let reach = assessment.maximumDistanceKm ?? weights.distanceHorizonKm
            // Nearby in-person services are considered even when they do not cover the place: within the victim's
            // travel distance they qualify, and otherwise they are near misses worth knowing about.
            distances = index.nearby(point, kilometres: reach, mask: mask)
        }
        let candidates = index.candidates(areas: location.areas, needs: needs, extra: distances.keys)

        // Judge every candidate without writing any text, then explain only those shown.
        let context = MatchContext(
            matcher: self,
            assessment: assessment,
            location: location,
            today: today,
            distances: distances
        )
        let verdict = Verdict()
        func judge(_ position: Int32, explain: Bool, into verdict: Verdict) -> Evaluation {
            let evaluation = Evaluation(context: context, position: position, explain: explain, verdict: verdict)
            evaluation.run()
            return evaluation
        }
        var passed: [(score: Double, position: Int32)] = []
        var failed: [(needs: Double, failures: Int, position: Int32)] = []
        for position in candidates where !index.isClosed[Int(position)] {
            let evaluation = judge(position, explain: false, into: verdict)
            if verdict.isExcluded {
                failed.append((verdict.breakdown.needs, verdict.exclusionCount, position))
            } else {
                passed.append((evaluation.total, position))
            }
        }
        // Services are stored in id order, so position breaks ties as the id would.
        passed.sort { ($1.score, $0.position) < ($0.score, $1.position) }
        failed.sort { ($1.needs, $0.failures, $0.position) < ($0.needs, $1.failures, $1.position) }
        let services = index.services
        var suggestions: [ReferralSuggestion] = []
        for (rank, entry) in passed.prefix(limit).enumerated() {
            var suggestion = judge(entry.position, explain: true, into: Verdict()).suggestion()
            suggestion.rank = rank + 1
            suggestions.append(suggestion)
        }
        let nearMisses = failed.prefix(nearMissLimit).map { entry in
            let explained = Verdict()
            _ = judge(entry.position, explain: true, into: explained)
            let service = services[Int(entry.position)]
            return NearMiss(
                serviceID: service.id,
                name: service.name,
                provider: service.provider.name,
                reasons: explained.exclusions
            )
        }

        var cautions: [MatchNote] = []
        if location.isAmbiguous {
            let names = location.forceAreas.map { vocabularies.label(ofArea: $0) }.joined(separator: ", ")
            cautions.append(
                MatchNote(
                    "ambiguous-area",
                    "\(location.query) may be in any of \(names); services of all of them were considered. "
                        + "To be precise, give --area with the force area, or import the ONS postcode directory "
                        + "(signpost geography import FILE)"
                )
            )
        }
        if location.areas == [.national] {
            cautions.append(MatchNote("no-location", "no location given: only national services were considered"))
        }
        return MatchResult(
            location: location,
            suggestions: suggestions,
            nearMisses: nearMisses,
            cautions: cautions,
            candidates: candidates.count
        )
    }

    func label<Kind>(_ code: VocabularyCode<Kind>) -> String {
        vocabularies[Kind.vocabulary].label(code: code.rawValue) ?? code.rawValue
    }

    func labels<Kind>(_ codes: [VocabularyCode<Kind>]) -> String { Self.list(codes.map { label($0) }) }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
