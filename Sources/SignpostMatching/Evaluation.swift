import SignpostCore

/// The outcome of judging one service: exclusions, reasons, cautions (their text only when explaining) and the score
/// breakdown.
final class Verdict {
    var exclusions: [MatchNote] = []
    var reasons: [MatchNote] = []
    var cautions: [MatchNote] = []
    var breakdown = ScoreBreakdown()
    /// Whether any filter failed (known even when the text is not written).
    var isExcluded = false
    /// How many filters failed.
    var exclusionCount = 0
    /// How closely the service's coverage names the place (see `Evaluation.specificity`).
    var coverageSpecificity = 0

    func reset() {
        if !exclusions.isEmpty { exclusions.removeAll(keepingCapacity: true) }
        if !reasons.isEmpty { reasons.removeAll(keepingCapacity: true) }
        if !cautions.isEmpty { cautions.removeAll(keepingCapacity: true) }
        coverageSpecificity = 0
        breakdown = ScoreBreakdown()
        isExcluded = false
        exclusionCount = 0
    }
}

/// What every evaluation of one match shares, held once by reference so that judging a candidate copies nothing.
final class MatchContext {
    let matcher: Matcher
    let assessment: NeedsAssessment
    let location: ResolvedLocation
    let today: CalendarDate
    /// Kilometres to each nearby candidate's nearest public in-person location.
    let distances: [Int32: Double]
    /// The place's codes as the index numbers them.
    let placeAreas: [Int32]
    /// Each need's bit in the index and its weight (primary 2, secondary 1).
    let needBits: [(bit: UInt64, weight: Double)]
    /// The assessment as masks, for judging profiles.
    let genderBit: UInt64
    let crimeBit: UInt64
    let riskBit: UInt64
    let routeBit: UInt64
    /// The language's position, or nil for English.
    let languagePosition: Int?
    let wantsBSL: Bool
    let channels: UInt64
    let avoidedChannels: UInt64
    let specialisms: UInt64
    let accessibility: UInt64
    /// The likeliest force area of an ambiguous place, as the index numbers areas.
    let likeliestForce: Int32?
    /// The index's arrays and the weights, held here so that judging a candidate reads them without copying the
    /// index or the matcher.
    let profiles: [ServiceProfile]
    let languages: [SpokenLanguages]
    let needMasks: [UInt64]
    let coverage: CoverageTable
    let weights: ScoringWeights

    init(
        matcher: Matcher,
        assessment: NeedsAssessment,
        location: ResolvedLocation,
        today: CalendarDate,
        distances: [Int32: Double]
    ) {
        self.matcher = matcher
        self.assessment = assessment
        self.location = location
        self.today = today
        self.distances = distances
        placeAreas = matcher.index.areaNumbers(of: location)
        needBits = assessment.needs.map { (matcher.index.mask(of: $0.type), $0.isPrimary ? 2 : 1) }
        let bits = matcher.index.bits
        genderBit = bits.genders.bit(assessment.gender)
        crimeBit = bits.crimeTypes.bit(assessment.crimeType)
        riskBit = bits.riskLevels.bit(assessment.riskLevel)
        routeBit = bits.routes.bit(assessment.referralRoute)
        languagePosition = assessment.language.flatMap { bits.languages.position($0.rawValue) }
        wantsBSL = assessment.language == .britishSignLanguage
        channels = bits.channels.mask(assessment.channels)
        avoidedChannels = bits.channels.mask(assessment.avoidedChannels)
        specialisms = bits.specialisms.mask(assessment.specialisms)
        accessibility = bits.accessibility.mask(assessment.accessibility)
        profiles = matcher.index.profiles
        languages = matcher.index.languages
        needMasks = matcher.index.needMasks
        coverage = matcher.index.coverage
        weights = matcher.weights
        // -1 when no service covers it: then no service's coverage contains it.
        likeliestForce =
            location.isAmbiguous ? location.forceAreas.first.map { matcher.index.areaNumbers[$0] ?? -1 } : nil
    }
}

/// The filters, score and explanations for one service against one assessment.
struct Evaluation {
    let context: MatchContext
    let position: Int32
    /// Which text to write: suggestions shown need all of it, near misses only why they were excluded.
    let detail: Detail

    enum Detail {
        case exclusions
        case full
    }

    /// Whether reasons and cautions are written.
    var explain: Bool { detail == .full }

