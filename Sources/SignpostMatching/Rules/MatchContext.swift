import SignpostCore

/// One assessment as the rules read it: its needs, groups and limits as bits against the index's numbering, worked
/// out once per match and held by reference, so that judging a candidate copies nothing.
final class MatchContext {
    /// A need of the assessment as numbers (nothing to retain, so that the judging loop copies it freely): its bit,
    /// the bits that meet it (with its child variant for a child), its weight in the needs share (primary 2,
    /// secondary 1) and the crime types it is about (`crime_types` in need-types.csv).
    struct NeedBits {
        var bit: UInt64
        var meets: UInt64
        var weight: Double
        var crimes: UInt64
        var isPrimary: Bool
    }

    /// A kind of service the assessment steers to: services meeting one of `needs` or offering one of
    /// `specialisms`.
    struct SteerBits {
        var needs: UInt64
        var specialisms: UInt64
    }

    let assessment: NeedsAssessment
    let location: ResolvedLocation
    let today: CalendarDate
    let weights: ScoringWeights
    /// Kilometres to the nearest public in-person location of each service within the victim's travel distance
    /// (only when a distance was given): the candidates found by distance.
    let distances: [Int32: Double]
    /// The place's codes as the index numbers them.
    let placeAreas: [Int32]
    /// The likeliest force area of an ambiguous place, as the index numbers areas.
    let likeliestForce: Int32?

    let needs: [NeedBits]
    /// The needs themselves, in the same order, for the explanations.
    let assessedNeeds: [NeedsAssessment.Need]
    /// Every bit that meets some need: the candidates' filter.
    let needMask: UInt64
    let primaryWeight: Double
    let allWeight: Double
    /// Whether the victim is known to be under 18.
    let isChild: Bool
    /// The need type and specialism of children's services, for a child (0 otherwise).
    let childrenNeed: UInt64
    let childrenSpecialism: UInt64
    let steering: [SteerBits]
    /// What each steering is, in the same order, for the explanations.
    let steerings: [Steering]

    let genderBit: UInt64
    let crimeBit: UInt64
    let riskBit: UInt64
    let routeBit: UInt64
    /// The language's position in the vocabulary, or nil for English.
    let languagePosition: Int?
    let wantsBSL: Bool
    let channels: UInt64
    let avoidedChannels: UInt64
    let accessibility: UInt64
    /// Specialisms asked for.
    let askedSpecialisms: UInt64
    /// Groups the assessment places the victim in, whatever the service: asked for, or by gender or language. Age
    /// groups depend on each service's ages and are decided per service.
    let memberGroups: UInt64
    /// Groups a known gender places the victim outside.
    let excludedGroups: UInt64
    /// The index's group bits, and its age groups' bits.
    let groups: UInt64
    let ageGroups: UInt64

    /// The index's arrays, held here so that judging a candidate reads them without copying the index.
    let services: [Service]
    let profiles: [ServiceProfile]
    let languages: [SpokenLanguages]
    let coverage: CoverageTable
    let areaCodes: [AreaCode]
    let points: PointTable
    /// The victim's point, ready for measuring distances from.
    let origin: Distance.Origin?
    let bits: ProfileBits
    let tables: RuleTables
    /// The genders vocabulary's codes, in order.
    let genderCodes: [Gender]

    /// Reads part of the service at `at` without copying the whole service (which would retain every one of its
    /// arrays): for the explanations.
    @inline(__always)
    func reading<Value>(_ at: Int, _ body: (borrowing Service) -> Value) -> Value {
        services.withUnsafeBufferPointer { body($0[at]) }
    }

    /// Every need bit that meets one of the assessment's needs (with child variants and children's services for a
    /// child): the candidates' filter.
    static func needMask(_ assessment: NeedsAssessment, index: MatchIndex) -> UInt64 {
        let isChild = (assessment.age?.upperBound ?? 18) < 18
        var mask = isChild ? index.tables.childrenNeed : 0
        for need in assessment.needs {
            guard let position = index.needBits[need.type] else { continue }
            mask |= 1 << UInt64(position)
            if isChild { mask |= index.tables.childVariants[position] ?? 0 }
        }
        return mask
    }

