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
        func judge(_ position: Int32, detail: Evaluation.Detail, into verdict: Verdict) -> Evaluation {
            let evaluation = Evaluation(context: context, position: position, detail: detail, verdict: verdict)
            evaluation.run()
            return evaluation
        }
        var passed: [(score: Double, position: Int32)] = []
        var failed: [(needs: Double, failures: Int, position: Int32)] = []
        passed.reserveCapacity(candidates.count)
        failed.reserveCapacity(candidates.count)
        for position in candidates where !index.isClosed[Int(position)] {
            let judgement = Self.judge(position, context: context)
            if judgement.failures > 0 {
                failed.append((judgement.needs, judgement.failures, position))
            } else {
                passed.append((judgement.score, position))
            }
        }
        // Services are stored in id order, so position breaks ties as the id would.
        let best = TopK.select(passed, count: limit) { ($1.score, $0.position) < ($0.score, $1.position) }
        let nearest = TopK.select(failed, count: nearMissLimit) {
            ($1.needs, $0.failures, $0.position) < ($0.needs, $1.failures, $1.position)
        }
        let services = index.services
        var suggestions: [ReferralSuggestion] = []
        for (rank, entry) in best.enumerated() {
            var suggestion = judge(entry.position, detail: .full, into: Verdict()).suggestion()
            suggestion.rank = rank + 1
            suggestions.append(suggestion)
        }
        let nearMisses = nearest.map { entry in
            let explained = Verdict()
            _ = judge(entry.position, detail: .exclusions, into: explained)
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

    /// The outcome of judging a candidate's profile: how many filters it failed, how well it meets the needs, and
    /// its score when it passed.
    struct Judgement: Equatable {
        var failures: Int
        var needs: Double
        var score: Double
    }

    /// `Evaluation`'s filters and score, applied to the service's profile: no text, no references, no copies.
    /// `MatcherAgreementTests` checks that the two agree on every candidate.
    static func judge(_ position: Int32, context: MatchContext) -> Judgement {
        let profiles = context.profiles
        let at = Int(position)
        let weights = context.weights
        var breakdown = ScoreBreakdown()
        var failures = 0

        // Needs.
        var possible = 0.0
        var achieved = 0.0
        let mask = context.needMasks[at]
        for need in context.needBits {
            possible += need.weight
            if need.bit & mask != 0 { achieved += need.weight }
        }
        breakdown.needs = possible > 0 ? achieved / possible : 0

        // Coverage.
        let specificity = Evaluation.bestSpecificity(position, context: context)
        // Most places have no point, so no distances: skip hashing the position then.
        let distance = context.distances.isEmpty ? nil : context.distances[position]
        if specificity == 0 {
            if let distance, let limit = context.assessment.maximumDistanceKm, distance <= limit {
                // Within reach.
            } else {
                failures += 1
            }
        }
        // Status.
        if profiles[at].isPaused { failures += 1 }
        if profiles[at].isFull { failures += 1 }
        // Eligibility.
        if let ages = context.assessment.age,
            ages.upperBound < Int(profiles[at].minimumAge) || ages.lowerBound > Int(profiles[at].maximumAge)
        {
            failures += 1
        }
        if profiles[at].genders != 0, context.genderBit != 0, UInt64(profiles[at].genders) & context.genderBit == 0 {
            failures += 1
        }
        if profiles[at].crimeTypes != 0, context.crimeBit != 0, profiles[at].crimeTypes & context.crimeBit == 0 {
            failures += 1
        }
        if profiles[at].riskLevels != 0, context.riskBit != 0, UInt64(profiles[at].riskLevels) & context.riskBit == 0 {
            failures += 1
        }
        // Referral route.
        if UInt64(profiles[at].routes) & context.routeBit == 0 { failures += 1 }
        // Communication.
        if context.assessment.language == nil {
            if profiles[at].worksInEnglish { breakdown.language = 1 } else { failures += 1 }
        } else if context.languagePosition.map({ context.languages[at].contains($0) }) == true
            || (context.wantsBSL && profiles[at].offersBSL)
        {
            breakdown.language = 1
        } else if profiles[at].offersInterpreting, context.assessment.interpreterAcceptable {
            breakdown.language = 0.5
        } else {
            failures += 1
        }
        // Delivery.
        if profiles[at].channels != 0 {
            if !context.assessment.remoteAcceptable, !profiles[at].meetsInPerson { failures += 1 }
            if context.avoidedChannels != 0, UInt64(profiles[at].channels) & ~context.avoidedChannels == 0 {
                failures += 1
            }
        }
        guard failures == 0 else { return Judgement(failures: failures, needs: breakdown.needs, score: 0) }

        // Score.
        if context.specialisms == 0 {
            breakdown.specialism = profiles[at].specialisms == 0 ? 1 : 0.5
        } else {
            breakdown.specialism = ratio(profiles[at].specialisms, context.specialisms)
        }
        breakdown.waitingTime =
            profiles[at].waitDays < 0 ? 0.5 : max(0, 1 - Double(profiles[at].waitDays) / weights.waitHorizonDays)
        breakdown.capacity = profiles[at].capacityFree < 0 ? 0.5 : profiles[at].capacityFree
        if context.location.point != nil, profiles[at].meetsInPerson {
            if let distance {
                let horizon = context.assessment.maximumDistanceKm ?? weights.distanceHorizonKm
                breakdown.distance = max(0, 1 - distance / max(horizon, 1))
            }
        } else {
            breakdown.distance = Evaluation.nearness(position, specificity: specificity, context: context)
        }
        breakdown.channel = context.channels == 0 ? 0.5 : ratio(UInt64(profiles[at].channels), context.channels)
        breakdown.accessibility =
            context.accessibility == 0 ? 0.5 : ratio(UInt64(profiles[at].accessibility), context.accessibility)
        if let months = profiles[at].monthsSinceVerified(context.today) {
            breakdown.freshness = max(0, min(1, 1 - Double(months) / Double(2 * weights.staleAfterMonths)))
        }
        return Judgement(failures: 0, needs: breakdown.needs, score: breakdown.total(weights: weights))
    }

    /// The share of the wanted bits that are offered.
    private static func ratio(_ offered: UInt64, _ wanted: UInt64) -> Double {
        Double((offered & wanted).nonzeroBitCount) / Double(wanted.nonzeroBitCount)
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
