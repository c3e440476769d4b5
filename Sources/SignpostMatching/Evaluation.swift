import SignpostCore

/// The filters, score and explanations for one service against one assessment.
struct Evaluation {
    let service: Service
    let assessment: NeedsAssessment
    let location: ResolvedLocation
    /// Kilometres to the service's nearest public in-person location, when both points are known.
    let distance: Double?
    let today: CalendarDate
    let matcher: Matcher

    var exclusions: [MatchNote] = []
    var reasons: [MatchNote] = []
    var cautions: [MatchNote] = []
    var breakdown = ScoreBreakdown()

    init(
        service: Service,
        assessment: NeedsAssessment,
        location: ResolvedLocation,
        distance: Double?,
        today: CalendarDate,
        matcher: Matcher
    ) {
        self.service = service
        self.assessment = assessment
        self.location = location
        self.distance = distance
        self.today = today
        self.matcher = matcher
    }

    var weights: ScoringWeights { matcher.weights }

    mutating func run() {
        needs()
        coverage()
        status()
        eligibility()
        referralRoute()
        communication()
        delivery()
        guard exclusions.isEmpty else { return }
        specialisms()
        waitingTime()
        capacity()
        nearness()
        channels()
        accessibility()
        freshness()
    }

    /// The weighted total, 0 to 100.
    var total: Double {
        let parts: [(Double, Double)] = [
            (weights.needs, breakdown.needs), (weights.specialism, breakdown.specialism),
            (weights.language, breakdown.language), (weights.waitingTime, breakdown.waitingTime),
            (weights.capacity, breakdown.capacity), (weights.distance, breakdown.distance),
            (weights.channel, breakdown.channel), (weights.freshness, breakdown.freshness),
            (weights.accessibility, breakdown.accessibility),
        ]
        let sum = parts.reduce(0) { $0 + $1.0 }
        guard sum > 0 else { return 0 }
        return parts.reduce(0) { $0 + $1.0 * $1.1 } / sum * 100
    }

    func suggestion() -> ReferralSuggestion {
        let lead = reasons.prefix(4).map(\.text)
        var summary = lead.joined(separator: "; ")
        if let first = summary.first { summary = first.uppercased() + summary.dropFirst() + "." }
        return ReferralSuggestion(
            rank: 0,
            serviceID: service.id,
            name: service.name,
            provider: service.provider.name,
            score: (total * 10).rounded() / 10,
            breakdown: breakdown,
            summary: summary,
            reasons: reasons,
            cautions: cautions,
            status: service.status,
            waitDays: service.waitingTime?.days,
            contact: service.contact
        )
    }

    // MARK: Filters

    private mutating func needs() {
        let met = assessment.needs.filter { service.needTypes.contains($0.type) }
        let possible = assessment.needs.reduce(0.0) { $0 + ($1.isPrimary ? 2 : 1) }
        let achieved = met.reduce(0.0) { $0 + ($1.isPrimary ? 2 : 1) }
        breakdown.needs = possible > 0 ? achieved / possible : 0
        let described = met.map { need in
            matcher.label(need.type)
                + (need.isPrimary && assessment.needs.contains { !$0.isPrimary } ? " (primary)" : "")
        }
        reasons.append(MatchNote("needs", "meets \(Matcher.list(described.map { $0.lowercasedFirst }))"))
        let unmet = assessment.needs.filter { !service.needTypes.contains($0.type) }
        if !unmet.isEmpty {
            cautions.append(
                MatchNote(
                    "unmet-needs",
                    "does not cover \(Matcher.list(unmet.map { matcher.label($0.type).lowercasedFirst }))"
                )
            )
        }
    }

    private mutating func coverage() {
        let covered = service.coverage.areas.filter { location.areas.contains($0) }
        if let best = covered.max(by: { Self.specificity($0) < Self.specificity($1) }) {
            let text = best == .national ? "national service" : "covers \(matcher.vocabularies.label(ofArea: best))"
            reasons.append(MatchNote("covers", text))
        } else if let distance, let limit = assessment.maximumDistanceKm, distance <= limit {
            reasons.append(
                MatchNote(
                    "within-reach",
                    "\(Self.kilometres(distance)) away, within the \(Self.kilometres(limit)) the victim can travel"
                )
            )
        } else {
            let areas = service.coverage.areas.prefix(3).map { matcher.vocabularies.label(ofArea: $0) }
            exclusions.append(
                MatchNote("not-covered", "does not cover \(location.query) (covers \(Matcher.list(areas)))")
            )
        }
    }

    static func specificity(_ area: AreaCode) -> Int {
        switch area.kind {
        case .postcodeDistrict: 6
        case .localAuthority: 5
        case .postcodeArea: 4
        case .policeForceArea: 3
        case .country: 2
        case .national: 1
        case .unknown: 0
        }
    }

