/// The encoding a text file was found to be in.
public enum TextEncoding: String, Hashable, Codable, Sendable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8 with byte-order mark"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    /// Not valid UTF-8, with bytes in 0x80–0x9F: read as Windows-1252.
    case windows1252 = "windows-1252"
    /// Not valid UTF-8, no bytes in 0x80–0x9F: read as ISO-8859-1.
    case latin1 = "iso-8859-1"

    /// Whether the file had to be converted from a legacy encoding (worth telling the user).
    public var isFallback: Bool { self == .windows1252 || self == .latin1 }
}

/// Detects a file's encoding and gives its text as UTF-8 bytes.
enum TextDecoder {
    /// The UTF-8 bytes of `raw`, and the encoding it was found in. A BOM is removed.
    static func utf8Bytes(of raw: [UInt8]) -> (bytes: [UInt8], encoding: TextEncoding) {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
            return (Array(raw[3...]), .utf8WithBOM)
        }
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
            return (utf16(raw[2...], littleEndian: true), .utf16LittleEndian)
        }
        if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
            return (utf16(raw[2...], littleEndian: false), .utf16BigEndian)
        }
        if isValidUTF8(raw) { return (raw, .utf8) }
        let hasC1 = raw.contains { $0 >= 0x80 && $0 <= 0x9F }
        return (singleByte(raw, windows1252: hasC1), hasC1 ? .windows1252 : .latin1)
    }

    /// The UTF-8 bytes of `raw` read in the encoding a profile declares (a BOM is removed).
    static func utf8Bytes(of raw: [UInt8], declared: TextEncoding) -> [UInt8] {
        switch declared {
        case .utf8, .utf8WithBOM:
            return raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw[3...]) : raw
        case .utf16LittleEndian:
            return utf16(raw.starts(with: [0xFF, 0xFE]) ? raw[2...] : raw[...], littleEndian: true)
        case .utf16BigEndian:
            return utf16(raw.starts(with: [0xFE, 0xFF]) ? raw[2...] : raw[...], littleEndian: false)
        case .windows1252: return singleByte(raw, windows1252: true)
        case .latin1: return singleByte(raw, windows1252: false)
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                if byte & 0xE0 == 0xC0, byte >= 0xC2 {
                    length = 2
                } else if byte & 0xF0 == 0xE0 {
                    length = 3
                } else if byte & 0xF8 == 0xF0, byte <= 0xF4 {
                    length = 4
                } else {
                    return false
                }
                guard index + length <= count else { return false }
                for offset in 1..<length where buffer[index + offset] & 0xC0 != 0x80 { return false }
                if length == 3 {
                    let second = buffer[index + 1]
                    if byte == 0xE0, second < 0xA0 { return false }
                    if byte == 0xED, second > 0x9F { return false }
                }
                if length == 4 {
                    let second = buffer[index + 1]
                    if byte == 0xF0, second < 0x90 { return false }
                    if byte == 0xF4, second > 0x8F { return false }
                }
                index += length
            }
            return true
        }
    }

    /// Windows-1252's characters for bytes 0x80–0x9F (0 where the code page leaves the byte undefined).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    private static func singleByte(_ raw: [UInt8], windows1252: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + raw.count / 8)
        for byte in raw {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            var scalar = UInt32(byte)
            if windows1252, byte <= 0x9F {
                let mapped = windows1252High[Int(byte - 0x80)]
                scalar = mapped == 0 ? UInt32(byte) : mapped
            }
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    private static func utf16(_ raw: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(raw.count / 2)
        var index = raw.startIndex
        while index + 1 < raw.endIndex {
            let a = UInt16(raw[index])
            let b = UInt16(raw[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars { appendUTF8(scalar.value, to: &out) }
        return out
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
