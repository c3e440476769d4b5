import Foundation
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostTestSupport
import Testing

@Suite("Gap analysis: statuses and reasons")
struct GapAnalysisTests {
    let vocabularies: Vocabularies
    let today = CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)
    let westYorkshire = AreaCode("E23000010")
    let leeds = AreaCode("E08000035")
    let bradford = AreaCode("E08000032")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// An accepting domestic-abuse service for West Yorkshire with a short wait, free capacity, a contract well
    /// beyond the window and a fresh record; tests change what they need.
    func service(_ id: String, _ change: (inout Service) -> Void = { _ in }) -> Service {
        var service = Fixtures.service(recordID: id, name: "Service \(id)")
        service.specialisms = []
        service.eligibility = .anyone
        service.languages = ["en"]
        service.offersInterpreting = false
        service.commissioning.contractEnd = CalendarDate(iso: "2028-03-31")
        service.provenance.lastVerified = CalendarDate(iso: "2026-10-01")
        change(&service)
        return service
    }

    func analyse(
        _ services: [Service],
        areas: [AreaCode]? = nil,
        level: GapLevel = .forceArea,
        needs: [NeedType] = ["domestic-abuse"],
        split: GapSplit? = nil,
        values: [String] = [],
        thresholds: GapThresholds = GapThresholds(),
        demand: GapDemand? = nil,
        asOf: CalendarDate? = nil
    ) -> GapFindings {
        // The areas as `signpost gaps` selects them (a force area with its local authorities inside).
        let gapAreas = GapAreaSelection(vocabularies: vocabularies).areas(
            level: level,
            within: areas ?? [westYorkshire]
        )
        let query = GapQuery(
            level: level,
            areas: gapAreas,
            needs: needs,
            split: split,
            splitValues: values,
            thresholds: thresholds,
            demand: demand,
            today: asOf ?? today
        )
        return GapAnalysis(index: MatchIndex(services: services, vocabularies: vocabularies)).run(query)
    }

    func onlyCell(_ findings: GapFindings) throws -> CoverageCell {
        try #require(findings.cells.count == 1)
        return findings.cells[0]
    }

    @Test func twoAcceptingLocalServicesCoverTheCell() throws {
        let cell = try onlyCell(analyse([service("A"), service("B") { $0.waitingTime?.days = 20 }]))
        #expect(cell.status == .covered)
        #expect(cell.reasons.isEmpty)
        #expect(cell.services == 2 && cell.accepting == 2)
        #expect(
            cell.local
                == Provision(
                    services: 2,
                    accepting: 2,
                    minWaitDays: 9,
                    medianWaitDays: 14,
                    maxWaitDays: 20,
                    capacity: [UnitCapacity(unit: .cases, services: 2, available: 12, maximum: 80)],
                    figuresAsOf: CalendarDate(iso: "2026-11-01")
                )
        )
        #expect(cell.national == Provision())
    }

    /// Issue 16: the report says how old the figures behind a cell can be, and how many are the services' own.
    @Test func aCellSaysHowOldItsFiguresAreAndWhichTheServicesReported() throws {
        let report = AvailabilityReport(reportedAt: Date(timeIntervalSince1970: 1_796_212_800), reportedBy: "key:1")
        let cell = try onlyCell(
            analyse([
                service("A") { $0.waitingTime?.asOf = CalendarDate(iso: "2026-08-14") },
                service("B") {
                    $0 = AvailabilityFigures(capacityAvailable: 3, capacityMaximum: 40, waitDays: 5, status: .accepting)
                        .applied(to: $0, report: report)
                },
                service("C") {
                    $0.status = .paused
                    $0.capacity?.updated = CalendarDate(iso: "2025-01-01")
                },
            ])
        )
        #expect(cell.local.figuresAsOf == CalendarDate(iso: "2026-08-14"), "the oldest of the accepting services'")
        #expect(cell.local.reportedByServices == 1)
    }

    @Test func aNeedNoServiceMeetsIsAGap() throws {
        let cell = try onlyCell(analyse([service("A")], needs: ["stalking"]))
        #expect(cell.status == .gap)
        #expect(cell.reasons == [.noService])
        #expect(cell.reasons.first?.text == "no service covers it")
    }

    @Test func servicesThatArePausedOrFullLeaveNoneAccepting() throws {
        let cell = try onlyCell(
            analyse([
                service("A") { $0.status = .paused },
                service("B") { $0.capacity?.available = 0 },
            ])
        )
        #expect(cell.status == .gap)
        #expect(cell.reasons == [.noneAccepting(covering: 2)])
        #expect(cell.accepting == 0 && cell.services == 2)
    }

    @Test func oneAcceptingServiceIsBelowTheMinimum() throws {
        let cell = try onlyCell(analyse([service("A")]))
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.fewAccepting(accepting: 1, minimum: 2)])
        #expect(cell.reasons.first?.text == "only 1 local service accepting (minimum 2)")

        var lenient = GapThresholds()
        lenient.minServices = 1
        #expect(try onlyCell(analyse([service("A")], thresholds: lenient)).status == .covered)
    }

    @Test func mostServicesFullIsAtRisk() throws {
        let cell = try onlyCell(
            analyse([
                service("A"), service("B"),
                service("C") { $0.capacity?.available = 0 },
                service("D") { $0.capacity?.available = 0 },
            ])
        )
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.mostlyUnavailable(unavailable: 2, of: 4)])
        #expect(cell.reasons.first?.text == "2 of 4 local services full or paused")
    }

    @Test func aShortestWaitOverTheLimitIsAtRisk() throws {
        let cell = try onlyCell(
            analyse([service("A") { $0.waitingTime?.days = 94 }, service("B") { $0.waitingTime?.days = 120 }])
        )
        #expect(cell.reasons == [.longWait(shortest: 94, limit: 28)])
        #expect(cell.reasons.first?.text == "shortest local wait 94 days > 28")
        #expect(cell.local.medianWaitDays == 107 && cell.local.maxWaitDays == 120)

        var patient = GapThresholds()
        patient.maxWaitDays = 100
        let relaxed = try onlyCell(
            analyse(
                [service("A") { $0.waitingTime?.days = 94 }, service("B") { $0.waitingTime?.days = 120 }],
                thresholds: patient
            )
        )
        #expect(relaxed.status == .covered)
    }

    @Test func demandIsComparedOnlyWithFreeReferralsAWeek() throws {
        // Two services taking 1 new referral a week each: 2 a week, about 104 a year.
        let weekly = [service("A"), service("B")].map { service in
            var service = service
            service.capacity = Capacity(available: 1, maximum: 3, unit: .referralsPerWeek)
            return service
        }
        var heavy = GapDemand()
        heavy.add(140, for: .init(area: westYorkshire, need: "domestic-abuse"))
        let short = try onlyCell(analyse(weekly, demand: heavy))
        #expect(short.status == .atRisk)
        #expect(short.demand == 140)
        #expect(short.reasons == [.capacityShort(freePerWeek: 2, demandPerWeek: 3, demandPerYear: 140)])
        #expect(
            short.reasons.first?.text
                == "local capacity 2 referrals a week free for demand of about 3 a week (140 a year)"
        )

        var light = GapDemand()
        light.add(52, for: .init(area: westYorkshire, need: "domestic-abuse"))
        #expect(try onlyCell(analyse(weekly, demand: light)).status == .covered)
        // Without demand the capacity is not judged.
        #expect(try onlyCell(analyse(weekly)).status == .covered)
        // Free cases are not referrals: 12 open cases are not set against 140 referrals a year.
        let cases = try onlyCell(analyse([service("A"), service("B")], demand: heavy))
        #expect(cases.status == .covered)
        #expect(cases.local.capacity.map(\.unit) == [.cases])
    }

    @Test func capacityIsReportedPerUnitAndNeverAdded() throws {
        let cell = try onlyCell(
            analyse([
                service("CASES"),
                service("SESSIONS") { $0.capacity = Capacity(available: 29, maximum: 40, unit: .sessionsPerWeek) },
                service("REFUGE") { $0.capacity = Capacity(available: 2, maximum: 10, unit: .places) },
                service("NATIONAL") {
                    $0.coverage.areas = [.national]
                    $0.capacity = Capacity(available: 500, maximum: 900, unit: .sessionsPerWeek)
                },
            ])
        )
        #expect(
            cell.local.capacity == [
                UnitCapacity(unit: .cases, services: 1, available: 6, maximum: 40),
                UnitCapacity(unit: .places, services: 1, available: 2, maximum: 10),
                UnitCapacity(unit: .sessionsPerWeek, services: 1, available: 29, maximum: 40),
            ]
        )
        // The national line's sessions are its own, never counted in the force's capacity.
        #expect(
            cell.national.capacity == [UnitCapacity(unit: .sessionsPerWeek, services: 1, available: 500, maximum: 900)]
        )
    }

    @Test func aNationalHelplinesShortWaitDoesNotHideALongLocalWait() throws {
        // The case: a local counselling service waiting 104 days and a national line answering in a day.
        let cell = try onlyCell(
            analyse(
                [
                    service("LOCAL1") { $0.waitingTime?.days = 104 },
                    service("LOCAL2") { $0.waitingTime?.days = 130 },
                    service("LINE") {
                        $0.coverage.areas = [.national]
                        $0.waitingTime?.days = 1
                    },
                ]
            )
        )
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.longWait(shortest: 104, limit: 28)])
        #expect(cell.local.minWaitDays == 104 && cell.local.medianWaitDays == 117 && cell.local.maxWaitDays == 130)
        #expect(cell.national.minWaitDays == 1 && cell.national.accepting == 1)
        #expect(cell.services == 3 && cell.accepting == 3)
    }

    @Test func nationalHelplinesDoNotMakeUpTheLocalMinimum() throws {
        let cell = try onlyCell(
            analyse([service("LOCAL"), service("LINE") { $0.coverage.areas = [.england] }])
        )
        #expect(cell.reasons == [.fewAccepting(accepting: 1, minimum: 2)])
        #expect(cell.local.accepting == 1 && cell.national.accepting == 1)
    }

    @Test func localServicesAllFullLeaveOnlyTheNationalHelplineAsAMitigation() throws {
        let cell = try onlyCell(
            analyse([
                service("LOCAL") { $0.status = .paused },
                service("LINE") { $0.coverage.areas = [.national] },
            ])
        )
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.onlyNational(services: 1, local: 1)])
        #expect(
            cell.reasons.first?.text
                == "no local service accepting (1 full or paused); only national helplines (1 service)"
        )
    }

    @Test func aServiceForOneAuthorityIsLocalProvisionForAPartOfTheForce() throws {
        let leedsOnly = [
            service("LEEDS1") { $0.coverage.areas = [leeds] },
            service("LEEDS2") { $0.coverage.areas = [leeds] },
        ]
        let cell = try onlyCell(analyse(leedsOnly))
        #expect(cell.local.services == 2)
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.partlyCovered(services: 2)])
        // With a force-wide service as well, the whole force is covered.
        let whole = try onlyCell(analyse(leedsOnly + [service("WY")]))
        #expect(whole.status == .covered && whole.local.services == 3)
    }

    @Test func contractsEndingInTheWindowWouldLeaveAGap() throws {
        let ending = [
            service("A") { $0.commissioning.contractEnd = CalendarDate(iso: "2027-03-31") },
            service("B") { $0.commissioning.contractEnd = CalendarDate(iso: "2027-01-31") },
        ]
        let findings = analyse(ending)
        let cell = try onlyCell(findings)
        #expect(cell.status == .atRisk)
        let expectedEnd = try #require(CalendarDate(iso: "2027-03-31"))
        #expect(cell.reasons == [.contractsEnding(services: 2, gapFrom: expectedEnd)])
        #expect(findings.contractsEnding.map(\.serviceID.rawValue) == ["test-list/B", "test-list/A"])
        #expect(findings.contractsEnding.allSatisfy { $0.cellsLeftWithoutService == 1 })
        #expect(findings.contractsEnding.first?.areasLeftWithoutService == [westYorkshire])

        // Seen from earlier in the year, the contracts end beyond the six-month window.
        let earlier = analyse(ending, asOf: CalendarDate(iso: "2026-06-01"))
        #expect(try onlyCell(earlier).status == .covered)
        #expect(earlier.contractsEnding.isEmpty)

        // One contract running on keeps the cell open: listed as ending, but leaving no gap.
        let mixed = analyse([ending[0], service("C")])
        #expect(try onlyCell(mixed).status == .covered)
        #expect(mixed.contractsEnding.map(\.cellsLeftWithoutService) == [0])
    }

    @Test func recordsNotVerifiedWithinTheWindowAreStale() throws {
        let old = [
            service("A") { $0.provenance.lastVerified = CalendarDate(iso: "2025-06-01") },
            service("B") { $0.provenance.lastVerified = nil },
        ]
        let findings = analyse(old)
        #expect(try onlyCell(findings).reasons == [.allStale(services: 2, months: 12)])
        #expect(findings.stale.map(\.serviceID.rawValue) == ["test-list/B", "test-list/A"])
        #expect(findings.stale.map(\.months) == [nil, 17])

        let sooner = analyse([old[0], service("C")], asOf: CalendarDate(iso: "2025-12-01"))
        #expect(try onlyCell(sooner).status == .covered)
        #expect(sooner.stale.isEmpty)
    }

    @Test func languagesAreServedInHouseThroughInterpretersOrNotAtAll() throws {
        let services = [
            service("PL1") { $0.languages = ["en", "pl"] },
            service("PL2") { $0.languages = ["en", "pl"] },
            service("INT") { $0.offersInterpreting = true },
        ]
        let findings = analyse(services, split: .language, values: ["pl", "ur"])
        let polish = try #require(findings.cells.first { $0.by == "pl" })
        let urdu = try #require(findings.cells.first { $0.by == "ur" })
        #expect(polish.status == .covered && polish.services == 3)
        #expect(urdu.services == 1)
        #expect(urdu.reasons == [.fewAccepting(accepting: 1, minimum: 2), .interpreterOnly(services: 1)])
        #expect(urdu.status == .atRisk)

        // Interpreting alone is its own status, not "at risk".
        let interpreted = analyse(
            [service("INT1") { $0.offersInterpreting = true }, service("INT2") { $0.offersInterpreting = true }],
            split: .language,
            values: ["ur"]
        )
        #expect(try onlyCell(interpreted).reasons == [.interpreterOnly(services: 2)])
        #expect(try onlyCell(interpreted).status == .interpretingOnly)

        let noInterpreting = analyse(Array(services.prefix(2)), split: .language, values: ["ur"])
        #expect(try onlyCell(noInterpreting).reasons == [.noLanguage])
        #expect(try onlyCell(noInterpreting).status == .gap)
    }

    @Test func aGroupWithNoSpecialistServiceIsAGap() throws {
        let services = [service("G1"), service("G2"), service("W") { $0.specialisms = ["women-only"] }]
        let findings = analyse(services, split: .specialism, values: ["women-only", "lgbt-plus"])
        let lgbt = try #require(findings.cells.first { $0.by == "lgbt-plus" })
        #expect(lgbt.status == .gap)
        #expect(lgbt.reasons == [.noSpecialist(general: 3)])
        let women = try #require(findings.cells.first { $0.by == "women-only" })
        #expect(women.reasons == [.fewAccepting(accepting: 1, minimum: 2)])
    }

    @Test func localAuthorityCellsUseTheMatchersCoverageRule() throws {
        let services = [
            service("LEEDS1") { $0.coverage.areas = [leeds] },
            service("LEEDS2") { $0.coverage.areas = [leeds] },
            service("WY") { $0.coverage.areas = [westYorkshire] },
        ]
        let findings = analyse(services, areas: [leeds, bradford], level: .localAuthority)
        let byArea = Dictionary(uniqueKeysWithValues: findings.cells.map { ($0.area, $0) })
        #expect(byArea[leeds]?.services == 3)
        #expect(byArea[leeds]?.status == .covered)
        #expect(byArea[bradford]?.services == 1)
        #expect(byArea[bradford]?.areaName == "Bradford")

        // The matcher agrees: from Bradford, the Leeds-only services are not covering.
        let matcher = Matcher(
            index: MatchIndex(services: services, vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        let location = LocationResolver(vocabularies: vocabularies).resolve(.area(bradford))
        let result = matcher.match(NeedsAssessment(needs: [.init("domestic-abuse")]), at: location, today: today)
        #expect(result.suggestions.map(\.serviceID.rawValue) == ["test-list/WY"])
    }

    @Test func closedServicesCoverNothing() throws {
        let cell = try onlyCell(analyse([service("A") { $0.status = .closed }]))
        #expect(cell.reasons == [.noService])
    }

    @Test func cellsComeInAreaThenNeedOrder() throws {
        let findings = analyse(
            [service("A")],
            areas: [westYorkshire, AreaCode("E23000011")],
            needs: ["domestic-abuse", "stalking"]
        )
        #expect(
            findings.cells.map { "\($0.area.rawValue)/\($0.need.rawValue)" } == [
                "E23000010/domestic-abuse", "E23000010/stalking", "E23000011/domestic-abuse", "E23000011/stalking",
            ]
        )
        #expect(findings.statusCounts == [.covered: 0, .interpretingOnly: 0, .atRisk: 1, .gap: 3])
    }
}
