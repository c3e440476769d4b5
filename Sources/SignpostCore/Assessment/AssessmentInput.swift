/// A needs assessment as a person or a program writes it: codes or aliases as text, read from flags or from JSON
/// (see Docs/Scoring.md). ``resolve(with:)`` checks every value against the vocabularies.
public struct AssessmentInput: Hashable, Codable, Sendable {
    public var needs: [String]
    public var secondaryNeeds: [String]
    public var crimeType: String?
    public var riskLevel: String?
    public var age: Int?
    /// An age band such as `18-24` or `65+`.
    public var ageBand: String?
    public var gender: String?
    public var language: String?
    public var interpreterOk: Bool?
    public var channels: [String]
    public var avoidChannels: [String]
    public var accessibility: [String]
    public var specialisms: [String]
    public var postcode: String?
    public var area: String?
    public var maxDistanceKm: Double?
    public var remoteOk: Bool?
    public var referralRoute: String?

    public init(
        needs: [String] = [],
        secondaryNeeds: [String] = [],
        crimeType: String? = nil,
        riskLevel: String? = nil,
        age: Int? = nil,
        ageBand: String? = nil,
        gender: String? = nil,
        language: String? = nil,
        interpreterOk: Bool? = nil,
        channels: [String] = [],
        avoidChannels: [String] = [],
        accessibility: [String] = [],
        specialisms: [String] = [],
        postcode: String? = nil,
        area: String? = nil,
        maxDistanceKm: Double? = nil,
        remoteOk: Bool? = nil,
        referralRoute: String? = nil
    ) {
        self.needs = needs
        self.secondaryNeeds = secondaryNeeds
        self.crimeType = crimeType
        self.riskLevel = riskLevel
        self.age = age
        self.ageBand = ageBand
        self.gender = gender
        self.language = language
        self.interpreterOk = interpreterOk
        self.channels = channels
        self.avoidChannels = avoidChannels
        self.accessibility = accessibility
        self.specialisms = specialisms
        self.postcode = postcode
        self.area = area
        self.maxDistanceKm = maxDistanceKm
        self.remoteOk = remoteOk
        self.referralRoute = referralRoute
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case needs
        case secondaryNeeds = "secondary_needs"
        case crimeType = "crime_type"
        case riskLevel = "risk_level"
        case age
        case ageBand = "age_band"
        case gender, language
        case interpreterOk = "interpreter_ok"
        case channels
        case avoidChannels = "avoid_channels"
        case accessibility, specialisms, postcode, area
        case maxDistanceKm = "max_distance_km"
        case remoteOk = "remote_ok"
        case referralRoute = "referral_route"
    }

