import SignpostCore
public import SignpostMatching

/// `signpost refer --format json`: the location as resolved, the suggestions and the excluded near misses.
public struct ReferralDocument: Encodable, Sendable {
    public struct Suggestion: Encodable, Sendable {
        var rank: Int
        var serviceId: String
        var name: String
        var provider: String
        var score: Double
        var summary: String
        var reasons: [MatchNote]
        var cautions: [MatchNote]
        var status: String
        var waitDays: Int?
        var breakdown: ScoreBreakdown
        var contact: Contact
    }

    public struct Excluded: Encodable, Sendable {
        var serviceId: String
        var name: String
        var provider: String
        var reasons: [MatchNote]
    }

    var location: ResolvedLocation
    var cautions: [MatchNote]
    var candidates: Int
    var suggestions: [Suggestion]
    var excluded: [Excluded]

    public init(_ result: MatchResult) {
        location = result.location
        cautions = result.cautions
        candidates = result.candidates
        suggestions = result.suggestions.map {
            Suggestion(
                rank: $0.rank,
                serviceId: $0.serviceID.rawValue,
                name: $0.name,
                provider: $0.provider,
                score: $0.score,
                summary: $0.summary,
                reasons: $0.reasons,
                cautions: $0.cautions,
                status: $0.status.rawValue,
                waitDays: $0.waitDays,
                breakdown: $0.breakdown,
                contact: $0.contact
            )
        }
        excluded = result.nearMisses.map {
            Excluded(serviceId: $0.serviceID.rawValue, name: $0.name, provider: $0.provider, reasons: $0.reasons)
        }
    }
}

/// Referral suggestions as text for a terminal (fits 100 columns) and as CSV.
public enum ReferralText {
    /// The ranked suggestions, each with its summary and cautions, then the near misses.
    public static func table(_ result: MatchResult, showAllExcluded: Bool = false, width: Int = 100) -> String {
        var out = ""
        let location = result.location
        if !location.query.isEmpty {
            out += "Location: \(location.query) — \(location.method)\n"
        }
        for caution in result.cautions { out += wrap("! " + caution.text, width: width, indent: "  ") }
        out += "\n"
        if result.suggestions.isEmpty {
            out += "No service meets every condition for these needs here."
            out += result.nearMisses.isEmpty ? "\n" : " The nearest misses and why they were excluded:\n"
        }
        for suggestion in result.suggestions {
            let rank = suggestion.rank < 10 ? " \(suggestion.rank)" : "\(suggestion.rank)"
            let right = "score \(format(suggestion.score))" + (suggestion.waitDays.map { "  wait \($0) d" } ?? "")
            let nameWidth = max(20, width - 6 - right.count)
            out += "\(rank). " + pad(cut(suggestion.name, nameWidth), nameWidth) + "  " + right + "\n"
            var contact = [suggestion.provider, suggestion.serviceID.rawValue]
            if let phone = suggestion.contact.phone { contact.append(phone) }
            out += wrap(contact.joined(separator: " · "), width: width, indent: "    ")
            out += wrap(suggestion.summary, width: width, indent: "    ")
            for caution in suggestion.cautions { out += wrap("! " + caution.text, width: width, indent: "    ") }
            out += "\n"
        }
        if !result.nearMisses.isEmpty {
            if !result.suggestions.isEmpty { out += "Excluded, though they meet a need:\n" }
            let shown = showAllExcluded ? result.nearMisses : Array(result.nearMisses.prefix(3))
            for miss in shown {
                let text = "- \(miss.name) (\(miss.serviceID)): " + miss.reasons.map(\.text).joined(separator: "; ")
                out += wrap(text, width: width, indent: "  ")
            }
            if shown.count < result.nearMisses.count {
                out += "  (more: use --show-excluded)\n"
            }
        }
        return out
    }

    /// One row per suggestion.
    public static func csv(_ result: MatchResult) -> String {
        Table(
            columns: [
                .init("rank"), .init("service_id"), .init("name"), .init("provider"), .init("score"),
                .init("wait_days"), .init("summary"), .init("cautions"), .init("phone"),
            ],
            rows: result.suggestions.map {
                [
                    String($0.rank), $0.serviceID.rawValue, $0.name, $0.provider, format($0.score),
                    $0.waitDays.map(String.init) ?? "", $0.summary, $0.cautions.map(\.text).joined(separator: "; "),
                    $0.contact.phone ?? "",
                ]
            }
        ).renderCSV()
    }

    static func format(_ score: Double) -> String {
        let tenths = Int((score * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func cut(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Word-wraps `text` to `width` columns, every line starting with `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + "  "
            }
            line += (line.count > indent.count && !line.hasSuffix("  ") ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.map { $0 + "\n" }.joined()
    }
}