    /// Copied once: only the services shown or listed as near misses are evaluated (the rest are judged from
    /// their numeric profiles), and a local copy is cheaper than reaching through the index on every access.
    let service: Service
    var assessment: NeedsAssessment { _read { yield context.assessment } }
    var location: ResolvedLocation { _read { yield context.location } }
    var matcher: Matcher { _read { yield context.matcher } }
    var today: CalendarDate { context.today }
    /// Kilometres to the service's nearest public in-person location, when both points are known.
    var distance: Double? { context.distances[position] }

    /// Where the judgement is written; one is reused for every candidate of a match.
    let verdict: Verdict

    private func exclude(_ code: String, _ text: @autoclosure () -> String) {
        verdict.isExcluded = true
        verdict.exclusionCount += 1
        verdict.exclusions.append(MatchNote(code, text()))
    }

    private func reason(_ code: String, _ text: @autoclosure () -> String) {
        if explain { verdict.reasons.append(MatchNote(code, text())) }
    }

    private func caution(_ code: String, _ text: @autoclosure () -> String) {
        if explain { verdict.cautions.append(MatchNote(code, text())) }
    }

    private var breakdown: ScoreBreakdown {
        get { verdict.breakdown }
        nonmutating set { verdict.breakdown = newValue }
    }

    init(context: MatchContext, position: Int32, detail: Detail, verdict: Verdict) {
        verdict.reset()
        self.context = context
        self.position = position
        self.detail = detail
        self.verdict = verdict
        service = context.matcher.index.services[Int(position)]
    }

    var weights: ScoringWeights { context.weights }
    /// The service's numeric profile, read through the context's array (reaching through the matcher's index
    /// would copy the index).
    var profile: ServiceProfile { context.profiles[Int(position)] }

    func run() {
        needs()
        coverage()
        status()
        eligibility()
        referralRoute()
        communication()
        delivery()
        guard !verdict.isExcluded else { return }
        specialisms()
        waitingTime()
        capacity()
        nearness()
        channels()
        accessibility()
        freshness()
    }

    /// The weighted total, 0 to 100.
    var total: Double { verdict.breakdown.total(weights: weights) }

