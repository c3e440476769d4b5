/// One term of a vocabulary: a stable code, a label, and the other spellings that imports may use.
public struct VocabularyTerm: Hashable, Codable, Sendable {
    public let code: String
    public let label: String
    public let aliases: [String]
    public let description: String?
    /// Extra columns a vocabulary carries (`country` for force areas, `force_areas` for postcode areas, ISO codes
    /// for languages), by column name.
    public let attributes: [String: String]

    public init(
        code: String,
        label: String,
        aliases: [String] = [],
        description: String? = nil,
        attributes: [String: String] = [:]
    ) {
        self.code = code
        self.label = label
        self.aliases = aliases
        self.description = description
        self.attributes = attributes
    }
}

/// A controlled vocabulary: its terms in file order, and a lookup from any code or alias to the term.
public struct Vocabulary: Sendable {
    public let name: VocabularyName
    /// Shared, immutable lookup tables: copying a vocabulary copies one reference.
    private let storage: Storage

    private final class Storage: Sendable {
        let terms: [VocabularyTerm]
        /// Normalised code, label or alias -> term position.
        let index: [String: Int]
        /// The same keys as written, so that the common case (a code spelled exactly) skips normalisation.
        let exact: [String: Int]

        init(terms: [VocabularyTerm], index: [String: Int], exact: [String: Int]) {
            self.terms = terms
            self.index = index
            self.exact = exact
        }
    }

    public var terms: [VocabularyTerm] { storage.terms }

    /// Builds the vocabulary; throws when two terms share a code or an alias (after normalisation).
    public init(name: VocabularyName, terms: [VocabularyTerm]) throws(VocabularyError) {
        self.name = name
        var index: [String: Int] = [:]
        var exact: [String: Int] = [:]
        for (position, term) in terms.enumerated() {
            let keys = [term.code, term.label] + term.aliases
            for key in keys {
                let normal = Vocabulary.normalise(key)
                guard !normal.isEmpty else { continue }
                if let other = index[normal], other != position {
                    // A label may repeat another term's alias harmlessly only if it is the same term.
                    if key == term.label { continue }
                    throw VocabularyError(
                        vocabulary: name,
                        message:
                            "'\(key)' names both '\(terms[other].code)' and '\(term.code)'; give it to one term only"
                    )
                }
                index[normal] = position
                exact[key] = position
            }
        }
        storage = Storage(terms: terms, index: index, exact: exact)
    }

    private func position(for text: some StringProtocol) -> Int? {
        if let position = storage.exact[String(text)] { return position }
        return storage.index[Vocabulary.normalise(text)]
    }

    /// The term that `text` names, by code, label or alias; `nil` when none does.
    public func term(for text: some StringProtocol) -> VocabularyTerm? {
        position(for: text).map { storage.terms[$0] }
    }

    /// The code of the term that `text` names, by code, label or alias (cheaper than ``term(for:)``).
    public func code(for text: String) -> String? {
        if let position = storage.exact[text] { return storage.terms[position].code }
        return storage.index[Vocabulary.normalise(text)].map { storage.terms[$0].code }
    }

    /// The term with exactly this code.
    public func term(code: String) -> VocabularyTerm? {
        guard let position = storage.exact[code], storage.terms[position].code == code else { return nil }
        return storage.terms[position]
    }

    /// The label of the term with exactly this code.
    public func label(code: String) -> String? {
        guard let position = storage.exact[code], storage.terms[position].code == code else { return nil }
        return storage.terms[position].label
    }

    /// Whether a term has exactly this code.
    public func contains(code: String) -> Bool {
        guard let position = storage.exact[code] else { return false }
        return storage.terms[position].code == code
    }

    /// "unknown need type 'domestic-abse'; did you mean 'domestic-abuse'? (see `signpost vocab need-types`)": the
    /// one message for a value the vocabulary does not know, wherever it was given.
    public func unknownMessage(_ text: some StringProtocol, suggesting: Bool = true) -> String {
        guard !text.isEmpty else { return "no \(name.termNoun) given" }
        let hint = suggesting ? didYouMean(text) : ""
        return "unknown \(name.termNoun) '\(text)'\(hint) (see `signpost vocab \(name)`)"
    }

    /// The longest text, in characters, that "did you mean" hints are looked for.
    public static let longestSuggestible = 64

    /// "; did you mean 'a' or 'b'?", or "" when nothing is close.
    public func didYouMean(_ text: some StringProtocol) -> String {
        let hints = suggestions(for: text)
        return hints.isEmpty ? "" : "; did you mean \(hints.map { "'\($0)'" }.joined(separator: " or "))?"
    }

    /// Up to `limit` terms that look like `text`, for "did you mean" hints: their codes where the codes are words
    /// people type (`domestic-abuse`), their labels where the codes are not (`Polish` rather than `pl`).
    /// Text longer than ``longestSuggestible`` characters gets none: no term is that long, and comparing it with
    /// every term would cost time in proportion to its length (an `area` of a few kilobytes, a hostile list cell).
    public func suggestions(for text: some StringProtocol, limit: Int = 3) -> [String] {
        guard text.utf8.count <= Self.longestSuggestible * 4 else { return [] }
        let needle = Vocabulary.normalise(text)
        guard !needle.isEmpty, needle.count <= Self.longestSuggestible else { return [] }
        var scored: [(distance: Int, code: String)] = []
        for (key, position) in storage.index {
            let distance = EditDistance.between(needle, key, limit: max(2, needle.count / 3))
            if let distance { scored.append((distance, storage.terms[position].code)) }
            if key.hasPrefix(needle) || (needle.count >= 3 && key.contains(needle)) {
                scored.append((1, storage.terms[position].code))
            }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.distance, $0.code) < ($1.distance, $1.code) }
            .compactMap { seen.insert($0.code).inserted ? $0.code : nil }
            .prefix(limit)
            .map { code in name.suggestsLabels ? (label(code: code) ?? code) : code }
    }

    /// The form in which codes and aliases are compared: lower case, trimmed, with runs of spaces, hyphens,
    /// underscores and full stops made one space, and `&` read as `and`.
    public static func normalise(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text.lowercased() {
            switch character {
            case " ", "-", "_", ".", "\t", "\u{00A0}", "/":
                pendingSpace = true
            case "&":
                if !out.isEmpty { out.append(" ") }
                out.append("and")
                pendingSpace = true
            case "\u{2019}", "'":
                continue
            default:
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }
}

/// A problem with a vocabulary file itself.
public struct VocabularyError: Error, Hashable, Sendable, CustomStringConvertible {
    public let vocabulary: VocabularyName
    public let message: String

    public init(vocabulary: VocabularyName, message: String) {
        self.vocabulary = vocabulary
        self.message = message
    }

    public var description: String { "vocabulary \(vocabulary.fileName): \(message)" }
}

/// How many single-character edits turn one text into another, for "did you mean" hints.
public enum EditDistance {
    /// Levenshtein distance between `a` and `b` (bytes of UTF-8), or `nil` when it is above `limit`.
    public static func within(_ a: String, _ b: String, limit: Int) -> Int? { between(a, b, limit: limit) }

    /// Levenshtein distance between `a` and `b`, or `nil` when it is above `limit`.
    static func between(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
