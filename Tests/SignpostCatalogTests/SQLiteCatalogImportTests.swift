import Foundation
import GRDB
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostCatalog

@Suite("SQLite catalog: import semantics")
struct SQLiteCatalogImportTests {
    let leeds = Fixtures.service(recordID: "LDS-1")
    let bradford = Fixtures.service(recordID: "BFD-1", name: "Bradford Stalking Advocacy", needTypes: ["stalking"])
    let wakefield = Fixtures.service(
        recordID: "WKF-1",
        name: "Wakefield Victims Hub",
        needTypes: ["emotional-practical-support"]
    )

    @Test func insertsNewServicesAndReadsThemBackUnchanged() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        let outcome = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        #expect(outcome.committed)
        #expect(outcome.inserted == [leeds.id, bradford.id])
        #expect(outcome.updated.isEmpty && outcome.unchanged.isEmpty)

        let stored = try #require(try await catalog.service(id: leeds.id))
        var expected = leeds
        expected.provenance.importID = outcome.importID
        #expect(stored == expected)
        #expect(try await catalog.allServices().map(\.id) == [bradford.id, leeds.id].sorted())
    }

    @Test func reimportingTheSameServicesReportsThemUnchanged() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        let first = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        let second = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        #expect(second.inserted.isEmpty)
        #expect(second.updated.isEmpty)
        #expect(second.unchanged == [leeds.id, bradford.id])
        // Unchanged records keep the import that last wrote them.
        #expect(try await catalog.service(id: leeds.id)?.provenance.importID == first.importID)
    }

    @Test func aChangedServiceIsUpdatedInPlace() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        var changed = leeds
        changed.waitingTime = WaitingTime(days: 30, asOf: CalendarDate(iso: "2026-11-20"))
        changed.status = .waitlist
        let outcome = try await catalog.apply(ImportRequest(services: [changed, bradford]))
        #expect(outcome.updated == [leeds.id])
        #expect(outcome.unchanged == [bradford.id])
        let stored = try #require(try await catalog.service(id: leeds.id))
        #expect(stored.waitingTime?.days == 30)
        #expect(stored.status == .waitlist)
        #expect(stored.provenance.importID == outcome.importID)
    }

    @Test func replaceWithdrawsTheSourcesServicesMissingFromTheNewList() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        let otherSource = Fixtures.service(source: "another-list", recordID: "X-1")
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford, wakefield, otherSource]))
        let outcome = try await catalog.apply(
            ImportRequest(services: [leeds], replacing: [SourceName("test-list")], retained: [wakefield.id])
        )
        #expect(outcome.withdrawn == [WithdrawnService(id: bradford.id, name: bradford.name)])
        let remaining = try await catalog.allServices().map(\.id)
        // The other source is untouched; the retained (rejected-in-file) record keeps its old version.
        #expect(remaining == [otherSource.id, leeds.id, wakefield.id].sorted())
    }

    @Test func withoutReplaceNothingIsWithdrawn() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        let outcome = try await catalog.apply(ImportRequest(services: [leeds]))
        #expect(outcome.withdrawn.isEmpty)
        #expect(try await catalog.allServices().count == 2)
    }

    @Test func aDryRunCountsButChangesNothing() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let outcome = try await catalog.apply(ImportRequest(services: [leeds, bradford], dryRun: true))
        #expect(!outcome.committed)
        #expect(outcome.importID == nil)
        #expect(outcome.inserted == [bradford.id])
        #expect(outcome.unchanged == [leeds.id])
        #expect(try await catalog.allServices().map(\.id) == [leeds.id])
        #expect(try await catalog.imports(limit: 10).count == 1)
    }

    @Test func aFailureHalfWayThroughLeavesTheCatalogExactlyAsItWas() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let before = try await catalog.allServices()
        // Simulate the store failing mid-import (as a full disk would) on the third service.
        try await catalog.writer.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_on_wakefield BEFORE INSERT ON service WHEN NEW.name = 'Wakefield Victims Hub'
                    BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END
                    """
            )
        }
        var changedLeeds = leeds
        changedLeeds.name = "Leeds Domestic Abuse Outreach (renamed)"
        await #expect(throws: CatalogError.self) {
            _ = try await catalog.apply(ImportRequest(services: [changedLeeds, bradford, wakefield]))
        }
        #expect(try await catalog.allServices() == before)
        #expect(try await catalog.imports(limit: 10).count == 1)
    }

    @Test func queriesFindServicesByAreaNeedAndPostcodeArea() async throws {
        let catalog = try SQLiteCatalog.inMemory()
        let national = Fixtures.service(source: "helplines", recordID: "H-1", coverage: [.national])
        let districtOnly = Fixtures.service(recordID: "LS-6", coverage: [AreaCode("LS6")])
        let manchester = Fixtures.service(recordID: "MAN-1", coverage: [AreaCode("E23000005")])
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford, national, districtOnly, manchester]))

        let inWestYorkshire = try await catalog.services(
            ServiceQuery(areas: [AreaCode("E23000010"), .national], postcodeAreas: [AreaCode("LS")])
        )
        #expect(inWestYorkshire.map(\.id) == [national.id, bradford.id, leeds.id, districtOnly.id])

        let stalking = try await catalog.services(ServiceQuery(areas: [AreaCode("E23000010")], needTypes: ["stalking"]))
        #expect(stalking.map(\.id) == [bradford.id])

        let limited = try await catalog.services(ServiceQuery(limit: 2))
        #expect(limited.count == 2)
    }

    @Test func aCatalogFileIsCreatedInWALModeAndReopened() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-test-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/nested/catalog.sqlite"
        do {
            let catalog = try SQLiteCatalog(path: path)
            _ = try await catalog.apply(ImportRequest(services: [leeds]))
            let mode = try await catalog.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let reopened = try SQLiteCatalog(path: path)
        #expect(try await reopened.allServices().map(\.id) == [leeds.id])
    }

    @Test func anUnopenableCatalogGivesAnActionableError() {
        #expect {
            _ = try SQLiteCatalog(path: "/proc/signpost/catalog.sqlite")
        } throws: { error in
            (error as? CatalogError)?.message.contains("--db or SIGNPOST_DB") == true
        }
    }
}
