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
    /// `"Aire Valley Women's Aid"` -> `"aire-valley-women-s-aid"`; `"Café Noël"` -> `"cafe-noel"`. Letters that have
    /// no plain Latin form (`名前`) cannot be spelt in a slug: the slug then ends in a hash of the whole text
    /// (`list-3f2a9c1b`, or `x-3f2a9c1b` when nothing else is left), so that it is never empty and two different
    /// texts never share a slug by losing what tells them apart.
    public static func make(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        var lost = false
        func word(_ byte: UInt8) {
            if pendingHyphen, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            out.append(byte)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x61 && value <= 0x7A || value >= 0x30 && value <= 0x39 {
                word(UInt8(value))
            } else if value >= 0x41 && value <= 0x5A {
                word(UInt8(value + 0x20))
            } else if (0x300...0x36F).contains(value) {
                continue  // a combining accent: the letter before it stands
            } else if value >= 0x80, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                var spelt = false
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    let plain = NameSimilarity.unaccented[lower] ?? lower
                    if plain.value >= 0x61 && plain.value <= 0x7A {
                        word(UInt8(plain.value))
                        spelt = true
                    }
                }
                if !spelt {
                    lost = true
                    pendingHyphen = true
                }
            } else {
                pendingHyphen = true
            }
        }
        let hasContent = text.unicodeScalars.contains { !$0.properties.isWhitespace }
        if lost || (out.isEmpty && hasContent) {
            if out.isEmpty { out += Array("x".utf8) }
            out += Array("-\(hash(text))".utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Eight hex digits of a 64-bit FNV-1a hash of the text's UTF-8: stable across runs and machines.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
