import Foundation

/// The PostgreSQL server the tests may use: `SIGNPOST_TEST_POSTGRES` (a `postgres://` URL; `.ci/run` starts a
/// throwaway cluster and sets it). Each test gets a schema of its own, so tests run side by side and leave each
/// other alone.
public enum TestPostgres {
    public static var url: String? {
        ProcessInfo.processInfo.environment["SIGNPOST_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why PostgreSQL tests are skipped, for the test's listing.
    public static let skipReason =
        "SIGNPOST_TEST_POSTGRES is not set: the PostgreSQL store is not tested (scripts/test-postgres.sh starts a server)"

    /// A URL to a fresh schema of the test server (created when a catalog first opens it).
    public static func freshSchemaURL() -> String? {
        guard let url else { return nil }
        let schema = "t_" + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
    }
}
