import Foundation
import SignpostCore

/// Finds the terms of a vocabulary named in free text ("The building is equipped with induction loops for hearing
/// aids. Wheelchair access is possible on all levels." names `hearing-loop` and `step-free`): each term's label and
/// aliases (and, where codes are words, its code) matched as whole words, the last word also in the plural, the
/// longest match first. Apostrophes split words, so "can't" is never Shelta's "Cant"; spellings shorter than three
/// letters, and ISO codes, are not looked for.
struct TermFinder: Sendable {
    /// Spellings as words, by their first word, longest first.
    private let spellings: [String: [(words: [String], code: String)]]

    init(_ vocabulary: Vocabulary, includingCodes: Bool) {
        var spellings: [String: [(words: [String], code: String)]] = [:]
        for term in vocabulary.terms {
            // Codes, and the ISO codes languages.csv takes as aliases, are not words of running text ("nor", "may").
            let codes = Set(term.attributes.filter { $0.key.hasPrefix("iso639") }.map(\.value) + [term.code])
            var keys = [term.label] + term.aliases.filter { !codes.contains($0) }
            if includingCodes { keys.append(term.code) }
            for key in keys where key.count >= 3 {
                let words = Self.words(key)
                guard let first = words.first else { continue }
                spellings[first, default: []].append((words, term.code))
            }
        }
        for key in spellings.keys { spellings[key]?.sort { $0.words.count > $1.words.count } }
        self.spellings = spellings
    }

    /// The codes named in `text`, in the order they first appear, each once.
    func codes(in text: some StringProtocol) -> [String] {
        codes(inWords: Self.words(text))
    }

    /// The codes named in `words` (from ``words(_:)``), in order, each once.
    func codes(inWords words: [String]) -> [String] {
        var found: [String] = []
        var index = 0
        while index < words.count {
            var matched = 1
            for spelling in spellings[words[index]] ?? [] where Self.matches(spelling.words, words, at: index) {
                if !found.contains(spelling.code) { found.append(spelling.code) }
                matched = spelling.words.count
                break
            }
            // A plural first word ("loops" for "loop") of a one-word spelling.
            if matched == 1, spellings[words[index]] == nil {
                for stem in Self.singulars(of: words[index]) {
                    guard let spelling = (spellings[stem] ?? []).first(where: { $0.words.count == 1 }) else { continue }
                    if !found.contains(spelling.code) { found.append(spelling.code) }
                    break
                }
            }
            index += matched
        }
        return found
    }

    /// Whether `spelling` is written at `index` of `words`, its last word perhaps in the plural.
    private static func matches(_ spelling: [String], _ words: [String], at index: Int) -> Bool {
        guard index + spelling.count <= words.count else { return false }
        for (offset, word) in spelling.enumerated() {
            let written = words[index + offset]
            if written == word { continue }
            if offset == spelling.count - 1, singulars(of: written).contains(word) { continue }
            return false
        }
        return true
    }

    /// What a plural word may be the plural of: `loops` -> `loop`, `boxes` -> `box`.
    static func singulars(of word: String) -> [String] {
        guard word.count > 3, word.hasSuffix("s") else { return [] }
        var stems = [String(word.dropLast())]
        if word.hasSuffix("es") { stems.append(String(word.dropLast(2))) }
        return stems
    }

    /// The words of `text`: lower case, split at anything that is not a letter or a digit.
    static func words(_ text: some StringProtocol) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}

/// What an `interpretation_services` text says: the languages it names, whether interpreting is offered (or said not
/// to be), and the parts that say neither.
struct InterpretationStatement: Equatable {
    /// Language codes named where interpreting is not denied, in order.
    var languages: [String] = []
    /// `true` where the text says interpreters or translation are available, `false` where it says they are not,
    /// `nil` where it says neither.
    var offered: Bool?
    /// The parts (between commas, "and", "or"...) that name no known language and say nothing of interpreting.
    var notUnderstood: [String] = []

    /// Words that say interpreting is meant.
    private static let interpretingStems = ["interpret", "translat"]
    /// Words that deny what the part says.
    private static let negations: Set<String> = ["no", "not", "none", "nor", "cannot", "unavailable", "without"]
    /// Whole texts that are only yes or no.
    private static let yes: Set<String> = ["yes", "y", "true", "available", "on request"]
    private static let no: Set<String> = ["no", "n", "false", "none", "n a", "not available", "unavailable"]

    /// Reads `text` with the languages vocabulary's `finder`.
    init(_ text: String, languages finder: TermFinder) {
        let whole = TermFinder.words(text).joined(separator: " ")
        if Self.yes.contains(whole) {
            offered = true
            return
        }
        if Self.no.contains(whole) {
            offered = false
            return
        }
        for part in Self.parts(of: text) {
            let words = TermFinder.words(part)
            guard !words.isEmpty else { continue }
            let denied = words.enumerated().contains { index, word in
                Self.negations.contains(word)
                    // "can't", "don't", "isn't": the word before a lone "t" ends in n.
                    || (word == "t" && index > 0 && words[index - 1].hasSuffix("n"))
            }
            let aboutInterpreting = words.contains { word in Self.interpretingStems.contains { word.hasPrefix($0) } }
            let named = finder.codes(inWords: words)
            if aboutInterpreting {
                if denied {
                    offered = false
                } else if offered == nil {
                    offered = true
                }
            }
            if !denied {
                for code in named where !languages.contains(code) { languages.append(code) }
            }
            if named.isEmpty, !aboutInterpreting, !denied {
                notUnderstood.append(part.trimmed)
            }
        }
    }

    /// The text cut at commas, semicolons, slashes, full stops, "and", "or" and "&".
    static func parts(of text: String) -> [String] {
        var pieces = [text]
        for separator in [",", ";", "/", ". ", "&"] {
            pieces = pieces.flatMap { $0.components(separatedBy: separator) }
        }
        for word in ["and", "or"] {
            pieces = pieces.flatMap { piece in
                piece.split(separator: " ", omittingEmptySubsequences: false)
                    .split(whereSeparator: { $0.lowercased() == word })
                    .map { $0.joined(separator: " ") }
            }
        }
        return pieces.filter { !$0.trimmed.isEmpty }
    }
}

/// What an ORUK `wait_time` text says: "Typical wait from referral to first contact: 9 days (reported 2026-11-01).",
/// "2-3 weeks", "10 working days". A range counts as its longer end (a victim should not be promised the shorter).
struct WaitTimeText {
    /// The wait in days, when the text gives a number of days or weeks.
    var days: Int?
    /// The date the wait was reported, when the text gives one as `YYYY-MM-DD`.
    var reported: String?

    init(_ text: String) {
        let words = TermFinder.words(text)
        for (index, word) in words.enumerated() {
            guard let number = Int(word), number >= 0, number < 10_000, index + 1 < words.count else { continue }
            var unit = words[index + 1]
            // "10 working days", "3 calendar weeks".
            if unit == "working" || unit == "calendar", index + 2 < words.count { unit = words[index + 2] }
            switch unit {
            case "day", "days": days = number
            case "week", "weeks": days = number * 7
            default: continue
            }
            break
        }
        // A date as ISO writes it, after the wait.
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 10, scalars.count <= 1_000 {
            for start in 0...(scalars.count - 10) {
                let candidate = String(String.UnicodeScalarView(scalars[start..<start + 10]))
                if CalendarDate(iso: candidate) != nil {
                    reported = candidate
                    break
                }
            }
        }
    }
}
