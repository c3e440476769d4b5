import SignpostCore

/// Generates a synthetic national catalog with a realistic spread, from a seed: every force area, national helplines,
/// coverage by force area, local authority and postcode district, skewed language and specialism coverage, some full
/// or paused services and some stale records. The same seed always gives the same services.
struct NationalCatalogGenerator {
    /// A force area's main town: a postcode district in it and a point near its centre.
    struct Town {
        var force: String
        var name: String
        var district: String
        var latitude: Double
        var longitude: Double
    }

    static let towns: [Town] = [
        Town(
            force: "E23000001",
            name: "London",
            district: "E1",
            latitude: 51.515,
            longitude: -0.072
        ),
        Town(
            force: "E23000002",
            name: "Carlisle",
            district: "CA1",
            latitude: 54.892,
            longitude: -2.932
        ),
        Town(
            force: "E23000003",
            name: "Preston",
            district: "PR1",
            latitude: 53.763,
            longitude: -2.703
        ),
        Town(
            force: "E23000004",
            name: "Liverpool",
            district: "L1",
            latitude: 53.405,
            longitude: -2.980
        ),
        Town(
            force: "E23000005",
            name: "Manchester",
            district: "M1",
            latitude: 53.479,
            longitude: -2.237
        ),
        Town(
            force: "E23000006",
            name: "Chester",
            district: "CH1",
            latitude: 53.191,
            longitude: -2.891
        ),
        Town(
            force: "E23000007",
            name: "Newcastle",
            district: "NE1",
            latitude: 54.973,
            longitude: -1.613
        ),
        Town(force: "E23000008", name: "Durham", district: "DH1", latitude: 54.776, longitude: -1.575),
        Town(force: "E23000009", name: "York", district: "YO1", latitude: 53.959, longitude: -1.082),
        Town(
            force: "E23000010",
            name: "Leeds",
            district: "LS1",
            latitude: 53.797,
            longitude: -1.548
        ),
        Town(
            force: "E23000011",
            name: "Sheffield",
            district: "S1",
            latitude: 53.381,
            longitude: -1.470
        ),
        Town(force: "E23000012", name: "Hull", district: "HU1", latitude: 53.744, longitude: -0.332),
        Town(
            force: "E23000013",
            name: "Middlesbrough",
            district: "TS1",
            latitude: 54.576,
            longitude: -1.235
        ),
        Town(
            force: "E23000014",
            name: "Birmingham",
            district: "B1",
            latitude: 52.480,
            longitude: -1.903
        ),
        Town(
            force: "E23000015",
            name: "Stoke-on-Trent",
            district: "ST1",
            latitude: 53.025,
            longitude: -2.177
        ),
        Town(
            force: "E23000016",
            name: "Worcester",
            district: "WR1",
            latitude: 52.192,
            longitude: -2.220
        ),
        Town(
            force: "E23000017",
            name: "Warwick",
            district: "CV34",
            latitude: 52.282,
            longitude: -1.585
        ),
        Town(force: "E23000018", name: "Derby", district: "DE1", latitude: 52.922, longitude: -1.476),
        Town(
            force: "E23000019",
            name: "Nottingham",
            district: "NG1",
            latitude: 52.954,
            longitude: -1.150
        ),
        Town(
            force: "E23000020",
            name: "Lincoln",
            district: "LN1",
            latitude: 53.231,
            longitude: -0.541
        ),
        Town(
            force: "E23000021",
            name: "Leicester",
            district: "LE1",
            latitude: 52.636,
            longitude: -1.133
        ),
        Town(
            force: "E23000022",
            name: "Northampton",
            district: "NN1",
            latitude: 52.237,
            longitude: -0.894
        ),
        Town(
            force: "E23000023",
            name: "Cambridge",
            district: "CB1",
            latitude: 52.200,
            longitude: 0.130
        ),
        Town(force: "E23000024", name: "Norwich", district: "NR1", latitude: 52.628, longitude: 1.297),
        Town(force: "E23000025", name: "Ipswich", district: "IP1", latitude: 52.059, longitude: 1.155),
        Town(force: "E23000026", name: "Luton", district: "LU1", latitude: 51.879, longitude: -0.417),
        Town(
            force: "E23000027",
            name: "St Albans",
            district: "AL1",
            latitude: 51.752,
            longitude: -0.336
        ),
        Town(
            force: "E23000028",
            name: "Chelmsford",
            district: "CM1",
            latitude: 51.736,
            longitude: 0.469
        ),
        Town(force: "E23000029", name: "Oxford", district: "OX1", latitude: 51.752, longitude: -1.258),
        Town(
            force: "E23000030",
            name: "Southampton",
            district: "SO14",
            latitude: 50.904,
            longitude: -1.404
        ),
        Town(
            force: "E23000031",
            name: "Guildford",
            district: "GU1",
            latitude: 51.236,
            longitude: -0.570
        ),
        Town(
            force: "E23000032",
            name: "Maidstone",
            district: "ME14",
            latitude: 51.272,
            longitude: 0.522
        ),
        Town(
            force: "E23000033",
            name: "Brighton",
            district: "BN1",
            latitude: 50.823,
            longitude: -0.138
        ),
        Town(
            force: "E23000034",
            name: "City of London",
            district: "EC2",
            latitude: 51.517,
            longitude: -0.089
        ),
        Town(force: "E23000035", name: "Exeter", district: "EX1", latitude: 50.726, longitude: -3.527),
        Town(
            force: "E23000036",
            name: "Bristol",
            district: "BS1",
            latitude: 51.454,
            longitude: -2.588
        ),
        Town(
            force: "E23000037",
            name: "Gloucester",
            district: "GL1",
            latitude: 51.864,
            longitude: -2.244
        ),
        Town(
            force: "E23000038",
            name: "Swindon",
            district: "SN1",
            latitude: 51.558,
            longitude: -1.781
        ),
        Town(
            force: "E23000039",
            name: "Bournemouth",
            district: "BH1",
            latitude: 50.720,
            longitude: -1.880
        ),
        Town(
            force: "W15000001",
            name: "Wrexham",
            district: "LL11",
            latitude: 53.046,
            longitude: -2.993
        ),
        Town(
            force: "W15000002",
            name: "Newport",
            district: "NP20",
            latitude: 51.588,
            longitude: -2.998
        ),
        Town(
            force: "W15000003",
            name: "Cardiff",
            district: "CF10",
            latitude: 51.481,
            longitude: -3.179
        ),
        Town(
            force: "W15000004",
            name: "Carmarthen",
            district: "SA31",
            latitude: 51.857,
            longitude: -4.312
        ),
    ]

