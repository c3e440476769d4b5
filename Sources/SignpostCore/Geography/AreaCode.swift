/// An area a service covers or a victim lives in: the whole of England and Wales, a country, a police force area, a
/// local authority, a postcode area or a postcode district. Codes are ONS GSS codes or postcode units, upper case.
public struct AreaCode: StringIdentifier {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// All of England and Wales.
    public static let national = AreaCode("national")
    /// England (ONS country code).
    public static let england = AreaCode("E92000001")
    /// Wales (ONS country code).
    public static let wales = AreaCode("W92000004")

    /// What kind of area the code names, from its shape.
    public var kind: AreaKind {
        if self == .national { return .national }
        if let kind = AreaKind(gssCode: rawValue) { return kind }
        if Postcode.isArea(rawValue) { return .postcodeArea }
        if Postcode.isDistrict(rawValue) { return .postcodeDistrict }
        return .unknown
    }

    /// For a postcode district (`LS12`), its postcode area (`LS`).
    public var postcodeArea: AreaCode? {
        switch kind {
        case .postcodeArea: return self
        case .postcodeDistrict: return AreaCode(String(rawValue.prefix { $0.isLetter }))
        default: return nil
        }
    }

}

/// The kinds of area Signpost knows.
public enum AreaKind: String, Codable, Sendable, CaseIterable {
    case national
    case country
    case policeForceArea = "police-force-area"
    case localAuthority = "local-authority"
    case postcodeArea = "postcode-area"
    case postcodeDistrict = "postcode-district"
    case unknown

    /// The kind of a nine-character ONS GSS code, or `nil` when `code` is not one Signpost uses.
    init?(gssCode code: String) {
        let bytes = Array(code.utf8)
        guard bytes.count == 9, bytes[0] == UInt8(ascii: "E") || bytes[0] == UInt8(ascii: "W"),
            bytes[1...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        switch String(decoding: bytes[0..<3], as: UTF8.self) {
        case "E92", "W92": self = .country
        case "E23", "W15": self = .policeForceArea
        case "E06", "E07", "E08", "E09", "W06": self = .localAuthority
        default: return nil
        }
    }
}
