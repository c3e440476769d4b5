import Foundation

/// The limits an XML list must keep before libxml2 reads it (Docs/Formats.md, *Resource limits*).
public struct XMLLimits: Sendable, Hashable {
    /// Attributes on one element.
    public var attributesPerElement = 256
    /// Internal entities a document may declare.
    public var entityDeclarations = 256
    /// The replacement text of one entity, in bytes.
    public var entityLength = 4_096
    /// All entity references of a document, expanded, in bytes.
    public var totalExpansion = 16 * 1_024 * 1_024

    public init() {}
}

/// A linear pass over an XML document, before libxml2 parses it, that refuses what would make parsing explode: an
/// element with too many attributes (libxml2 compares each new attribute with every earlier one), entity declarations
/// that are external, parameter entities, entities that refer to other entities (the "billion laughs"), or whose
/// replacement text or total expansion is too large. What passes can be parsed with entities substituted, so that
/// `Name &org;` keeps its text. Works on UTF-8 and, skipping NUL bytes, on UTF-16 with ASCII markup.
struct XMLPrescan {
    /// What was wrong, and on which line.
    struct Violation: Error {
        var line: Int
        var message: String
    }

    let limits: XMLLimits

    private enum State {
        case content
        /// After `<`, deciding what the markup is; `text` collects its first characters.
        case markupStart
        case comment
        case cdata
        case processingInstruction
        case endTag
        case startTag
        case attributeValue(quote: UInt8)
        case doctype
        /// After `&`, collecting the name; `inAttribute` says where to go back to.
        case reference(inAttribute: UInt8?)
    }

    private var state = State.content
    private var line = 1
    private var pending: [UInt8] = []
    private var attributes = 0
    private var doctype: [UInt8] = []
    private var doctypeDepth = 0
    private var doctypeQuote: UInt8?
    private var entities: [String: Int] = [:]
    private var expansion = 0

    init(limits: XMLLimits = XMLLimits()) { self.limits = limits }

