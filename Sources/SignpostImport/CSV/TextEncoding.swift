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

/// Finds a file's encoding in one streaming pass over its bytes, fed a chunk at a time (memory does not grow with
/// the file): a byte-order mark decides at once (UTF-8, UTF-16LE, UTF-16BE); otherwise valid UTF-8 is UTF-8, and a
/// file that is not is Windows-1252 when any byte falls in 0x80–0x9F, else Latin-1.
struct TextEncodingDetector {
    /// The first bytes of the file, until there are three (enough to see a byte-order mark).
    private var head: [UInt8] = []
    private var byteOrderMark: TextEncoding?
    private var validator = UTF8Validator()
    private var sawC1 = false

    /// Whether more bytes can no longer change the answer.
    var isSettled: Bool { byteOrderMark != nil || (!validator.isValid && sawC1) }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard !isSettled, !chunk.isEmpty else { return }
        if head.count < 3 {
            head.append(contentsOf: chunk.prefix(3 - head.count))
            if head.count == 3 { byteOrderMark = Self.byteOrderMark(head) }
            if byteOrderMark != nil { return }
        }
        if validator.isValid { validator.feed(chunk, sawC1: &sawC1) }
        // Once the bytes are not UTF-8 (the validator stops at the first bad byte), only a C1 byte matters.
        if !validator.isValid, !sawC1 { sawC1 = Self.containsC1(chunk) }
    }

    /// The encoding of everything fed.
    func finish() -> TextEncoding {
        if let byteOrderMark { return byteOrderMark }
        if let mark = Self.byteOrderMark(head) { return mark }
        if validator.isComplete { return .utf8 }
        return sawC1 ? .windows1252 : .latin1
    }

    private static func byteOrderMark(_ head: [UInt8]) -> TextEncoding? {
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return .utf8WithBOM }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return .utf16LittleEndian }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return .utf16BigEndian }
        return nil
    }

    private static func containsC1(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        chunk.contains { $0 >= 0x80 && $0 <= 0x9F }
    }
}

/// Checks UTF-8 a chunk at a time (WHATWG's decoder state: a sequence split across chunks is carried over), noting
/// whether any byte falls in 0x80–0x9F.
struct UTF8Validator {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var isValid = true

    /// Valid, and not ending inside a sequence.
    var isComplete: Bool { isValid && needed == 0 }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, sawC1: inout Bool) {
        guard let base = chunk.baseAddress, isValid else { return }
        let count = chunk.count
        var index = 0
        while index < count {
            if needed == 0 {
                // ASCII runs eight bytes at a time.
                while index + 8 <= count,
                    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                guard index < count else { return }
            }
            let byte = base[index]
            index += 1
            if byte >= 0x80, byte <= 0x9F { sawC1 = true }
            if needed == 0 {
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: needed = 1
                case 0xE0...0xEF:
                    if byte == 0xE0 { lower = 0xA0 }
                    if byte == 0xED { upper = 0x9F }
                    needed = 2
                case 0xF0...0xF4:
                    if byte == 0xF0 { lower = 0x90 }
                    if byte == 0xF4 { upper = 0x8F }
                    needed = 3
                default:
                    isValid = false
                    return
                }
                continue
            }
            guard byte >= lower, byte <= upper else {
                isValid = false
                return
            }
            lower = 0x80
            upper = 0xBF
            needed -= 1
        }
    }
}

/// Turns a file's bytes into UTF-8 a chunk at a time. UTF-8 passes through unchanged (cells are only made strings
/// once whole, so a sequence split between chunks is never cut); a Windows-1252 or Latin-1 byte maps on its own; for
/// UTF-16 an odd byte and a high surrogate are carried to the next chunk. A byte-order mark is passed on as U+FEFF:
/// the scanner drops it at the start of a record.
struct TextTranscoder {
    let encoding: TextEncoding
    /// UTF-16: the first byte of a code unit whose second byte is in the next chunk.
    private var carriedByte: UInt8?
    /// UTF-16: a high surrogate waiting for its low half.
    private var highSurrogate: UInt16?

    /// The most bytes of output one byte of input can give (a Windows-1252 byte can become three bytes of UTF-8).
    static let maximumExpansion = 3

    init(encoding: TextEncoding) {
        self.encoding = encoding
    }

    /// Whether the bytes are UTF-8 already, and can be read straight into place.
    var passesThrough: Bool { encoding == .utf8 || encoding == .utf8WithBOM }

    /// Decodes `input` into `output`, which has room for `input.count * maximumExpansion + 8` bytes; returns the
    /// number of bytes written.
    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch encoding {
        case .utf8, .utf8WithBOM:
            guard let base = input.baseAddress else { return 0 }
            output.update(from: base, count: input.count)
            return input.count
        case .windows1252, .latin1:
            let table = encoding == .windows1252 ? Self.windows1252 : Self.latin1
            var written = 0
            for byte in input {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                } else {
                    written += Self.writeUTF8(table[Int(byte - 0x80)], to: output + written)
                }
            }
            return written
        case .utf16LittleEndian, .utf16BigEndian:
            let little = encoding == .utf16LittleEndian
            var written = 0
            var index = 0
            if let first = carriedByte, !input.isEmpty {
                carriedByte = nil
                written += unit(
                    little ? UInt16(first) | UInt16(input[0]) << 8 : UInt16(first) << 8 | UInt16(input[0]),
                    to: output + written
                )
                index = 1
            }
            while index + 1 < input.count {
                let a = UInt16(input[index])
                let b = UInt16(input[index + 1])
                written += unit(little ? a | b << 8 : a << 8 | b, to: output + written)
                index += 2
            }
            if index < input.count { carriedByte = input[index] }
            return written
        }
    }

    /// Ends the input: a high surrogate left alone becomes U+FFFD (an odd last byte is dropped, as it always was).
    mutating func finish(into output: UnsafeMutablePointer<UInt8>) -> Int {
        carriedByte = nil
        guard highSurrogate != nil else { return 0 }
        highSurrogate = nil
        return Self.writeUTF8(0xFFFD, to: output)
    }

    /// One UTF-16 code unit: a surrogate pair becomes one scalar; a lone surrogate U+FFFD.
    private mutating func unit(_ unit: UInt16, to output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        if let high = highSurrogate {
            highSurrogate = nil
            if unit >= 0xDC00, unit <= 0xDFFF {
                let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                return Self.writeUTF8(scalar, to: output)
            }
            written += Self.writeUTF8(0xFFFD, to: output)
        }
        switch unit {
        case 0xD800...0xDBFF:
            highSurrogate = unit
            return written
        case 0xDC00...0xDFFF:
            return written + Self.writeUTF8(0xFFFD, to: output + written)
        default:
            return written + Self.writeUTF8(UInt32(unit), to: output + written)
        }
    }

    /// Windows-1252's characters for bytes 0x80–0xFF (the five bytes the code page leaves undefined map to
    /// themselves).
    private static let windows1252: [UInt32] = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return high + (0xA0...0xFF).map { UInt32($0) }
    }()

    private static let latin1: [UInt32] = (0x80...0xFF).map { UInt32($0) }

    private static func writeUTF8(_ scalar: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | (scalar >> 6))
            output[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | (scalar >> 12))
            output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            output[0] = UInt8(0xF0 | (scalar >> 18))
            output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}
