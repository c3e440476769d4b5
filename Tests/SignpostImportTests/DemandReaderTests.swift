import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@Suite("Demand files for gap analysis")
struct DemandReaderTests {
    let vocabularies: Vocabularies

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    func read(_ text: String) -> DemandFile {
        DemandReader.read(Array(text.utf8), file: "demand.csv", vocabularies: vocabularies)
    }

    @Test func rowsNameAreasAndNeedsByCodeOrName() throws {
        let file = read(
            """
            area,need,count
            E23000010,domestic-abuse,140
            West Yorkshire,Stalking,"1,200"
            Leeds,sexual violence,35
            """
        )
        #expect(file.issues.isEmpty)
        #expect(file.splitColumn == nil)
        #expect(
            file.rows.map { "\($0.area.rawValue) \($0.need.rawValue) \($0.count) @\($0.line)" } == [
                "E23000010 domestic-abuse 140 @2", "E23000010 stalking 1200 @3", "E08000035 sexual-violence 35 @4",
            ]
        )
    }

    @Test func badRowsAreReportedWithLineFieldAndSuggestionAndGoodOnesKept() throws {
        let file = read(
            """
            Area,Need type,Language,Count
            E23000010,domestic-abuse,Polish,12
            E23000010,domestic-abse,pl,3
            Atlantis,domestic-abuse,pl,3
            E23000010,domestic-abuse,Klingon,3
            E23000010,domestic-abuse,ur,lots
            """
        )
        #expect(file.splitColumn == "language")
        #expect(file.rows.map(\.by) == ["pl"])
        #expect(file.issues.map(\.line) == [3, 4, 5, 6])
        #expect(file.issues.map(\.field) == ["need", "area", "language", "count"])
        let misspelt = try #require(file.issues.first)
        #expect(misspelt.message.contains("did you mean 'domestic-abuse'?"))
        #expect(misspelt.description.hasPrefix("demand.csv:3: need: "))
        #expect(file.issues[3].value == "lots")
    }

    @Test func aHeaderWithoutTheRequiredColumnsRejectsTheFile() {
        let file = read("place,need\nE23000010,domestic-abuse\n")
        #expect(file.rows.isEmpty)
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.message.contains("missing area, count") == true)
    }

    @Test func languageAndSpecialismTogetherAreRefused() {
        let file = read("area,need,language,specialism,count\nE23000010,domestic-abuse,pl,women-only,1\n")
        #expect(file.rows.isEmpty)
        #expect(file.issues.first?.message.contains("not both") == true)
    }

    @Test func aRowWithAQuoteLeftOpenIsReportedAndTheOthersAreKept() {
        let file = read("area,need,count\nLeeds,\"domestic-abuse,140\nLeeds,stalking,12\n")
        #expect(file.rows.map(\.count) == [12])
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.line == 2)
        #expect(file.issues.first?.field == "need")
        #expect(file.issues.first?.message.contains("never closed") == true)
    }
}
