import Foundation

/// The issues of one list, kept within bounds whatever the file holds: the first `sameKept` issues of each kind (the
/// same severity, field and message) are kept in full and the rest only counted, and no more than `totalKept` are
/// kept at all. A file of a million broken rows gives a report of a few thousand lines that says how many more there
/// were, not a million lines. Values are cut to `valueLength` characters.
public struct IssueLog: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// Issues of one kind that were counted but not kept.
    public struct Omitted: Hashable, Sendable {
        public var severity: ImportIssue.Severity
        public var field: String?
        public var message: String
        public var count: Int
        /// The first and last lines of the omitted ones, where known.
        public var firstLine: Int?
        public var lastLine: Int?
    }

    /// Every issue given, kept or not, counted by reason: the same severity, field and ``reason(of:)``.
    public struct Tally: Hashable, Sendable {
        public var severity: ImportIssue.Severity
        public var field: String?
        /// The message with the values it quotes taken out (`unknown need type '…'`).
        public var reason: String
        public var count: Int
        /// The first lines it was seen on (up to ``IssueLog/tallyLines``), where known.
        public var lines: [Int]
    }

    public static let sameKept = 20
    public static let totalKept = 5_000
    public static let valueLength = 200

    private var kept: [ImportIssue] = []
    private var perKind: [Kind: Int] = [:]
    private var omittedByKind: [Kind: Omitted] = [:]
    private var omittedOrder: [Kind] = []
    private var tallyIndex: [Kind: Int] = [:]
    private var tallyList: [Tally] = []

    /// The most reasons tallied one by one; further reasons are tallied together as "other issues".
    public static let tallyReasons = 1_000
    /// The lines kept for each reason.
    public static let tallyLines = 5

    private struct Kind: Hashable {
        var severity: ImportIssue.Severity
        var field: String?
        var message: String
    }

    public init() {}

    public init(arrayLiteral elements: ImportIssue...) { append(contentsOf: elements) }

    public init(_ issues: some Sequence<ImportIssue>) { append(contentsOf: issues) }

    public var startIndex: Int { kept.startIndex }
    public var endIndex: Int { kept.endIndex }
    public subscript(position: Int) -> ImportIssue { kept[position] }

    /// The kinds of issue counted but not kept, in the order they were first cut.
    public var omitted: [Omitted] { omittedOrder.compactMap { omittedByKind[$0] } }

    /// Every issue given, by reason, most frequent first (ties in the order first seen).
    public var tallies: [Tally] {
        tallyList.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
    }

    /// How many issues were given, kept or not.
    public var total: Int { kept.count + omittedByKind.values.reduce(0) { $0 + $1.count } }

    /// Names the place of every kept issue that has a line and no place yet (``RecordPlace``).
    mutating func name(places: RecordPlace) {
        guard places != .line else { return }
        for index in kept.indices where kept[index].place == nil {
            if let line = kept[index].line { kept[index].place = places.name(line) }
        }
    }

    public mutating func append(_ issue: ImportIssue) {
        var issue = issue
        if let value = issue.value, value.count > Self.valueLength {
            issue.value = String(value.prefix(Self.valueLength)) + "… (\(value.count) characters)"
        }
        // Messages quote values too: a kind is its message with any long quotation cut.
        if issue.message.count > 400 { issue.message = String(issue.message.prefix(400)) + "…" }
        let kind = Kind(severity: issue.severity, field: issue.field, message: issue.message)
        tally(issue)
        let seen = perKind[kind, default: 0]
        if seen < Self.sameKept, kept.count < Self.totalKept {
            perKind[kind] = seen + 1
            kept.append(issue)
            return
        }
        // Counted under its own kind while there is room to name kinds, else under one kind per severity.
        let bucket =
            omittedByKind[kind] != nil || omittedByKind.count < Self.totalKept
            ? kind : Kind(severity: issue.severity, field: nil, message: "other issues")
        if omittedByKind[bucket] == nil {
            omittedOrder.append(bucket)
            omittedByKind[bucket] = Omitted(
                severity: bucket.severity,
                field: bucket.field,
                message: bucket.message,
                count: 0,
                firstLine: issue.line,
                lastLine: issue.line
            )
        }
        omittedByKind[bucket]?.count += 1
        if let line = issue.line { omittedByKind[bucket]?.lastLine = line }
    }

    private mutating func tally(_ issue: ImportIssue) {
        var reason = Kind(severity: issue.severity, field: issue.field, message: Self.reason(of: issue.message))
        if tallyIndex[reason] == nil, tallyList.count >= Self.tallyReasons {
            reason = Kind(severity: issue.severity, field: nil, message: "other issues")
        }
        let index =
            tallyIndex[reason]
            ?? {
                tallyList.append(
                    Tally(severity: reason.severity, field: reason.field, reason: reason.message, count: 0, lines: [])
                )
                tallyIndex[reason] = tallyList.count - 1
                return tallyList.count - 1
            }()
        tallyList[index].count += 1
        if let line = issue.line, tallyList[index].lines.count < Self.tallyLines { tallyList[index].lines.append(line) }
    }

    /// A message with what varies from row to row taken out, so that issues of one reason count together: values in
    /// quotes become `'…'`, and a "did you mean" hint is dropped. `unknown need type 'domestc'; did you mean
    /// 'domestic-abuse'? (see `signpost vocab need-types`)` is `unknown need type '…'`.
    public static func reason(of message: String) -> String {
        var text = message
        if let hint = text.range(of: "; did you mean ") {
            let end = text[hint.upperBound...].range(of: "?").map(\.upperBound) ?? text.endIndex
            text.removeSubrange(hint.lowerBound..<end)
        }
        var out = ""
        var inQuote = false
        var previous: Character = " "
        for character in text {
            if character == "'" {
                // An apostrophe inside a word ("service's") is not a quotation mark.
                if !inQuote, previous.isLetter {
                    out.append(character)
                } else if !inQuote {
                    inQuote = true
                    out += "'…"
                } else {
                    inQuote = false
                    out.append("'")
                }
            } else if !inQuote {
                out.append(character)
            }
            previous = character
        }
        if inQuote { out.append("'") }
        // Where to look a value up is advice for the one issue, not part of its reason.
        if let see = out.range(of: " (see `", options: .backwards), out.hasSuffix("`)") {
            out.removeSubrange(see.lowerBound...)
        }
        return out
    }

    public mutating func append(contentsOf issues: some Sequence<ImportIssue>) {
        for issue in issues { append(issue) }
    }

    /// Puts the kept issues in line order (stable: issues of one line keep their order); the counts stay.
    public mutating func sortByLine() {
        kept = kept.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    public static func += (log: inout IssueLog, issues: some Sequence<ImportIssue>) {
        log.append(contentsOf: issues)
    }
}
