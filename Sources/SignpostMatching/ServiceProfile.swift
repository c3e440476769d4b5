import SignpostCore

/// Positions of a vocabulary's codes as bits, for the judging pass.
struct CodeBits: Sendable {
    private let positions: [String: Int]

    init(_ vocabulary: Vocabulary) {
        var positions: [String: Int] = [:]
        for (position, term) in vocabulary.terms.enumerated() { positions[term.code] = position }
        self.positions = positions
    }

    func position(_ code: String) -> Int? { positions[code] }

    /// The mask of `codes` (codes past bit 63 are ignored; no vocabulary judged by mask is that long).
    func mask<Kind>(_ codes: [VocabularyCode<Kind>]) -> UInt64 {
        var mask: UInt64 = 0
        for code in codes {
            if let position = positions[code.rawValue], position < 64 { mask |= 1 << UInt64(position) }
        }
        return mask
    }

    func bit<Kind>(_ code: VocabularyCode<Kind>?) -> UInt64 {
        guard let code, let position = positions[code.rawValue], position < 64 else { return 0 }
        return 1 << UInt64(position)
    }
}

/// The vocabularies' bit positions used by service profiles.
struct ProfileBits: Sendable {
    let genders: CodeBits
    let crimeTypes: CodeBits
    let riskLevels: CodeBits
    let routes: CodeBits
    let channels: CodeBits
    let specialisms: CodeBits
    let accessibility: CodeBits
    let languages: CodeBits

    init(_ vocabularies: Vocabularies) {
        genders = CodeBits(vocabularies[.genders])
        crimeTypes = CodeBits(vocabularies[.crimeTypes])
        riskLevels = CodeBits(vocabularies[.riskLevels])
        routes = CodeBits(vocabularies[.referralRoutes])
        channels = CodeBits(vocabularies[.channels])
        specialisms = CodeBits(vocabularies[.specialisms])
        accessibility = CodeBits(vocabularies[.accessibility])
        languages = CodeBits(vocabularies[.languages])
    }
}

/// A service reduced to numbers and bit masks: what the judging pass needs, without a reference to count. The rules
/// themselves are `Evaluation`'s; `Matcher.judge` applies them to profiles, and a test checks that the two agree.
struct ServiceProfile: Sendable {
    var isPaused: Bool
    var isFull: Bool
    var minimumAge: Int
    var maximumAge: Int
    /// Allowed genders, crime types, risk levels; 0 means no restriction.
    var genders: UInt64
    var crimeTypes: UInt64
    var riskLevels: UInt64
    /// Accepted referral routes (police when the service lists none).
    var routes: UInt64
    /// Languages spoken in-house, three words of bits.
    var languages: (UInt64, UInt64, UInt64)
    var worksInEnglish: Bool
    var offersInterpreting: Bool
    var offersBSL: Bool
    /// Channels; 0 means none listed.
    var channels: UInt64
    var meetsInPerson: Bool
    var specialisms: UInt64
    var accessibility: UInt64
    /// Days, or -1 when not reported.
    var waitDays: Int
    /// Share of capacity free, or -1 when not known.
    var capacityFree: Double
    var lastVerified: CalendarDate?

    init(_ service: Service, bits: ProfileBits) {
        isPaused = service.status == .paused
        if let available = service.capacity?.available { isFull = available <= 0 } else { isFull = false }
        minimumAge = service.eligibility.minimumAge ?? 0
        maximumAge = service.eligibility.maximumAge ?? 120
        genders = bits.genders.mask(service.eligibility.genders)
        crimeTypes = bits.crimeTypes.mask(service.eligibility.crimeTypes)
        riskLevels = bits.riskLevels.mask(service.eligibility.riskLevels)
        routes = bits.routes.mask(service.acceptedReferralRoutes)
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        for language in service.languages {
            guard let position = bits.languages.position(language.rawValue) else { continue }
            let bit: UInt64 = 1 << UInt64(position % 64)
            switch position / 64 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            default: words.2 |= bit
            }
        }
        languages = words
        worksInEnglish = service.languages.isEmpty || service.languages.contains("en")
        offersInterpreting = service.offersInterpreting
        offersBSL = service.offersBSL
        channels = bits.channels.mask(service.channels)
        meetsInPerson = service.channels.contains { MatchIndex.inPerson.contains($0) }
        specialisms = bits.specialisms.mask(service.specialisms)
        accessibility = bits.accessibility.mask(service.accessibility)
        waitDays = service.waitingTime?.days ?? -1
        if let capacity = service.capacity, let available = capacity.available, let maximum = capacity.maximum,
            maximum > 0
        {
            capacityFree = min(1, max(0, Double(available) / Double(maximum)))
        } else {
            capacityFree = -1
        }
        lastVerified = service.provenance.lastVerified
    }

    func speaks(_ position: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(position % 64)
        switch position / 64 {
        case 0: return languages.0 & bit != 0
        case 1: return languages.1 & bit != 0
        default: return languages.2 & bit != 0
        }
    }
}
