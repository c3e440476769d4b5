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
