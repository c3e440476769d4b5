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

/// Where the victim is, as given: a full postcode, a postcode district or area, or an area code.
public enum LocationQuery: Hashable, Codable, Sendable, CustomStringConvertible {
    case postcode(Postcode)
    case area(AreaCode)

    public var description: String {
        switch self {
        case .postcode(let postcode): postcode.description
        case .area(let area): area.rawValue
        }
    }
}
