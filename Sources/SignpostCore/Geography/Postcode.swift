/// A full UK postcode, normalised to upper case with one space before the inward code (`LS1 4AP`).
public struct Postcode: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The outward code (`LS1`), which is the postcode district.
    public let outward: String
    /// The inward code (`4AP`).
    public let inward: String

    /// Parses a postcode written in any case and spacing (`ls14ap`, `LS1  4AP`); `nil` when it is not one.
    public init?(_ text: some StringProtocol) {
        var compact: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            compact.append(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte)
        }
        guard compact.count >= 5, compact.count <= 7 else { return nil }
        let outward = String(decoding: compact[..<(compact.count - 3)], as: UTF8.self)
        let inward = Array(compact[(compact.count - 3)...])
        guard Postcode.isDistrict(outward), Postcode.isDigit(inward[0]), Postcode.isLetter(inward[1]),
            Postcode.isLetter(inward[2])
        else { return nil }
        self.outward = outward
        self.inward = String(decoding: inward, as: UTF8.self)
    }

    /// `LS1 4AP`.
    public var description: String { "\(outward) \(inward)" }
    /// The postcode district (`LS1`).
    public var district: AreaCode { AreaCode(outward) }
    /// The postcode area (`LS`).
    public var area: AreaCode { AreaCode(String(outward.prefix { $0.isLetter })) }
    /// The postcode sector (`LS1 4`).
    public var sector: String { "\(outward) \(inward.prefix(1))" }

    public static func < (lhs: Postcode, rhs: Postcode) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let postcode = Postcode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a UK postcode")
        }
        self = postcode
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whether `text` (upper case) has the shape of a postcode area: one or two letters.
    public static func isArea(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...2).contains(bytes.count) && bytes.allSatisfy(isLetter)
    }

    /// Whether `text` (upper case) has the shape of a postcode district: `A9`, `A99`, `A9A`, `AA9`, `AA99`, `AA9A`.
    public static func isDistrict(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...4).contains(bytes.count), isLetter(bytes[0]) else { return false }
        var index = 1
        if isLetter(bytes[index]) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        index += 1
        if index == bytes.count { return true }
        guard index == bytes.count - 1 else { return false }
        return isDigit(bytes[index]) || isLetter(bytes[index])
    }

    static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
