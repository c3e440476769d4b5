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

    enum CodingKeys: String, CodingKey {
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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String] {
            try container.decodeIfPresent([String].self, forKey: key) ?? []
        }
        needs = try list(.needs)
        secondaryNeeds = try list(.secondaryNeeds)
        crimeType = try container.decodeIfPresent(String.self, forKey: .crimeType)
        riskLevel = try container.decodeIfPresent(String.self, forKey: .riskLevel)
        age = try container.decodeIfPresent(Int.self, forKey: .age)
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
            guard let text else { return nil }
            let found: [VocabularyCode<Kind>] = try codes([text], field)
            return found.first
        }

        let primary: [NeedType] = try codes(needs, "need")
        let secondary: [NeedType] = try codes(secondaryNeeds, "secondary-need")
        guard !primary.isEmpty || !secondary.isEmpty else { throw AssessmentError.noNeeds }

        var ages: ClosedRange<Int>?
        if let age {
            guard (0...120).contains(age) else {
                throw AssessmentError.invalid(field: "age", value: String(age), reason: "an age is 0 to 120")
            }
            ages = age...age
        } else if let ageBand {
            ages = try AssessmentInput.parseAgeBand(ageBand)
        }

        var location: LocationQuery?
        if let postcode {
            if let parsed = Postcode(postcode) {
                location = .postcode(parsed)
            } else if let area = vocabularies.resolveArea(postcode),
                area.kind == .postcodeDistrict || area.kind == .postcodeArea
            {
                location = .area(area)
            } else {
                throw AssessmentError.invalid(
                    field: "postcode",
                    value: postcode,
                    reason: "not a UK postcode (for example LS1 4AP), district (LS1) or area (LS)"
                )
            }
        } else if let area {
            guard let resolved = vocabularies.resolveArea(area) else {
                throw AssessmentError.invalid(
                    field: "area",
                    value: area,
                    reason: "use a police force area code or name (E23000010, West Yorkshire), a local authority code, "
                        + "a postcode area or district, or 'national'"
                )
            }
            location = .area(resolved)
        }
        if let maxDistanceKm, !(0...1000).contains(maxDistanceKm) {
            throw AssessmentError.invalid(field: "max-distance-km", value: "\(maxDistanceKm)", reason: "use 0 to 1000")
        }
        let language: LanguageCode? = try code(self.language, "language")
        return NeedsAssessment(
            needs: primary.map { NeedsAssessment.Need($0, isPrimary: true) }
                + secondary.filter { !primary.contains($0) }.map { NeedsAssessment.Need($0, isPrimary: false) },
            crimeType: try code(crimeType, "crime"),
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

/// A needs assessment that cannot be used, with what to change.
public enum AssessmentError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknown(field: String, value: String, vocabulary: VocabularyName, suggestions: [String])
    case invalid(field: String, value: String, reason: String)
    case noNeeds

    /// The assessment JSON's key for each command-line flag.
    static let jsonKeys: [String: String] = [
        "need": "needs", "secondary-need": "secondary_needs", "crime": "crime_type", "risk": "risk_level",
        "age-band": "age_band", "channel": "channels", "avoid-channel": "avoid_channels",
        "specialism": "specialisms", "max-distance-km": "max_distance_km", "route": "referral_route",
    ]

    /// The message as the command line puts it (naming its flags: `--postcode`).
    public var description: String { message(forJSON: false) }

    /// The message naming the field as the command line (`--age-band`) or the assessment's JSON (`age_band`) has it.
    public func message(forJSON: Bool) -> String {
        func name(_ field: String) -> String { forJSON ? Self.jsonKeys[field] ?? field : "--\(field)" }
        switch self {
        case .unknown(let field, let value, let vocabulary, let suggestions):
            let hint =
                suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            return "unknown \(vocabulary.termNoun) '\(value)' for \(name(field))\(hint) "
                + "(see `signpost vocab \(vocabulary.rawValue)`)"
        case .invalid(let field, let value, let reason):
            return "\(name(field)) '\(value)': \(reason)"
        case .noNeeds:
            return forJSON
                ? "name at least one need (\"needs\": [\"domestic-abuse\"]; the codes are the need-types taxonomy)"
                : "name at least one need (--need domestic-abuse; see `signpost vocab need-types`)"
        }
    }
}