    private mutating func status() {
        switch service.status {
        case .paused:
            exclusions.append(MatchNote("paused", "paused: not taking referrals"))
        case .waitlist:
            cautions.append(MatchNote("waitlist", "taking referrals onto a waiting list"))
        case .accepting, .closed:
            break
        }
        if let capacity = service.capacity, let available = capacity.available, available <= 0 {
            let of = capacity.maximum.map { " of \($0)" } ?? ""
            exclusions.append(MatchNote("full", "full (0\(of) \(capacity.unit.rawValue) free)"))
        }
    }

    private mutating func eligibility() {
        let rules = service.eligibility
        if let ages = assessment.age {
            let minimum = rules.minimumAge ?? 0
            let maximum = rules.maximumAge ?? 120
            if ages.upperBound < minimum || ages.lowerBound > maximum {
                exclusions.append(MatchNote("age", "\(Self.ageRule(rules)) only"))
            } else if ages.lowerBound < minimum || ages.upperBound > maximum {
                cautions.append(MatchNote("age", "check age: \(Self.ageRule(rules)) only"))
            }
        }
        let matcher = self.matcher
        restriction(
            rules.genders,
            given: assessment.gender,
            code: "gender",
            describe: { "for \(Matcher.list($0.map(Self.people))) only" }
        )
        // A restriction to the crime types that the needs themselves name ("domestic-abuse") needs no caution.
        let namedByNeeds = rules.crimeTypes.contains { crime in
            assessment.needs.contains { $0.type.rawValue == crime.rawValue }
        }
        restriction(
            rules.crimeTypes,
            given: assessment.crimeType ?? (namedByNeeds ? rules.crimeTypes.first : nil),
            code: "crime-type",
            describe: { "only for \(matcher.labels($0).lowercased())" }
        )
        restriction(
            rules.riskLevels,
            given: assessment.riskLevel,
            code: "risk-level",
            describe: { "only for \(matcher.labels($0).lowercased()) risk" }
        )
    }

    private mutating func restriction<Kind>(
        _ allowed: [VocabularyCode<Kind>],
        given: VocabularyCode<Kind>?,
        code: String,
        describe: ([VocabularyCode<Kind>]) -> String
    ) {
        guard !allowed.isEmpty else { return }
        if let given {
            if !allowed.contains(given) { exclusions.append(MatchNote(code, describe(allowed))) }
        } else {
            cautions.append(MatchNote(code, "\(describe(allowed)) (not recorded in the assessment)"))
        }
    }

    private static func people(_ gender: Gender) -> String {
        switch gender.rawValue {
        case "female": "women"
        case "male": "men"
        default: "\(gender.rawValue) people"
        }
    }

    private static func ageRule(_ rules: Eligibility) -> String {
        switch (rules.minimumAge, rules.maximumAge) {
        case (let low?, let high?): "ages \(low) to \(high)"
        case (let low?, nil): "ages \(low)+"
        case (nil, let high?): "ages up to \(high)"
        case (nil, nil): "any age"
        }
    }

    private mutating func referralRoute() {
        let accepted = service.acceptedReferralRoutes
        guard !accepted.contains(assessment.referralRoute) else { return }
        exclusions.append(
            MatchNote(
                "referral-route",
                "does not take \(matcher.label(assessment.referralRoute).lowercased())s "
                    + "(\(matcher.labels(accepted).lowercased()) only)"
            )
        )
    }

    private mutating func communication() {
        guard let language = assessment.language else {
            let english: LanguageCode = "en"
            if service.languages.isEmpty || service.languages.contains(english) {
                breakdown.language = 1
            } else {
                exclusions.append(MatchNote("language", "works in \(matcher.labels(service.languages)) only"))
            }
            return
        }
        let name = matcher.label(language)
        let inHouse =
            service.languages.contains(language) || (language == .britishSignLanguage && service.offersBSL)
        if inHouse {
            breakdown.language = 1
            reasons.append(MatchNote("language-in-house", "\(name) spoken in-house"))
        } else if service.offersInterpreting, assessment.interpreterAcceptable {
            breakdown.language = 0.5
            reasons.append(MatchNote("language-interpreter", "\(name) through an interpreter"))
            cautions.append(MatchNote("interpreter-only", "no \(name) speakers: interpreter only"))
        } else if service.offersInterpreting {
            exclusions.append(MatchNote("language", "no \(name) speakers, and an interpreter is not acceptable"))
        } else {
            exclusions.append(MatchNote("language", "no \(name) speakers and no interpreting"))
        }
    }

    private mutating func delivery() {
        let channels = service.channels
        guard !channels.isEmpty else { return }
        if !assessment.remoteAcceptable, !channels.contains(where: { MatchIndex.inPerson.contains($0) }) {
            exclusions.append(
                MatchNote(
                    "remote-only",
                    "\(matcher.labels(channels).lowercased()) only; remote support is not acceptable"
                )
            )
        }
        if !assessment.avoidedChannels.isEmpty, channels.allSatisfy({ assessment.avoidedChannels.contains($0) }) {
            exclusions.append(
                MatchNote(
                    "avoided-channels",
                    "only by \(matcher.labels(channels).lowercased()), which the victim cannot use"
                )
            )
        }
    }

    // MARK: Score

