import SignpostCore

/// The score (question 10): how soon, how free, how near, how well it fits, how fresh.
extension Rules {
    // MARK: Question 10: the score

    @inline(__always)
    static func score<Sink: FindingSink>(
        _ position: Int32,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let weights = c.weights
        var breakdown = ScoreBreakdown()
        if profile.waitDays < 0 {
            breakdown.waitingTime = 0.5
            sink.caution(.waitUnknown)
        } else {
            let days = Int(profile.waitDays)
            breakdown.waitingTime = max(0, 1 - Double(days) / weights.waitHorizonDays)
            sink.reason(.wait(days: days))
            if days >= weights.longWaitDays { sink.caution(.longWait(days: days)) }
        }
        if profile.capacityFree < 0 {
            breakdown.capacity = 0.5
        } else {
            breakdown.capacity = profile.capacityFree
            if sink.explains, let capacity = c.reading(Int(position)) { $0.capacity },
                let available = capacity.available,
                let maximum = capacity.maximum
            {
                sink.reason(.capacity(available: available, maximum: maximum, unit: capacity.unit))
                if 1 - profile.capacityFree >= weights.nearCapacityShare {
                    sink.caution(.nearCapacity(percentInUse: Int(((1 - profile.capacityFree) * 100).rounded())))
                }
            }
        }
        breakdown.distance = 0.5
        if let origin = c.origin, profile.meetsInPerson, profile.hasPublicPoint,
            let distance = c.points.nearest(position, to: origin)
        {
            let horizon = c.assessment.maximumDistanceKm ?? weights.distanceHorizonKm
            breakdown.distance = max(0, 1 - distance / max(horizon, 1))
            // A service found by distance has said how far it is already.
            if judgement.standing.covers == 1 { sink.reason(.distance(kilometres: distance, town: nil)) }
        }
        breakdown.channel = c.channels == 0 ? 0.5 : ratio(UInt64(profile.channels), c.channels)
        if c.channels != 0, sink.explains {
            let offered = c.assessment.channels.filter { c.bits.channels.bit($0) & UInt64(profile.channels) != 0 }
            if !offered.isEmpty { sink.reason(.channels(offered)) }
        }
        breakdown.accessibility = c.accessibility == 0 ? 0.5 : ratio(UInt64(profile.accessibility), c.accessibility)
        if c.accessibility != 0, UInt64(profile.accessibility) & c.accessibility != c.accessibility {
            sink.caution(
                .accessibilityMissing(
                    c.assessment.accessibility.filter {
                        c.bits.accessibility.bit($0) & UInt64(profile.accessibility) == 0
                    }
                )
            )
        }
        if let months = profile.monthsSinceVerified(c.today) {
            breakdown.freshness = max(0, min(1, 1 - Double(months) / Double(2 * weights.staleAfterMonths)))
            if months >= weights.staleAfterMonths, sink.explains,
                let verified = c.reading(Int(position)) { $0.provenance.lastVerified }
            {
                sink.caution(.stale(months: months, verified: verified))
            }
        } else {
            sink.caution(.neverVerified)
        }
        if sink.explains, let reported = c.reading(Int(position), { $0.provenance.availabilityReport?.reportedAt }) {
            sink.caution(.reportedByService(daysAgo: max(0, CalendarDate(inLondonAt: reported).days(until: c.today))))
        }
        judgement.breakdown = breakdown
        judgement.score = breakdown.total(weights: weights)
    }

    /// The share of the wanted bits that are offered.
    @inline(__always)
    static func ratio(_ offered: UInt64, _ wanted: UInt64) -> Double {
        Double((offered & wanted).nonzeroBitCount) / Double(wanted.nonzeroBitCount)
    }
}
