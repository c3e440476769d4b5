import SignpostCore
import SignpostMatching

// MARK: - Words and numbers

extension GapHTMLReport {
    static func symbol(_ status: CoverageStatus) -> String {
        switch status {
        case .gap: "\u{2715}"
        case .atRisk: "!"
        case .interpretingOnly: "i"
        case .covered: "\u{2713}"
        }
    }

    static func statusWord(_ status: CoverageStatus) -> String {
        switch status {
        case .gap: "gap"
        case .atRisk: "at risk"
        case .interpretingOnly: "interpreting only"
        case .covered: "covered"
        }
    }

    /// "1 gap", "3 gaps", "2 at risk", "5 covered".
    static func statusNoun(_ status: CoverageStatus, count: Int) -> String {
        "\(count) " + statusWord(status, count: count)
    }

    /// "gap" or "gaps", "at risk", "covered".
    static func statusWord(_ status: CoverageStatus, count: Int) -> String {
        status == .gap && count != 1 ? "gaps" : statusWord(status)
    }

    static func statusClass(_ status: CoverageStatus) -> String { "s-" + status.rawValue }

    /// "1 local authority", "2 local authorities", "3 services": the noun for `count`.
    static func plural(_ noun: String, _ count: Int) -> String {
        guard count != 1 else { return noun }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        return noun + "s"
    }

    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    /// Up to two decimals, without trailing zeros: `1`, `0.5`, `12.25`.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        guard fraction != 0 else { return "\(sign)\(whole)" }
        let digits = fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// A coordinate for SVG, to one decimal.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let fraction = abs(tenths) % 10
        return "\(sign)\(abs(tenths) / 10)" + (fraction == 0 ? "" : ".\(fraction)")
    }
}
