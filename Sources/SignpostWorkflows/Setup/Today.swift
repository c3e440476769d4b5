public import Foundation
public import SignpostCore

/// "Today" as Signpost's users mean it: the date in England and Wales (Europe/London), whatever the machine's time
/// zone, the same for the command line and the server.
public enum Today {
    /// The calendar date in Europe/London at `now`.
    public static func inLondon(at now: Date = Date()) -> CalendarDate { CalendarDate(inLondonAt: now) }
}
