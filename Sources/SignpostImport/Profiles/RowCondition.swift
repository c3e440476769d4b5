import Foundation

/// A condition on one column of a row: `ExcludeFromDirectory=Yes`, `Private!=yes`, `Type=service|project`. The
/// words are compared ignoring case and the spaces around them; a missing or blank cell is "".
public struct RowCondition: Sendable, Hashable, CustomStringConvertible {
    /// The column's header name (compared as header names are: ignoring case, spaces and punctuation).
    public var column: String
    /// `=` (the cell is one of the words) or `!=` (it is none of them).
    public var equals: Bool
    /// The words compared with, in lower case.
    public var words: [String]
    public let description: String

    /// Parses `Column=word|other` or `Column!=word`.
    public init(_ text: String) throws(ProfileError) {
        description = text
        let equals: Bool
        let column: Substring
        let rest: Substring
        if let range = text.range(of: "!=") {
            equals = false
            column = text[..<range.lowerBound]
            rest = text[range.upperBound...]
        } else if let index = text.firstIndex(of: "=") {
            equals = true
            column = text[..<index]
            rest = text[text.index(after: index)...]
        } else {
            throw ProfileError("'\(text)' needs = or != between a column and the words it is compared with")
        }
        let name = String(column).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ProfileError("'\(text)' names no column before = or !=") }
        self.column = name
        self.equals = equals
        words = rest.split(separator: "|", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    /// Whether a cell (nil when the row has no such cell) meets the condition.
    public func holds(for value: String?) -> Bool {
        let cell = (value ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return words.contains(cell) == equals
    }
}

/// What a value the validator finds unusable (not an email address, not a date, a postcode that is not one) does.
public enum InvalidValuePolicy: String, Sendable, Hashable {
    /// The row is rejected with the reason (the default).
    case reject
    /// The value is dropped, the service kept, and the dropped value reported as a warning.
    case drop
}

/// A regular expression that picks a value out of a longer text (`Geolocation is 42.1, -87.9`): the value is the
/// text of its capture group `group`. Only the first ``ValueCapture/maximumInput`` characters are searched, so a
/// long cell cannot make matching slow.
public struct ValueCapture: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    public let group: Int
    private let expression: NSRegularExpressionBox

    /// The most characters of a value matched.
    public static let maximumInput = 4_096

    public init(pattern: String, group: Int = 1) throws(ProfileError) {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw ProfileError("'\(pattern)' is not a regular expression Signpost can read")
        }
        guard group >= 0, group <= expression.numberOfCaptureGroups else {
            throw ProfileError(
                "'\(pattern)' has \(expression.numberOfCaptureGroups) capture group(s); group \(group) is not one"
            )
        }
        self.pattern = pattern
        self.group = group
        self.expression = NSRegularExpressionBox(expression)
    }

    /// The captured text of the first match, trimmed, or `nil` when the value does not match.
    public func value(in text: String) -> String? {
        let bounded = text.count > Self.maximumInput ? String(text.prefix(Self.maximumInput)) : text
        let whole = NSRange(bounded.startIndex..<bounded.endIndex, in: bounded)
        guard let match = expression.value.firstMatch(in: bounded, options: [], range: whole),
            let range = Range(match.range(at: group), in: bounded)
        else { return nil }
        let captured = bounded[range].trimmingCharacters(in: .whitespacesAndNewlines)
        return captured.isEmpty ? nil : captured
    }

    public var description: String { group == 1 ? pattern : "\(pattern) (group \(group))" }

    public static func == (lhs: ValueCapture, rhs: ValueCapture) -> Bool {
        lhs.pattern == rhs.pattern && lhs.group == rhs.group
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(group)
    }
}

/// An `NSRegularExpression`, which is immutable once made and safe to share between threads.
private final class NSRegularExpressionBox: @unchecked Sendable {
    let value: NSRegularExpression

    init(_ value: NSRegularExpression) {
        self.value = value
    }
}