    /// Scans a file in chunks.
    static func check(path: String, limits: XMLLimits = XMLLimits()) throws(Violation) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var scan = XMLPrescan(limits: limits)
        while true {
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            if chunk.isEmpty { break }
            var violation: Violation?
            chunk.withUnsafeBytes { raw in
                do throws(Violation) {
                    try scan.feed(raw.bindMemory(to: UInt8.self))
                } catch {
                    violation = error
                }
            }
            if let violation { throw violation }
        }
    }

    /// Scans bytes in memory.
    static func check(bytes: some Collection<UInt8>, limits: XMLLimits = XMLLimits()) throws(Violation) {
        var scan = XMLPrescan(limits: limits)
        var violation: Violation?
        Array(bytes).withUnsafeBufferPointer { buffer in
            do throws(Violation) {
                try scan.feed(buffer)
            } catch {
                violation = error
            }
        }
        if let violation { throw violation }
    }

    private static let lt = UInt8(ascii: "<")
    private static let gt = UInt8(ascii: ">")
    private static let amp = UInt8(ascii: "&")
    private static let semicolon = UInt8(ascii: ";")
    private static let equals = UInt8(ascii: "=")
    private static let builtIn: Set<String> = ["lt", "gt", "amp", "quot", "apos"]

    /// Whether a byte can be part of an entity's name (or a character reference's `#x...`); any byte of a UTF-8
    /// sequence counts, as names may be non-ASCII.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: ":"), UInt8(ascii: "#"), 0x80...:
            return true
        default:
            return false
        }
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(Violation) {
        for byte in bytes where byte != 0 {
            if byte == 0x0A { line += 1 }
            // Text between tags is most of a list: only `<` and `&` matter there, so it skips the state machine.
            if case .content = state, byte != Self.lt, byte != Self.amp { continue }
            try step(byte)
        }
    }

    private mutating func step(_ byte: UInt8) throws(Violation) {
        switch state {
        case .content:
            if byte == Self.lt {
                state = .markupStart
                pending.removeAll(keepingCapacity: true)
            } else if byte == Self.amp {
                state = .reference(inAttribute: nil)
                pending.removeAll(keepingCapacity: true)
            }
        case .markupStart:
            pending.append(byte)
            try classifyMarkup()
        case .comment:
            pending.append(byte)
            if pending.count > 3 { pending.removeFirst(pending.count - 3) }
            if pending == Array("-->".utf8) { state = .content }
        case .cdata:
            pending.append(byte)
            if pending.count > 3 { pending.removeFirst(pending.count - 3) }
            if pending == Array("]]>".utf8) { state = .content }
        case .processingInstruction:
            pending.append(byte)
            if pending.count > 2 { pending.removeFirst(pending.count - 2) }
            if pending == Array("?>".utf8) { state = .content }
        case .endTag:
            if byte == Self.gt { state = .content }
        case .startTag:
            if byte == Self.gt {
                state = .content
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                state = .attributeValue(quote: byte)
            } else if byte == Self.equals {
                attributes += 1
                if attributes > limits.attributesPerElement {
                    throw Violation(
                        line: line,
                        message: "an element has more than \(limits.attributesPerElement) attributes (the limit)"
                    )
                }
            }
        case .attributeValue(let quote):
            if byte == quote {
                state = .startTag
            } else if byte == Self.amp {
                state = .reference(inAttribute: quote)
                pending.removeAll(keepingCapacity: true)
            }
        case .doctype:
            try doctypeStep(byte)
        case .reference(let inAttribute):
            let back = inAttribute.map { State.attributeValue(quote: $0) } ?? .content
            if byte == Self.semicolon {
                try reference(String(decoding: pending, as: UTF8.self))
                state = back
            } else if pending.count < 64, Self.isNameByte(byte) {
                pending.append(byte)
            } else {
                // Not a reference after all (libxml2 will say so): read the byte where it belongs.
                state = back
                try step(byte)
            }
        }
    }

    /// Decides, from the first characters after `<`, what kind of markup it is.
    private mutating func classifyMarkup() throws(Violation) {
        let text = pending
        func starts(_ prefix: String) -> Bool { text.starts(with: Array(prefix.utf8)) }
        if text.first == UInt8(ascii: "/") {
            state = .endTag
        } else if text.first == UInt8(ascii: "?") {
            state = .processingInstruction
            pending.removeAll(keepingCapacity: true)
        } else if text.first == UInt8(ascii: "!") {
            if starts("!--") {
                state = .comment
                pending.removeAll(keepingCapacity: true)
            } else if starts("![CDATA[") {
                state = .cdata
                pending.removeAll(keepingCapacity: true)
            } else if starts("!DOCTYPE") {
                state = .doctype
                doctype.removeAll(keepingCapacity: true)
                doctypeDepth = 0
                doctypeQuote = nil
            } else if text.count >= 9 {
                // Some other declaration outside a DOCTYPE: libxml2 rejects it; skip to its end.
                state = .endTag
            }
        } else {
            // A start tag: its name and attributes follow.
            attributes = 0
            state = .startTag
            if text.first == Self.gt { state = .content }
        }
    }

    /// Collects the DOCTYPE declaration, and reads each `<!ENTITY>` of its internal subset as it closes.
    private mutating func doctypeStep(_ byte: UInt8) throws(Violation) {
        doctype.append(byte)
        if doctype.count > limits.entityDeclarations * (limits.entityLength + 256) + 65_536 {
            throw Violation(line: line, message: "the DOCTYPE declaration is larger than Signpost reads")
        }
        if let quote = doctypeQuote {
            if byte == quote { doctypeQuote = nil }
            return
        }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): doctypeQuote = byte
        case UInt8(ascii: "["): doctypeDepth += 1
        case UInt8(ascii: "]"): doctypeDepth -= 1
        case Self.gt where doctypeDepth <= 0:
            try readDeclarations()
            state = .content
        default: break
        }
    }

    /// Reads the entity declarations of the DOCTYPE collected: `<!ENTITY name "value">` only.
    private mutating func readDeclarations() throws(Violation) {
        let text = String(decoding: doctype, as: UTF8.self)
        var rest = Substring(text)
        while let start = rest.range(of: "<!ENTITY") {
            var words = rest[start.upperBound...].drop { $0.isWhitespace }
            if words.first == "%" {
                throw Violation(
                    line: line,
                    message: "the document declares a parameter entity, which Signpost does not read"
                )
            }
            let name = String(words.prefix { !$0.isWhitespace })
            words = words.dropFirst(name.count).drop { $0.isWhitespace }
            guard let quote = words.first, quote == "\"" || quote == "'" else {
                throw Violation(
                    line: line,
                    message: "the entity '\(name)' is external (SYSTEM or PUBLIC), which Signpost does not read"
                )
            }
            let value = words.dropFirst().prefix { $0 != quote }
            // A character reference (&#233;) is fine; a reference to another entity is how expansions explode.
            var scan = value[...]
            while let ampersand = scan.firstIndex(of: "&") {
                let after = scan[scan.index(after: ampersand)...]
                if after.first != "#" {
                    throw Violation(
                        line: line,
                        message: "the entity '\(name)' refers to another entity, which Signpost does not read"
                    )
                }
                scan = after
            }
            if value.contains("<") {
                throw Violation(
                    line: line,
                    message: "the entity '\(name)' contains markup, which Signpost does not read"
                )
            }
            if value.utf8.count > limits.entityLength {
                throw Violation(
                    line: line,
                    message: "the entity '\(name)' is longer than \(limits.entityLength) bytes (the limit)"
                )
            }
            entities[name] = value.utf8.count
            if entities.count > limits.entityDeclarations {
                throw Violation(
                    line: line,
                    message: "the document declares more than \(limits.entityDeclarations) entities (the limit)"
                )
            }
            rest = words.dropFirst().drop { $0 != quote }.dropFirst()
        }
    }

    /// Counts what a reference to a declared entity expands to.
    private mutating func reference(_ name: String) throws(Violation) {
        guard !name.hasPrefix("#"), !Self.builtIn.contains(name), let length = entities[name] else { return }
        expansion += length
        if expansion > limits.totalExpansion {
            throw Violation(
                line: line,
                message: "entity references expand to more than \(limits.totalExpansion / 1_048_576) MiB (the limit)"
            )
        }
    }
}
