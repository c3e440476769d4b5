import Foundation

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
