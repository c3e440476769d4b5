/// Writes compact JSON (RFC 8259) straight into a byte buffer, for responses that must be encoded fast.
///
/// The writer puts commas and colons where they belong; the caller only says what comes next:
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.field("id", "need-types")
/// writer.key("terms")
/// writer.beginArray()
/// writer.number(3)
/// writer.endArray()
/// writer.endObject()
/// // writer.bytes == Array(#"{"id":"need-types","terms":[3]}"#.utf8)
/// ```
///
/// It works on UTF-8 bytes and never calls Foundation. Strings are escaped as RFC 8259 requires (quotation mark,
/// reverse solidus and the control characters U+0000 to U+001F); every other character, ASCII or not, is copied as its
/// UTF-8 bytes. The writer trusts its caller to nest correctly (a key before each value in an object, every begin
/// matched by an end): it does not check.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next key or value in the current container needs a comma before it.
    private var needsComma = false
    /// Whether a key has just been written, so the next value follows its colon.
    private var afterKey = false

    /// Creates an empty writer with room for `capacity` bytes before it grows.
    public init(reservingCapacity capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    /// Opens an object: `{`.
    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the object opened last: `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array: `[`.
    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the array opened last: `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    // MARK: Keys and values

    /// Writes an object member's name; the next value written is its value.
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a string value, escaped.
    public mutating func string(_ value: String) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes one string value made of up to four parts joined together, without building the joined `String` first
    /// (for ids such as `SERVICE#area-CODE`).
    public mutating func string(
        concatenating first: String,
        _ second: String,
        _ third: String = "",
        _ fourth: String = ""
    ) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(first)
        appendEscaped(second)
        if !third.isEmpty { appendEscaped(third) }
        if !fourth.isEmpty { appendEscaped(fourth) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes an integer.
    public mutating func number(_ value: Int) {
        prepareValue()
        appendInteger(value)
        needsComma = true
    }

    /// Writes a number in the shortest decimal form that reads back as the same `Double`: whole numbers without a
    /// fraction (`5`), others in plain decimal notation (`53.7965`, `-0.00001`) unless they are very large or very
    /// small (beyond about 1e21 or below 1e-7), which keep an exponent (`1.5e+300`). JSON has no NaN or infinity, so a
    /// value that is not finite is written as `null`.
    public mutating func number(_ value: Double) {
        prepareValue()
        needsComma = true
        guard value.isFinite else {
            appendASCII("null")
            return
        }
        if value.rounded(.towardZero) == value, value.magnitude < 1e15 {
            appendInteger(Int(value))
            return
        }
        appendDecimal(value.description)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        prepareValue()
        appendASCII(value ? "true" : "false")
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        prepareValue()
        appendASCII("null")
        needsComma = true
    }

    /// Writes an already encoded JSON value (one complete value, such as a cached object) as it is.
    public mutating func rawValue(_ json: [UInt8]) {
        prepareValue()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    // MARK: Optional members

    /// Writes `"name":"value"`, or nothing at all when `value` is nil.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// Writes `"name":value`, or nothing at all when `value` is nil.
    public mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    /// Writes `"name":value`, or nothing at all when `value` is nil.
    public mutating func field(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    /// Writes `"name":true` or `"name":false`, or nothing at all when `value` is nil.
    public mutating func field(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendEscaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0) }
        if done == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { appendEscaped(utf8: $0) }
        }
    }

    /// Copies `utf8`, escaping what RFC 8259 requires; runs of plain bytes are copied in one go.
    private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            appendEscape(for: byte)
            runStart = index + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            hex.withUTF8Buffer { digits in
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        // 20 digits hold UInt64.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends Swift's shortest round-trip spelling of a finite `Double` (`description`), rewriting an exponent form
    /// (`1e-05`, `1.5e+16`) as plain decimal digits when the decimal point lies within 21 places of the digits.
    private mutating func appendDecimal(_ text: String) {
        let utf8 = Array(text.utf8)
        guard let exponentIndex = utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
        else {
            bytes.append(contentsOf: utf8)
            return
        }
        let negative = utf8.first == UInt8(ascii: "-")
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        for byte in utf8[(negative ? 1 : 0)..<exponentIndex] {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(byte)
                if !seenPoint { integerDigits += 1 }
            }
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0"), digits.count > integerDigits { digits.removeLast() }
        var exponent = 0
        var exponentNegative = false
        for byte in utf8[(exponentIndex + 1)...] {
            switch byte {
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): break
            default: exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        let point = integerDigits + (exponentNegative ? -exponent : exponent)
        guard point > -7, point <= 21 else {
            bytes.append(contentsOf: utf8)
            return
        }
        if negative { bytes.append(UInt8(ascii: "-")) }
        if point <= 0 {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-point) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: digits)
        } else if point >= digits.count {
            bytes.append(contentsOf: digits)
            for _ in 0..<(point - digits.count) { bytes.append(UInt8(ascii: "0")) }
        } else {
            bytes.append(contentsOf: digits[0..<point])
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[point...])
        }
    }
}
