import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostMatching
import SignpostWorkflows

// MARK: - Choosing a kept report (--since), and the request's notes in words

extension GapsCommand {
    enum SinceChoice: Equatable {
        case last
        case lastImport
        case onOrBefore(CalendarDate)
        case monthsAgo(Int)
    }

    /// `last`, `last-import`, `2026-11-01` or `1m`.
    static func sinceChoice(_ text: String) throws -> SinceChoice {
        switch text.lowercased() {
        case "last", "previous": return .last
        case "last-import", "import": return .lastImport
        default:
            if let date = CalendarDate(iso: text) { return .onOrBefore(date) }
            guard let months = try? months(text, option: "--since"), text.last?.isLetter == true else {
                throw ValidationError(
                    "--since must be last, last-import, a date (YYYY-MM-DD) or a period ago (1m, 2y), not '\(text)'"
                )
            }
            return .monthsAgo(months)
        }
    }

    /// The newest kept report (newest first in `kept`) that `since` asks for.
    static func chooseKept(
        _ kept: [KeptGapReport],
        since: String,
        latestImport: ImportID?,
        today: CalendarDate
    ) throws -> KeptGapReport? {
        switch try sinceChoice(since) {
        case .last:
            return kept.first
        case .lastImport:
            guard let latestImport else { return nil }
            return kept.first { $0.importID.map { $0 < latestImport } ?? true }
        case .onOrBefore(let date):
            return kept.first { Today.inLondon(at: $0.madeAt) <= date }
        case .monthsAgo(let months):
            let date = today.adding(months: -months)
            return kept.first { Today.inLondon(at: $0.madeAt) <= date }
        }
    }

    /// The notes on how the request was read, on standard error (the demand rows not counted, the first 20).
    static func tell(_ notes: [GapNote], demandName: String, level: GapLevel, vocabularies: Vocabularies) {
        var rows = 0
        for note in notes {
            switch note {
            case .demandSplitAdded(let column):
                Terminal.note(
                    "note: the demand file gives demand by \(column); without --by \(column) its rows are added up "
                        + "per area and need type"
                )
            case .demandTakenAsYearly:
                Terminal.note(
                    "note: \(demandName) has no period column: every count is taken as referrals a year (add a "
                        + "period column, year or month, to say)"
                )
            case .districtsNamedByServices(let count):
                Terminal.note(
                    "note: no ONS postcode directory imported: looking at the \(count) districts the catalog's "
                        + "services name (import one with `signpost geography import FILE` for every district)"
                )
            case .demandRowsOutside(let count):
                Terminal.note(
                    "note: \(count) demand rows fall in \(level.pluralNoun) outside this analysis; they are not counted"
                )
            case .demandRowNotCounted(let line, let area, let placement):
                rows += 1
                guard rows <= 20 else { continue }
                let name = vocabularies.label(ofArea: area)
                let why: String
                switch placement {
                case .coarser(let kind):
                    why =
                        "\(name) is a \(kind.rawValue.replacing("-", with: " ")): its count cannot be divided among "
                        + level.pluralNoun
                case .straddles(let forces):
                    why =
                        "\(name) lies in several force areas (\(forces.map { vocabularies.label(ofArea: $0) }.joined(separator: ", ")))"
                case .unplaced, .area:
                    why = "Signpost's tables put \(name) in no \(level.noun)"
                }
                Terminal.note("note: \(demandName):\(line): \(why); not counted")
            }
        }
        if rows > 20 { Terminal.note("note: ... and \(rows - 20) more rows not counted") }
    }
}