    func suggestion() -> ReferralSuggestion {
        let lead = verdict.reasons.prefix(4).map(\.text)
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
            reasons: verdict.reasons,
            cautions: verdict.cautions,
            status: service.status,
            waitDays: service.waitingTime?.days,
            contact: service.contact
        )
    }

    // MARK: Filters

    private func needs() {
        var possible = 0.0
        var achieved = 0.0
        var unmet = false
        let mask = context.needMasks[Int(position)]
        for need in context.needBits {
            possible += need.weight
            if need.bit & mask != 0 { achieved += need.weight } else { unmet = true }
        }
        breakdown.needs = possible > 0 ? achieved / possible : 0
        guard explain else { return }
        let marksPrimary = assessment.needs.contains { !$0.isPrimary }
        let described = assessment.needs.filter { service.needTypes.contains($0.type) }.map { need in
            matcher.label(need.type).lowercasedFirst + (need.isPrimary && marksPrimary ? " (primary)" : "")
        }
        reason("needs", "meets \(Matcher.list(described))")
        if unmet {
            let missing = assessment.needs.filter { !service.needTypes.contains($0.type) }
            caution(
                "unmet-needs",
                "does not cover \(Matcher.list(missing.map { matcher.label($0.type).lowercasedFirst }))"
            )
        }
    }

    private func coverage() {
        let specificity = bestSpecificity
        verdict.coverageSpecificity = specificity
        if specificity > 0 {
            guard explain else { return }
            let best =
                service.coverage.areas.filter { location.areas.contains($0) }
                .max { Self.specificity($0) < Self.specificity($1) } ?? .national
            reason(
                "covers",
                best == .national ? "national service" : "covers \(matcher.vocabularies.label(ofArea: best))"
            )
        } else if let distance, let limit = assessment.maximumDistanceKm, distance <= limit {
            reason(
                "within-reach",
                "\(Self.kilometres(distance)) away, within the \(Self.kilometres(limit)) the victim can travel"
            )
        } else {
            exclude(
                "not-covered",
                "does not cover \(location.query) "
                    + "(covers \(Matcher.list(service.coverage.areas.prefix(3).map { matcher.vocabularies.label(ofArea: $0) })))"
            )
        }
    }

    /// How closely the service's coverage names the place: the most specific of its areas the place has (0: none).
    private var bestSpecificity: Int { Self.bestSpecificity(position, context: context) }

    static func bestSpecificity(_ position: Int32, context: MatchContext) -> Int {
        context.coverage.specificity(of: position, in: context.placeAreas)
    }

    /// Nearness when no point is known: how closely the coverage names the place (see Docs/Scoring.md). Where the
    /// place may be in several force areas, a service only for a less likely one counts less.
    static func nearness(_ position: Int32, specificity: Int, context: MatchContext) -> Double {
        if specificity == 3, let likeliest = context.likeliestForce, !context.coverage.names(likeliest, at: position) {
            return 0.55
        }
        return switch specificity {
        case 6...: 1
        case 5: 0.9
        case 4: 0.85
        case 3: 0.7
        case 2: 0.4
        case 1: 0.3
        default: 0
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

    private func status() {
        switch service.status {
        case .paused:
            exclude("paused", "paused: not taking referrals")
        case .waitlist:
            caution("waitlist", "taking referrals onto a waiting list")
        case .accepting, .closed:
            break
        }
        if let capacity = service.capacity, let available = capacity.available, available <= 0 {
            let of = capacity.maximum.map { " of \($0)" } ?? ""
            exclude("full", "full (0\(of) \(capacity.unit.rawValue) free)")
        }
    }

    private func eligibility() {
        if let ages = assessment.age {
            let minimum = service.eligibility.minimumAge ?? 0
            let maximum = service.eligibility.maximumAge ?? 120
            if ages.upperBound < minimum || ages.lowerBound > maximum {
                exclude("age", "\(Self.ageRule(service.eligibility)) only")
            } else if ages.lowerBound < minimum || ages.upperBound > maximum {
                caution("age", "check age: \(Self.ageRule(service.eligibility)) only")
            }
        }
        let rules = service.eligibility
        guard !rules.genders.isEmpty || !rules.crimeTypes.isEmpty || !rules.riskLevels.isEmpty else { return }
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

    private func restriction<Kind>(
        _ allowed: [VocabularyCode<Kind>],
        given: VocabularyCode<Kind>?,
        code: String,
        describe: ([VocabularyCode<Kind>]) -> String
    ) {
        guard !allowed.isEmpty else { return }
        if let given {
            if !allowed.contains(given) { exclude(code, describe(allowed)) }
        } else {
            caution(code, "\(describe(allowed)) (not recorded in the assessment)")
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

    private func referralRoute() {
        // The profile answers without copying the service's routes; the text is written only on exclusion.
        if UInt64(profile.routes) & context.routeBit != 0 { return }
        let accepted = service.acceptedReferralRoutes
        exclude(
            "referral-route",
            "does not take \(matcher.label(assessment.referralRoute).lowercased())s "
                + "(\(matcher.labels(accepted).lowercased()) only)"
        )
    }

    private func communication() {
        guard let language = assessment.language else {
            if profile.worksInEnglish {
                breakdown.language = 1
            } else {
                exclude("language", "works in \(matcher.labels(service.languages)) only")
            }
            return
        }
        var name: String { matcher.label(language) }
        let inHouse =
            service.languages.contains(language) || (language == .britishSignLanguage && service.offersBSL)
        if inHouse {
            breakdown.language = 1
            reason("language-in-house", "\(name) spoken in-house")
        } else if service.offersInterpreting, assessment.interpreterAcceptable {
            breakdown.language = 0.5
            reason("language-interpreter", "\(name) through an interpreter")
            caution("interpreter-only", "no \(name) speakers: interpreter only")
        } else if service.offersInterpreting {
            exclude("language", "no \(name) speakers, and an interpreter is not acceptable")
        } else {
            exclude("language", "no \(name) speakers and no interpreting")
        }
    }

    private func delivery() {
        let channels = service.channels
        guard !channels.isEmpty else { return }
        if !assessment.remoteAcceptable, !profile.meetsInPerson {
            exclude(
                "remote-only",
                "\(matcher.labels(channels).lowercased()) only; remote support is not acceptable"
            )
        }
        if !assessment.avoidedChannels.isEmpty, channels.allSatisfy({ assessment.avoidedChannels.contains($0) }) {
            exclude(
                "avoided-channels",
                "only by \(matcher.labels(channels).lowercased()), which the victim cannot use"
            )
        }
    }

    // MARK: Score

    private func specialisms() {
        guard !assessment.specialisms.isEmpty else {
            // No preference: a general service fits better than one for a particular group.
            breakdown.specialism = service.specialisms.isEmpty ? 1 : 0.5
            if !service.specialisms.isEmpty {
                caution("specialist", "specialist service: \(matcher.labels(service.specialisms).lowercased())")
            }
            return
        }
        let offered = assessment.specialisms.filter { service.specialisms.contains($0) }
        breakdown.specialism = Double(offered.count) / Double(assessment.specialisms.count)
        if !offered.isEmpty {
            reason("specialism", "\(matcher.labels(offered).lowercasedFirst), as preferred")
        }
    }

    private func waitingTime() {
        guard let wait = service.waitingTime else {
            breakdown.waitingTime = 0.5
            caution("wait-unknown", "no waiting time reported")
            return
        }
        breakdown.waitingTime = max(0, 1 - Double(wait.days) / weights.waitHorizonDays)
        let days = wait.days == 1 ? "1 day" : "\(wait.days) days"
        reason("wait", wait.days == 0 ? "no wait" : "wait about \(days)")
        if wait.days >= weights.longWaitDays {
            caution("long-wait", "long wait: about \(wait.days) days")
        }
    }

    private func capacity() {
        guard let capacity = service.capacity, let available = capacity.available, let maximum = capacity.maximum,
            maximum > 0
        else {
            breakdown.capacity = 0.5
            return
        }
        let free = Double(available) / Double(maximum)
        breakdown.capacity = min(1, max(0, free))
        reason("capacity", "\(available) of \(maximum) \(capacity.unit.rawValue) free")
        if 1 - free >= weights.nearCapacityShare {
            caution("near-capacity", "at \(Int(((1 - free) * 100).rounded()))% of capacity")
        }
    }

    private func nearness() {
        let inPerson = profile.meetsInPerson
        guard location.point != nil, inPerson else {
            // Without a distance, how closely the service's coverage names the place stands in for nearness: a
            // service for this district is nearer than one for the whole force area, which is nearer than a
            // national one.
            breakdown.distance = Self.nearness(position, specificity: verdict.coverageSpecificity, context: context)
            return
        }
        guard let distance else {
            breakdown.distance = 0
            return
        }
        let horizon = assessment.maximumDistanceKm ?? weights.distanceHorizonKm
        breakdown.distance = max(0, 1 - distance / max(horizon, 1))
        if explain, !verdict.reasons.contains(where: { $0.code == "within-reach" }) {
            reason("distance", "\(Self.kilometres(distance)) away")
        }
    }

    private func channels() {
        guard !assessment.channels.isEmpty else {
            breakdown.channel = 0.5
            return
        }
        let offered = assessment.channels.filter { service.channels.contains($0) }
        breakdown.channel = Double(offered.count) / Double(assessment.channels.count)
        if !offered.isEmpty { reason("channel", "by \(matcher.labels(offered).lowercased())") }
    }

    private func accessibility() {
        guard !assessment.accessibility.isEmpty else {
            breakdown.accessibility = 0.5
            return
        }
        let offered = assessment.accessibility.filter { service.accessibility.contains($0) }
        breakdown.accessibility = Double(offered.count) / Double(assessment.accessibility.count)
        let missing = assessment.accessibility.filter { !service.accessibility.contains($0) }
        if !missing.isEmpty {
            caution("accessibility", "does not list \(matcher.labels(missing).lowercased())")
        }
    }

    private func freshness() {
        guard let verified = service.provenance.lastVerified else {
            caution("stale", "data never verified")
            return
        }
        let months = verified.months(until: today)
        let limit = weights.staleAfterMonths
        breakdown.freshness = max(0, min(1, 1 - Double(months) / Double(2 * limit)))
        if months >= limit {
            caution("stale", "data last verified \(months) months ago (\(verified))")
        }
    }

    static func kilometres(_ value: Double) -> String {
        value < 10 ? "\((value * 10).rounded() / 10) km" : "\(Int(value.rounded())) km"
    }
}

extension String {
    /// The text with its first letter in lower case, unless the first word is an acronym (`ISVA`, `BSL`).
    var lowercasedFirst: String {
        var bytes = Array(utf8)
        guard let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return self }
        if bytes.count > 1, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[1]) { return self }
        bytes[0] = first + 32
        return String(decoding: bytes, as: UTF8.self)
    }
}
