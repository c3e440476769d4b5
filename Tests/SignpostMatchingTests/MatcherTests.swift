import Foundation
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostTestSupport
import Testing

@Suite("Matcher: filters, scores, explanations")
struct MatcherTests {
    let vocabularies: Vocabularies
    let today = CalendarDate(iso: "2026-11-22") ?? CalendarDate(daysSinceEpoch: 0)
    let westYorkshire = AreaCode("E23000010")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    /// A plain, accepting domestic-abuse service in West Yorkshire; tests change what they need.
    func service(_ id: String, _ change: (inout Service) -> Void = { _ in }) -> Service {
        var service = Fixtures.service(recordID: id, name: "Service \(id)")
        service.specialisms = []
        service.eligibility = .anyone
        service.languages = ["en"]
        service.offersInterpreting = false
        service.referralRoutes = ["police", "self"]
        change(&service)
        return service
    }

    func match(
        _ services: [Service],
        _ assessment: NeedsAssessment = NeedsAssessment(needs: [.init("domestic-abuse")]),
        location: LocationQuery? = .area(AreaCode("E23000010")),
        weights: ScoringWeights = ScoringWeights()
    ) -> MatchResult {
        let matcher = Matcher(
            index: MatchIndex(services: services, vocabularies: vocabularies),
            weights: weights,
            vocabularies: vocabularies
        )
        let resolved = LocationResolver(vocabularies: vocabularies).resolve(location)
        return matcher.match(assessment, at: resolved, today: today, limit: 10, nearMissLimit: 10)
    }

    func excluded(_ result: MatchResult, _ id: String) -> [String] {
        result.nearMisses.first { $0.serviceID.rawValue.hasSuffix("/\(id)") }?.reasons.map(\.code) ?? []
    }

    func ranking(_ result: MatchResult) -> [String] {
        result.suggestions.map { String($0.serviceID.rawValue.split(separator: "/").last ?? "") }
    }

    // MARK: Filters

    struct FilterCase: Sendable, CustomStringConvertible {
        var description: String
        var reason: String
        var change: @Sendable (inout Service) -> Void
        var assessment: NeedsAssessment = NeedsAssessment(needs: [.init("domestic-abuse")])
    }

