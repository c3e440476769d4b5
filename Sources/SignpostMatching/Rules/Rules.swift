import SignpostCore

/// Where the rules report what they find. The judging pass uses `SilentFindings`, which the compiler removes
/// entirely; the services shown are judged again into `CollectedFindings`. Both run the very same rules, so an
/// explanation can never disagree with the ranking.
protocol FindingSink {
    /// Whether findings are wanted (the rules skip the work of describing a service when not).
    var explains: Bool { get }
    mutating func reason(_ finding: @autoclosure () -> Finding)
    mutating func caution(_ finding: @autoclosure () -> Finding)
    mutating func exclusion(_ finding: @autoclosure () -> Finding)
}

/// Finds nothing: the fast pass.
struct SilentFindings: FindingSink {
    @inline(__always) var explains: Bool { false }
    @inline(__always) mutating func reason(_ finding: @autoclosure () -> Finding) {}
    @inline(__always) mutating func caution(_ finding: @autoclosure () -> Finding) {}
    @inline(__always) mutating func exclusion(_ finding: @autoclosure () -> Finding) {}
}

/// Keeps every finding: the explanation of a service shown.
struct CollectedFindings: FindingSink {
    var reasons: [Finding] = []
    var cautions: [Finding] = []
    var exclusions: [Finding] = []
    var explains: Bool { true }
    mutating func reason(_ finding: @autoclosure () -> Finding) { reasons.append(finding()) }
    mutating func caution(_ finding: @autoclosure () -> Finding) { cautions.append(finding()) }
    mutating func exclusion(_ finding: @autoclosure () -> Finding) { exclusions.append(finding()) }
}

/// The outcome of judging one candidate.
struct Judgement {
    /// How many filters it failed (0: it is suggested).
    var failures = 0
    var standing = Standing()
    var breakdown = ScoreBreakdown()
    var score = 0.0
}

/// The matching rules of Docs/Scoring.md, each written once. `judge` applies them to one candidate's profile, in
/// the order the document gives, and reports each decision to the sink as it makes it.
enum Rules {
    static func judge<Sink: FindingSink>(_ position: Int32, _ c: MatchContext, _ sink: inout Sink) -> Judgement {
        let at = Int(position)
        let profile = c.profiles[at]
        let mask = profile.needs
        var judgement = Judgement()
        needs(at, profile, mask, c, &judgement, &sink)
        steering(at, profile, mask, c, &judgement, &sink)
        coverage(position, c, &judgement, &sink)
        status(at, profile, c, &judgement, &sink)
        age(at, profile, c, &judgement, &sink)
        gender(at, profile, c, &judgement, &sink)
        crimeType(at, profile, mask, c, &judgement, &sink)
        riskLevel(at, profile, c, &judgement, &sink)
        referralRoute(at, profile, c, &judgement, &sink)
        language(at, profile, c, &judgement, &sink)
        delivery(at, profile, c, &judgement, &sink)
        group(at, profile, c, &judgement, &sink)
        guard judgement.failures == 0 else { return judgement }
        score(position, profile, c, &judgement, &sink)
        return judgement
    }

    // MARK: Questions 1, 3, 5 and 9: needs, specialisms asked, steering

