/// Two services from different sources that are probably the same service listed twice (a commissioner's list and a
/// charity's list, say). Signpost only points such pairs out; it never merges them. `first` sorts before `second`.
public struct LikelyDuplicate: Hashable, Codable, Sendable {
    public var first: ServiceID
    public var second: ServiceID
    /// Why the two look the same, strongest first: shared charity number, phone, postcodes; then how alike the names
    /// are and the need types both meet.
    public var reasons: [DuplicateEvidence]
    /// How alike the names are, from 0 to 1 (``NameSimilarity``).
    public var nameSimilarity: Double

    public init(first: ServiceID, second: ServiceID, reasons: [DuplicateEvidence], nameSimilarity: Double) {
        self.first = first
        self.second = second
        self.reasons = reasons
        self.nameSimilarity = nameSimilarity
    }

    /// The reasons in plain English, joined: `same charity number 1123456; same phone 0113 245 0000; names 86% alike`.
    public var explanation: String { reasons.map(\.description).joined(separator: "; ") }

    /// Whether `id` is one of the two.
    public func involves(_ id: ServiceID) -> Bool { first == id || second == id }
}

/// The first pairs a search for likely duplicates found, and how many it found in all.
public struct DuplicateFindings: Sendable, Hashable {
    /// The first pairs, ordered by `first` then `second`.
    public var pairs: [LikelyDuplicate] = []
    /// How many pairs there are, kept or not.
    public var total = 0
    /// Whether every candidate pair was compared; `false` when the search stopped at
    /// ``DuplicateFinder/maxCandidatePairs`` (the pairs then are those found before it stopped).
    public var isComplete = true

    public init(pairs: [LikelyDuplicate] = [], total: Int = 0) {
        self.pairs = pairs
        self.total = total
    }
}

/// One piece of evidence that two services are the same. Its `description` is the plain-English reason shown to
/// people; it encodes as `{"kind": "same-phone", "value": "0113 245 0000"}` (need types as `need_types`).
public enum DuplicateEvidence: Hashable, Sendable, CustomStringConvertible {
    /// Their providers have the same registered charity number (normalised: `SC` and `NIC` prefixes kept, digits only).
    case sameCharityNumber(String)
    /// They have the same phone number, however each source wrote it.
    case samePhone(PhoneNumber)
    /// They have a public location at the same postcode.
    case samePostcode(Postcode)
    /// They have a confidential location (a refuge) at the same postcode. The postcode is never kept here, so that no
    /// report can reveal it; confidential postcodes are only ever compared with confidential postcodes.
    case sameConfidentialPostcode
    /// Their names are this alike, as a whole percentage rounded down (``NameSimilarity``).
    case similarNames(percent: Int)
    /// The need types both meet.
    case sharedNeedTypes([NeedType])

    /// `same charity number 1123456`, `same phone 0113 245 0000`, `same postcode LS1 4AP`, `names 86% alike`,
    /// `both meet domestic-abuse, stalking`.
    public var description: String {
        switch self {
        case .sameCharityNumber(let number): return "same charity number \(number)"
        case .samePhone(let phone): return "same phone \(phone)"
        case .samePostcode(let postcode): return "same postcode \(postcode)"
        case .sameConfidentialPostcode: return "same confidential location postcode (withheld)"
        case .similarNames(let percent): return "names \(percent)% alike"
        case .sharedNeedTypes(let needs): return "both meet " + needs.map(\.rawValue).joined(separator: ", ")
        }
    }

    /// A short stable name for the kind of evidence: `same-charity-number`, `same-phone`, `same-postcode`,
    /// `same-confidential-postcode`, `similar-names`, `shared-need-types`.
    public var kind: String {
        switch self {
        case .sameCharityNumber: return "same-charity-number"
        case .samePhone: return "same-phone"
        case .samePostcode: return "same-postcode"
        case .sameConfidentialPostcode: return "same-confidential-postcode"
        case .similarNames: return "similar-names"
        case .sharedNeedTypes: return "shared-need-types"
        }
    }
}

extension DuplicateEvidence: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, value, percent, needTypes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "same-charity-number": self = .sameCharityNumber(try container.decode(String.self, forKey: .value))
        case "same-phone": self = .samePhone(try container.decode(PhoneNumber.self, forKey: .value))
        case "same-postcode": self = .samePostcode(try container.decode(Postcode.self, forKey: .value))
        case "same-confidential-postcode": self = .sameConfidentialPostcode
        case "similar-names": self = .similarNames(percent: try container.decode(Int.self, forKey: .percent))
        case "shared-need-types": self = .sharedNeedTypes(try container.decode([NeedType].self, forKey: .needTypes))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "unknown kind of duplicate evidence '\(kind)'"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .sameCharityNumber(let number): try container.encode(number, forKey: .value)
        case .samePhone(let phone): try container.encode(phone, forKey: .value)
        case .samePostcode(let postcode): try container.encode(postcode, forKey: .value)
        case .sameConfidentialPostcode: break
        case .similarNames(let percent): try container.encode(percent, forKey: .percent)
        case .sharedNeedTypes(let needs): try container.encode(needs, forKey: .needTypes)
        }
    }
}
