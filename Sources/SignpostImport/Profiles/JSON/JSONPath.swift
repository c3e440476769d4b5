/// A path to values inside a JSON document, written as keys joined by dots with optional indexes: `data.services`,
/// `contact.phone`, `locations[0].postcode`, `phones[*].number`. A leading `$` or `$.` is allowed and ignored
/// (`$.data[*]` is `data`). A key that meets an array applies to each element (`locations.postcode` gives every
/// location's postcode), and an array at the end of the path gives its elements, so that a list field reads them all.
/// Keys holding dots or brackets are written quoted in brackets: `["opening.hours"]`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        /// An array element, from 0.
        case index(Int)
        /// Every element of an array.
        case every
    }

    public let steps: [Step]
    public let description: String

    /// Parses a path; throws with what is wrong in it.
    public init(_ text: String) throws(ProfileError) {
        description = text
        var steps: [Step] = []
        var rest = Substring(text.trimmed)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        if rest.hasPrefix(".") { rest = rest.dropFirst() }
        var key = ""
        func endKey() { if !key.isEmpty { steps.append(.key(key)) } }
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case ".":
                guard !key.isEmpty || steps.last.map({ if case .key = $0 { false } else { true } }) == true else {
                    throw ProfileError("'\(text)' has an empty key (two dots, or a dot at the start)")
                }
                endKey()
                key = ""
                if rest.isEmpty { throw ProfileError("'\(text)' ends with a dot") }
            case "[":
                endKey()
                key = ""
                guard let close = rest.firstIndex(of: "]") else {
                    throw ProfileError("'\(text)' opens a bracket that is not closed")
                }
                let inside = rest[..<close].trimmed
                rest = rest[rest.index(after: close)...]
                if inside == "*" {
                    steps.append(.every)
                } else if let number = Int(inside), number >= 0 {
                    steps.append(.index(number))
                } else if inside.count >= 2, let quote = inside.first, quote == "\"" || quote == "'",
                    inside.last == quote
                {
                    steps.append(.key(String(inside.dropFirst().dropLast())))
                } else {
                    throw ProfileError(
                        "'\(text)': inside brackets write an index from 0, * for every element, or a quoted key"
                    )
                }
                if let next = rest.first, next != ".", next != "[" {
                    throw ProfileError("'\(text)': write a dot between ']' and the next key")
                }
            case "]":
                throw ProfileError("'\(text)' closes a bracket that was not opened")
            default:
                key.append(character)
            }
        }
        endKey()
        guard !steps.isEmpty else {
            throw ProfileError("the path is empty; write keys joined by dots, e.g. contact.phone")
        }
        self.steps = steps
    }

    /// The values the path leads to from `value`, arrays at the end spread into their elements and `null`s left
    /// out.
    func values(in value: JSONValue) -> [JSONValue] {
        var current: [JSONValue] = [value]
        for step in steps {
            var next: [JSONValue] = []
            for item in current {
                switch (step, item) {
                case (.key(let key), .object(let object)):
                    if let found = object[key] { next.append(found) }
                case (.key(let key), .array(let array)):
                    for case .object(let object) in array {
                        if let found = object[key] { next.append(found) }
                    }
                case (.index(let index), .array(let array)):
                    if index < array.count { next.append(array[index]) }
                case (.every, .array(let array)):
                    next += array
                default:
                    break
                }
            }
            current = next
        }
        return current.flatMap { item -> [JSONValue] in
            switch item {
            case .array(let array): array.filter { if case .null = $0 { false } else { true } }
            case .null: []
            default: [item]
            }
        }
    }

    /// Whether the path leads to anything from `value`, an empty list included.
    func reaches(in value: JSONValue) -> Bool {
        var current: [JSONValue] = [value]
        for step in steps {
            current = current.compactMap { item -> JSONValue? in
                switch (step, item) {
                case (.key(let key), .object(let object)): object[key]
                case (.index(let index), .array(let array)): index < array.count ? array[index] : nil
                case (.every, .array): item
                default: nil
                }
            }
        }
        return !current.isEmpty
    }
}
