/// A UK phone number reduced to its national digits (`01132450000`), however it was written: `0113 245 0000`,
/// `+44 113 245 0000`, `+44 (0)113 2450000`, `0044 113 245 0000`, `Tel: 0113-245-0000 ext 12`.
public struct PhoneNumber: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The national digits, starting with `0`: ten or eleven of them.
    public let digits: String

    /// Reads one phone number; `nil` unless it is a UK number of ten or eleven national digits (short codes such as
    /// 999, 101 or 116 123 are not). Letters before the number are skipped; the number ends at a letter or bracket
    /// after it (`ext 12`, `(24 hours)`), except the trunk zero written `(0)`.
    public init?(_ text: some StringProtocol) {
        guard let digits = PhoneNumber.nationalDigits(Array(text.utf8)[...]) else { return nil }
        self.digits = digits
    }

    /// Every phone number in a field that may hold several, separated by `/`, `,`, `;`, `|` or ` or `
    /// (`0113 245 0000 / 0113 245 0001`), in the order written, without repeats.
    public static func all(in text: String) -> [PhoneNumber] {
        let bytes = Array(text.utf8)
        var numbers: [PhoneNumber] = []
        var start = 0
        var index = 0
        func take(upTo end: Int) {
            if end > start, let digits = nationalDigits(bytes[start..<end]) {
                let number = PhoneNumber(digits: digits)
                if !numbers.contains(number) { numbers.append(number) }
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            var separator = 0
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
                || byte == UInt8(ascii: "|")
            {
                separator = 1
            } else if byte == UInt8(ascii: " "), index + 3 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "o"),
                bytes[index + 2] | 0x20 == UInt8(ascii: "r"), bytes[index + 3] == UInt8(ascii: " ")
            {
                separator = 4
            }
            if separator > 0 {
                take(upTo: index)
                index += separator
                start = index
            } else {
                index += 1
            }
        }
        take(upTo: bytes.count)
        return numbers
    }

    private init(digits: String) { self.digits = digits }

    /// The national digits of the number in `bytes`, or `nil` when there is none.
    private static func nationalDigits(_ bytes: ArraySlice<UInt8>) -> String? {
        let zero = UInt8(ascii: "0")
        var found: [UInt8] = []
        found.reserveCapacity(16)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte >= zero && byte <= UInt8(ascii: "9") {
                found.append(byte)
                continue
            }
            if byte == UInt8(ascii: "("), index + 1 < bytes.endIndex, bytes[index] == zero,
                bytes[index + 1] == UInt8(ascii: ")")
            {
                index += 2  // "+44 (0)113": the bracketed trunk zero is not part of the international form
                continue
            }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if !found.isEmpty, isLetter || byte == UInt8(ascii: "(") { break }
        }
        if found.starts(with: [zero, zero]) { found.removeFirst(2) }  // 0044 ...
        // 44 and nine or ten national digits (0800 555 111 has nine after its zero); no national number starts 44.
        if found.starts(with: [UInt8(ascii: "4"), UInt8(ascii: "4")]), found.count >= 11 {
            found.removeFirst(2)
            if found.first == zero { found.removeFirst() }
            found.insert(zero, at: 0)
        } else if found.count == 10, found.first != zero {
            found.insert(zero, at: 0)  // written without its leading zero
        }
        guard found.first == zero, (10...11).contains(found.count), found[1] != zero else { return nil }
        return String(decoding: found, as: UTF8.self)
    }

    /// The number grouped as it is usually written: `020 7946 0000`, `0113 245 0000`, `0808 157 0000`,
    /// `07700 900000`, `01632 960000`.
    public var description: String {
        let characters = Array(digits)
        let groups: [Int]
        if characters.count == 10 {
            groups = [5, 5]
        } else if characters[1] == "2" {
            groups = [3, 4, 4]
        } else if characters[1] == "1", characters[2] == "1" || characters[3] == "1" {
            groups = [4, 3, 4]  // 0113, 0121...
        } else if characters[1] == "1" || characters[1] == "7" {
            groups = [5, 6]
        } else {
            groups = [4, 3, 4]  // 03, 08, 09
        }
        var parts: [String] = []
        var start = 0
        for size in groups {
            parts.append(String(characters[start..<(start + size)]))
            start += size
        }
        return parts.joined(separator: " ")
    }

    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool { lhs.digits < rhs.digits }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let number = PhoneNumber(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a UK phone number"
            )
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
