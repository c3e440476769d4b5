import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@testable import SignpostMatching

/// The matcher judges every candidate from a numeric profile and explains the ones it shows with `Evaluation`; the
/// two must agree on every filter and every score.
@Suite("Matcher: the judging pass agrees with the explanations")
struct MatcherAgreementTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }

        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
        mutating func some<T>(_ values: [T], upTo count: Int) -> [T] {
            (0..<Int(next() % UInt64(count + 1))).map { _ in pick(values) }
        }
    }

    func randomService(_ index: Int, _ random: inout Random) -> Service {
        let areas = ["E23000010", "E23000009", "national", "E92000001", "LS", "LS6", "LS1", "E08000035", "E23000005"]
            .map { AreaCode($0) }
        let padded = String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
        var service = Fixtures.service(recordID: "S-\(padded)", needTypes: [])
        service.needTypes =
            [random.pick(["domestic-abuse", "stalking", "fraud", "isva"])]
            + random.some(["hate-crime", "stalking", "domestic-abuse"], upTo: 2)
        service.status = random.pick([.accepting, .accepting, .waitlist, .paused])
        service.coverage = Coverage(areas: random.some(areas, upTo: 2) + [random.pick(areas)])
        service.specialisms = random.some(["women-only", "lgbt-plus", "older-people"], upTo: 1)
        service.eligibility = Eligibility(
            minimumAge: random.chance(30) ? random.pick([11, 16, 18]) : nil,
            maximumAge: random.chance(20) ? random.pick([17, 25, 65]) : nil,
            genders: random.chance(20) ? [random.pick(["female", "male"])] : [],
            crimeTypes: random.chance(20) ? [random.pick(["rape", "domestic-abuse", "robbery"])] : [],
            riskLevels: random.chance(20) ? [random.pick(["high", "medium"])] : []
        )
        service.languages = random.chance(10) ? [] : ["en"] + random.some(["pl", "ur", "cy"], upTo: 2)
        if random.chance(5) { service.languages = ["pl"] }
        service.offersInterpreting = random.chance(50)
        service.offersBSL = random.chance(10)
        service.channels = random.some(["phone", "face-to-face", "online", "letter", "outreach"], upTo: 3)
        service.referralRoutes =
            random.chance(20) ? ["self"] : random.some(["police", "self", "professional"], upTo: 3)
        service.accessibility = random.some(["step-free", "hearing-loop"], upTo: 2)
        service.capacity =
            random.chance(20) ? nil : Capacity(available: Int(random.next() % 10), maximum: random.pick([5, 10, 40]))
        service.waitingTime = random.chance(20) ? nil : WaitingTime(days: Int(random.next() % 120))
        service.provenance.lastVerified =
            random.chance(10) ? nil : CalendarDate(daysSinceEpoch: 19_500 + Int(random.next() % 1200))
        service.locations =
            random.chance(50)
            ? [
                ServiceLocation(
                    point: GeoPoint(
                        latitude: 53.7 + Double(random.next() % 300) / 1000,
                        longitude: -1.7 + Double(random.next() % 300) / 1000
                    )
                )
            ] : []
        return service
    }

    func randomAssessment(_ random: inout Random) -> NeedsAssessment {
        NeedsAssessment(
            needs: [.init(random.pick(["domestic-abuse", "stalking", "isva"]))]
                + (random.chance(40) ? [.init(random.pick(["hate-crime", "fraud"]), isPrimary: false)] : []),
            crimeType: random.chance(30) ? random.pick(["rape", "robbery", "domestic-abuse"]) : nil,
            riskLevel: random.chance(30) ? random.pick(["high", "standard"]) : nil,
            age: random.chance(50) ? random.pick([15...15, 18...24, 70...120]) : nil,
            gender: random.chance(50) ? random.pick(["female", "male", "non-binary"]) : nil,
            language: random.chance(40) ? random.pick(["pl", "cy", "bfi", "so"]) : nil,
            interpreterAcceptable: random.chance(80),
            channels: random.some(["phone", "online"], upTo: 2),
            avoidedChannels: random.chance(20) ? ["letter"] : [],
            accessibility: random.some(["step-free", "hearing-loop"], upTo: 1),
            specialisms: random.some(["women-only", "lgbt-plus"], upTo: 1),
            maximumDistanceKm: random.chance(30) ? random.pick([5.0, 20.0]) : nil,
            remoteAcceptable: random.chance(80),
            referralRoute: random.chance(80) ? .police : "self"
        )
    }

    @Test func everyCandidateIsJudgedAsItIsExplained() {
        var random = Random(state: 2026)
        let services = (0..<400).map { randomService($0, &random) }
        let matcher = Matcher(
            index: MatchIndex(services: services, vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        let resolver = LocationResolver(vocabularies: vocabularies)
        let today = CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)
        var places: [LocationQuery] = [
            .area(AreaCode("E23000010")), .area(AreaCode("LS")), .area(AreaCode("E08000035")),
        ]
        if let postcode = Postcode("LS6 1AA") { places.append(.postcode(postcode)) }
        var compared = 0
        for round in 0..<150 {
            let assessment = randomAssessment(&random)
            var location = resolver.resolve(places[round % places.count])
            if round % 3 == 0 { location.point = GeoPoint(latitude: 53.8, longitude: -1.55) }
            let distances =
                location.point.map {
                    matcher.index.nearby(
                        $0,
                        kilometres: assessment.maximumDistanceKm ?? matcher.weights.distanceHorizonKm,
                        mask: matcher.index.mask(of: assessment.needTypes)
                    )
                } ?? [:]
            let context = MatchContext(
                matcher: matcher,
                assessment: assessment,
                location: location,
                today: today,
                distances: distances
            )
            for position in Int32(0)..<Int32(services.count) where !matcher.index.isClosed[Int(position)] {
                let verdict = Verdict()
                let evaluation = Evaluation(context: context, position: position, detail: .full, verdict: verdict)
                evaluation.run()
                let judgement = Matcher.judge(position, context: context)
                #expect(judgement.failures == verdict.exclusionCount, "round \(round), \(services[Int(position)].id)")
                #expect(verdict.exclusions.count == verdict.exclusionCount)
                #expect(abs(judgement.needs - verdict.breakdown.needs) < 1e-9)
                if judgement.failures == 0 {
                    #expect(
                        abs(judgement.score - evaluation.total) < 1e-9,
                        "round \(round), \(services[Int(position)].id)"
                    )
                }
                compared += 1
            }
        }
        #expect(compared > 50_000)
    }
}
