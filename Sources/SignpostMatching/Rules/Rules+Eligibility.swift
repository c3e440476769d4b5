import SignpostCore

/// The filters of who and what a service takes: its status, ages, genders, crime types, risk levels and referral
/// routes.
extension Rules {
    @inline(__always)
    static func status<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        if profile.isPaused {
            judgement.failures += 1
            sink.exclusion(.paused)
        }
        if profile.isFull {
            judgement.failures += 1
            if sink.explains {
                let capacity = c.reading(at) { $0.capacity }
                sink.exclusion(.full(maximum: capacity?.maximum, unit: capacity?.unit ?? .cases))
            }
        }
        if sink.explains, c.reading(at) { $0.status } == .waitlist { sink.caution(.waitlist) }
    }

    /// The victim's age against the service's ages (its age group's, where it states none).
    @inline(__always)
    static func age<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard let ages = c.assessment.age else { return }
        let minimum = Int(profile.minimumAge)
        let maximum = Int(profile.maximumAge)
        if ages.upperBound < minimum || ages.lowerBound > maximum {
            judgement.failures += 1
            sink.exclusion(.age(ageLimit(at, profile, c)))
        } else if ages.lowerBound < minimum || ages.upperBound > maximum {
            sink.caution(.ageToCheck(ageLimit(at, profile, c)))
        }
    }

    static func ageLimit(_ at: Int, _ profile: ServiceProfile, _ c: MatchContext) -> AgeLimit {
        let own = c.reading(at) { $0.eligibility }
        let minimum = profile.minimumAge == 0 ? nil : Int(profile.minimumAge)
        let maximum = profile.maximumAge >= 120 ? nil : Int(profile.maximumAge)
        return AgeLimit(
            minimum: minimum,
            maximum: maximum,
            isImplied: minimum != own.minimumAge || maximum != own.maximumAge,
            victim: c.assessment.age
        )
    }

    /// The service's gender limit, and the gender groups a known gender places the victim outside.
    @inline(__always)
    static func gender<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let outside = profile.specialisms & c.excludedGroups
        if profile.genders != 0 {
            if c.genderBit == 0 {
                judgement.standing.eligibility = -1
                // A limit the service's gender group already states is cautioned once, as the group's.
                if sink.explains,
                    !c.tables.genderGroups.contains(where: {
                        profile.specialisms & $0.bit != 0 && $0.members == UInt64(profile.genders)
                    })
                {
                    sink.caution(.genderNotRecorded(c.reading(at) { $0.eligibility.genders }))
                }
            } else if UInt64(profile.genders) & c.genderBit == 0 {
                judgement.failures += 1
                sink.exclusion(.gender(allowed: c.reading(at) { $0.eligibility.genders }, group: nil))
                return
            }
        }
        if outside != 0 {
            judgement.failures += 1
            if sink.explains {
                let group = c.reading(at) { $0.specialisms }.first { c.bits.specialisms.bit($0) & outside != 0 }
                let members = c.tables.genderGroups.first { $0.bit & outside != 0 }?.members ?? 0
                let allowed = c.genderCodes.filter { c.bits.genders.bit($0) & members != 0 }
                sink.exclusion(.gender(allowed: allowed, group: group))
            }
        }
    }

    /// The service's crime-type limit; not recorded, it is cautioned unless the needs it meets are about crimes
    /// within the limit (a sexual violence service for rape and sexual assault, for a sexual violence need).
    @inline(__always)
    static func crimeType<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ mask: UInt64,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard profile.crimeTypes != 0 else { return }
        if c.crimeBit != 0 {
            if profile.crimeTypes & c.crimeBit == 0 {
                judgement.failures += 1
                sink.exclusion(.crimeType(c.reading(at) { $0.eligibility.crimeTypes }))
            }
            return
        }
        var named: UInt64 = 0
        for need in c.needs where mask & need.meets != 0 { named |= need.crimes }
        if named == 0 || named & ~profile.crimeTypes != 0 {
            judgement.standing.eligibility = -1
            if sink.explains { sink.caution(.crimeTypeNotRecorded(c.reading(at) { $0.eligibility.crimeTypes })) }
        }
    }

    @inline(__always)
    static func riskLevel<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard profile.riskLevels != 0 else { return }
        if c.riskBit == 0 {
            judgement.standing.eligibility = -1
            sink.caution(.riskLevelNotRecorded(c.reading(at) { $0.eligibility.riskLevels }))
        } else if UInt64(profile.riskLevels) & c.riskBit == 0 {
            judgement.failures += 1
            sink.exclusion(.riskLevel(c.reading(at) { $0.eligibility.riskLevels }))
        }
    }

    @inline(__always)
    static func referralRoute<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard UInt64(profile.routes) & c.routeBit == 0 else { return }
        judgement.failures += 1
        sink.exclusion(
            .referralRoute(c.assessment.referralRoute, accepted: c.reading(at) { $0.acceptedReferralRoutes })
        )
    }

    /// Question 7 and the communication filter.
}
