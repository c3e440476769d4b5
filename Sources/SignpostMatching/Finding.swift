public import SignpostCore

/// Something the matcher found about a service for an assessment: why it fits, what to watch for, or why it was
/// excluded. A stable code for programs and the values a sentence needs; the words are written at the edge
/// (`SignpostReports`), so that the matcher never speaks of command-line flags or request fields.
public enum Finding: Hashable, Sendable {
    // MARK: Why it fits

    /// It meets these of the victim's needs (`marksPrimary`: the assessment has secondary needs too, so say which
    /// are primary).
    case meets(needs: [NeedsAssessment.Need], marksPrimary: Bool)
    /// A children and young people's service, which meets any need of a child.
    case meetsAsChildrensService
    /// It is the kind of service the assessment steers to.
    case steered(Steering)
    /// It offers these of the specialisms asked for.
    case specialismsAsked([Specialism])
    /// It is for a group the assessment places the victim in, and why.
    case forGroup(Specialism, GroupEvidence)
    /// Its coverage names the victim's place through this area (`.national` for a national service).
    case covers(AreaCode)
    /// It does not cover the place but meets people in person within the distance the victim can travel.
    case withinReach(kilometres: Double, limit: Double)
    case languageInHouse(LanguageCode)
    case languageThroughInterpreter(LanguageCode)
    case wait(days: Int)
    case capacity(available: Int, maximum: Int, unit: CapacityUnit)
    /// Its nearest public in-person location, when the victim's point is known.
    case distance(kilometres: Double, town: String?)
    case channels([Channel])

    // MARK: What to watch for

    case unmetNeeds([NeedType])
    /// A group service for a group the assessment does not place the victim in.
    case groupNotRecorded(Specialism)
    /// Found by distance only: its coverage does not name the victim's place.
    case outsideCoverage
    case longWait(days: Int)
    case nearCapacity(percentInUse: Int)
    case interpreterOnly(LanguageCode)
    case stale(months: Int, verified: CalendarDate)
    case neverVerified
    /// The capacity, wait and status are the service's own report, made this many days ago (not its list's).
    case reportedByService(daysAgo: Int)
    case waitlist
    case waitUnknown
    case accessibilityMissing([AccessibilityFeature])
    /// The victim's age (band) lies partly outside the service's ages, or was not recorded.
    case ageToCheck(AgeLimit)
    /// A limit the assessment did not record.
    case genderNotRecorded([Gender])
    case crimeTypeNotRecorded([CrimeType])
    case riskLevelNotRecorded([RiskLevel])

    // MARK: Why it was excluded

    case notCovered(coverage: [AreaCode])
    case paused
    case full(maximum: Int?, unit: CapacityUnit)
    case age(AgeLimit)
    /// Limited to other genders, by its eligibility or by its group (`group`: the women-only or male-victims
    /// specialism that limits it).
    case gender(allowed: [Gender], group: Specialism?)
    case crimeType([CrimeType])
    case riskLevel([RiskLevel])
    case referralRoute(ReferralRoute, accepted: [ReferralRoute])
    case noLanguage(LanguageCode, interpreting: Bool)
    case onlyOtherLanguages([LanguageCode])
    case remoteOnly([Channel])
    case avoidedChannels([Channel])

    /// The stable code (`long-wait`, `gender`), as Docs/Scoring.md lists them.
    public var code: String {
        switch self {
        case .meets: "needs"
        case .meetsAsChildrensService: "childrens-service"
        case .steered: "steered"
        case .specialismsAsked: "specialism"
        case .forGroup: "group"
        case .covers: "covers"
        case .withinReach: "within-reach"
        case .languageInHouse: "language-in-house"
        case .languageThroughInterpreter: "language-interpreter"
        case .wait: "wait"
        case .capacity: "capacity"
        case .distance: "distance"
        case .channels: "channel"
        case .unmetNeeds: "unmet-needs"
        case .groupNotRecorded: "specialist"
        case .outsideCoverage: "outside-coverage"
        case .longWait: "long-wait"
        case .nearCapacity: "near-capacity"
        case .interpreterOnly: "interpreter-only"
        case .stale, .neverVerified: "stale"
        case .reportedByService: "reported-by-service"
        case .waitlist: "waitlist"
        case .waitUnknown: "wait-unknown"
        case .accessibilityMissing: "accessibility"
        case .ageToCheck, .age: "age"
        case .genderNotRecorded, .gender: "gender"
        case .crimeTypeNotRecorded, .crimeType: "crime-type"
        case .riskLevelNotRecorded, .riskLevel: "risk-level"
        case .notCovered: "not-covered"
        case .paused: "paused"
        case .full: "full"
        case .referralRoute: "referral-route"
        case .noLanguage, .onlyOtherLanguages: "language"
        case .remoteOnly: "remote-only"
        case .avoidedChannels: "avoided-channels"
        }
    }
}

/// A kind of service the assessment steers to (Docs/Scoring.md, question 5).
public enum Steering: Hashable, Sendable {
    /// A service meeting this need type (`idva`, `isva`), from `steer_to` in need-types.csv; `forHighRisk` when the
    /// steering applies only at high risk.
    case needType(NeedType, forHighRisk: Bool)
    /// A children and young people's service for a victim under 18.
    case childrensService
}

/// Why the assessment places the victim in a service's group.
public enum GroupEvidence: Hashable, Sendable {
    case asked
    case gender(Gender)
    case age(ClosedRange<Int>)
    case language(LanguageCode)
}

/// A service's age range as the matcher applies it: its own limits, or those its group implies when it states
/// none (a children's service without a maximum takes ages up to 17).
public struct AgeLimit: Hashable, Sendable {
    public var minimum: Int?
    public var maximum: Int?
    /// Whether a limit comes from the service's group rather than its own record.
    public var isImplied: Bool
    /// The victim's age (band), when recorded.
    public var victim: ClosedRange<Int>?

    public init(minimum: Int?, maximum: Int?, isImplied: Bool, victim: ClosedRange<Int>?) {
        self.minimum = minimum
        self.maximum = maximum
        self.isImplied = isImplied
        self.victim = victim
    }
}
