import Foundation
import SignpostCore
import SignpostTestSupport
import Testing

@Suite("Likely duplicates across sources")
struct DuplicateFinderTests {
    /// A realistic service (from the shared fixture) with the keys a test cares about set, and the others cleared.
    static func service(
        _ source: String,
        _ recordID: String,
        _ name: String,
        charity: String? = nil,
        phone: String? = nil,
        postcode: String? = nil,
        confidential: Bool = false,
        needs: [NeedType] = ["domestic-abuse"],
        coverage: [AreaCode] = [AreaCode("E23000010")],
        status: ServiceStatus = .accepting
    ) -> Service {
        var service = Fixtures.service(
            source: source,
            recordID: recordID,
            name: name,
            needTypes: needs,
            coverage: coverage,
            status: status
        )
        service.provider.charityNumber = charity
        service.contact.phone = phone
        service.locations =
            postcode.map { [ServiceLocation(town: "Leeds", postcode: Postcode($0), isConfidential: confidential)] }
            ?? []
        return service
    }

    @Test func theSameCharityAndASimilarNameFromTwoSourcesIsFlagged() throws {
        let services = [
            Self.service("pcc-west-yorkshire", "WY-0101", "Aire Valley Women's Aid Outreach", charity: "1123456"),
            Self.service("aire-valley-support", "AV-7", "Aire Valley Womens Aid Outreach Ltd", charity: "Reg. 1123456"),
            Self.service("aire-valley-support", "AV-8", "Aire Valley Children and Young People", charity: "1123456"),
        ]
        let found = DuplicateFinder.likelyDuplicates(in: services)
        let pair = try #require(found.first)
        #expect(found.count == 1)
        #expect(pair.first == ServiceID("aire-valley-support/AV-7"))
        #expect(pair.second == ServiceID("pcc-west-yorkshire/WY-0101"))
        #expect(pair.reasons.first == .sameCharityNumber("1123456"))
        #expect(pair.nameSimilarity == 1)
    }

    @Test func theSamePhoneWrittenDifferentlyIsFlagged() throws {
        let services = [
            Self.service(
                "pcc-west-yorkshire",
                "WY-0102",
                "Leeds Stalking Advocacy Service",
                phone: "+44 (0)113 496 0000"
            ),
            Self.service("kestrel-moor", "KMA-3", "Stalking Advocacy Leeds", phone: "Tel: 0113-4960000 ext 12"),
        ]
        let pair = try #require(DuplicateFinder.likelyDuplicates(in: services).first)
        #expect(pair.reasons.contains(.samePhone(try #require(PhoneNumber("01134960000")))))
        #expect(pair.explanation.hasPrefix("same phone 0113 496 0000; names 90% alike"))
    }

    @Test func theSamePostcodeWithDifferentNamesIsNotFlagged() {
        let services = [
            Self.service("pcc-west-yorkshire", "WY-0103", "Leeds Domestic Abuse Outreach", postcode: "LS1 4AP"),
            Self.service("safer-communities", "SCT-1", "Leeds Rape Crisis Counselling", postcode: "ls14ap"),
            Self.service("safer-communities", "SCT-2", "Leeds Sexual Violence Service", postcode: "LS1 4AP"),
        ]
        #expect(DuplicateFinder.likelyDuplicates(in: services).isEmpty)
        #expect(NameSimilarity.score("Leeds Domestic Abuse Outreach", "Leeds Sexual Violence Service") < 0.6)
    }

    @Test func twoRecordsOfOneSourceAreThatSourcesBusiness() {
        let services = [
            Self.service(
                "pcc-west-yorkshire",
                "WY-1",
                "Leeds IDVA Service",
                charity: "1123456",
                phone: "0113 496 0001"
            ),
            Self.service(
                "pcc-west-yorkshire",
                "WY-2",
                "Leeds IDVA Service",
                charity: "1123456",
                phone: "0113 496 0001"
            ),
        ]
        #expect(DuplicateFinder.likelyDuplicates(in: services).isEmpty)
    }

