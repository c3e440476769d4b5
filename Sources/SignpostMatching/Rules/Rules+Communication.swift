import SignpostCore

/// How a service reaches the victim: their language (question 7) and the ways it is delivered.
extension Rules {
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
}