    static let filterCases: [FilterCase] = [
        FilterCase(description: "paused", reason: "paused") { $0.status = .paused },
        FilterCase(description: "full", reason: "full") {
            $0.capacity = Capacity(available: 0, maximum: 20, unit: .cases)
        },
        FilterCase(
            description: "too young",
            reason: "age",
            change: { $0.eligibility.minimumAge = 18 },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], age: 15...15)
        ),
        FilterCase(
            description: "women only",
            reason: "gender",
            change: { $0.eligibility.genders = ["female"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], gender: "male")
        ),
        FilterCase(
            description: "another crime type",
            reason: "crime-type",
            change: { $0.eligibility.crimeTypes = ["rape"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], crimeType: "robbery")
        ),
        FilterCase(
            description: "high risk only",
            reason: "risk-level",
            change: { $0.eligibility.riskLevels = ["high"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], riskLevel: "standard")
        ),
        FilterCase(description: "self-referral only", reason: "referral-route") { $0.referralRoutes = ["self"] },
        FilterCase(
            description: "no Polish and no interpreting",
            reason: "language",
            change: { _ in },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], language: "pl")
        ),
        FilterCase(
            description: "interpreter offered but not acceptable",
            reason: "language",
            change: { $0.offersInterpreting = true },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], language: "pl", interpreterAcceptable: false)
        ),
        FilterCase(
            description: "remote only when remote is not acceptable",
            reason: "remote-only",
            change: { $0.channels = ["phone", "online"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], remoteAcceptable: false)
        ),
        FilterCase(
            description: "only by an avoided channel",
            reason: "avoided-channels",
            change: { $0.channels = ["letter"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], avoidedChannels: ["letter"])
        ),
    ]

    @Test(arguments: filterCases)
    func eachFilterExcludesWithItsReasonAndTheServiceBecomesANearMiss(_ filter: FilterCase) {
        let capable = service("OK") {
            $0.languages = ["en", "pl"]
            $0.channels = ["phone", "face-to-face"]
        }
        let result = match([capable, service("BAD", filter.change)], filter.assessment)
        #expect(ranking(result) == ["OK"])
        #expect(excluded(result, "BAD").contains(filter.reason), "\(result.nearMisses)")
    }

    @Test func aNearbyServiceThatDoesNotCoverThePlaceIsANearMissWithItsReason() {
        let acrossTheBorder = service("MAN") {
            $0.coverage = Coverage(areas: [AreaCode("E23000005")])
            $0.channels = ["face-to-face"]
            $0.locations = [ServiceLocation(point: GeoPoint(latitude: 53.70, longitude: -1.80))]
        }
        let matcher = Matcher(
            index: MatchIndex(services: [acrossTheBorder], vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        var location = LocationResolver(vocabularies: vocabularies).resolve(.area(westYorkshire))
        location.point = GeoPoint(latitude: 53.7965, longitude: -1.5478)
        let result = matcher.match(NeedsAssessment(needs: [.init("domestic-abuse")]), at: location, today: today)
        #expect(result.suggestions.isEmpty)
        #expect(excluded(result, "MAN") == ["not-covered"])
        #expect(result.nearMisses.first?.reasons.first == .notCovered(coverage: [AreaCode("E23000005")]))
    }

    @Test func closedServicesAreLeftOutEntirely() {
        let result = match([service("OK"), service("CLOSED") { $0.status = .closed }])
        #expect(ranking(result) == ["OK"])
        #expect(result.nearMisses.isEmpty)
    }

    @Test func aNearMissListsEveryReasonItFailed() {
        let result = match(
            [
                service("BAD") {
                    $0.status = .paused
                    $0.referralRoutes = ["self"]
                }
            ],
            NeedsAssessment(needs: [.init("domestic-abuse")], language: "pl")
        )
        #expect(result.suggestions.isEmpty)
        #expect(Set(excluded(result, "BAD")) == ["paused", "referral-route", "language"])
    }

    @Test func servicesMeetingNoNeedAreNotConsidered() {
        let result = match([service("FRAUD") { $0.needTypes = ["fraud"] }])
        #expect(result.suggestions.isEmpty && result.nearMisses.isEmpty)
    }

    @Test func nationalServicesAndDistrictCoverageBothCount() {
        let national = service("NAT") { $0.coverage = Coverage(areas: [.national]) }
        let district = service("LS6") { $0.coverage = Coverage(areas: [AreaCode("LS6")]) }
        let result = match([national, district], location: .postcode(Postcode("LS6 1AA") ?? Postcode("LS1 1AA")!))
        #expect(Set(ranking(result)) == ["NAT", "LS6"])
        // The district service names the place more closely than the national one.
        #expect(ranking(result).first == "LS6")
    }

    @Test func interpreterOrBSLMakeCommunicationPossible() {
        let interpreting = service("INT") { $0.offersInterpreting = true }
        let bsl = service("BSL") { $0.offersBSL = true }
        let polish = match([interpreting], NeedsAssessment(needs: [.init("domestic-abuse")], language: "pl"))
        #expect(ranking(polish) == ["INT"])
        #expect(polish.suggestions.first?.cautions.contains { $0.code == "interpreter-only" } == true)
        let signing = match([bsl], NeedsAssessment(needs: [.init("domestic-abuse")], language: .britishSignLanguage))
        #expect(ranking(signing) == ["BSL"])
    }

    // MARK: Score components

    @Test func meetingMoreNeedsRanksHigherAndPrimaryNeedsWeighMore() {
        let both = service("BOTH") { $0.needTypes = ["domestic-abuse", "stalking"] }
        let primaryOnly = service("PRIMARY") { $0.needTypes = ["domestic-abuse"] }
        let secondaryOnly = service("SECONDARY") { $0.needTypes = ["stalking"] }
        let result = match(
            [secondaryOnly, primaryOnly, both],
            NeedsAssessment(needs: [.init("domestic-abuse"), .init("stalking", isPrimary: false)])
        )
        #expect(ranking(result) == ["BOTH", "PRIMARY", "SECONDARY"])
    }

    struct ComponentCase: Sendable, CustomStringConvertible {
        var description: String
        var better: @Sendable (inout Service) -> Void
        var worse: @Sendable (inout Service) -> Void
        var assessment = NeedsAssessment(needs: [.init("domestic-abuse")])
        /// Whether the component is in the score (question 10) rather than an earlier question of the ranking.
        var scored = true
    }

    static let componentCases: [ComponentCase] = [
        ComponentCase(
            description: "shorter wait",
            better: { $0.waitingTime = WaitingTime(days: 3) },
            worse: { $0.waitingTime = WaitingTime(days: 60) }
        ),
        ComponentCase(
            description: "more free capacity",
            better: { $0.capacity = Capacity(available: 30, maximum: 40) },
            worse: { $0.capacity = Capacity(available: 2, maximum: 40) }
        ),
        ComponentCase(
            description: "preferred specialism",
            better: { $0.specialisms = ["women-only"] },
            worse: { $0.specialisms = [] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], specialisms: ["women-only"]),
            scored: false
        ),
        ComponentCase(
            description: "language in-house beats an interpreter",
            better: { $0.languages = ["en", "pl"] },
            worse: { $0.offersInterpreting = true },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], language: "pl"),
            scored: false
        ),
        ComponentCase(
            description: "recently verified",
            better: { $0.provenance.lastVerified = CalendarDate(iso: "2026-11-01") },
            worse: { $0.provenance.lastVerified = CalendarDate(iso: "2025-01-01") }
        ),
        ComponentCase(
            description: "preferred channel",
            better: { $0.channels = ["phone", "text"] },
            worse: { $0.channels = ["face-to-face"] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], channels: ["text"])
        ),
        ComponentCase(
            description: "accessibility met",
            better: { $0.accessibility = ["step-free"] },
            worse: { $0.accessibility = [] },
            assessment: NeedsAssessment(needs: [.init("domestic-abuse")], accessibility: ["step-free"])
        ),
        ComponentCase(
            description: "covers the place more closely",
            better: { $0.coverage = Coverage(areas: [AreaCode("E23000010")]) },
            worse: { $0.coverage = Coverage(areas: [.national]) },
            scored: false
        ),
    ]

    @Test(arguments: componentCases)
    func eachComponentMovesTheRankingTheRightWay(_ component: ComponentCase) {
        // The worse service has the smaller id, so only the component can put the better one first.
        let result = match(
            [service("A-WORSE", component.worse), service("B-BETTER", component.better)],
            component.assessment
        )
        #expect(ranking(result) == ["B-BETTER", "A-WORSE"])
        guard component.scored else { return }
        let scores = result.suggestions.map(\.score)
        #expect(scores.count == 2 && scores[0] > scores[1])
    }

    @Test func aNearerFaceToFaceLocationScoresHigherWhenTheVictimsPointIsKnown() {
        let near = service("B-NEAR") {
            $0.channels = ["face-to-face"]
            $0.locations = [ServiceLocation(point: GeoPoint(latitude: 53.80, longitude: -1.55))]
        }
        let far = service("A-FAR") {
            $0.channels = ["face-to-face"]
            $0.locations = [ServiceLocation(point: GeoPoint(latitude: 53.95, longitude: -1.10))]
        }
        let matcher = Matcher(
            index: MatchIndex(services: [far, near], vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        var location = LocationResolver(vocabularies: vocabularies).resolve(.area(westYorkshire))
        location.point = GeoPoint(latitude: 53.7965, longitude: -1.5478)
        let result = matcher.match(NeedsAssessment(needs: [.init("domestic-abuse")]), at: location, today: today)
        #expect(ranking(result) == ["B-NEAR", "A-FAR"])
    }

    @Test func aServiceOutsideTheAreaButWithinTravelDistanceIsSuggested() {
        let manchester = service("MAN") {
            $0.coverage = Coverage(areas: [AreaCode("E23000005")])
            $0.channels = ["face-to-face"]
            $0.locations = [ServiceLocation(point: GeoPoint(latitude: 53.75, longitude: -1.70))]
        }
        let matcher = Matcher(
            index: MatchIndex(services: [manchester], vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        var location = LocationResolver(vocabularies: vocabularies).resolve(.area(westYorkshire))
        location.point = GeoPoint(latitude: 53.7965, longitude: -1.5478)
        let within = matcher.match(
            NeedsAssessment(needs: [.init("domestic-abuse")], maximumDistanceKm: 20),
            at: location,
            today: today
        )
        #expect(ranking(within) == ["MAN"])
        #expect(within.suggestions.first?.reasons.contains { $0.code == "within-reach" } == true)
        let tooFar = matcher.match(
            NeedsAssessment(needs: [.init("domestic-abuse")], maximumDistanceKm: 5),
            at: location,
            today: today
        )
        #expect(tooFar.suggestions.isEmpty)
    }

    @Test func weightsChangeTheRanking() {
        let quick = service("A-QUICK") {
            $0.waitingTime = WaitingTime(days: 1)
            $0.capacity = Capacity(available: 20, maximum: 40)
        }
        let roomy = service("B-ROOMY") {
            $0.waitingTime = WaitingTime(days: 40)
            $0.capacity = Capacity(available: 39, maximum: 40)
        }
        #expect(ranking(match([quick, roomy])) == ["A-QUICK", "B-ROOMY"])
        let capacityFirst = ScoringWeights(waitingTime: 1, capacity: 50)
        #expect(ranking(match([quick, roomy], weights: capacityFirst)) == ["B-ROOMY", "A-QUICK"])
    }

    // MARK: Explanations, ties, determinism

    @Test func suggestionsCarryReasonsCautionsAndASummary() throws {
        let busy = service("BUSY") {
            $0.status = .waitlist
            $0.waitingTime = WaitingTime(days: 45)
            $0.capacity = Capacity(available: 1, maximum: 40)
            $0.provenance.lastVerified = CalendarDate(iso: "2025-06-01")
        }
        let suggestion = try #require(match([busy]).suggestions.first)
        #expect(suggestion.rank == 1)
        let cautions = Set(suggestion.cautions.map(\.code))
        #expect(cautions.isSuperset(of: ["waitlist", "long-wait", "near-capacity", "stale"]))
        #expect(suggestion.reasons.map(\.code).starts(with: ["needs", "covers"]))
    }

    @Test func equalScoresAreOrderedByServiceIDAndTheOutputIsTheSameEveryTime() {
        let services = ["C", "A", "B"].map { service($0) }
        let first = match(services)
        #expect(ranking(first) == ["A", "B", "C"])
        #expect(Set(first.suggestions.map(\.score)).count == 1)
        for _ in 0..<5 { #expect(match(services.reversed()) == first) }
    }

    @Test func anAmbiguousPostcodeAreaConsidersEveryForceAndSaysSo() throws {
        let leeds = service("WY")
        let york = service("NY") { $0.coverage = Coverage(areas: [AreaCode("E23000009")]) }
        let result = match([york, leeds], location: .area(AreaCode("LS")))
        #expect(result.location.isAmbiguous)
        #expect(Set(ranking(result)) == ["WY", "NY"])
        // The likelier force area (West Yorkshire for LS) ranks first.
        #expect(ranking(result).first == "WY")
        #expect(
            result.cautions.contains(
                .ambiguousArea(place: "LS", forceAreas: [AreaCode("E23000010"), AreaCode("E23000009")])
            )
        )
    }

    @Test func aPostcodeResolvesThroughTheShippedDistrictTableToOneForce() throws {
        let leeds = service("WY")
        let york = service("NY") { $0.coverage = Coverage(areas: [AreaCode("E23000009")]) }
        let result = match([york, leeds], location: .postcode(try #require(Postcode("LS7 3AB"))))
        #expect(!result.location.isAmbiguous)
        #expect(result.location.localAuthority == AreaCode("E08000035"))
        #expect(ranking(result) == ["WY"])
        #expect(result.cautions.isEmpty)
    }

    @Test func anUnambiguousPlaceHasNoAreaCaution() throws {
        let result = match([service("HU")], location: .postcode(try #require(Postcode("HU1 1AA"))))
        #expect(!result.location.isAmbiguous)
        #expect(result.cautions.isEmpty)
    }
}

@Suite("Needs assessments from flags and JSON")
struct AssessmentInputTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    @Test func aliasesResolveAndPrimaryNeedsComeFirst() throws {
        let input = AssessmentInput(
            needs: ["DV"],
            secondaryNeeds: ["Stalking", "DV"],
            riskLevel: "MARAC",
            ageBand: "18-24",
            language: "Polish",
            postcode: "ls14ap"
        )
        let assessment = try input.resolve(with: vocabularies)
        #expect(assessment.needs == [.init("domestic-abuse"), .init("stalking", isPrimary: false)])
        #expect(assessment.riskLevel == "high")
        #expect(assessment.age == 18...24)
        #expect(assessment.language == "pl")
        #expect(assessment.location == .postcode(try #require(Postcode("LS1 4AP"))))
        #expect(assessment.referralRoute == .police)
        #expect(assessment.interpreterAcceptable && assessment.remoteAcceptable)
    }

    @Test func aMisspeltNeedGetsADidYouMean() {
        #expect {
            _ = try AssessmentInput(needs: ["domestic-abse"]).resolve(with: vocabularies)
        } throws: { error in
            (error as? AssessmentError)?.description.contains("did you mean 'domestic-abuse'") == true
        }
    }

    @Test(arguments: [
        AssessmentInput(needs: []),
        AssessmentInput(needs: ["fraud"], postcode: "NOT A POSTCODE"),
        AssessmentInput(needs: ["fraud"], area: "Narnia"),
        AssessmentInput(needs: ["fraud"], ageBand: "young"),
        AssessmentInput(needs: ["fraud"], language: "Klingon"),
    ])
    func invalidAssessmentsAreRefusedWithAReason(_ input: AssessmentInput) {
        #expect(throws: AssessmentError.self) { _ = try input.resolve(with: vocabularies) }
    }

    @Test func jsonAssessmentsUseSnakeCaseAndFlagsOverrideThem() throws {
        let json = """
            {"needs": ["isva"], "secondary_needs": ["mental-health-trauma"], "gender": "female",
             "interpreter_ok": false, "remote_ok": false, "postcode": "CF10 1EP", "max_distance_km": 15}
            """
        let file = try JSONDecoder().decode(AssessmentInput.self, from: Data(json.utf8))
        let merged = file.overriding(with: AssessmentInput(area: "W15000003"))
        let assessment = try merged.resolve(with: vocabularies)
        #expect(assessment.needs.map(\.type) == ["isva", "mental-health-trauma"])
        #expect(!assessment.interpreterAcceptable && !assessment.remoteAcceptable)
        #expect(assessment.maximumDistanceKm == 15)
        #expect(assessment.location == .area(AreaCode("W15000003")))
    }

    @Test func aCrimeWordStandsForItsUsualNeedsAndRecordsTheCrime() throws {
        let assessment = try AssessmentInput(needs: ["burglary"]).resolve(with: vocabularies)
        #expect(
            assessment.needs == [
                .init("burglary-home-security"), .init("emotional-practical-support", isPrimary: false),
            ]
        )
        #expect(assessment.crimeType == "burglary-residential")
        #expect(
            try AssessmentInput(needs: ["fraud"], crimeType: "burglary").resolve(with: vocabularies).crimeType
                == "burglary-residential"
        )
    }

    @Test func signLanguageIsBritishSignLanguageAndHintsNameLanguagesByLabel() throws {
        #expect(
            try AssessmentInput(needs: ["fraud"], language: "sign language").resolve(with: vocabularies).language
                == .britishSignLanguage
        )
        #expect {
            _ = try AssessmentInput(needs: ["fraud"], language: "Polsh").resolve(with: vocabularies)
        } throws: { error in
            (error as? AssessmentError)?.description.contains("did you mean 'Polish'") == true
        }
    }

    @Test func londonIsBothLondonForceAreasAndYorkshireAsksWhichForce() throws {
        let london = try AssessmentInput(needs: ["fraud"], area: "London").resolve(with: vocabularies)
        #expect(london.location == .region("london"))
        let place = LocationResolver(vocabularies: vocabularies).resolve(london.location)
        #expect(Set(place.forceAreas) == [AreaCode("E23000001"), AreaCode("E23000034")])
        #expect(!place.isAmbiguous)
        #expect {
            _ = try AssessmentInput(needs: ["fraud"], area: "Yorkshire").resolve(with: vocabularies)
        } throws: { error in
            let message = (error as? AssessmentError)?.message(forJSON: true) ?? ""
            return message.contains("give one of") && message.contains("South Yorkshire")
                && message.contains("Humberside")
        }
    }

    @Test func postcodesResolveToTheirOwnForceThroughTheDistrictTable() throws {
        let resolver = LocationResolver(vocabularies: vocabularies)
        let cases: [(String, String, String?)] = [
            ("LS7 3AB", "E23000010", "E08000035"), ("YO11 2PW", "E23000009", "E06000065"),
            ("CF10 1EP", "W15000003", "W06000015"), ("CA12 5AB", "E23000002", "E06000063"),
        ]
        for (text, force, authority) in cases {
            let place = resolver.resolve(.postcode(try #require(Postcode(text))))
            #expect(place.forceAreas == [AreaCode(force)], "\(text)")
            #expect(place.localAuthority == authority.map { AreaCode($0) }, "\(text)")
            #expect(!place.isAmbiguous && place.point != nil, "\(text)")
        }
        // A district that straddles a force boundary says so.
        let border = resolver.resolve(.postcode(try #require(Postcode("SY10 7AA"))))
        #expect(border.isAmbiguous && border.forceAreas.count > 1)
    }

    @Test func anAssessmentWithAnUnknownKeyOrAFractionalAgeIsRefusedNamingIt() {
        #expect {
            _ = try JSONDecoder().decode(AssessmentInput.self, from: Data(#"{"needs": ["DV"], "postcod": "LS1"}"#.utf8))
        } throws: { error in
            DecodingProblem.describe(error).contains("unknown key 'postcod'; did you mean 'postcode'?")
        }
        #expect {
            _ = try JSONDecoder().decode(AssessmentInput.self, from: Data(#"{"needs": ["DV"], "age": 34.7}"#.utf8))
        } throws: { error in
            DecodingProblem.describe(error).hasPrefix("age: an age is a whole number")
        }
    }

    @Test(arguments: [("65+", 65...120), ("under 18", 0...17), ("25 - 34", 25...34)])
    func ageBandsAreRead(_ text: String, _ range: ClosedRange<Int>) throws {
        #expect(try AssessmentInput(needs: ["fraud"], ageBand: text).resolve(with: vocabularies).age == range)
    }
}