    @Test func closedServicesAreLeftOut() {
        let open = Self.service("pcc-west-yorkshire", "WY-1", "Leeds IDVA Service", phone: "0113 496 0001")
        let closed = Self.service("charity-x", "X-1", "Leeds IDVA Service", phone: "0113 496 0001", status: .closed)
        #expect(DuplicateFinder.likelyDuplicates(in: [open, closed]).isEmpty)
        var reopened = closed
        reopened.status = .paused
        #expect(DuplicateFinder.likelyDuplicates(in: [open, reopened]).count == 1)
    }

    @Test func reasonsReadAsPlainEnglish() throws {
        let services = [
            Self.service(
                "pcc-west-yorkshire",
                "WY-0104",
                "Victim Support & Advocacy West Yorkshire",
                charity: "1123456",
                phone: "0113 496 0000",
                postcode: "LS1 4AP",
                needs: ["domestic-abuse", "stalking"]
            ),
            Self.service(
                "victim-care-charity",
                "VC-1",
                "West Yorkshire Victim Support and Advocacy Service",
                charity: "1123456",
                phone: "+441134960000",
                postcode: "LS1 4AP",
                needs: ["stalking", "domestic-abuse"]
            ),
        ]
        let pair = try #require(DuplicateFinder.likelyDuplicates(in: services).first)
        #expect(
            pair.explanation
                == "same charity number 1123456; same phone 0113 496 0000; same postcode LS1 4AP; names 91% alike; "
                + "both meet domestic-abuse, stalking"
        )
        #expect(pair.nameSimilarity >= DuplicateFinder.nameThreshold)
    }

    @Test func amongKeepsOnlyPairsTouchingTheNewServices() {
        let services = [
            Self.service("pcc-west-yorkshire", "WY-1", "Leeds IDVA Service", phone: "0113 496 0001"),
            Self.service("charity-old", "OLD-1", "Leeds IDVA Service", phone: "0113 496 0001"),
            Self.service("pcc-west-yorkshire", "WY-2", "Bradford Hate Crime Support", phone: "01274 496 000"),
            Self.service("charity-new", "NEW-1", "Bradford Hate Crime Support", phone: "01274 496000"),
        ]
        #expect(DuplicateFinder.likelyDuplicates(in: services).count == 2)
        let touching = DuplicateFinder.likelyDuplicates(in: services, among: [ServiceID("charity-new/NEW-1")])
        #expect(touching.map(\.first) == [ServiceID("charity-new/NEW-1")])
        #expect(touching.map(\.second) == [ServiceID("pcc-west-yorkshire/WY-2")])
        #expect(DuplicateFinder.likelyDuplicates(in: services, among: [ServiceID("nowhere/1")]).isEmpty)
    }

    @Test func coverageClearlyApartIsNotTheSameService() {
        let services = [
            Self.service("pcc-west-yorkshire", "WY-1", "Domestic Abuse Outreach", charity: "1123456"),
            Self.service(
                "aire-valley-support",
                "AV-1",
                "Domestic Abuse Outreach",
                charity: "1123456",
                coverage: [AreaCode("E23000011")]
            ),
            Self.service(
                "aire-valley-support",
                "AV-2",
                "Domestic Abuse Outreach",
                charity: "1123456",
                coverage: [AreaCode("E08000035")]  // Leeds: a local authority, so not clearly apart from West Yorkshire
            ),
        ]
        let found = DuplicateFinder.likelyDuplicates(in: services)
        #expect(found.map(\.first) == [ServiceID("aire-valley-support/AV-2")])
    }

    @Test func veryAlikeNamesNeedNoCommonNeedTypeButLooselyAlikeOnesDo() throws {
        // The commissioner files its IDVA service under `idva`; two charities file theirs under `domestic-abuse`.
        let idva = Self.service(
            "pcc-west-yorkshire",
            "WY-1",
            "Leeds IDVA Service",
            phone: "0113 496 0001",
            needs: ["idva"]
        )
        let same = Self.service("charity-a", "A-1", "IDVA Service Leeds", phone: "0113 496 0001")
        let loose = Self.service("charity-b", "B-1", "Leeds IDVA Outreach Service", phone: "0113 496 0001")
        let looseness = NameSimilarity.score(idva.name, loose.name)
        #expect(looseness >= DuplicateFinder.nameThreshold && looseness < DuplicateFinder.closeNameThreshold)
        let found = DuplicateFinder.likelyDuplicates(in: [idva, same, loose])
        #expect(
            found.map { [$0.first, $0.second] } == [
                [ServiceID("charity-a/A-1"), ServiceID("charity-b/B-1")],
                [ServiceID("charity-a/A-1"), ServiceID("pcc-west-yorkshire/WY-1")],
            ]
        )
        let unlikeNeeds = try #require(found.last)
        #expect(!unlikeNeeds.reasons.contains { $0.kind == "shared-need-types" })
        #expect(found.first?.reasons.last == .sharedNeedTypes(["domestic-abuse"]))
    }

    @Test func aCharitysNationalLineIsNotItsLocalServiceUnlessTheNamesAreNearlyTheSame() {
        let national = Self.service(
            "national-helplines",
            "NHL-8",
            "Marigold Honour-Based Abuse & Forced Marriage Helpline",
            charity: "9142851",
            needs: ["honour-based-abuse"],
            coverage: [.national]
        )
        let local = Self.service(
            "by-and-for-network",
            "MRS-1",
            "Whitechapel Honour-Based Abuse & Forced Marriage Service",
            charity: "9142851",
            needs: ["honour-based-abuse"],
            coverage: [AreaCode("E23000001")]
        )
        let listedLocally = Self.service(
            "pcc-west-midlands",
            "WM-9",
            "Marigold Honour Based Abuse and Forced Marriage Helpline",
            charity: "9142851",
            needs: ["honour-based-abuse"],
            coverage: [AreaCode("E23000014")]
        )
        #expect(NameSimilarity.score(national.name, local.name) >= DuplicateFinder.nameThreshold)
        let found = DuplicateFinder.likelyDuplicates(in: [national, local, listedLocally])
        #expect(
            found.map { [$0.first, $0.second] } == [
                [ServiceID("national-helplines/NHL-8"), ServiceID("pcc-west-midlands/WM-9")]
            ]
        )
    }

    @Test func aRefugesPostcodeIsComparedOnlyWithRefugesAndNeverShown() throws {
        let refuge = Self.service(
            "pcc-west-yorkshire",
            "WY-R",
            "Aire Valley Refuge",
            postcode: "LS6 9ZZ",
            confidential: true
        )
        let otherRefuge = Self.service(
            "charity-a",
            "A-R",
            "Aire Valley Refuge",
            postcode: "LS6 9ZZ",
            confidential: true
        )
        let office = Self.service("charity-b", "B-R", "Aire Valley Refuge", postcode: "LS6 9ZZ")
        let found = DuplicateFinder.likelyDuplicates(in: [refuge, otherRefuge, office])
        let pair = try #require(found.first)
        #expect(found.count == 1)
        #expect(pair.first == ServiceID("charity-a/A-R"))
        #expect(pair.reasons.first == .sameConfidentialPostcode)
        let json = String(decoding: try JSONEncoder().encode(found), as: UTF8.self)
        #expect(!json.contains("LS6") && !pair.explanation.contains("LS6"))
    }

    @Test func evidenceEncodesAsKindAndValueAndDecodesBack() throws {
        let evidence: [DuplicateEvidence] = [
            .sameCharityNumber("SC012345"), .samePhone(try #require(PhoneNumber("020 7946 0000"))),
            .samePostcode(try #require(Postcode("LS1 4AP"))), .sameConfidentialPostcode, .similarNames(percent: 86),
            .sharedNeedTypes(["idva", "stalking"]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(evidence)
        #expect(String(decoding: data, as: UTF8.self).contains(#"{"kind":"same-phone","value":"020 7946 0000"}"#))
        #expect(try JSONDecoder().decode([DuplicateEvidence].self, from: data) == evidence)
    }

    @Test(arguments: [
        ("0113 245 0000", "0113 245 0000"), ("+44 (0)113 245 0000", "0113 245 0000"),
        ("+44 113 2450000", "0113 245 0000"),
        ("0044 20 7946 0000", "020 7946 0000"), ("Freephone 0808 157 0000 (24 hours)", "0808 157 0000"),
        ("07700 900123", "07700 900123"), ("01632–960000", "01632 960000"), ("1134960000", "0113 496 0000"),
    ])
    func phoneNumbersAreReadHoweverWritten(_ text: String, _ expected: String) {
        #expect(PhoneNumber(text)?.description == expected)
    }

    /// A ten-digit national number (`0800 555 111`) written in the international form has eleven digits after the `+`.
    @Test(arguments: ["+44 800 555 111", "0044 800 555 111", "+44 (0)800 555 111", "0800 555 111"])
    func tenDigitNumbersAreReadInTheInternationalFormToo(_ text: String) {
        #expect(PhoneNumber(text)?.digits == "0800555111")
    }

    /// Names in decomposed Unicode (an accent as a combining mark, as some systems write it) read as the composed form.
    @Test func combiningAccentsAreDroppedLikeComposedOnes() {
        let decomposed = "Ynys Mo\u{0302}n Women's Aid"
        #expect(decomposed.unicodeScalars.contains { $0.value == 0x302 })
        #expect(NameSimilarity.words(of: decomposed) == ["yny", "mon", "women", "aid"])
        #expect(NameSimilarity.score(decomposed, "Ynys M\u{00F4}n Womens Aid") == 1)
    }

    @Test(arguments: ["999", "101", "116 123", "0113 245", "", "call us"])
    func shortOrBrokenNumbersAreNotPhoneNumbers(_ text: String) {
        #expect(PhoneNumber(text) == nil)
    }

    @Test func aFieldWithSeveralNumbersGivesEach() {
        #expect(
            PhoneNumber.all(in: "0113 496 0000 / 0113 496 0001 or 07700 900123").map(\.digits)
                == ["01134960000", "01134960001", "07700900123"]
        )
    }

    @Test(arguments: [
        ("1123456", "1123456"), ("Reg. charity no. 1123456", "1123456"), ("SC 012345", "SC012345"),
        ("sc012345", "SC012345"), ("1123456-1", "1123456"), ("NIC100001", "NIC100001"),
    ])
    func charityNumbersAreNormalised(_ text: String, _ expected: String) {
        #expect(DuplicateFinder.normalisedCharityNumber(text) == expected)
    }

    @Test func charityTextWithoutANumberIsNoKey() {
        #expect(DuplicateFinder.normalisedCharityNumber("exempt") == nil)
        #expect(DuplicateFinder.normalisedCharityNumber("1234") == nil)
    }

    @Test func namesCompareRegardlessOfCaseOrderPunctuationAndLegalForm() {
        #expect(
            NameSimilarity.score(
                "Victim Support & Advocacy (West Yorkshire) Ltd",
                "west yorkshire victim support AND advocacy"
            ) == 1
        )
        #expect(NameSimilarity.score("Cymorth i Fenywod Caerdydd", "CYMORTH I FENYWOD CAERDYDD") == 1)
        #expect(NameSimilarity.score("Gwasanaeth Ŵyr", "Gwasanaeth Wyr") == 1)
        #expect(NameSimilarity.words(of: "The Women's Services of Leeds Ltd.") == ["women", "service", "leed"])
        #expect(NameSimilarity.score("Victim Support West Yorkshire", "Victim Support North Yorkshire") < 0.6)
        #expect(NameSimilarity.score("", "Leeds") == 0)
    }

    /// The bucketing must find every pair the rule accepts: checked against comparing every pair of a few hundred
    /// random services whose keys and name words come from small pools, so that many collide.
    @Test func bucketingFindsWhatComparingEveryPairFinds() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let words = ["Leeds", "Bradford", "Women's", "Aid", "Service", "Support", "IDVA", "Outreach", "Victim", "Hub"]
        let needs: [NeedType] = ["domestic-abuse", "idva", "stalking"]
        let services = (0..<300).map { index in
            Self.service(
                ["pcc-a", "charity-b", "charity-c"][next(3)],
                "R-\(index)",
                (0..<(1 + next(4))).map { _ in words[next(words.count)] }.joined(separator: " "),
                charity: next(3) == 0 ? String(1_100_000 + next(5)) : nil,
                phone: next(2) == 0 ? "0113 496 000\(next(8))" : nil,
                postcode: next(2) == 0 ? "LS1 \(1 + next(4))AB" : nil,
                needs: [needs[next(3)]],
                coverage: [AreaCode(["E23000010", "E23000011", "E08000035", "national"][next(4)])],
                status: next(10) == 0 ? .closed : .accepting
            )
        }
        var expected: [[ServiceID]] = []
        for (i, a) in services.enumerated() where a.status != .closed {
            for b in services[(i + 1)...] where b.status != .closed && b.provenance.source != a.provenance.source {
                let sharesKey =
                    (a.provider.charityNumber != nil && a.provider.charityNumber == b.provider.charityNumber)
                    || (a.contact.phone != nil && a.contact.phone == b.contact.phone)
                    || (a.locations.first?.postcode != nil
                        && a.locations.first?.postcode == b.locations.first?.postcode)
                let similarity = NameSimilarity.score(a.name, b.name)
                let sharesNeed = !Set(a.needTypes).isDisjoint(with: b.needTypes)
                let coverages = Set([a.coverage.areas[0].rawValue, b.coverage.areas[0].rawValue])
                let apart = coverages == ["E23000010", "E23000011"]
                let sameReach = a.coverage.isNational == b.coverage.isNational
                guard sharesKey, !apart,
                    similarity >= DuplicateFinder.closeNameThreshold
                        || similarity >= DuplicateFinder.nameThreshold && sharesNeed && sameReach
                else { continue }
                expected.append([a.id, b.id].sorted())
            }
        }
        let found = DuplicateFinder.likelyDuplicates(in: services).map { [$0.first, $0.second] }
        #expect(expected.count > 20)
        #expect(found == expected.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
    }

    /// Hundreds of services in each of two lists sharing one phone number and one name: every cross pair is a likely
    /// duplicate. The finder keeps the first few in order and counts the rest, and stops, saying so, at its limit of
    /// pairs compared.
    @Test func pairsBeyondWhatIsKeptAreCountedAndTheSearchIsBounded() {
        let services = (0..<400).map { index in
            Self.service(
                index < 200 ? "pcc-a" : "charity-b",
                "R-\(String(1000 + index))",
                "Leeds Women's Aid Outreach",
                phone: "0113 496 0000",
                needs: ["domestic-abuse"]
            )
        }
        let candidates = services.map(DuplicateCandidate.init)
        let all = DuplicateFinder.likelyDuplicates(in: candidates)
        var pool = DuplicatePool()
        pool.add(contentsOf: candidates)
        #expect(all.count == 200 * 200)

        let kept = DuplicateFinder.findings(in: pool, keeping: 50)
        #expect(kept.total == 200 * 200)
        #expect(kept.isComplete)
        #expect(kept.pairs == Array(all.prefix(50)))

        let stopped = DuplicateFinder.findings(in: pool, keeping: 50, comparingAtMost: 10_000)
        #expect(!stopped.isComplete)
        #expect(stopped.total <= 10_000 && stopped.total > 0)
        #expect(stopped.pairs.count == 50)
    }

    /// A "name" of ten thousand words and a phone cell of a thousand numbers count their first 64 words and 32 keys.
    @Test func hugeNamesAndKeyListsAreBounded() {
        let words = (0..<10_000).map { "word\($0)" }.joined(separator: " ")
        #expect(NameSimilarity.words(of: words).count == NameSimilarity.maxWords)
        let phones = (0..<1_000).map { "0113 496 \(String(1000 + $0))" }.joined(separator: ", ")
        let services = ["pcc-a", "charity-b"].map { source in
            var service = Self.service(source, "R-1", words, phone: "0113 496 0000", needs: ["domestic-abuse"])
            service.contact.phone = phones
            return service
        }
        let candidate = DuplicateCandidate(services[0])
        #expect(candidate.phones.count == 1_000)
        let pairs = DuplicateFinder.likelyDuplicates(in: services)
        #expect(pairs.count == 1)
        let phonesShared = pairs.first?.reasons.count { if case .samePhone = $0 { true } else { false } }
        #expect(phonesShared == DuplicatePool.maxKeys)
    }
}
