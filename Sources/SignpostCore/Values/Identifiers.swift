/// A small typed wrapper around a string (ids, codes): compared, printed and encoded as that string.
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible
where RawValue == String {}

extension StringIdentifier {
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A service's id in Signpost: `SOURCE/RECORD-ID`, stable across imports of the same source.
public struct ServiceID: StringIdentifier {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The id of the record `recordID` of `source`.
    public init(source: SourceName, recordID: String) { self.rawValue = "\(source.rawValue)/\(recordID)" }

    /// The source part (before the first `/`).
    public var source: SourceName { SourceName(String(rawValue.prefix { $0 != "/" })) }

    /// The record id part (after the first `/`).
    public var recordID: String {
        guard let slash = rawValue.firstIndex(of: "/") else { return rawValue }
        return String(rawValue[rawValue.index(after: slash)...])
    }
}

/// A provider's id in Signpost (`charity-1234567`, or a slug of its name).
public struct ProviderID: StringIdentifier {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a source of service records (a commissioner's or a charity's list), e.g. `pcc-west-yorkshire`.
public struct SourceName: StringIdentifier {
    public let rawValue: String

    /// A source name exactly as stored.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a source name; the text is made into a slug (lower case, `a-z0-9-`).
    public init(_ text: String) { self.rawValue = Slug.make(text) }
}

/// One run of `signpost import`, numbered by the catalog.
public struct ImportID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public var description: String { String(rawValue) }
    public static func < (lhs: ImportID, rhs: ImportID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Makes slugs: lower-case ASCII letters and digits separated by single hyphens.
public enum Slug {
    /// `"Aire Valley Women's Aid"` -> `"aire-valley-women-s-aid"`.
    public static func make(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            let isWord =
                (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
                || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9"))
            if isWord {
                if pendingHyphen, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
