/// Percent-decoding and trimming on bytes. Foundation's `removingPercentEncoding`, `replacingOccurrences` and
/// `trimmingCharacters` go through NSString on Linux and cost more than the rest of a lookup (measured with perf
/// under wrk: a quarter of a `/services` request).
enum URLText {
    /// `text` with `%XX` escapes decoded (and `+` read as a space when `plusIsSpace`, as HTML forms, Python and
    /// JavaScript write queries), or nil when an escape is malformed or the bytes are not UTF-8.
    static func decode(_ text: some StringProtocol, plusIsSpace: Bool = false) -> String? {
        let utf8 = text.utf8
        let special = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }
        }
        if special == false { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex else { return nil }
                let second = utf8.index(after: first)
                guard second != utf8.endIndex, let high = hex(utf8[first]), let low = hex(utf8[second]) else {
                    return nil
                }
                out.append(high << 4 | low)
                index = utf8.index(after: second)
                continue
            }
            out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = utf8.index(after: index)
        }
        return String(validating: out, as: UTF8.self)
    }

    /// `text` without leading and trailing spaces and tabs (not newlines).
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let string = Substring(text)
        let isBlank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let first = string.firstIndex(where: { !isBlank($0) }),
            let last = string.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return string[first...last]
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
