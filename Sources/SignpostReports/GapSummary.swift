import SignpostMatching

/// The plain-English summary of a gap analysis.
enum GapSummary {
    static func sentences(_ document: GapDocument, query: GapQuery) -> [String] {
        var sentences: [String] = []
        let cells = document.cells
        guard !cells.isEmpty else { return ["Nothing was analysed: no areas or need types were chosen."] }
        let needCount = Set(cells.map(\.need)).count
        let split =
            query.split.map { " by \(count(query.splitValues.count, $0 == .language ? "language" : "specialism"))" }
            ?? ""
        // Need types with no accepting service anywhere in scope (split cells can be gaps for want of a language or a
        // specialism while services exist, so only whole cells count here).
        var byNeed: [String: (label: String, gaps: Int, cells: Int)] = [:]
        for cell in cells where query.split == nil {
            var entry = byNeed[cell.need] ?? (cell.needLabel, 0, 0)
            entry.cells += 1
            if cell.status == .gap { entry.gaps += 1 }
            byNeed[cell.need] = entry
        }
        let wholly = byNeed.values.filter { $0.gaps == $0.cells }.map(\.label).sorted()
        let areaCount = Set(cells.map(\.area)).count
        let areaWords = areaCount == 1 ? (cells.first?.areaName ?? document.scope) : "\(areaCount) areas"
        if areaCount == 1 && query.split == nil {
            let gaps = cells.filter { $0.status == .gap }
            let atRisk = cells.filter { $0.status == .atRisk }
            var sentence =
                "In \(document.scope), \(gaps.count) of \(count(needCount, "need type")) "
                + "\(gaps.count == 1 ? "has" : "have") no service accepting referrals"
            if !gaps.isEmpty { sentence += " (\(list(gaps.map(\.needLabel.lowercasedFirstWord))))" }
            sentence += "; \(atRisk.count) more \(atRisk.count == 1 ? "is" : "are") at risk."
            sentences.append(sentence)
        } else {
            let gaps = document.summary.gap
            sentences.append(
                "In \(document.scope), \(gaps) of \(count(cells.count, "cell")) (\(areaWords) by "
                    + "\(count(needCount, "need type"))\(split)) \(gaps == 1 ? "is a gap" : "are gaps") and "
                    + "\(document.summary.atRisk) more \(document.summary.atRisk == 1 ? "is" : "are") at risk"
                    + (query.split == .language
                        ? "; in \(count(document.summary.interpretingOnly, "cell")) the language is available only "
                            + "through interpreters."
                        : ".")
            )
            if !wholly.isEmpty {
                sentences.append(
                    "No area has a service accepting referrals for \(list(wholly.map(\.lowercasedFirstWord)))."
                )
            }
        }
        var reasonCounts: [String: (text: String, count: Int)] = [:]
        for cell in cells {
            for reason in cell.reasons {
                let entry = reasonCounts[reason.code] ?? (Self.reasonNames[reason.code] ?? reason.code, 0)
                reasonCounts[reason.code] = (entry.text, entry.count + 1)
            }
        }
        let common = reasonCounts.values.sorted { ($0.count, $1.text) > ($1.count, $0.text) }.prefix(3)
        if !common.isEmpty {
            sentences.append(
                "The commonest problems: " + list(common.map { "\($0.text) (\(count($0.count, "cell")))" }) + "."
            )
        }
        let cliff = document.contractsEnding.filter { $0.cellsLeftWithoutService > 0 }
        if !document.contractsEnding.isEmpty {
            let months = query.thresholds.contractsEndingWithinMonths
            let ending = document.contractsEnding.count
            var sentence =
                "\(count(ending, "contract")) \(ending == 1 ? "ends" : "end") within \(count(months, "month"))"
            if !cliff.isEmpty {
                let affected = cells.filter { $0.reasons.contains { $0.code == "contracts-ending" } }.count
                let which = cliff.count == ending ? (ending == 1 ? "it" : "them") : "\(cliff.count) of them"
                sentence += "; without \(which), \(count(affected, "cell")) would have no local service accepting"
            }
            sentences.append(sentence + ".")
        }
        if !document.stale.isEmpty {
            let stale = document.stale.count
            sentences.append(
                "\(count(stale, "record")) \(stale == 1 ? "has" : "have") not been verified for "
                    + "\(count(query.thresholds.staleAfterMonths, "month")) or more."
            )
        }
        return sentences
    }

    static let reasonNames: [String: String] = [
        "no-service": "no service",
        "none-accepting": "no service accepting",
        "no-language": "no service in the language",
        "interpreter-only": "interpreting only",
        "no-specialist": "no specialist service",
        "few-accepting": "too few local services accepting",
        "mostly-unavailable": "local services full or paused",
        "long-wait": "long waits",
        "capacity-short": "capacity short of demand",
        "only-national": "only national helplines",
        "partly-covered": "local services for only part of the area",
        "contracts-ending": "contracts ending",
        "all-stale": "stale data",
    ]

    /// "1 cell", "2 cells".
    static func count(_ value: Int, _ noun: String) -> String { value == 1 ? "1 \(noun)" : "\(value) \(noun)s" }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}

extension String {
    /// "Domestic abuse support" -> "domestic abuse support"; acronyms ("ISVA support") are kept.
    var lowercasedFirstWord: String {
        guard let first = first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}