    init(
        index: MatchIndex,
        assessment: NeedsAssessment,
        location: ResolvedLocation,
        today: CalendarDate,
        weights: ScoringWeights,
        distances: [Int32: Double]
    ) {
        self.assessment = assessment
        self.location = location
        self.today = today
        self.weights = weights
        self.distances = distances
        placeAreas = index.areaNumbers(of: location)
        // -1 when no service covers it: then no service's coverage names it.
        likeliestForce =
            location.isAmbiguous ? location.forceAreas.first.map { index.areaNumbers[$0] ?? -1 } : nil

        let tables = index.tables
        let bits = index.bits
        isChild = (assessment.age?.upperBound ?? 18) < 18
        childrenNeed = isChild ? tables.childrenNeed : 0
        childrenSpecialism = isChild ? tables.childrenSpecialism : 0
        var needs: [NeedBits] = []
        var assessedNeeds: [NeedsAssessment.Need] = []
        for need in assessment.needs {
            guard let position = index.needBits[need.type] else { continue }
            let bit: UInt64 = 1 << UInt64(position)
            let variant = isChild ? tables.childVariants[position] ?? 0 : 0
            needs.append(
                NeedBits(
                    bit: bit,
                    meets: bit | variant,
                    weight: need.isPrimary ? 2 : 1,
                    crimes: tables.needCrimes[position] ?? 0,
                    isPrimary: need.isPrimary
                )
            )
            assessedNeeds.append(need)
        }
        self.needs = needs
        self.assessedNeeds = assessedNeeds
        needMask = Self.needMask(assessment, index: index)
        primaryWeight = needs.filter(\.isPrimary).reduce(0) { $0 + $1.weight }
        allWeight = needs.reduce(0) { $0 + $1.weight }

        let asked = needs.reduce(UInt64(0)) { $0 | $1.bit }
        var steering: [SteerBits] = []
        var steerings: [Steering] = []
        let highRisk = assessment.riskLevel?.rawValue == "high"
        for rule in tables.steering where asked & rule.needs != 0 && (!rule.highRiskOnly || highRisk) {
            steering.append(SteerBits(needs: rule.targetBit, specialisms: 0))
            steerings.append(.needType(rule.target, forHighRisk: rule.highRiskOnly))
        }
        if isChild {
            steering.append(SteerBits(needs: childrenNeed, specialisms: childrenSpecialism))
            steerings.append(.childrensService)
        }
        self.steering = steering
        self.steerings = steerings

        genderBit = bits.genders.bit(assessment.gender)
        crimeBit = bits.crimeTypes.bit(assessment.crimeType)
        riskBit = bits.riskLevels.bit(assessment.riskLevel)
        routeBit = bits.routes.bit(assessment.referralRoute)
        languagePosition = assessment.language.flatMap { bits.languages.position($0.rawValue) }
        wantsBSL = assessment.language == .britishSignLanguage
        channels = bits.channels.mask(assessment.channels)
        avoidedChannels = bits.channels.mask(assessment.avoidedChannels)
        accessibility = bits.accessibility.mask(assessment.accessibility)
        askedSpecialisms = bits.specialisms.mask(assessment.specialisms)

        var members = askedSpecialisms & tables.groups
        var excluded: UInt64 = 0
        for group in tables.genderGroups where genderBit != 0 {
            if group.members & genderBit != 0 {
                members |= group.bit
            } else if group.excludesOthers, members & group.bit == 0 {
                excluded |= group.bit
            }
        }
        if let language = assessment.language { members |= tables.languageGroups[language.rawValue] ?? 0 }
        memberGroups = members
        excludedGroups = excluded
        groups = tables.groups
        ageGroups = tables.ageGroups.reduce(UInt64(0)) { $0 | $1.bit }
        services = index.services
        profiles = index.profiles
        languages = index.languages
        coverage = index.coverage
        areaCodes = index.areaCodes
        points = index.points
        origin = location.point.map(Distance.Origin.init)
        self.bits = bits
        self.tables = tables
        genderCodes = index.genderCodes
    }

}
