public import Foundation
public import SignpostCore

/// "Today" as Signpost's users mean it: the date in England and Wales (Europe/London), whatever the machine's time
/// zone, the same for the command line and the server.
public enum Today {
    /// The calendar date in Europe/London at `now`.
    public static func inLondon(at now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(daysSinceEpoch: 0)
    }
}
