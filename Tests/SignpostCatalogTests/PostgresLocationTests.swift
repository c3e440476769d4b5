import Foundation
import Testing

@testable import SignpostCatalog

@Suite("PostgreSQL catalog: where it is and the password")
struct PostgresLocationTests {
    @Test func aURLGivesHostPortUserDatabaseAndSchema() throws {
        let location = try PostgresLocation(
            url: "postgres://signpost@db.internal:6432/victims?schema=north",
            environment: [:]
        )
        #expect(location.host == "db.internal" && location.port == 6432)
        #expect(location.user == "signpost" && location.database == "victims" && location.schema == "north")
        #expect(location.requiresTLS, "TLS is required off the loopback interface")
        #expect(location.channel == "signpost_catalog_north")
        let local = try PostgresLocation(url: "postgresql://127.0.0.1/", environment: ["PGUSER": "officer"])
        #expect(local.port == 5432 && local.user == "officer" && local.database == "officer" && !local.requiresTLS)
        #expect(local.description == "postgres://officer@127.0.0.1:5432/officer")
    }

    @Test(arguments: [
        "postgres://u:hunter2@db/c",
        "postgres:///nohost",
        "postgres://u@db/c?schema=x;drop",
        "postgres://u@db/c?sslmode=sometimes",
    ])
    func aBadURLIsRefusedWithoutEchoingAPassword(url: String) {
        #expect {
            _ = try PostgresLocation(url: url, environment: [:])
        } throws: { error in
            let message = (error as? CatalogError)?.message ?? ""
            return !message.isEmpty && !message.contains("hunter2")
        }
    }

    @Test func thePasswordComesFromPGPASSWORDThenAPrivatePgpassFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
        # host:port:database:user:password
        other:5432:*:signpost:wrong
        db.internal:6432:victims:signpost:pa\\:ss\\\\word
        *:*:*:*:fallback
        """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let location = try PostgresLocation(url: "postgres://signpost@db.internal:6432/victims", environment: [:])

        #expect(location.password(environment: ["PGPASSWORD": "from-env", "PGPASSFILE": file]).password == "from-env")
        #expect(location.password(environment: ["PGPASSFILE": file]).password == "pa:ss\\word")
        let elsewhere = try PostgresLocation(url: "postgres://someone@elsewhere/db", environment: [:])
        #expect(elsewhere.password(environment: ["PGPASSFILE": file]).password == "fallback")

        // As psql does, a file others can read is ignored, and the connection error says why.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let ignored = location.password(environment: ["PGPASSFILE": file])
        #expect(ignored.password == nil)
        #expect(ignored.note?.contains("chmod 600") == true)
    }

    @Test func aServerThatIsNotThereIsNamedWithWhatToCheck() async throws {
        let location = try PostgresLocation(url: "postgres://officer@127.0.0.1:1/signpost", environment: [:])
        await #expect {
            _ = try await PostgresCatalog.open(location, environment: [:])
        } throws: { error in
            let message = (error as? CatalogError)?.message ?? ""
            return (error as? CatalogError)?.code == .cannotOpen && message.contains("127.0.0.1:1")
                && message.contains("Is PostgreSQL running")
        }
    }
}
