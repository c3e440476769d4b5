/// Signpost's vocabularies, each kept as one file in `catalog/vocabularies/`.
public enum VocabularyName: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case needTypes = "need-types"
    case specialisms
    case crimeTypes = "crime-types"
    case riskLevels = "risk-levels"
    case channels
    case referralRoutes = "referral-routes"
    case accessibility
    case genders
    case languages
    case policeForceAreas = "police-force-areas"
    case postcodeAreas = "postcode-areas"
    case localAuthorities = "local-authorities"
    case regions

    public var description: String { rawValue }

    /// The position of the name in `allCases`.
    var ordinal: Int {
        switch self {
        case .needTypes: 0
        case .specialisms: 1
        case .crimeTypes: 2
        case .riskLevels: 3
        case .channels: 4
        case .referralRoutes: 5
        case .accessibility: 6
        case .genders: 7
        case .languages: 8
        case .policeForceAreas: 9
        case .postcodeAreas: 10
        case .localAuthorities: 11
        case .regions: 12
        }
    }

    /// The most terms the vocabulary may hold, or nil for no limit. The matcher holds a service's codes of these
    /// vocabularies as bit masks (64 or 32 bits), so a longer file is refused when the vocabularies load.
    public var maximumTerms: Int? {
        switch self {
        case .needTypes, .specialisms, .crimeTypes: 64
        case .riskLevels, .channels, .referralRoutes, .accessibility, .genders: 32
        case .languages: 192
        case .policeForceAreas, .postcodeAreas, .localAuthorities, .regions: nil
        }
    }

    /// Whether "did you mean" hints give the terms' labels rather than their codes: codes such as `pl`, `bfi` or
    /// `E23000010` mean little to a person, while need-type codes are the words people type.
    public var suggestsLabels: Bool {
        switch self {
        case .languages, .policeForceAreas, .localAuthorities, .regions: true
        default: false
        }
    }

    /// The file that holds the vocabulary, relative to `catalog/vocabularies/`.
    public var fileName: String { "\(rawValue).csv" }

    /// A short human name, for messages ("unknown need type 'dv2'").
    public var termNoun: String {
        switch self {
        case .needTypes: "need type"
        case .specialisms: "specialism"
        case .crimeTypes: "crime type"
        case .riskLevels: "risk level"
        case .channels: "channel"
        case .referralRoutes: "referral route"
        case .accessibility: "accessibility feature"
        case .genders: "gender"
        case .languages: "language"
        case .policeForceAreas: "police force area"
        case .postcodeAreas: "postcode area"
        case .localAuthorities: "local authority"
        case .regions: "region"
        }
    }
}
