/// A needs assessment that cannot be used, with what to change.
public enum AssessmentError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknown(field: String, value: String, vocabulary: VocabularyName, suggestions: [String])
    case invalid(field: String, value: String, reason: String)
    case noNeeds
    /// A place that cannot be used: outside England and Wales, a postcode area that does not exist, a region too
    /// broad to search.
    case place(field: String, value: String, problem: PlaceProblem)

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
            let list = forJSON ? "" : " (see `signpost vocab \(vocabulary.rawValue)`)"
            return "unknown \(vocabulary.termNoun) '\(value)' for \(name(field))\(hint)\(list)"
        case .invalid(let field, let value, let reason):
            return "\(name(field)) '\(value)': \(reason)"
        case .place(let field, let value, let problem):
            return "\(name(field)) '\(value)': \(problem.reason)"
        case .noNeeds:
            return forJSON
                ? "name at least one need (\"needs\": [\"domestic-abuse\"]; the codes are the need-types taxonomy)"
                : "name at least one need (--need domestic-abuse; see `signpost vocab need-types`)"
        }
    }
}
