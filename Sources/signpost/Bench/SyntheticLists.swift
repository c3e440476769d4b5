import SignpostCore

/// Generates a synthetic national list of services in both canonical formats, from a fixed seed, for benchmarks.
struct SyntheticLists {
    private var random: SplitMix64
    let needTypes: [String]
    let specialisms: [String]
    let languages: [String]
    let forceAreas: [String]
    let districts = ["LS1", "M1", "B1", "L1", "NE1", "S1", "CF10", "BS1", "NG1", "LE1", "SA31", "LL11", "E1", "SW1A"]

    init(vocabularies: Vocabularies, seed: UInt64 = 20_261_122) {
        random = SplitMix64(seed: seed)
        needTypes = vocabularies[.needTypes].terms.map(\.code)
        specialisms = vocabularies[.specialisms].terms.map(\.code)
        languages = vocabularies[.languages].terms.prefix(40).map(\.code)
        forceAreas = vocabularies[.policeForceAreas].terms.map(\.code)
    }

    private mutating func pick(_ values: [String], count: Int) -> [String] {
        var chosen: [String] = []
        while chosen.count < min(count, values.count) {
            let value = values[Int(random.next() % UInt64(values.count))]
            if !chosen.contains(value) { chosen.append(value) }
        }
        return chosen
    }

    private mutating func number(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    private mutating func record(_ index: Int) -> [String: String] {
        let maximum = number(10...200)
        let district = districts[index % districts.count]
        return [
            "id": "SYN-\(index)",
            "name": "Synthetic support service \(index)",
            "description":
                "Generated record \(index) for benchmarking, with a sentence of text, commas, and \"quotes\".",
            "provider": "Synthetic provider \(index % 5000) (sample)",
            "charity": String(9_000_000 + index % 5000),
            "status": ["accepting", "accepting", "accepting", "waitlist", "paused"][index % 5],
            "needs": pick(needTypes, count: number(1...4)).joined(separator: ";"),
            "specialisms": pick(specialisms, count: number(0...2)).joined(separator: ";"),
            "minAge": String([0, 11, 16, 18][index % 4]),
            "languages": (["en"] + pick(languages, count: number(0...3))).joined(separator: ";"),
            "interpreting": index % 3 == 0 ? "true" : "false",
            "channels": pick(["phone", "face-to-face", "online", "text", "outreach"], count: number(1...3))
                .joined(separator: ";"),
            "routes": pick(["police", "self", "professional"], count: number(1...3)).joined(separator: ";"),
            "coverage": index % 50 == 0 ? "national" : pick(forceAreas, count: number(1...2)).joined(separator: ";"),
            "postcode": "\(district) \(number(1...9))AB",
            "available": String(number(0...maximum)),
            "maximum": String(maximum),
            "wait": String(number(0...120)),
            "verified": "2026-\(Padded.two(number(1...11)))-\(Padded.two(number(1...28)))",
            "phone": "0113 496 \(Padded.four(index % 10000))",
        ]
    }

    /// A Signpost CSV list of `count` services.
    mutating func csv(count: Int) -> String {
        var out =
            "source_record_id,name,description,provider_name,charity_number,status,need_types,specialisms,min_age,"
            + "languages,interpreting,channels,referral_routes,coverage,postcode,capacity_available,capacity_maximum,"
            + "capacity_unit,wait_days,wait_as_of,phone,last_verified\n"
        for index in 0..<count {
            let r = record(index)
            let cells = [
                r["id"], r["name"], "\"\(r["description"]?.replacing("\"", with: "\"\"") ?? "")\"", r["provider"],
                r["charity"], r["status"], r["needs"], r["specialisms"], r["minAge"], r["languages"],
                r["interpreting"], r["channels"], r["routes"], r["coverage"], r["postcode"], r["available"],
                r["maximum"], "cases", r["wait"], "2026-11-01", r["phone"], r["verified"],
            ]
            out += cells.map { $0 ?? "" }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Signpost XML list of `count` services.
    mutating func xml(count: Int) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <serviceList xmlns="urn:signpost:list:1" version="1" generated="2026-11-01">
              <commissioner code="synthetic-national" name="Synthetic national list (sample)"/>

            """
        func items(_ list: String?, _ element: String) -> String {
            (list ?? "").split(separator: ";").map { "<\(element)>\($0)</\(element)>" }.joined()
        }
        for index in 0..<count {
            let r = record(index)
            let coverage =
                r["coverage"] == "national" ? "<national/>" : items(r["coverage"], "area")
            out += """
                  <service id="\(r["id"] ?? "")" status="\(r["status"] ?? "")">
                    <name>\(r["name"] ?? "")</name>
                    <description>\((r["description"] ?? "").replacing("\"", with: "&quot;"))</description>
                    <provider name="\(r["provider"] ?? "")" charityNumber="\(r["charity"] ?? "")"/>
                    <needs>\(items(r["needs"], "need"))</needs>
                    <specialisms>\(items(r["specialisms"], "specialism"))</specialisms>
                    <eligibility minAge="\(r["minAge"] ?? "0")"/>
                    <languages interpreting="\(r["interpreting"] ?? "false")">\(items(r["languages"], "language"))</languages>
                    <channels>\(items(r["channels"], "channel"))</channels>
                    <referralRoutes>\(items(r["routes"], "route"))</referralRoutes>
                    <coverage>\(coverage)</coverage>
                    <locations><location><postcode>\(r["postcode"] ?? "")</postcode></location></locations>
                    <capacity available="\(r["available"] ?? "0")" maximum="\(r["maximum"] ?? "0")" unit="cases"/>
                    <waitingTime days="\(r["wait"] ?? "0")" asOf="2026-11-01"/>
                    <contact phone="\(r["phone"] ?? "")"/>
                    <lastVerified>\(r["verified"] ?? "")</lastVerified>
                  </service>

                """
        }
        return out + "</serviceList>\n"
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so that generated lists are the same every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Zero-padded numbers for generated dates and phone numbers.
enum Padded {
    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func four(_ value: Int) -> String {
        let digits = "\(value)"
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
