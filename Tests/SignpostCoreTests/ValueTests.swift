import SignpostCore
import Testing

@Suite("Postcodes, dates and area codes")
struct ValueTests {
    @Test(arguments: [
        ("ls14ap", "LS1 4AP"), ("LS1  4AP", "LS1 4AP"), ("n2 8aa", "N2 8AA"), ("SW1A 1AA", "SW1A 1AA"),
        ("cf10 1ep", "CF10 1EP"), ("M1 1AE", "M1 1AE"),
    ])
    func postcodesAreNormalised(_ text: String, _ normal: String) {
        #expect(Postcode(text)?.description == normal)
    }

    @Test(arguments: ["", "LS1", "1LS 4AP", "LS1 4A", "LS1 AAP", "LSS1 4AP", "LS1 4AP X"])
    func invalidPostcodesAreRefused(_ text: String) {
        #expect(Postcode(text) == nil)
    }

    @Test func aPostcodeKnowsItsDistrictAreaAndSector() throws {
        let postcode = try #require(Postcode("LS12 3AB"))
        #expect(postcode.district == AreaCode("LS12"))
        #expect(postcode.area == AreaCode("LS"))
        #expect(postcode.sector == "LS12 3")
    }

    @Test func datesParseOnlyRealCalendarDays() {
        #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "01/02/2026") == nil)
    }

    @Test func dateArithmeticRoundTrips() throws {
        let start = try #require(CalendarDate(iso: "2026-11-22"))
        #expect(start.adding(days: 40).description == "2027-01-01")
        #expect(start.days(until: try #require(CalendarDate(iso: "2027-11-22"))) == 365)
        #expect(start.months(until: try #require(CalendarDate(iso: "2027-11-21"))) == 11)
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
    }

    @Test(arguments: [
        ("national", AreaKind.national), ("E92000001", .country), ("E23000010", .policeForceArea),
        ("W06000015", .localAuthority), ("LS", .postcodeArea), ("LS12", .postcodeDistrict), ("SW1A", .postcodeDistrict),
        ("E99999999", .unknown),
    ])
    func areaCodesKnowTheirKind(_ code: String, _ kind: AreaKind) {
        #expect(AreaCode(code).kind == kind)
    }

    @Test func slugsAreLowerCaseAndHyphenated() {
        #expect(Slug.make("Aire Valley Women's Aid (sample)") == "aire-valley-women-s-aid-sample")
        #expect(SourceName("PCC West Yorkshire").rawValue == "pcc-west-yorkshire")
    }
}

@Suite("Slugs and source names")
struct SlugTests {
    @Test(arguments: [
        ("Aire Valley Women's Aid", "aire-valley-women-s-aid"),
        ("Café Noël", "cafe-noel"),
        ("pcc-north-east-yorkshire", "pcc-north-east-yorkshire"),
    ])
    func latinTextKeepsItsWords(_ text: String, _ slug: String) {
        #expect(Slug.make(text) == slug)
    }

    @Test func textThatCannotBeSpeltIsNeverEmptyAndNeverShared() {
        let first = SourceName("名前")
        let second = SourceName("住所")
        #expect(!first.rawValue.isEmpty && !second.rawValue.isEmpty)
        #expect(first != second)
        #expect(SourceName("名前") == first, "the same text gives the same name every time")
        #expect(first.rawValue == "x-e89b3249", "stable across versions too (Docs/Formats.md gives it)")
        #expect(SourceName("!!!") != SourceName("???"))
        #expect(SourceName("!!!").rawValue.hasPrefix("x-"))
        // Part of the name lost: what is left, and a hash of the whole, so that two such names differ.
        #expect(SourceName("名前 list") != SourceName("住所 list"))
        #expect(SourceName("名前 list").rawValue.hasPrefix("list-"))
    }
}