    private var random: SplitMix64
    private let needTypes: [NeedType]
    private let specialisms: [Specialism]
    private let languages: [LanguageCode]
    /// Each force area's local authorities, from the local-authorities vocabulary.
    private let authorities: [String: [String]]
    private let today: CalendarDate

    init(vocabularies: Vocabularies, seed: UInt64, today: CalendarDate) {
        random = SplitMix64(seed: seed)
        needTypes = vocabularies[.needTypes].terms.map { NeedType($0.code) }
        specialisms = vocabularies[.specialisms].terms.map { Specialism($0.code) }
        // Languages most asked for in England and Wales first, so that a skewed pick favours them.
        let common: [LanguageCode] = [
            "pl", "ro", "ur", "pa", "bn", "ar", "pt", "es", "lt", "so", "ti", "fa", "ku", "cy",
        ]
        let rest = vocabularies[.languages].terms.map { LanguageCode($0.code) }.filter {
            !common.contains($0) && $0 != "en"
        }
        languages = common + rest.prefix(26)
        var authorities: [String: [String]] = [:]
        for term in vocabularies[.localAuthorities].terms {
            if let force = term.attributes["force_area"] { authorities[force, default: []].append(term.code) }
        }
        self.authorities = authorities
        self.today = today
    }

    private mutating func number(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double(random.next() % 1_000_000) / 1_000_000 < probability
    }

    /// An index skewed towards the start: rank r is picked with weight 1 / (r + 1).
    private mutating func skewed(_ count: Int) -> Int {
        let total = (1...count).reduce(0.0) { $0 + 1 / Double($1) }
        var target = Double(random.next() % 1_000_000) / 1_000_000 * total
        for rank in 0..<count {
            target -= 1 / Double(rank + 1)
            if target <= 0 { return rank }
        }
        return count - 1
    }

    /// `count` services; the sources are one list per force area plus `national-helplines`.
    mutating func services(count: Int) -> [Service] {
        (0..<count).map { service($0) }
    }