    /// The share of primary needs met (a children's service meets every need of a child) and of all needs met by
    /// the service itself.
    @inline(__always)
    static func needs<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ mask: UInt64,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let childrens = mask & c.childrenNeed != 0
        var primary = 0.0
        var all = 0.0
        for need in c.needs where mask & need.meets != 0 {
            all += need.weight
            if need.isPrimary { primary += need.weight }
        }
        if childrens { primary = c.primaryWeight }
        judgement.standing.primaryNeeds = c.primaryWeight > 0 ? primary / c.primaryWeight : 1
        judgement.standing.needs = c.allWeight > 0 ? all / c.allWeight : 0
        guard sink.explains else { return }
        let met = zip(c.needs, c.assessedNeeds).filter { mask & $0.0.meets != 0 }.map(\.1)
        if !met.isEmpty { sink.reason(.meets(needs: met, marksPrimary: c.needs.contains { !$0.isPrimary })) }
        if childrens, met.count < c.needs.count {
            sink.reason(.meetsAsChildrensService)
        } else if met.count < c.needs.count {
            sink.caution(.unmetNeeds(zip(c.needs, c.assessedNeeds).filter { mask & $0.0.meets == 0 }.map(\.1.type)))
        }
    }

    /// Question 5, the kinds of service the assessment steers to; question 3, the specialisms asked for.
    @inline(__always)
    static func steering<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ mask: UInt64,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        for (number, steer) in c.steering.enumerated()
        where mask & steer.needs != 0 || profile.specialisms & steer.specialisms != 0 {
            judgement.standing.steered += 1
            sink.reason(.steered(c.steerings[number]))
        }
        let asked = profile.specialisms & c.askedSpecialisms
        judgement.standing.specialismsAsked = asked.nonzeroBitCount
        if asked != 0, sink.explains {
            sink.reason(
                .specialismsAsked(c.reading(at) { $0.specialisms }.filter { c.bits.specialisms.bit($0) & asked != 0 })
            )
        }
    }

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
    @inline(__always)
    static func language<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard let language = c.assessment.language else {
            if !profile.worksInEnglish {
                judgement.failures += 1
                sink.exclusion(.onlyOtherLanguages(c.reading(at) { $0.languages }))
            }
            return
        }
        if c.languagePosition.map({ c.languages[at].contains($0) }) == true || (c.wantsBSL && profile.offersBSL) {
            judgement.standing.language = 2
            sink.reason(.languageInHouse(language))
        } else if profile.offersInterpreting, c.assessment.interpreterAcceptable {
            judgement.standing.language = 1
            sink.reason(.languageThroughInterpreter(language))
            sink.caution(.interpreterOnly(language))
        } else {
            judgement.failures += 1
            sink.exclusion(.noLanguage(language, interpreting: profile.offersInterpreting))
        }
    }

    @inline(__always)
    static func delivery<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        guard profile.channels != 0 else { return }
        if !c.assessment.remoteAcceptable, !profile.meetsInPerson {
            judgement.failures += 1
            sink.exclusion(.remoteOnly(c.reading(at) { $0.channels }))
        }
        if c.avoidedChannels != 0, UInt64(profile.channels) & ~c.avoidedChannels == 0 {
            judgement.failures += 1
            sink.exclusion(.avoidedChannels(c.reading(at) { $0.channels }))
        }
    }

    // MARK: Questions 4 and 6: whose service is it?

    /// A group service for groups the victim is in counts 1 (question 6); one for a group the victim is not known
    /// to be in is not known to suit them (question 4: -1), with the `specialist` caution for each such group.
    @inline(__always)
    static func group<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let groups = profile.specialisms & c.groups
        guard groups != 0 else { return }
        var members = c.memberGroups
        if groups & c.ageGroups != 0, let ages = c.assessment.age, ages.lowerBound >= Int(profile.minimumAge),
            ages.upperBound <= Int(profile.maximumAge)
        {
            members |= groups & c.ageGroups
        }
        if groups & ~members != 0 {
            judgement.standing.eligibility = -1
        } else {
            judgement.standing.group = 1
        }
        guard sink.explains else { return }
        for specialism in c.reading(at, { $0.specialisms }) {
            let bit = c.bits.specialisms.bit(specialism)
            guard groups & bit != 0 else { continue }
            if members & bit == 0 {
                sink.caution(.groupNotRecorded(specialism))
            } else if c.askedSpecialisms & bit != 0 {
                // Said once, among the specialisms asked for.
            } else if bit == c.childrenSpecialism {
                // Said once, as the steering to a children's service.
            } else if c.memberGroups & bit == 0, let ages = c.assessment.age {
                sink.reason(.forGroup(specialism, .age(ages)))
            } else if let gender = c.assessment.gender, c.genderBit != 0,
                c.tables.genderGroups.contains(where: { $0.bit == bit && $0.members & c.genderBit != 0 })
            {
                sink.reason(.forGroup(specialism, .gender(gender)))
            } else if let language = c.assessment.language {
                sink.reason(.forGroup(specialism, .language(language)))
            }
        }
    }

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
        judgement.breakdown = breakdown
        judgement.score = breakdown.total(weights: weights)
    }

    /// The share of the wanted bits that are offered.
    @inline(__always)
    static func ratio(_ offered: UInt64, _ wanted: UInt64) -> Double {
        Double((offered & wanted).nonzeroBitCount) / Double(wanted.nonzeroBitCount)
    }
}

/// How closely an area names a place: the more specific, the higher (0 for an area of no known kind).
enum Place {
    static let national = 1
    static let country = 2
    static let forceArea = 3
    static let postcodeArea = 4
    static let localAuthority = 5
    static let postcodeDistrict = 6

    static func specificity(_ area: AreaCode) -> Int {
        switch area.kind {
        case .postcodeDistrict: postcodeDistrict
        case .localAuthority: localAuthority
        case .postcodeArea: postcodeArea
        case .policeForceArea: forceArea
        case .country: country
        case .national: national
        case .unknown: 0
        }
    }
}
