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
        var candidates = index.candidates(areas: location.areas, needs: needs)
        var distances: [Int32: Double] = [:]
        if let point = location.point {
            let reach = assessment.maximumDistanceKm ?? weights.distanceHorizonKm
            // Nearby in-person services are considered even when they do not cover the place: within the victim's
            // travel distance they qualify, and otherwise they are near misses worth knowing about.
            distances = index.nearby(point, kilometres: reach, mask: mask)
            candidates.formUnion(distances.keys)
        }

        var scored: [(score: Double, suggestion: ReferralSuggestion)] = []
        var misses: [(needs: Double, miss: NearMiss)] = []
        for position in candidates {
            let service = index.services[Int(position)]
            guard service.status != .closed else { continue }
            var evaluation = Evaluation(
                service: service,
                assessment: assessment,
                location: location,
                distance: distances[position],
                today: today,
                matcher: self
            )
            evaluation.run()
            if evaluation.exclusions.isEmpty {
                scored.append((evaluation.total, evaluation.suggestion()))
            } else {
                misses.append(
                    (
                        evaluation.breakdown.needs,
                        NearMiss(
                            serviceID: service.id,
                            name: service.name,
                            provider: service.provider.name,
                            reasons: evaluation.exclusions
                        )
                    )
                )
            }
        }
        scored.sort { ($1.score, $0.suggestion.serviceID) < ($0.score, $1.suggestion.serviceID) }
        misses.sort {
            ($1.needs, $0.miss.reasons.count, $0.miss.serviceID) < ($0.needs, $1.miss.reasons.count, $1.miss.serviceID)
        }
        var suggestions = scored.prefix(limit).map(\.suggestion)
        for index in suggestions.indices { suggestions[index].rank = index + 1 }

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
            nearMisses: misses.prefix(nearMissLimit).map(\.miss),
            cautions: cautions,
            candidates: candidates.count
        )
    }

    func label<Kind>(_ code: VocabularyCode<Kind>) -> String {
        vocabularies[Kind.vocabulary].term(code: code.rawValue)?.label ?? code.rawValue
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