    private mutating func specialisms() {
        guard !assessment.specialisms.isEmpty else {
            // No preference: a general service fits better than one for a particular group.
            breakdown.specialism = service.specialisms.isEmpty ? 1 : 0.5
            if !service.specialisms.isEmpty {
                cautions.append(
                    MatchNote("specialist", "specialist service: \(matcher.labels(service.specialisms).lowercased())")
                )
            }
            return
        }
        let offered = assessment.specialisms.filter { service.specialisms.contains($0) }
        breakdown.specialism = Double(offered.count) / Double(assessment.specialisms.count)
        if !offered.isEmpty {
            reasons.append(MatchNote("specialism", "\(matcher.labels(offered).lowercasedFirst), as preferred"))
        }
    }

    private mutating func waitingTime() {
        guard let wait = service.waitingTime else {
            breakdown.waitingTime = 0.5
            cautions.append(MatchNote("wait-unknown", "no waiting time reported"))
            return
        }
        breakdown.waitingTime = max(0, 1 - Double(wait.days) / weights.waitHorizonDays)
        let days = wait.days == 1 ? "1 day" : "\(wait.days) days"
        reasons.append(MatchNote("wait", wait.days == 0 ? "no wait" : "wait about \(days)"))
        if wait.days >= weights.longWaitDays {
            cautions.append(MatchNote("long-wait", "long wait: about \(wait.days) days"))
        }
    }

    private mutating func capacity() {
        guard let capacity = service.capacity, let available = capacity.available, let maximum = capacity.maximum,
            maximum > 0
        else {
            breakdown.capacity = 0.5
            return
        }
        let free = Double(available) / Double(maximum)
        breakdown.capacity = min(1, max(0, free))
        reasons.append(MatchNote("capacity", "\(available) of \(maximum) \(capacity.unit.rawValue) free"))
        if 1 - free >= weights.nearCapacityShare {
            cautions.append(MatchNote("near-capacity", "at \(Int(((1 - free) * 100).rounded()))% of capacity"))
        }
    }

    private mutating func nearness() {
        guard location.point != nil, service.channels.contains(where: { MatchIndex.inPerson.contains($0) }) else {
            // Without a distance, how closely the service's coverage names the place stands in for nearness: a
            // service for this district is nearer than one for the whole force area, which is nearer than a
            // national one.
            let covered = service.coverage.areas.filter { location.areas.contains($0) }
            let best = covered.map(Self.specificity).max() ?? 0
            var nearness = [0, 0.3, 0.4, 0.7, 0.85, 0.9, 1][min(best, 6)]
            // Where the place may be in several force areas, a service only for a less likely one counts less.
            if location.isAmbiguous, best == 3, let likeliest = location.forceAreas.first, !covered.contains(likeliest)
            {
                nearness = 0.55
            }
            breakdown.distance = nearness
            return
        }
        guard let distance else {
            breakdown.distance = 0
            return
        }
        let horizon = assessment.maximumDistanceKm ?? weights.distanceHorizonKm
        breakdown.distance = max(0, 1 - distance / max(horizon, 1))
        if !reasons.contains(where: { $0.code == "within-reach" }) {
            reasons.append(MatchNote("distance", "\(Self.kilometres(distance)) away"))
        }
    }

    private mutating func channels() {
        guard !assessment.channels.isEmpty else {
            breakdown.channel = 0.5
            return
        }
        let offered = assessment.channels.filter { service.channels.contains($0) }
        breakdown.channel = Double(offered.count) / Double(assessment.channels.count)
        if !offered.isEmpty { reasons.append(MatchNote("channel", "by \(matcher.labels(offered).lowercased())")) }
    }

    private mutating func accessibility() {
        guard !assessment.accessibility.isEmpty else {
            breakdown.accessibility = 0.5
            return
        }
        let offered = assessment.accessibility.filter { service.accessibility.contains($0) }
        breakdown.accessibility = Double(offered.count) / Double(assessment.accessibility.count)
        let missing = assessment.accessibility.filter { !service.accessibility.contains($0) }
        if !missing.isEmpty {
            cautions.append(MatchNote("accessibility", "does not list \(matcher.labels(missing).lowercased())"))
        }
    }

    private mutating func freshness() {
        guard let verified = service.provenance.lastVerified else {
            cautions.append(MatchNote("stale", "data never verified"))
            return
        }
        let months = verified.months(until: today)
        let limit = weights.staleAfterMonths
        breakdown.freshness = max(0, min(1, 1 - Double(months) / Double(2 * limit)))
        if months >= limit {
            cautions.append(MatchNote("stale", "data last verified \(months) months ago (\(verified))"))
        }
    }

    static func kilometres(_ value: Double) -> String {
        value < 10 ? "\((value * 10).rounded() / 10) km" : "\(Int(value.rounded())) km"
    }
}

extension String {
    /// The text with its first letter in lower case, unless the first word is an acronym (`ISVA`, `BSL`).
    var lowercasedFirst: String {
        guard let first, first.isUppercase else { return self }
        let word = prefix { $0.isLetter }
        if word.count > 1, word.allSatisfy(\.isUppercase) { return self }
        return first.lowercased() + dropFirst()
    }
}
