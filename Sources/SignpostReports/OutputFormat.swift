/// How a command prints data.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An aligned table for people.
    case table
    /// JSON for programs.
    case json
    /// CSV for spreadsheets.
    case csv
}
