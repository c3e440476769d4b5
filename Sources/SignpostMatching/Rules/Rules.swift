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
}
