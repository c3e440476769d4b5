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

    /// How far from the victim's point a service that does not cover their place is still looked at, as a near miss
    /// (when they gave no travel distance, or a shorter one).
    public static let nearbyKilometres = 25.0

    /// The need types whose services can be candidates for `assessment`: its needs, and for a child their child
    /// variants and support for children and young people. A caller that loads candidates itself (the command
    /// line, from the catalog) loads the services meeting these.
    public static func candidateNeedTypes(
        for assessment: NeedsAssessment,
        vocabularies: Vocabularies
    ) -> Set<NeedType> {
        var types = Set(assessment.needTypes)
        guard (assessment.age?.upperBound ?? 18) < 18 else { return types }
        types.insert("children-young-people")
        for need in assessment.needTypes {
            if let variant = vocabularies[.needTypes].term(code: need.rawValue)?.attributes["child_variant"] {
                types.insert(NeedType(variant))
            }
        }
        return types
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
        var distances: [Int32: Double] = [:]
        var nearby: [Int32] = []
        if let point = location.point {
            let mask = MatchContext.needMask(assessment, index: index)
            // In-person services within the victim's travel distance qualify even when they do not cover the place
            // (below every service that covers it); others close by that do not cover it are near misses worth
            // knowing about (a service just over a force boundary).
            if let reach = assessment.maximumDistanceKm {
                distances = index.nearby(point, kilometres: reach, mask: mask)
            }
            nearby = index.nearbyPositions(point, kilometres: Self.nearbyKilometres, mask: mask)
        }
        let judging = MatchContext(
            index: index,
            assessment: assessment,
            location: location,
            today: today,
            weights: weights,
            distances: distances
        )
        let candidates = index.candidates(
            areas: location.areas,
            needMask: judging.needMask,
            extra: nearby + distances.keys
        )

        // Judge every candidate without describing it, then explain only those shown.
        var passed: [(standing: Standing, score: Double, position: Int32)] = []
        var failed: [(needs: Double, failures: Int, position: Int32)] = []
        passed.reserveCapacity(candidates.count)
        let closed = index.isClosed
        for position in candidates where !closed[Int(position)] {
            var silent = SilentFindings()
            let judgement = Rules.judge(position, judging, &silent)
            if judgement.failures > 0 {
                failed.append((judgement.standing.primaryNeeds, judgement.failures, position))
            } else {
                passed.append((judgement.standing, judgement.score, position))
            }
        }
        // Services are stored in id order, so position breaks ties as the id would.
        let best = TopK.select(passed, count: limit) { a, b in
            if a.standing != b.standing { return b.standing < a.standing }
            if a.score != b.score { return a.score > b.score }
            return a.position < b.position
        }
        let nearest = TopK.select(failed, count: nearMissLimit) {
            ($1.needs, $0.failures, $0.position) < ($0.needs, $1.failures, $1.position)
        }
        let suggestions = best.enumerated().map { rank, entry in
            suggestion(entry.position, rank: rank + 1, context: judging)
        }
        let nearMisses = nearest.map { entry in
            var findings = CollectedFindings()
            _ = Rules.judge(entry.position, judging, &findings)
            return judging.reading(Int(entry.position)) { service in
                NearMiss(
                    serviceID: service.id,
                    name: service.name,
                    provider: service.provider.name,
                    reasons: findings.exclusions
                )
            }
        }

        var cautions: [AnswerCaution] = []
        if judging.services.isEmpty { cautions.append(.emptyCatalog) }
        if location.isAmbiguous {
            cautions.append(.ambiguousArea(place: location.query, forceAreas: location.forceAreas))
        }
        if location.areas == [.national] { cautions.append(.noLocation) }
        return MatchResult(
            location: location,
            suggestions: suggestions,
            nearMisses: nearMisses,
            cautions: cautions,
            candidates: candidates.count
        )
    }

    /// The service at `position`, judged again with every finding kept, as a suggestion.
    private func suggestion(_ position: Int32, rank: Int, context: MatchContext) -> ReferralSuggestion {
        var findings = CollectedFindings()
        let judgement = Rules.judge(position, context, &findings)
        // The service is read where it lies: copying it would retain every one of its arrays.
        return context.reading(Int(position)) { service in
            // The nearest public location (a refuge gives its town only), for the town and the distance.
            var town = service.locations.first(where: { !$0.isConfidential })?.town ?? service.locations.first?.town
            var distance: Double?
            if let point = context.location.point {
                let nearest = service.locations.filter { !$0.isConfidential }.compactMap { location in
                    location.point.map { (location, Distance.kilometres(point, $0)) }
                }.min { $0.1 < $1.1 }
                if let nearest {
                    town = nearest.0.town ?? town
                    distance = nearest.1
                }
            }
            return ReferralSuggestion(
                rank: rank,
                serviceID: service.id,
                name: service.name,
                provider: service.provider.name,
                standing: judgement.standing,
                score: (judgement.score * 10).rounded() / 10,
                breakdown: judgement.breakdown,
                reasons: findings.reasons,
                cautions: findings.cautions,
                status: service.status,
                waitDays: service.waitingTime?.days,
                contact: service.contact,
                referralRoutes: service.acceptedReferralRoutes,
                town: town,
                distanceKm: distance
            )
        }
    }
}

/// The first `count` elements of an array in a given order, without sorting all of it.
enum TopK {
    static func select<Element>(
        _ elements: [Element],
        count: Int,
        by areInIncreasingOrder: (Element, Element) -> Bool
    ) -> [Element] {
        guard count > 0 else { return [] }
        if count >= elements.count / 8 { return Array(elements.sorted(by: areInIncreasingOrder).prefix(count)) }
        var kept: [Element] = []
        kept.reserveCapacity(count + 1)
        for element in elements {
            if kept.count == count, let last = kept.last, !areInIncreasingOrder(element, last) { continue }
            var index = kept.count
            while index > 0, areInIncreasingOrder(element, kept[index - 1]) { index -= 1 }
            kept.insert(element, at: index)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
