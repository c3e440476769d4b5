import SignpostCore

/// Whether a service covers the victim's place, and how closely (questions 2 and 8).
extension Rules {
    // MARK: Filters and questions 2 and 8, covering the place and how closely

    /// Covers the place (and how closely), or is within the distance the victim can travel, or neither.
    @inline(__always)
    static func coverage<Sink: FindingSink>(
        _ position: Int32,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let specificity = c.coverage.specificity(of: position, in: c.placeAreas)
        if specificity > 0 {
            judgement.standing.covers = 1
            judgement.standing.place = place(specificity, position, c)
            if sink.explains {
                let best = c.coverage.bestArea(of: position, in: c.placeAreas).map { c.areaCodes[Int($0)] }
                sink.reason(.covers(best ?? .national))
            }
            return
        }
        // Most places have no point, so no distances: skip hashing the position then.
        let distance = c.distances.isEmpty ? nil : c.distances[position]
        if let distance, let limit = c.assessment.maximumDistanceKm, distance <= limit {
            judgement.standing.place = 0
            sink.reason(.withinReach(kilometres: distance, limit: limit))
            sink.caution(.outsideCoverage)
        } else {
            judgement.failures += 1
            sink.exclusion(.notCovered(coverage: c.reading(Int(position)) { $0.coverage.areas }))
        }
    }

    /// Question 8: local (district or local authority) 5, postcode area 4, force area 3 (2.5 for a less likely force
    /// of an ambiguous place), country 2, national 1.
    @inline(__always)
    static func place(_ specificity: Int, _ position: Int32, _ c: MatchContext) -> Double {
        switch specificity {
        case Place.localAuthority...: return 5
        case Place.postcodeArea: return 4
        case Place.forceArea:
            if let likeliest = c.likeliestForce, !c.coverage.names(likeliest, at: position) { return 2.5 }
            return 3
        case Place.country: return 2
        default: return 1
        }
    }
}