    private mutating func service(_ index: Int) -> Service {
        let town = Self.towns[index % Self.towns.count]
        let national = index % 100 == 0
        let source = SourceName(national ? "national-helplines" : "pcc-\(Slug.make(town.name))")
        let recordID = "GEN-\(index)"

        var needs: [NeedType] = []
        for _ in 0..<number(1...4) {
            let need = needTypes[skewed(needTypes.count)]
            if !needs.contains(need) { needs.append(need) }
        }
        var spoken: [LanguageCode] = ["en"]
        for _ in 0..<[0, 0, 0, 1, 1, 2, 3][number(0...6)] {
            let language = languages[skewed(languages.count)]
            if !spoken.contains(language) { spoken.append(language) }
        }
        if town.force.hasPrefix("W"), chance(0.6) { spoken.append("cy") }
        let specialism = chance(0.3) ? [specialisms[skewed(specialisms.count)]] : []

        let coverage: [AreaCode]
        let spread = number(0...9)
        if national {
            coverage = [.national]
        } else if spread <= 5 {
            coverage = [AreaCode(town.force)]
        } else if spread <= 7, let local = authorities[town.force], !local.isEmpty {
            coverage = [AreaCode(local[number(0...(local.count - 1))])]
        } else {
            coverage = [AreaCode(town.district), AreaCode(town.district.prefix { $0.isLetter } + "2")]
        }
        let inPerson = !national && chance(0.7)
        let channels: [Channel] =
            national ? ["phone", "online", "text"] : inPerson ? ["phone", "face-to-face"] : ["phone", "video"]
        var locations: [ServiceLocation] = []
        if inPerson {
            let point = GeoPoint(
                latitude: town.latitude + Double(number(-150...150)) / 1000,
                longitude: town.longitude + Double(number(-150...150)) / 1000
            )
            locations.append(
                ServiceLocation(
                    town: town.name,
                    postcode: Postcode("\(town.district) \(number(1...9))AB"),
                    point: point,
                    isConfidential: needs.contains("safe-accommodation")
                )
            )
        }
        let statusRoll = number(0...99)
        let status: ServiceStatus =
            statusRoll < 85 ? .accepting : statusRoll < 93 ? .waitlist : statusRoll < 98 ? .paused : .closed
        let maximum = number(10...200)
        let available = chance(0.1) ? 0 : number(0...maximum)
        let verifiedDaysAgo = chance(0.15) ? number(366...900) : number(0...360)
        let minimumAge = [nil, 16, 18, 18, 18, 11][number(0...5)]

        return Service(
            id: ServiceID(source: source, recordID: recordID),
            name:
                "\(national ? "National" : town.name) \(needs.first.map { $0.rawValue.replacing("-", with: " ") } ?? "support") service \(index)",
            description: "Synthetic service \(index) for benchmarks.",
            provider: Provider(
                id: ProviderID("charity-\(9_000_000 + index % 7000)"),
                name: "Synthetic provider \(index % 7000) (sample)",
                charityNumber: String(9_000_000 + index % 7000)
            ),
            status: status,
            needTypes: needs,
            specialisms: specialism,
            eligibility: Eligibility(
                minimumAge: minimumAge,
                genders: specialism == ["women-only"] ? ["female"] : specialism == ["male-victims"] ? ["male"] : [],
                riskLevels: needs.contains("idva") ? ["high"] : []
            ),
            languages: spoken,
            offersInterpreting: chance(0.6),
            offersBSL: chance(0.1),
            channels: channels,
            referralRoutes: chance(0.8) ? ["police", "self", "professional"] : ["self"],
            coverage: Coverage(areas: coverage),
            locations: locations,
            capacity: Capacity(
                available: available,
                maximum: maximum,
                unit: .cases,
                updated: today.adding(days: -number(0...60))
            ),
            waitingTime: WaitingTime(days: skewed(120), asOf: today.adding(days: -number(0...30))),
            commissioning: Commissioning(
                commissioner: national ? nil : "Synthetic commissioner for \(town.name)",
                contractEnd: today.adding(days: number(30...1200))
            ),
            contact: Contact(phone: "0113 496 \(Padded.four(index % 10000))"),
            provenance: Provenance(
                source: source,
                sourceRecordID: recordID,
                lastVerified: today.adding(days: -verifiedDaysAgo)
            )
        )
    }
}
