import Foundation

/// A path from an XML record element to the values of a field: element names separated by `/`, `..` for the
/// parent, `.` for the element itself, and an optional last step `@name` for an attribute. A step may carry one
/// condition in brackets that compares an attribute or a child's text with a word, ignoring case:
/// `Phone[@Confidential!=true]/Number`, `Address[Type=physical]`, `Phone[@Confidential=false|0]` (one of several
/// words). `!=` also holds when the value is missing. A last step `name()` reads the element's name rather than its
/// text (`coverage/national/name()` gives `national` for an empty `<national/>`). A step `Key->Element` follows a reference: it reads the child
/// `Key` (or attribute, `@key->Element`) and goes to the `Element` with that id, among the elements the profile's
/// `xml.lookup` keeps (AIRS 4.0 links `SiteService` to its `Site` and `Agency` this way). Namespaces are ignored:
/// names are local names.
public struct ElementPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case parent
        case child(String, Condition?)
        /// Follow the id in child (or attribute) `key` to the kept element named `element`.
        case follow(key: String, isAttribute: Bool, element: String)
    }

    public struct Condition: Sendable, Hashable {
        /// An attribute (`@name`) or a child element's name.
        public var subject: String
        public var isAttribute: Bool
        public var equals: Bool
        /// The words compared with (any of them), in lower case.
        public var words: [String]

        /// Whether `value` (nil when missing) meets the condition.
        public func holds(for value: String?) -> Bool {
            let matches = value.map { words.contains($0.trimmed.lowercased()) } ?? false
            return equals ? matches : !matches
        }

        /// Parses `subject=word`, `@subject!=word|other`.
        static func parse(_ inside: Substring, in text: String) throws(ProfileError) -> Condition {
            let equals: Bool
            let pieces: [Substring]
            if let range = inside.range(of: "!=") {
                equals = false
                pieces = [inside[..<range.lowerBound], inside[range.upperBound...]]
            } else {
                equals = true
                pieces = inside.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            }
            guard pieces.count == 2 else {
                throw ProfileError("'\(text)': the condition [\(inside)] needs = or !=")
            }
            var subject = String(pieces[0]).trimmed
            let isAttribute = subject.hasPrefix("@")
            if isAttribute { subject.removeFirst() }
            let words = pieces[1].split(separator: "|").map { piece -> String in
                var word = String(piece).trimmed
                if word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first {
                    word = String(word.dropFirst().dropLast())
                }
                return word.lowercased()
            }
            guard isName(subject) else { throw ProfileError("'\(text)': '\(pieces[0])' is not a name to compare") }
            return Condition(subject: subject, isAttribute: isAttribute, equals: equals, words: words)
        }
    }

    public var steps: [Step]

    /// The elements the path follows references to (`Key->Element`).
    public var followedElements: [String] {
        steps.compactMap { if case .follow(_, _, let element) = $0 { element } else { nil } }
    }
    /// The attribute read at the end, or `nil` for the element's text.
    public var attribute: String?
    /// Whether the path ends `name()`: it reads the element's own name, so that an empty element such as
    /// `<national/>` gives a value.
    public var readsName = false
    public let description: String

    /// Parses `text`; the error says what is wrong with it.
    public init(_ text: String) throws(ProfileError) {
        description = text
        steps = []
        attribute = nil
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw ProfileError("an XML path is empty") }
        var parts = ElementPath.splitSteps(trimmed)
        if parts.last == "name()" {
            readsName = true
            parts.removeLast()
        } else if let last = parts.last, last.hasPrefix("@") {
            let name = String(last.dropFirst())
            guard ElementPath.isName(name) else { throw ProfileError("'\(text)': '\(last)' is not an attribute name") }
            attribute = name
            parts.removeLast()
        }
        for part in parts {
            switch part {
            case ".", "": continue
            case "..": steps.append(.parent)
            default: steps.append(try ElementPath.step(part, in: text))
            }
        }
    }

    /// Splits on `/` outside brackets.
    private static func splitSteps(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == "/", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    private static func step(_ part: String, in text: String) throws(ProfileError) -> Step {
        if let arrow = part.range(of: "->") {
            var key = String(part[..<arrow.lowerBound])
            let element = String(part[arrow.upperBound...])
            let isAttribute = key.hasPrefix("@")
            if isAttribute { key.removeFirst() }
            guard isName(key), isName(element) else {
                throw ProfileError("'\(text)': write a reference as Key->Element or @key->Element")
            }
            return .follow(key: key, isAttribute: isAttribute, element: element)
        }
        guard let open = part.firstIndex(of: "[") else {
            guard isName(part) else { throw ProfileError("'\(text)': '\(part)' is not an element name") }
            return .child(part, nil)
        }
        let name = String(part[..<open])
        guard isName(name), part.hasSuffix("]") else {
            throw ProfileError("'\(text)': write a condition as Name[@attribute=word] or Name[Child!=word]")
        }
        let inside = part[part.index(after: open)..<part.index(before: part.endIndex)]
        return .child(name, try Condition.parse(inside, in: text))
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "."
        }
    }
}

/// A mistake in an import profile, with where in the profile it is.
public struct ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The profile file, when known.
    public var file: String?
    /// Where in the profile, as a JSON path (`fields.need_types.split`).
    public var at: String?
    public var message: String

    public init(_ message: String, file: String? = nil, at: String? = nil) {
        self.message = message
        self.file = file
        self.at = at
    }

    public var description: String {
        var text = file ?? "profile"
        if let at { text += " [\(at)]" }
        return "\(text): \(message)"
    }
}
