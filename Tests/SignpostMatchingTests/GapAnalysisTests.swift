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
        let resolver = LocationResolver(vocabularies: vocabularies)
        let gapAreas = (areas ?? [westYorkshire]).map {
            GapArea(code: $0, name: vocabularies.label(ofArea: $0), location: resolver.resolve(.area($0)))
        }
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
        #expect(cell.minWaitDays == 9 && cell.medianWaitDays == 14)
        #expect(cell.capacityAvailable == 12)
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
        #expect(cell.reasons.first?.text == "only 1 service accepting (minimum 2)")

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
        #expect(cell.reasons.first?.text == "2 of 4 services full or paused")
    }

    @Test func aShortestWaitOverTheLimitIsAtRisk() throws {
        let cell = try onlyCell(
            analyse([service("A") { $0.waitingTime?.days = 94 }, service("B") { $0.waitingTime?.days = 120 }])
        )
        #expect(cell.reasons == [.longWait(shortest: 94, limit: 28)])
        #expect(cell.reasons.first?.text == "shortest wait 94 days > 28")
        #expect(cell.medianWaitDays == 107)

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

    @Test func demandBeyondTheFreeCapacityPutsTheCellAtRisk() throws {
        let services = [service("A"), service("B")]  // 6 free each
        var heavy = GapDemand()
        heavy.add(140, for: .init(area: westYorkshire, need: "domestic-abuse"))
        let short = try onlyCell(analyse(services, demand: heavy))
        #expect(short.status == .atRisk)
        #expect(short.demand == 140)
        #expect(short.reasons == [.capacityShort(capacity: 12, demand: 140)])
        #expect(short.reasons.first?.text == "capacity 12 for demand 140")

        var light = GapDemand()
        light.add(10, for: .init(area: westYorkshire, need: "domestic-abuse"))
        #expect(try onlyCell(analyse(services, demand: light)).status == .covered)
        // Without demand the capacity is not judged.
        #expect(try onlyCell(analyse(services)).status == .covered)
    }

    @Test func onlyNationalHelplinesAreNotLocalCover() throws {
        let national = [
            service("N1") { $0.coverage.areas = [.national] },
            service("N2") { $0.coverage.areas = [.england] },
        ]
        let cell = try onlyCell(analyse(national))
        #expect(cell.status == .atRisk)
        #expect(cell.reasons == [.onlyNational(services: 2)])
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
        #expect(findings.statusCounts == [.covered: 0, .atRisk: 1, .gap: 3])
    }
}
