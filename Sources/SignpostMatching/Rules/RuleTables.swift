import SignpostCore

/// What the rules read from the vocabularies, as bits, built once per index: which specialisms are groups and who
/// belongs to them, which need types have a child variant or steer to a kind of service, and which crime types each
/// need type is about (Docs/Scoring.md; the columns of need-types.csv and specialisms.csv).
struct RuleTables: Sendable {
    /// A steering from `steer_to` in need-types.csv: a victim with one of `needs` (and at high risk, when
    /// `highRiskOnly`) is steered to services meeting `target`.
    struct SteerRule: Sendable {
        var needs: UInt64
        var target: NeedType
        var targetBit: UInt64
        var highRiskOnly: Bool
    }

    /// An age group's range (`ages` in specialisms.csv), applied when a service of the group states none.
    struct AgeGroup: Sendable {
        var bit: UInt64
        var minimum: Int?
        var maximum: Int?
    }

    /// A gender group: `member_genders` place a victim in it; with `excludesOthers`, a victim of another known
    /// gender is outside it.
    struct GenderGroup: Sendable {
        var bit: UInt64
        var members: UInt64
        var excludesOthers: Bool
    }

    /// Specialisms that are groups (who a service is for), as bits.
    let groups: UInt64
    let ageGroups: [AgeGroup]
    let genderGroups: [GenderGroup]
    /// For each language code, the groups it places a victim in (BSL: Deaf BSL users).
    let languageGroups: [String: UInt64]
    /// Each need type's child variant, by need bit.
    let childVariants: [Int: UInt64]
    let steering: [SteerRule]
    /// The crime types each need type is about, by need bit.
    let needCrimes: [Int: UInt64]
    /// The need type and specialism for children and young people.
    let childrenNeed: UInt64
    let childrenSpecialism: UInt64

    init(vocabularies: Vocabularies, needBits: [NeedType: Int], bits: ProfileBits) {
        func needBit(_ code: String) -> UInt64 { needBits[NeedType(code)].map { 1 << UInt64($0) } ?? 0 }
        func codes(_ text: String?) -> [String] {
            (text ?? "").split(separator: ";").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        }
        var groups: UInt64 = 0
        var ageGroups: [AgeGroup] = []
        var genderGroups: [GenderGroup] = []
        var languageGroups: [String: UInt64] = [:]
        for term in vocabularies[.specialisms].terms {
            let bit = bits.specialisms.bit(Specialism(term.code))
            guard term.attributes["group"] == "yes", bit != 0 else { continue }
            groups |= bit
            if let ages = term.attributes["ages"], let range = AgeGroup.parse(ages) {
                ageGroups.append(AgeGroup(bit: bit, minimum: range.minimum, maximum: range.maximum))
            }
            let members = codes(term.attributes["member_genders"]).reduce(UInt64(0)) {
                $0 | bits.genders.bit(Gender($1))
            }
            if members != 0 {
                genderGroups.append(
                    GenderGroup(
                        bit: bit,
                        members: members,
                        excludesOthers: term.attributes["other_genders"] == "excluded"
                    )
                )
            }
            for language in codes(term.attributes["member_languages"]) { languageGroups[language, default: 0] |= bit }
        }
        self.groups = groups
        self.ageGroups = ageGroups
        self.genderGroups = genderGroups
        self.languageGroups = languageGroups

        var childVariants: [Int: UInt64] = [:]
        var steering: [SteerRule] = []
        var needCrimes: [Int: UInt64] = [:]
        for term in vocabularies[.needTypes].terms {
            guard let position = needBits[NeedType(term.code)] else { continue }
            if let variant = term.attributes["child_variant"], needBit(variant) != 0 {
                childVariants[position] = needBit(variant)
            }
            for target in codes(term.attributes["steer_to"]) {
                let parts = target.split(separator: "@").map(String.init)
                let targetBit = needBit(parts[0])
                guard targetBit != 0 else { continue }
                let highRiskOnly = parts.count > 1 && parts[1] == "high"
                if let index = steering.firstIndex(where: {
                    $0.target.rawValue == parts[0] && $0.highRiskOnly == highRiskOnly
                }) {
                    steering[index].needs |= 1 << UInt64(position)
                } else {
                    steering.append(
                        SteerRule(
                            needs: 1 << UInt64(position),
                            target: NeedType(parts[0]),
                            targetBit: targetBit,
                            highRiskOnly: highRiskOnly
                        )
                    )
                }
            }
            needCrimes[position] = codes(term.attributes["crime_types"]).reduce(UInt64(0)) {
                $0 | bits.crimeTypes.bit(CrimeType($1))
            }
        }
        self.childVariants = childVariants
        self.steering = steering
        self.needCrimes = needCrimes
        childrenNeed = needBit("children-young-people")
        childrenSpecialism = bits.specialisms.bit(Specialism("children-young-people"))
    }

    /// A service's ages as the rules apply them: its own, with its age groups' limits where it states none.
    func ages(of service: Service, specialisms: UInt64) -> (minimum: Int?, maximum: Int?, implied: Bool) {
        var minimum = service.eligibility.minimumAge
        var maximum = service.eligibility.maximumAge
        var implied = false
        for group in ageGroups where specialisms & group.bit != 0 {
            if minimum == nil, let low = group.minimum {
                minimum = low
                implied = true
            }
            if maximum == nil, let high = group.maximum {
                maximum = high
                implied = true
            }
        }
        return (minimum, maximum, implied)
    }
}

extension RuleTables.AgeGroup {
    /// `0-17`, `60+`.
    static func parse(_ text: String) -> (minimum: Int?, maximum: Int?)? {
        let trimmed = text.filter { $0 != " " }
        if trimmed.hasSuffix("+"), let low = Int(trimmed.dropLast()) { return (low, nil) }
        let parts = trimmed.split(separator: "-").compactMap { Int($0) }
        if parts.count == 2 { return (parts[0], parts[1]) }
        return nil
    }
}
