/// What police staff record about a victim's needs — not who the victim is. It carries no name, address or date of
/// birth, and Signpost never writes it to disk or to a log.
public struct NeedsAssessment: Hashable, Codable, Sendable {
    /// A need, primary (the main reason for referral) or secondary.
    public struct Need: Hashable, Codable, Sendable {
        public var type: NeedType
        public var isPrimary: Bool

        public init(_ type: NeedType, isPrimary: Bool = true) {
            self.type = type
            self.isPrimary = isPrimary
        }
    }

    public var needs: [Need]
    public var crimeType: CrimeType?
    public var riskLevel: RiskLevel?
    /// Age in years, or the range of an age band.
    public var age: ClosedRange<Int>?
    public var gender: Gender?
    /// The language the victim wants support in; `nil` means English.
    public var language: LanguageCode?
    /// Whether support through an interpreter is acceptable.
    public var interpreterAcceptable: Bool
    /// Preferred ways of being contacted.
    public var channels: [Channel]
    /// Ways the victim must not be contacted (no letters, no online).
    public var avoidedChannels: [Channel]
    public var accessibility: [AccessibilityFeature]
    /// Preferred specialisms (a women-only or by-and-for service, a female worker).
    public var specialisms: [Specialism]
    public var location: LocationQuery?
    /// How far the victim can travel for face-to-face support.
    public var maximumDistanceKm: Double?
    /// Whether phone, online, video or text support is acceptable.
    public var remoteAcceptable: Bool
    public var referralRoute: ReferralRoute

    public init(
        needs: [Need],
        crimeType: CrimeType? = nil,
        riskLevel: RiskLevel? = nil,
        age: ClosedRange<Int>? = nil,
        gender: Gender? = nil,
        language: LanguageCode? = nil,
        interpreterAcceptable: Bool = true,
        channels: [Channel] = [],
        avoidedChannels: [Channel] = [],
        accessibility: [AccessibilityFeature] = [],
        specialisms: [Specialism] = [],
        location: LocationQuery? = nil,
        maximumDistanceKm: Double? = nil,
        remoteAcceptable: Bool = true,
        referralRoute: ReferralRoute = .police
    ) {
        self.needs = needs
        self.crimeType = crimeType
        self.riskLevel = riskLevel
        self.age = age
        self.gender = gender
        self.language = language
        self.interpreterAcceptable = interpreterAcceptable
        self.channels = channels
        self.avoidedChannels = avoidedChannels
        self.accessibility = accessibility
        self.specialisms = specialisms
        self.location = location
        self.maximumDistanceKm = maximumDistanceKm
        self.remoteAcceptable = remoteAcceptable
        self.referralRoute = referralRoute
    }

    /// The need types, primary first.
    public var needTypes: [NeedType] {
        needs.filter(\.isPrimary).map(\.type) + needs.filter { !$0.isPrimary }.map(\.type)
    }
}

/// Where the victim is, as given: a full postcode, a postcode district or area, an area code, or a region of several
/// force areas (`London`).
public enum LocationQuery: Hashable, Codable, Sendable, CustomStringConvertible {
    case postcode(Postcode)
    case area(AreaCode)
    /// A region's code in `regions.csv` (`london`).
    case region(String)

    public var description: String {
        switch self {
        case .postcode(let postcode): postcode.description
        case .area(let area): area.rawValue
        case .region(let code): code
        }
    }

    /// Reads a place as a person gives it: a postcode (`LS7 3AB`), district (`LS7`) or postcode area (`LS`); or an
    /// area code or name (`E23000010`, `West Yorkshire`, `Leeds`) or a region (`London`). A postcode wins over an
    /// area when both are given. Places outside England and Wales, postcode areas that do not exist and regions too
    /// broad to search (`Yorkshire`) are refused with what to give instead.
    /// - Parameters:
    ///   - postcode: the postcode, district or postcode area given.
    ///   - area: the area given.
    /// - Returns: nil when neither is given.
    public static func parse(
        postcode: String?,
        area: String?,
        vocabularies: Vocabularies
    ) throws(AssessmentError) -> LocationQuery? {
        func check(_ outward: String, field: String, value: String) throws(AssessmentError) {
            do {
                try vocabularies.checkPostcodePlace(outward: outward, place: value)
            } catch {
                throw .place(field: field, value: value, problem: error)
            }
        }
        if let postcode = postcode.flatMap({ $0.trimmingSpaces.isEmpty ? nil : $0 }) {
            if let parsed = Postcode(postcode) {
                try check(parsed.outward, field: "postcode", value: parsed.description)
                return .postcode(parsed)
            }
            let compact = postcode.uppercased().filter { $0 != " " && $0 != "\t" }
            if Postcode.isDistrict(compact) || Postcode.isArea(compact) {
                try check(compact, field: "postcode", value: compact)
                return .area(AreaCode(compact))
            }
            throw .invalid(
                field: "postcode",
                value: postcode,
                reason: "not a UK postcode (for example LS1 4AP), district (LS1) or area (LS)"
            )
        }
        guard let area = area.flatMap({ $0.trimmingSpaces.isEmpty ? nil : $0 }) else { return nil }
        let compact = area.uppercased().filter { $0 != " " }
        if Postcode.isDistrict(compact) || Postcode.isArea(compact) {
            // Shaped like a postcode district or area: placed (or refused) as one.
            try check(compact, field: "area", value: compact)
            return .area(AreaCode(compact))
        }
        if let resolved = vocabularies.resolveArea(area) { return .area(resolved) }
        if let region = vocabularies.region(area) {
            if region.mustChoose {
                throw .place(
                    field: "area",
                    value: area,
                    problem: .chooseForceArea(
                        place: area,
                        region: region.label,
                        forceAreas: region.forceAreas.map { vocabularies.label(ofArea: $0) }
                    )
                )
            }
            return .region(region.code)
        }
        var suggestions: [String] = []
        for name in [VocabularyName.policeForceAreas, .localAuthorities, .regions] {
            suggestions += vocabularies[name].suggestions(for: area, limit: 2)
        }
        let hint =
            suggestions.isEmpty
            ? "" : "; did you mean \(suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or "))?"
        throw .invalid(
            field: "area",
            value: area,
            reason: "not a known place\(hint) (give a police force area (West Yorkshire, E23000010), a local authority "
                + "(Leeds, E08000035), a postcode district or area, London, or 'national')"
        )
    }
}

extension String {
    /// The text without surrounding spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
