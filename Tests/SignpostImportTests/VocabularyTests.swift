import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Vocabularies: loading and alias resolution")
struct VocabularyTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    @Test func everyVocabularyMeetsItsMinimumSize() {
        #expect(vocabularies[.needTypes].terms.count >= 20)
        #expect(vocabularies[.specialisms].terms.count >= 12)
        #expect(vocabularies[.languages].terms.count >= 100)
        #expect(vocabularies[.policeForceAreas].terms.count == 43)
        #expect(vocabularies[.riskLevels].terms.map(\.code) == ["standard", "medium", "high"])
    }

    @Test func theFortyThreeForceAreasHaveTheirONSCodes() {
        let codes = Set(vocabularies[.policeForceAreas].terms.map(\.code))
        let english = (1...39).map { "E230000" + ($0 < 10 ? "0\($0)" : "\($0)") }
        let welsh = (1...4).map { "W1500000\($0)" }
        #expect(codes == Set(english + welsh))
    }

    @Test(arguments: ["cy", "wel", "cym", "Welsh", "WELSH", " welsh ", "Cymraeg"])
    func welshIsFoundByEveryISOCodeAndName(_ text: String) {
        #expect(vocabularies.resolve(text, as: LanguageCode.self) == "cy")
    }

    @Test(arguments: [
        ("BSL", "bfi"), ("British Sign Language", "bfi"), ("pol", "pl"), ("Polish", "pl"), ("ger", "de"),
        ("deu", "de"), ("Punjabi", "pa"), ("Farsi", "fa"),
    ])
    func languagesResolveFromCodesAndNames(_ text: String, _ code: String) {
        #expect(vocabularies.resolve(text, as: LanguageCode.self)?.rawValue == code)
    }

    @Test(arguments: [
        ("DV", "domestic-abuse"), ("domestic abuse", "domestic-abuse"), ("Domestic_Abuse", "domestic-abuse"),
        ("ASB", "anti-social-behaviour"), ("RJ", "restorative-justice"), ("ISVA", "isva"),
    ])
    func needTypesResolveFromAliasesIgnoringCaseAndSeparators(_ text: String, _ code: String) {
        #expect(vocabularies.resolve(text, as: NeedType.self)?.rawValue == code)
    }

    @Test func marACMeansHighRisk() {
        #expect(vocabularies.resolve("MARAC", as: RiskLevel.self) == "high")
    }

    @Test func unknownTermsResolveToNothingAndGetSuggestions() {
        #expect(vocabularies.resolve("dv2", as: NeedType.self) == nil)
        #expect(vocabularies[.needTypes].suggestions(for: "stalkng").first == "stalking")
    }

    @Test func textLongerThanAnyTermIsNotSearchedForSuggestions() {
        // A misspelling padded past the limit would still be close to a term after normalising; it is not searched.
        let padded = "stalkng" + String(repeating: " ", count: 300)
        #expect(vocabularies[.needTypes].suggestions(for: "stalkng ").first == "stalking")
        #expect(vocabularies[.needTypes].suggestions(for: padded).isEmpty)
        let area = String(repeating: "Leeds ", count: 200_000)
        #expect(vocabularies[.localAuthorities].suggestions(for: area).isEmpty)
    }

    @Test(arguments: [
        ("West Yorkshire", "E23000010"), ("E23000010", "E23000010"), ("national", "national"), ("England", "E92000001"),
        ("ls", "LS"), ("ls6", "LS6"), ("E08000035", "E08000035"), ("Dyfed-Powys", "W15000004"),
    ])
    func areasResolveFromCodesNamesAndPostcodeUnits(_ text: String, _ code: String) {
        #expect(vocabularies.resolveArea(text)?.rawValue == code)
    }

    @Test(arguments: ["E23000099", "ZZ1", "Narnia", "QQ"])
    func unknownAreasDoNotResolve(_ text: String) {
        #expect(vocabularies.resolveArea(text) == nil)
    }

    @Test func postcodeAreasMapToTheirForceAreasIncludingCrossBorderOnes() {
        // LS is mostly West Yorkshire, but LS24 (Tadcaster) is in North Yorkshire.
        #expect(vocabularies.forceAreas(covering: AreaCode("LS1")).first == AreaCode("E23000010"))
        #expect(vocabularies.forceAreas(covering: AreaCode("HU1")) == [AreaCode("E23000012")])
        let shrewsbury = vocabularies.forceAreas(covering: AreaCode("SY"))
        #expect(shrewsbury.contains(AreaCode("E23000016")))
        #expect(shrewsbury.contains(AreaCode("W15000004")))
        #expect(vocabularies.forceAreas(covering: .wales).count == 4)
        #expect(vocabularies.forceAreas(covering: .national).count == 43)
    }

    @Test func everyForceAreaHasAtLeastOnePostcodeArea() {
        let reached = Set(
            vocabularies[.postcodeAreas].terms.flatMap { vocabularies.forceAreas(ofPostcodeArea: AreaCode($0.code)) }
        )
        #expect(reached.count == 43)
    }

    @Test func anAliasGivenToTwoTermsIsRefused() {
        #expect(throws: VocabularyError.self) {
            _ = try Vocabulary(
                name: .channels,
                terms: [
                    VocabularyTerm(code: "phone", label: "Phone", aliases: ["call"]),
                    VocabularyTerm(code: "video", label: "Video", aliases: ["Call"]),
                ]
            )
        }
    }

    @Test func aVocabularyFileWithADuplicateCodeIsRefusedWithItsLine() {
        let csv = "code,label,aliases,description\nphone,Phone,,\nphone,Telephone,,\n"
        #expect {
            _ = try VocabularyLoader.parse(Array(csv.utf8), name: .channels)
        } throws: { error in
            (error as? VocabularyError)?.message.contains("line 3") == true
        }
    }

    @Test func aVocabularyFileWithAQuoteLeftOpenIsRefusedWithItsLine() {
        let csv = "code,label,aliases,description\nphone,Phone,,\nvideo,\"Video,,\nsms,Text,,\n"
        #expect {
            _ = try VocabularyLoader.parse(Array(csv.utf8), name: .channels)
        } throws: { error in
            (error as? VocabularyError)?.message.contains("line 3: a quoted cell opened on line 3 is never closed")
                == true
        }
    }
}
