import Foundation
import GRDB
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostCatalog

/// The stores the catalog suite runs against: SQLite always, PostgreSQL when the tests have a server
/// (`SIGNPOST_TEST_POSTGRES`), so that the two cannot drift apart.
enum CatalogStore: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var available: [CatalogStore] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// An empty catalog of this store.
    func make() async throws -> any Catalog {
        switch self {
        case .sqlite: return try SQLiteCatalog.inMemory()
        case .postgres:
            let url = try #require(TestPostgres.freshSchemaURL())
            return try await PostgresCatalog.open(PostgresLocation(url: url))
        }
    }
}

extension CatalogStore {
    /// Makes the store fail when a service called `name` is inserted, as a full disk would.
    func failInserts(named name: String, in catalog: any Catalog) async throws {
        let quoted = name.replacing("'", with: "''")
        switch self {
        case .sqlite:
            let catalog = try #require(catalog as? SQLiteCatalog)
            try await catalog.writer.write { db in
                try db.execute(
                    sql: """
                        CREATE TRIGGER fail_on_name BEFORE INSERT ON service WHEN NEW.name = '\(quoted)'
                        BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END
                        """
                )
            }
        case .postgres:
            let catalog = try #require(catalog as? PostgresCatalog)
            try await catalog.execute(
                """
                CREATE FUNCTION fail_on_name() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.name = '\(quoted)' THEN RAISE EXCEPTION 'disk I/O error (simulated)'; END IF;
                    RETURN NEW;
                END $$
                """
            )
            try await catalog.execute(
                "CREATE TRIGGER fail_on_name BEFORE INSERT ON service FOR EACH ROW EXECUTE FUNCTION fail_on_name()"
            )
        }
    }
}

@Suite("Catalog stores")
struct CatalogStoresTests {
    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)))
    func theSuiteRunsOnPostgreSQL() async throws {
        #expect(CatalogStore.available.contains(.postgres))
        let catalog = try await CatalogStore.postgres.make()
        #expect(try await catalog.serviceCount() == 0)
    }

    @Test func continuousIntegrationNeverSkipsPostgreSQL() {
        // .ci/run starts a cluster; a CI run without one would pass while testing half the stores.
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(TestPostgres.url != nil, "CI is set but SIGNPOST_TEST_POSTGRES is not")
        }
    }
}
