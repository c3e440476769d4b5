import Foundation
import GRDB
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostCatalog

@Suite("Catalog stores: import semantics")
struct CatalogImportTests {
    let leeds = Fixtures.service(recordID: "LDS-1")
    let bradford = Fixtures.service(recordID: "BFD-1", name: "Bradford Stalking Advocacy", needTypes: ["stalking"])
    let wakefield = Fixtures.service(
        recordID: "WKF-1",
        name: "Wakefield Victims Hub",
        needTypes: ["emotional-practical-support"]
    )

    @Test(arguments: CatalogStore.available) func insertsNewServicesAndReadsThemBackUnchanged(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
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

    @Test(arguments: CatalogStore.available) func reimportingTheSameServicesReportsThemUnchanged(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        let first = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        let second = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        #expect(second.inserted.isEmpty)
        #expect(second.updated.isEmpty)
        #expect(second.unchanged == [leeds.id, bradford.id])
        // Unchanged records keep the import that last wrote them.
        #expect(try await catalog.service(id: leeds.id)?.provenance.importID == first.importID)
    }

    @Test(arguments: CatalogStore.available) func aChangedServiceIsUpdatedInPlace(store: CatalogStore) async throws {
        let catalog = try await store.make()
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

    @Test(arguments: CatalogStore.available) func replaceWithdrawsTheSourcesServicesMissingFromTheNewList(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
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

    @Test(arguments: CatalogStore.available) func withoutReplaceNothingIsWithdrawn(store: CatalogStore) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford]))
        let outcome = try await catalog.apply(ImportRequest(services: [leeds]))
        #expect(outcome.withdrawn.isEmpty)
        #expect(try await catalog.allServices().count == 2)
    }

    @Test(arguments: CatalogStore.available) func aDryRunCountsButChangesNothing(store: CatalogStore) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let outcome = try await catalog.apply(ImportRequest(services: [leeds, bradford], dryRun: true))
        #expect(!outcome.committed)
        #expect(outcome.importID == nil)
        #expect(outcome.inserted == [bradford.id])
        #expect(outcome.unchanged == [leeds.id])
        #expect(try await catalog.allServices().map(\.id) == [leeds.id])
        #expect(try await catalog.imports(limit: 10).count == 1)
    }

    @Test(arguments: CatalogStore.available) func aFailureHalfWayThroughLeavesTheCatalogExactlyAsItWas(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let before = try await catalog.allServices()
        // Simulate the store failing mid-import (as a full disk would) on the third service.
        try await store.failInserts(named: "Wakefield Victims Hub", in: catalog)
        var changedLeeds = leeds
        changedLeeds.name = "Leeds Domestic Abuse Outreach (renamed)"
        await #expect(throws: CatalogError.self) {
            _ = try await catalog.apply(ImportRequest(services: [changedLeeds, bradford, wakefield]))
        }
        #expect(try await catalog.allServices() == before)
        #expect(try await catalog.imports(limit: 10).count == 1)
    }

    @Test(arguments: CatalogStore.available) func queriesFindServicesByAreaNeedAndPostcodeArea(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
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

    /// The place (areas, and services near the point) is narrowed by the needs as a whole: PostgreSQL reads
    /// `A UNION B INTERSECT C` as `A UNION (B INTERSECT C)`, which returned every service of the area whatever it met.
    @Test(arguments: CatalogStore.available)
    func servicesNearAPointAndInTheAreaAreNarrowedByTheNeeds(store: CatalogStore) async throws {
        let catalog = try await store.make()
        let nearby = Fixtures.service(recordID: "MAN-2", name: "Over the border", coverage: [AreaCode("E23000005")])
        _ = try await catalog.apply(ImportRequest(services: [leeds, bradford, nearby]))
        let found = try await catalog.services(
            ServiceQuery(
                areas: [AreaCode("E23000010")],
                needTypes: ["domestic-abuse"],
                near: (GeoPoint(latitude: 53.80, longitude: -1.55), 10)
            )
        )
        #expect(found.map(\.id) == [leeds.id, nearby.id], "not Bradford's stalking service")
        #expect(found.allSatisfy { !$0.locations.isEmpty }, "each with its locations")
    }

    @Test(arguments: CatalogStore.available)
    func textWithTabsNewlinesAndBackslashesRoundTrips(store: CatalogStore) async throws {
        let catalog = try await store.make()
        var awkward = leeds
        awkward.description = "Line one\nline two\twith a tab, a backslash \\ and \\N, a return\r, «ünïcödé» 🙂"
        awkward.contact.hours = "\\N"
        awkward.eligibility.notes = ""
        awkward.locations = [
            ServiceLocation(name: "Hub\tA", address: "1 Back\\Lane", postcode: Postcode("LS1 4AP")),
            ServiceLocation(name: "Refuge", postcode: Postcode("LS6 1AA"), isConfidential: true),
        ]
        let outcome = try await catalog.apply(ImportRequest(services: [awkward]))
        var expected = awkward
        expected.provenance.importID = outcome.importID
        #expect(try await catalog.service(id: awkward.id) == expected)
        let again = try await catalog.apply(ImportRequest(services: [awkward]))
        #expect(again.unchanged == [awkward.id], "read back exactly, so its fingerprint matches")
    }

    @Test(arguments: CatalogStore.available)
    func aServiceListedTwiceInOneImportIsStoredOnceAsItsLastVersion(store: CatalogStore) async throws {
        let catalog = try await store.make()
        var second = bradford
        second.name = "Bradford Stalking Advocacy (second row)"
        second.needTypes = ["stalking", "stalking"]
        let outcome = try await catalog.apply(ImportRequest(services: [bradford, leeds, second]))
        #expect(outcome.inserted == [bradford.id, leeds.id])
        #expect(try await catalog.allServices().map(\.name) == [second.name, leeds.name])
        #expect(try await catalog.services(ServiceQuery(needTypes: ["stalking"])).map(\.id) == [bradford.id])
        // Changed later: withdrawn rows of the lookup tables go with it.
        var third = bradford
        third.needTypes = ["emotional-practical-support"]
        _ = try await catalog.apply(ImportRequest(services: [third]))
        #expect(try await catalog.services(ServiceQuery(needTypes: ["stalking"])).isEmpty)
        #expect(try await catalog.sourceNames() == [SourceName("test-list")])
        #expect(try await catalog.services(recordID: "BFD-1").map(\.id) == [bradford.id])
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