    /// Any key of a JSON object, to find the ones an assessment does not have.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads the assessment's JSON, refusing a key it does not know (`postcod`) with the key it probably meant, so
    /// that a misspelt field is never silently ignored.
    public init(from decoder: any Decoder) throws {
        let known = CodingKeys.allCases.map(\.rawValue)
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).sorted()
        where !known.contains(key) {
            let close = known.compactMap { name in
                EditDistance.between(key.lowercased(), name, limit: max(2, key.count / 3)).map { ($0, name) }
            }.min { $0 < $1 }
            let hint = close.map { "; did you mean '\($0.1)'?" } ?? ""
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [],
                    debugDescription: "unknown key '\(key)'\(hint) (the keys are: \(known.joined(separator: ", ")))"
                )
            )
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String] {
            try container.decodeIfPresent([String].self, forKey: key) ?? []
        }
        needs = try list(.needs)
        secondaryNeeds = try list(.secondaryNeeds)
        crimeType = try container.decodeIfPresent(String.self, forKey: .crimeType)
        riskLevel = try container.decodeIfPresent(String.self, forKey: .riskLevel)
        if let years = try container.decodeIfPresent(Double.self, forKey: .age) {
            guard years.rounded() == years, abs(years) < 1_000 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .age,
                    in: container,
                    debugDescription: "an age is a whole number of years (0 to 120), not \(years)"
                )
            }
            age = Int(years)
        } else {
            age = nil
        }
        ageBand = try container.decodeIfPresent(String.self, forKey: .ageBand)
        gender = try container.decodeIfPresent(String.self, forKey: .gender)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        interpreterOk = try container.decodeIfPresent(Bool.self, forKey: .interpreterOk)
        channels = try list(.channels)
        avoidChannels = try list(.avoidChannels)
        accessibility = try list(.accessibility)
        specialisms = try list(.specialisms)
        postcode = try container.decodeIfPresent(String.self, forKey: .postcode)
        area = try container.decodeIfPresent(String.self, forKey: .area)
        maxDistanceKm = try container.decodeIfPresent(Double.self, forKey: .maxDistanceKm)
        remoteOk = try container.decodeIfPresent(Bool.self, forKey: .remoteOk)
        referralRoute = try container.decodeIfPresent(String.self, forKey: .referralRoute)
    }

    /// Values given by flags win over those from a file.
    public func overriding(with flags: AssessmentInput) -> AssessmentInput {
        var merged = self
        if !flags.needs.isEmpty { merged.needs = flags.needs }
        if !flags.secondaryNeeds.isEmpty { merged.secondaryNeeds = flags.secondaryNeeds }
        merged.crimeType = flags.crimeType ?? crimeType
        merged.riskLevel = flags.riskLevel ?? riskLevel
        merged.age = flags.age ?? age
        merged.ageBand = flags.ageBand ?? ageBand
        merged.gender = flags.gender ?? gender
        merged.language = flags.language ?? language
        merged.interpreterOk = flags.interpreterOk ?? interpreterOk
        if !flags.channels.isEmpty { merged.channels = flags.channels }
        if !flags.avoidChannels.isEmpty { merged.avoidChannels = flags.avoidChannels }
        if !flags.accessibility.isEmpty { merged.accessibility = flags.accessibility }
        if !flags.specialisms.isEmpty { merged.specialisms = flags.specialisms }
        if flags.postcode != nil || flags.area != nil {
            merged.postcode = flags.postcode
            merged.area = flags.area
        }
        merged.maxDistanceKm = flags.maxDistanceKm ?? maxDistanceKm
        merged.remoteOk = flags.remoteOk ?? remoteOk
        merged.referralRoute = flags.referralRoute ?? referralRoute
        return merged
    }

    /// The assessment, with every value checked against the vocabularies.
    /// - Throws: ``AssessmentError`` naming the field and value, with suggestions.
    public func resolve(with vocabularies: Vocabularies) throws(AssessmentError) -> NeedsAssessment {
        /// A blank single value is a field not given: forms send `""` for what was not chosen. (A blank entry in a
        /// list is refused as an unknown value: a list holds what was chosen.)
        func given(_ text: String?) -> String? {
            guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
            return text
        }
        func codes<Kind>(_ texts: [String], _ field: String) throws(AssessmentError) -> [VocabularyCode<Kind>] {
            var result: [VocabularyCode<Kind>] = []
            for text in texts {
                guard let code = vocabularies.resolve(text, as: VocabularyCode<Kind>.self) else {
                    throw AssessmentError.unknown(
                        field: field,
                        value: text,
                        vocabulary: Kind.vocabulary,
                        suggestions: vocabularies[Kind.vocabulary].suggestions(for: text)
                    )
                }
                if !result.contains(code) { result.append(code) }
            }
            return result
        }
        func code<Kind>(_ text: String?, _ field: String) throws(AssessmentError) -> VocabularyCode<Kind>? {
            guard let text = given(text) else { return nil }
            let found: [VocabularyCode<Kind>] = try codes([text], field)
            return found.first
        }

        var crime: CrimeType? = try code(crimeType, "crime")
        /// Need types, where a word that is not a need type but a crime type (`burglary`) stands for the needs its
        /// victims usually have (the first counted where the word is, the others as secondary needs), and records
        /// the crime when none was given.
        func needTypes(
            _ texts: [String],
            _ field: String
        ) throws(AssessmentError) -> (named: [NeedType], secondary: [NeedType]) {
            var named: [NeedType] = []
            var secondary: [NeedType] = []
            for text in texts {
                if let need = vocabularies.resolve(text, as: NeedType.self) {
                    if !named.contains(need) { named.append(need) }
                } else if let crimeType = vocabularies.resolve(text, as: CrimeType.self) {
                    let implied = vocabularies[.crimeTypes].term(code: crimeType.rawValue)?.attributes["needs"] ?? ""
                    let needs = implied.split(separator: ";").map { NeedType(String($0)) }
                    guard let first = needs.first else {
                        let _: [NeedType] = try codes([text], field)
                        continue
                    }
                    if !named.contains(first) { named.append(first) }
                    for need in needs.dropFirst() where !secondary.contains(need) { secondary.append(need) }
                    if crime == nil { crime = crimeType }
                } else {
                    let _: [NeedType] = try codes([text], field)
                }
            }
            return (named, secondary)
        }

        let primaryNeeds = try needTypes(needs, "need")
        let secondaryNeeds = try needTypes(self.secondaryNeeds, "secondary-need")
        let primary = primaryNeeds.named
        let secondary = (primaryNeeds.secondary + secondaryNeeds.named + secondaryNeeds.secondary).filter {
            !primary.contains($0)
        }
        guard !primary.isEmpty || !secondary.isEmpty else { throw AssessmentError.noNeeds }

        var ages: ClosedRange<Int>?
        if let age {
            guard (0...120).contains(age) else {
                throw AssessmentError.invalid(field: "age", value: String(age), reason: "an age is 0 to 120")
            }
            ages = age...age
        } else if let ageBand = given(ageBand) {
            ages = try AssessmentInput.parseAgeBand(ageBand)
        }

        let location = try LocationQuery.parse(postcode: given(postcode), area: given(area), vocabularies: vocabularies)
        if let maxDistanceKm, !(0...1000).contains(maxDistanceKm) {
            throw AssessmentError.invalid(field: "max-distance-km", value: "\(maxDistanceKm)", reason: "use 0 to 1000")
        }
        let language: LanguageCode? = try code(self.language, "language")
        return NeedsAssessment(
            needs: primary.map { NeedsAssessment.Need($0, isPrimary: true) }
                + secondary.reduce(into: [NeedType]()) { if !$0.contains($1) { $0.append($1) } }
                .map { NeedsAssessment.Need($0, isPrimary: false) },
            crimeType: crime,
            riskLevel: try code(riskLevel, "risk"),
            age: ages,
            gender: try code(gender, "gender"),
            language: language == "en" ? nil : language,
            interpreterAcceptable: interpreterOk ?? true,
            channels: try codes(channels, "channel"),
            avoidedChannels: try codes(avoidChannels, "avoid-channel"),
            accessibility: try codes(accessibility, "accessibility"),
            specialisms: try codes(specialisms, "specialism"),
            location: location,
            maximumDistanceKm: maxDistanceKm,
            remoteAcceptable: remoteOk ?? true,
            referralRoute: try code(referralRoute, "route") ?? .police
        )
    }

    /// `18-24` -> 18...24, `65+` -> 65...120, `under 18` / `<18` -> 0...17.
    static func parseAgeBand(_ text: String) throws(AssessmentError) -> ClosedRange<Int> {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        let digits = compact.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if compact.hasSuffix("+"), let low = digits.first, low <= 120 { return low...120 }
        if compact.hasPrefix("under") || compact.hasPrefix("<"), let high = digits.first, high > 0 {
            return 0...(high - 1)
        }
        if digits.count == 2, digits[0] <= digits[1], digits[1] <= 120 { return digits[0]...digits[1] }
        throw AssessmentError.invalid(field: "age-band", value: text, reason: "write it as 18-24, 65+ or under 18")
    }
}
