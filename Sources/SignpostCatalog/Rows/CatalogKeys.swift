import Foundation
import SignpostCore

/// How every store keys and spells what it keeps, so that the stores agree.
enum CatalogKeys {
    /// How many gap reports of each analysis are kept (the oldest go first).
    static let keptReportsPerAnalysis = 24

    /// The bounds (exclusive) of the ids of a source's services: `SOURCE/` up to `SOURCE0` (`0` follows `/` in
    /// byte order, which both stores compare ids in).
    static func bounds(of source: SourceName) -> (lower: String, upper: String) {
        ("\(source.rawValue)/", "\(source.rawValue)0")
    }

    /// The ranges of service ids (lower bound included, upper bound not; `nil` for none) that hold every source but
    /// `excluded`, in order. Slugs hold only `a-z`, `0-9` and `-`, all below `/`'s successor `0` apart from digits,
    /// which sort after `/`: `a-b/...` and `a0/...` both lie outside `[a/, a0)`.
    static func idRanges(excluding excluded: Set<SourceName>) -> [(lower: String?, upper: String?)] {
        var ranges: [(lower: String?, upper: String?)] = []
        var lower: String?
        for source in excluded.map(\.rawValue).sorted() {
            ranges.append((lower, source + "/"))
            lower = source + "0"
        }
        ranges.append((lower, nil))
        return ranges
    }

    /// `text` with `\`, `%` and `_` escaped for a `LIKE ... ESCAPE '\'` pattern.
    static func likeEscaped(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
    }

    /// `ls1  4` -> `LS1 4`.
    static func groupKey(_ code: String) -> String {
        code.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func point(_ latitude: Double?, _ longitude: Double?) -> GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// A `;`-joined list of area codes, as stored.
    static func areaCodes(_ list: String) -> [AreaCode] {
        list.split(separator: ";").map { AreaCode(String($0)) }
    }
}

/// Timestamps as ISO 8601 text in UTC.
enum Timestamp {
    static func string(from date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func date(from text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
