import Foundation
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostCatalog

/// Issue 16, item 4: services report their own capacity, wait and status between imports; every change is kept, and
/// a later list does not silently overwrite a newer report. The same on both stores.
@Suite("Catalog stores: availability reported by the services")
struct AvailabilityStoreTests {
    /// Fixtures' service: 6 of 40 cases free and a 9-day wait, both as of 2026-11-01.
    let leeds = Fixtures.service(recordID: "LDS-1")
    let reportedAt = Date(timeIntervalSince1970: 1_796_212_800)  // 2026-12-02 12:00 UTC

    @Test(arguments: CatalogStore.available)
    func aReportChangesTheFiguresAndIsKeptInTheHistory(store: CatalogStore) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let versionBefore = try await catalog.version()
        let change = try await catalog.setAvailability(
            AvailabilityUpdate(capacityAvailable: 0, waitDays: 21, status: .waitlist),
            of: leeds.id,
            by: "key:3f9a",
            at: reportedAt.addingTimeInterval(0.75)
        )
        #expect(
            change.old
                == AvailabilityFigures(capacityAvailable: 6, capacityMaximum: 40, waitDays: 9, status: .accepting)
        )
        #expect(
            change.new
                == AvailabilityFigures(capacityAvailable: 0, capacityMaximum: 40, waitDays: 21, status: .waitlist)
        )
        #expect(change.changedAt == reportedAt, "kept to the second")

        let stored = try #require(try await catalog.service(id: leeds.id))
        #expect(
            stored.capacity
                == Capacity(available: 0, maximum: 40, unit: .cases, updated: CalendarDate(iso: "2026-12-02"))
        )
        #expect(stored.waitingTime == WaitingTime(days: 21, asOf: CalendarDate(iso: "2026-12-02")))
        #expect(stored.status == .waitlist)
        #expect(
            stored.provenance.availabilityReport == AvailabilityReport(reportedAt: reportedAt, reportedBy: "key:3f9a")
        )
        #expect(try await catalog.availabilityHistory(of: leeds.id) == [change])
        #expect(try await catalog.version() != versionBefore, "servers reload on the change")

        let second = try await catalog.setAvailability(
            AvailabilityUpdate(capacityAvailable: 3),
            of: leeds.id,
            by: "staff:officer",
            at: reportedAt.addingTimeInterval(3_600)
        )
        #expect(second.old == change.new)
        #expect(try await catalog.availabilityHistory(of: leeds.id).map(\.changedBy) == ["staff:officer", "key:3f9a"])
    }

    @Test(arguments: CatalogStore.available)
    func impossibleFiguresAndUnknownServicesAreRefusedAndChangeNothing(store: CatalogStore) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        let refusals: [(AvailabilityUpdate, String?)] = [
            (AvailabilityUpdate(capacityAvailable: 41), "capacity_available"),
            (AvailabilityUpdate(capacityMaximum: 5), "capacity_maximum"),
            (AvailabilityUpdate(waitDays: -1), "wait_days"),
            (AvailabilityUpdate(status: .closed), "status"),
            (AvailabilityUpdate(), nil),
        ]
        for (update, field) in refusals {
            await #expect {
                _ = try await catalog.setAvailability(update, of: leeds.id, by: "key:x", at: reportedAt)
            } throws: { error in
                (error as? CatalogError)?.code == .invalid && (error as? CatalogError)?.field == field
            }
        }
        await #expect {
            _ = try await catalog.setAvailability(
                AvailabilityUpdate(waitDays: 3),
                of: ServiceID("test-list/NOPE"),
                by: "key:x",
                at: reportedAt
            )
        } throws: { error in
            (error as? CatalogError)?.code == .notFound
        }
        #expect(try await catalog.availabilityHistory(of: leeds.id).isEmpty)
        #expect(try await catalog.service(id: leeds.id)?.capacity?.available == 6)
    }

    @Test(arguments: CatalogStore.available)
    func aListImportedLaterKeepsANewerReportAndGivesWayToANewerList(store: CatalogStore) async throws {
        let catalog = try await store.make()
        _ = try await catalog.apply(ImportRequest(services: [leeds]))
        _ = try await catalog.setAvailability(
            AvailabilityUpdate(capacityAvailable: 0, status: .paused),
            of: leeds.id,
            by: "key:3f9a",
            at: reportedAt
        )
        let reported = try #require(try await catalog.service(id: leeds.id))

        // The same list again (figures of 2026-11-01): the report of 2026-12-02 is newer and stands.
        let again = try await catalog.apply(ImportRequest(services: [leeds]))
        #expect(again.keptReports == [leeds.id])
        #expect(again.unchanged == [leeds.id], "nothing else changed, so nothing is rewritten")
        var expected = reported
        expected.provenance.importID = reported.provenance.importID
        #expect(try await catalog.service(id: leeds.id) == expected)

        // A list changing the name but not the figures: the name changes, the report's figures stay.
        var renamed = leeds
        renamed.name = "Leeds Domestic Abuse Outreach Service"
        let named = try await catalog.apply(ImportRequest(services: [renamed]))
        #expect(named.updated == [leeds.id] && named.keptReports == [leeds.id])
        let afterRename = try #require(try await catalog.service(id: leeds.id))
        #expect(afterRename.name == renamed.name)
        #expect(afterRename.status == .paused && afterRename.capacity?.available == 0)

        // A list whose figures are dated after the report wins: its figures replace the report's.
        var newer = renamed
        newer.capacity = Capacity(available: 12, maximum: 40, unit: .cases, updated: CalendarDate(iso: "2026-12-10"))
        let won = try await catalog.apply(ImportRequest(services: [newer]))
        #expect(won.keptReports.isEmpty && won.updated == [leeds.id])
        let listed = try #require(try await catalog.service(id: leeds.id))
        #expect(listed.capacity?.available == 12 && listed.status == .accepting)
        #expect(listed.provenance.availabilityReport == nil)
        #expect(try await catalog.availabilityHistory(of: leeds.id).count == 1, "the history stays")
    }

    @Test func theNewerDateWinsAndAClosingListAlwaysWins() {
        let report = AvailabilityReport(reportedAt: reportedAt, reportedBy: "key:1")
        var list = leeds
        #expect(report.standsOver(list), "list figures of 2026-11-01, report of 2026-12-02")
        list.capacity?.updated = CalendarDate(iso: "2026-12-02")
        #expect(report.standsOver(list), "the same day: the service's own word, which has a time, stands")
        list.waitingTime?.asOf = CalendarDate(iso: "2026-12-03")
        #expect(!report.standsOver(list))
        list.capacity = nil
        list.waitingTime = nil
        #expect(report.standsOver(list), "a list that dates neither figure does not outdate a report")
        list.status = .closed
        #expect(!report.standsOver(list))
    }
}
