import SignpostCore
import SignpostMatching

/// Referral suggestions as text for a terminal (fitted to its width, 80 columns and up) and as CSV.
public enum ReferralText {
    /// The ranked suggestions, each with how to refer, where, when open, why it fits and its cautions, then the near
    /// misses. No line is longer than `width`, and a phone number, an id or an address is never split.
    public static func table(_ document: ReferralDocument, showAllExcluded: Bool = false, width: Int = 80) -> String {
        let width = max(width, 60)
        var out = ""
        let location = document.location
        if !location.query.isEmpty {
            out += TextWrap.wrap(words("Location: \(location.query) — \(location.method)"), width: width, indent: "")
        }
        for caution in document.cautions {
            out += TextWrap.wrap(["!"] + words(caution.text), width: width, indent: "", continuation: "  ")
        }
        out += "\n"
        if document.suggestions.isEmpty {
            if document.cautions.contains(where: { $0.code == "empty-catalog" }) {
                return out
            }
            out += TextWrap.wrap(
                words(
                    "No service meets every condition for these needs here."
                        + (document.excluded.isEmpty ? "" : " The nearest misses and why they were excluded:")
                ),
                width: width,
                indent: ""
            )
        }
        for suggestion in document.suggestions {
            let rank = suggestion.rank < 10 ? " \(suggestion.rank)." : "\(suggestion.rank)."
            let wait = suggestion.waitDays.map { $0 == 0 ? "no wait" : "wait \($0) d" } ?? "wait ?"
            let nameWidth = width - rank.count - 1 - wait.count - 2
            out += "\(rank) " + TextWrap.pad(TextWrap.cut(suggestion.name, nameWidth), nameWidth) + "  " + wait + "\n"
            out += TextWrap.wrap(
                words(suggestion.provider) + ["·", suggestion.serviceId],
                width: width,
                indent: "    "
            )
            out += TextWrap.wrap(referTokens(suggestion), width: width, indent: "    ", continuation: "      ")
            var place: [String] = []
            if let town = suggestion.town {
                place.append(town + (suggestion.distanceKm.map { ", \(ReferralWording.kilometres($0))" } ?? ""))
            }
            if let hours = suggestion.contact.hours { place.append(hours) }
            if !place.isEmpty {
                out += TextWrap.wrap(words(place.joined(separator: " · ")), width: width, indent: "    ")
            }
            out += TextWrap.wrap(words(suggestion.summary), width: width, indent: "    ")
            for caution in suggestion.cautions {
                out += TextWrap.wrap(["!"] + words(caution.text), width: width, indent: "    ", continuation: "      ")
            }
            out += "\n"
        }
        if !document.excluded.isEmpty {
            if !document.suggestions.isEmpty { out += "Excluded, though they meet a need:\n" }
            let shown = showAllExcluded ? document.excluded : Array(document.excluded.prefix(3))
            for miss in shown {
                let reasons = miss.reasons.map(\.text).joined(separator: "; ")
                out += TextWrap.wrap(
                    ["-"] + words(miss.name) + ["(\(miss.serviceId)):"] + words(reasons),
                    width: width,
                    indent: "  ",
                    continuation: "    "
                )
            }
            if shown.count < document.excluded.count {
                out += "  (\(document.excluded.count - shown.count) more: use --show-excluded)\n"
            }
        }
        return out
    }

    /// "Refer: 0113 496 0000 · info@example.org · example.org/form (takes police referrals)", in tokens that are
    /// never split: a phone number stays whole.
    static func referTokens(_ suggestion: ReferralDocument.Suggestion) -> [String] {
        var tokens = ["Refer:"]
        var ways: [String] = []
        if let phone = suggestion.contact.phone { ways.append(phone) }
        if let email = suggestion.contact.email { ways.append(email) }
        if let website = suggestion.contact.website {
            ways.append(website.replacing("https://", with: "").replacing("http://", with: ""))
        }
        for (index, way) in ways.enumerated() {
            if index > 0 { tokens.append("·") }
            tokens.append(way)
        }
        tokens += words(ways.isEmpty ? suggestion.routesText : "(\(suggestion.routesText))")
        return tokens
    }

    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    /// One row per suggestion.
    public static func csv(_ document: ReferralDocument) -> String {
        Table(
            columns: [
                .init("rank"), .init("service_id"), .init("name"), .init("provider"), .init("score"),
                .init("wait_days"), .init("summary"), .init("cautions"), .init("phone"), .init("email"),
                .init("website"), .init("how_to_refer"), .init("town"), .init("distance_km"), .init("hours"),
            ],
            rows: document.suggestions.map {
                [
                    String($0.rank), $0.serviceId, $0.name, $0.provider, format($0.score),
                    $0.waitDays.map(String.init) ?? "", $0.summary, $0.cautions.map(\.text).joined(separator: "; "),
                    $0.contact.phone ?? "", $0.contact.email ?? "", $0.contact.website ?? "", $0.howToRefer,
                    $0.town ?? "", $0.distanceKm.map { String($0) } ?? "", $0.contact.hours ?? "",
                ]
            }
        ).renderCSV()
    }

    static func format(_ score: Double) -> String {
        let tenths = Int((score * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// Text fitted to a terminal's width.
enum TextWrap {
    /// Lays `tokens` out in lines of at most `width` columns, the first starting with `indent` and the rest with
    /// `continuation` (default: `indent` and two spaces). A token is never split; one longer than a line has a line
    /// of its own. Control characters are removed, so that text from a list cannot move the cursor or change colours.
    static func wrap(_ tokens: [String], width: Int, indent: String, continuation: String? = nil) -> String {
        let next = continuation ?? indent + "  "
        var lines: [String] = []
        var line = indent
        var lineCount = indent.count
        var empty = true
        for raw in tokens {
            let token = clean(raw)
            guard !token.isEmpty else { continue }
            if !empty, lineCount + 1 + token.count > width {
                lines.append(line)
                line = next
                lineCount = next.count
                empty = true
            }
            if !empty {
                line += " "
                lineCount += 1
            }
            line += token
            lineCount += token.count
            empty = false
        }
        if !empty { lines.append(line) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The text without control characters (``Table/clean(_:)``).
    static func clean(_ text: String) -> String { Table.clean(text) }

    static func cut(_ text: String, _ width: Int) -> String {
        let text = clean(text)
        return text.count > width ? String(text.prefix(max(1, width - 1))) + "…" : text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
