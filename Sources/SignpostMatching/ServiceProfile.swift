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

/// A service reduced to numbers and bit masks: what the rules (`Rules`) read, without a reference to count.
///
/// Kept to 64 bytes (the languages spoken are in a separate array, read only when the victim needs a language
/// other than English): judging touches hundreds of profiles per match at scattered positions, so the time goes on
/// memory, and a profile that spans one cache line rather than three makes the pass about twice as fast.
struct ServiceProfile: Sendable {
    /// Crime types and specialisms, and (below) genders, risk levels, referral routes, channels and accessibility
    /// features as bits; 0 means no restriction (or none listed). `VocabularyName.maximumTerms` keeps every
    /// vocabulary within its mask.
    var crimeTypes: UInt64
    var specialisms: UInt64
    /// The need types it meets, as bits: held here too (not only in the index's own array) so that judging a
    /// candidate reads one cache line rather than two.
    var needs: UInt64
    /// Share of capacity free, or -1 when not known.
    var capacityFree: Double
    var genders: UInt32
    var riskLevels: UInt32
    /// Accepted referral routes (police when the service lists none).
    var routes: UInt32
    var channels: UInt32
    var accessibility: UInt32
    /// Days, or -1 when not reported.
    var waitDays: Int32
    /// When the record was last verified; year 0 when never.
    var verifiedYear: Int16
    var verifiedMonth: UInt8
    var verifiedDay: UInt8
    /// The ages the rules apply: the service's own, or its age group's where it states none (`RuleTables.ages`).
    var minimumAge: UInt8
    var maximumAge: UInt8
    private var flags: UInt8

    private static let paused: UInt8 = 1
    private static let full: UInt8 = 2
    private static let english: UInt8 = 4
    private static let interpreting: UInt8 = 8
    private static let bsl: UInt8 = 16
    private static let inPerson: UInt8 = 32
    private static let publicPoint: UInt8 = 64

    var isPaused: Bool { flags & Self.paused != 0 }
    var isFull: Bool { flags & Self.full != 0 }
    var worksInEnglish: Bool { flags & Self.english != 0 }
    var offersInterpreting: Bool { flags & Self.interpreting != 0 }
    var offersBSL: Bool { flags & Self.bsl != 0 }
    var meetsInPerson: Bool { flags & Self.inPerson != 0 }
    /// Whether it has a public (not confidential) location with a point, so that a distance can be known.
    var hasPublicPoint: Bool { flags & Self.publicPoint != 0 }

    init(_ service: Service, needs: UInt64, bits: ProfileBits, tables: RuleTables) {
        self.needs = needs
        var flags: UInt8 = 0
        if service.status == .paused { flags |= Self.paused }
        if let available = service.capacity?.available, available <= 0 { flags |= Self.full }
        if service.languages.isEmpty || service.languages.contains("en") { flags |= Self.english }
        if service.offersInterpreting { flags |= Self.interpreting }
        if service.offersBSL { flags |= Self.bsl }
        if service.channels.contains(where: { MatchIndex.inPerson.contains($0) }) { flags |= Self.inPerson }
        if service.locations.contains(where: { !$0.isConfidential && $0.point != nil }) { flags |= Self.publicPoint }
        self.flags = flags
        let ages = tables.ages(of: service, specialisms: bits.specialisms.mask(service.specialisms))
        minimumAge = UInt8(clamping: ages.minimum ?? 0)
        maximumAge = UInt8(clamping: ages.maximum ?? 120)
        genders = UInt32(truncatingIfNeeded: bits.genders.mask(service.eligibility.genders))
        crimeTypes = bits.crimeTypes.mask(service.eligibility.crimeTypes)
        riskLevels = UInt32(truncatingIfNeeded: bits.riskLevels.mask(service.eligibility.riskLevels))
        routes = UInt32(truncatingIfNeeded: bits.routes.mask(service.acceptedReferralRoutes))
        channels = UInt32(truncatingIfNeeded: bits.channels.mask(service.channels))
        specialisms = bits.specialisms.mask(service.specialisms)
        accessibility = UInt32(truncatingIfNeeded: bits.accessibility.mask(service.accessibility))
        waitDays = Int32(clamping: service.waitingTime?.days ?? -1)
        if let capacity = service.capacity, let available = capacity.available, let maximum = capacity.maximum,
            maximum > 0
        {
            capacityFree = min(1, max(0, Double(available) / Double(maximum)))
        } else {
            capacityFree = -1
        }
        if let verified = service.provenance.lastVerified {
            verifiedYear = Int16(clamping: verified.year)
            verifiedMonth = UInt8(clamping: verified.month)
            verifiedDay = UInt8(clamping: verified.day)
        } else {
            verifiedYear = 0
            verifiedMonth = 0
            verifiedDay = 0
        }
    }

    /// Whole months from the last verification to `today` (as `CalendarDate.months(until:)` counts them), or nil
    /// when the record was never verified.
    func monthsSinceVerified(_ today: CalendarDate) -> Int? {
        guard verifiedYear != 0 else { return nil }
        let day = Int(verifiedDay)
        var months = (today.year - Int(verifiedYear)) * 12 + (today.month - Int(verifiedMonth))
        if months > 0, today.day < day { months -= 1 }
        if months < 0, today.day > day { months += 1 }
        return months
    }
}

/// The languages a service speaks in-house, as three words of bits (the languages vocabulary's positions).
struct SpokenLanguages: Sendable {
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    init(_ service: Service, bits: ProfileBits) {
        for language in service.languages {
            guard let position = bits.languages.position(language.rawValue) else { continue }
            let bit: UInt64 = 1 << UInt64(position % 64)
            switch position / 64 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            default: words.2 |= bit
            }
        }
    }

    func contains(_ position: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(position % 64)
        switch position / 64 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        default: return words.2 & bit != 0
        }
    }
}
