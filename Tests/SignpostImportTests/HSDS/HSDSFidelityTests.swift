import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// What published Open Referral folders carry beyond the core tables, read rather than dropped: accessibility,
/// interpretation services, contacts' phones, rows that point at nothing, a services row without an id.
@Suite("Open Referral (HSDS) tables: nothing silently lost")
struct HSDSFidelityTests {
    let vocabularies: Vocabularies
    let source = SourceName("hsds-test")

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
    }

    typealias Base = HSDSTabularReaderTests

    func read(_ tables: [String: [String]]) throws -> HSDSReadResult {
        try HSDSFolder.read(tables, vocabularies: vocabularies, source: source)
    }

    /// The two-service folder with svc-1's and svc-2's `interpretation_services` set.
    static func folder(interpretation first: String?, _ second: String? = nil) -> [String: [String]] {
        var tables = Base.twoServiceFolder
        let header = Base.servicesHeader
        var outreach: [String: String] = [
            "id": "svc-1", "organization_id": "org-1", "name": "Leeds Outreach", "status": "active",
            "minimum_age": "16",
        ]
        outreach["interpretation_services"] = first
        var stalking: [String: String] = [
            "id": "svc-2", "organization_id": "org-2", "name": "Stalking Advocacy", "status": "inactive",
        ]
        stalking["interpretation_services"] = second
        tables["services"] = [header, HSDSFolder.line(header, outreach), HSDSFolder.line(header, stalking)]
        return tables
    }

    // MARK: Accessibility

    static let accessibilityHeader = "id,location_id,description,details,url"

    @Test func theAccessibilityTableGivesTheServicesAtTheLocationTheirFeatures() throws {
        var tables = Base.twoServiceFolder
        tables["accessibility"] = [
            Self.accessibilityHeader,
            // As the HSDS 3.0 example words it: two features in free text, plurals and all.
            HSDSFolder.line(
                Self.accessibilityHeader,
                [
                    "id": "acc-1", "location_id": "loc-1",
                    "description": "The building is equipped with induction loops for hearing aids. "
                        + "Wheelchair access is possible on all levels.",
                    "details": "Switch hearing aid to T-coil to access the induction loop facility.",
                ]
            ),
            "acc-2,loc-1,Staff will meet you at the door,,",
            "acc-3,loc-ghost,Ramp at the side entrance,,",
        ]
        let result = try read(tables)
        let outreach = try #require(result.services.first)
        #expect(outreach.accessibility.map(\.rawValue) == ["hearing-loop", "step-free"])
        #expect(result.services[1].accessibility.isEmpty, "svc-2 is at no location")
        // Text naming no feature Signpost knows is counted, not dropped.
        let unknown = try #require(result.unmapped.first { $0.value == "Staff will meet you at the door" })
        #expect(unknown.field == "accessibility")
        #expect(unknown.file == "accessibility.csv")
        #expect(unknown.lines == [3])
        let orphan = try #require(result.issues.first { $0.file == "accessibility.csv" && $0.severity == .warning })
        #expect(orphan.line == 4)
        #expect(orphan.field == "location_id")
        #expect(orphan.value == "loc-ghost")
    }

    @Test func orukAccessibilityColumnIsReadToo() throws {
        var tables = Base.twoServiceFolder
        let header = "id,location_id,description,details,url,accessibility"
        tables["accessibility"] = [header, "acc-1,loc-1,,,,Hearing loop and accessible toilet"]
        let outreach = try #require(try read(tables).services.first)
        #expect(outreach.accessibility.map(\.rawValue) == ["hearing-loop", "accessible-toilet"])
    }

    // MARK: Interpretation services

    @Test func interpretationServicesAddTheLanguagesNamedAndSayInterpretingIsOffered() throws {
        let result = try read(
            Self.folder(interpretation: "Interpretation services are available in Urdu, Polish, and Slovak")
        )
        let outreach = try #require(result.services.first)
        #expect(outreach.offersInterpreting)
        // The languages table's (Polish, Welsh), then the ones named here, each once.
        #expect(outreach.languages.map(\.rawValue) == ["pl", "cy", "ur", "sk"])
        #expect(!result.issues.contains { $0.field == "interpretation_services" })
        #expect(result.services[1].offersInterpreting == false)
    }

    @Test func whatInterpretationServicesSaysThatIsNotUnderstoodIsAWarning() throws {
        let result = try read(
            Self.folder(interpretation: "Ask at reception", "Interpreters available for Welsh and Klingon")
        )
        let outreach = try #require(result.services.first)
        #expect(outreach.offersInterpreting == false)
        let vague = try #require(
            result.issues.first { $0.field == "interpretation_services" && $0.recordID == "svc-1" }
        )
        #expect(vague.severity == .warning)
        #expect(vague.file == "services.csv")
        #expect(vague.line == 2)
        #expect(vague.value == "Ask at reception")
        #expect(vague.message.contains("'Ask at reception'"), "\(vague.message)")

        let stalking = try #require(result.services.last)
        #expect(stalking.offersInterpreting)
        #expect(stalking.languages.map(\.rawValue) == ["en", "cy"])
        let klingon = try #require(
            result.issues.first { $0.field == "interpretation_services" && $0.recordID == "svc-2" }
        )
        #expect(klingon.severity == .warning)
        #expect(klingon.line == 3)
        #expect(klingon.message.contains("'Klingon'"), "\(klingon.message)")
        #expect(!klingon.message.contains("'Welsh'"), "Welsh was understood: \(klingon.message)")
    }

    @Test(arguments: [
        ("No interpreting service", false), ("none", false), ("Interpreters are not available", false),
        ("yes", true), ("We can't arrange interpreters", false), ("BSL interpreters on request", true),
    ])
    func interpretationServicesYesAndNo(text: String, offered: Bool) throws {
        let result = try read(Self.folder(interpretation: text))
        let outreach = try #require(result.services.first)
        #expect(outreach.offersInterpreting == offered)
        #expect(!result.issues.contains { $0.field == "interpretation_services" }, "understood: \(text)")
        // "can't" is not Shelta's "Cant"; BSL is British Sign Language.
        #expect(outreach.languages.map(\.rawValue) == (text.hasPrefix("BSL") ? ["pl", "cy", "bfi"] : ["pl", "cy"]))
    }

    // MARK: Contacts

    static let contactsHeader =
        "id,organization_id,service_id,service_at_location_id,location_id,name,title,department,email"

    @Test func phonesOfAServicesContactsAreTheServicesPhone() throws {
        var tables = Base.twoServiceFolder
        tables["phones"] = [
            Base.phonesHeader,
            "ph-2,,,org-2,,,0113 496 0999,,voice,",
            // svc-1's contact, linked through svc-1's service_at_location row: a fax, then a voice number.
            "ph-3,,,,con-1,,0113 496 0300,,fax,",
            "ph-4,,,,con-1,,0113 496 0301,,voice,",
            // svc-2's contact beats svc-2's organisation.
            "ph-5,,,,con-2,,0113 496 0302,,voice,",
            "ph-6,,,,con-ghost,,0113 496 0303,,voice,",
        ]
        tables["contacts"] = [
            Self.contactsHeader,
            "con-1,,,sal-1,,Ann Persona,Reception Manager,,",
            "con-2,,svc-2,,,Bob Example,Advocate,,",
            "con-3,,svc-ghost,,,Nobody,,,",
        ]
        let result = try read(tables)
        try #require(result.services.count == 2)
        #expect(result.services[0].contact.phone == "0113 496 0301")
        #expect(result.services[1].contact.phone == "0113 496 0302")
        let orphanContact = try #require(result.issues.first { $0.file == "contacts.csv" })
        #expect(orphanContact.severity == .warning)
        #expect(orphanContact.line == 4)
        #expect(orphanContact.field == "service_id")
        #expect(orphanContact.value == "svc-ghost")
        let orphanPhone = try #require(result.issues.first { $0.file == "phones.csv" })
        #expect(orphanPhone.line == 6)
        #expect(orphanPhone.field == "contact_id")
        #expect(orphanPhone.value == "con-ghost")
    }

    // MARK: Orphans

    static let schedulesHeader =
        "id,service_id,location_id,service_at_location_id,valid_from,valid_to,dtstart,timezone,until,count,wkst,freq,"
        + "interval,byday,byweekno,bymonthday,byyearday,description,opens_at,closes_at,schedule_link,attending_type,notes"

    @Test func rowsThatPointAtNothingAreReportedWithFileLineAndColumn() throws {
        var tables = Base.twoServiceFolder
        let header = Self.schedulesHeader
        tables["schedules"] = [
            header,
            HSDSFolder.line(header, ["id": "sch-1", "service_id": "svc-ghost", "description": "Mondays"]),
            // A location's hours serve its services that give none of their own.
            HSDSFolder.line(header, ["id": "sch-2", "location_id": "loc-1", "description": "Weekdays 9 to 5"]),
            HSDSFolder.line(header, ["id": "sch-3", "location_id": "loc-ghost", "description": "Tuesdays"]),
            HSDSFolder.line(header, ["id": "sch-4", "description": "Sundays"]),
        ]
        tables["addresses"] = Base.addresses + ["adr-2,loc-ghost,,2 Nowhere Street,,Leeds,,,LS2 7EW,GB,physical"]
        tables["phones"] = Base.phones + ["ph-3,,,,,,0113 496 0123,,voice,"]
        let result = try read(tables)
        try #require(result.services.count == 2)
        #expect(result.services[0].contact.hours == "Weekdays 9 to 5")
        let warnings = result.issues.filter { $0.severity == .warning }
        func warning(_ file: String, _ line: Int) -> ImportIssue? {
            warnings.first { $0.file == file && $0.line == line }
        }
        let ghostService = try #require(warning("schedules.csv", 2))
        #expect(ghostService.field == "service_id")
        #expect(ghostService.value == "svc-ghost")
        let ghostLocation = try #require(warning("schedules.csv", 4))
        #expect(ghostLocation.field == "location_id")
        #expect(ghostLocation.value == "loc-ghost")
        let unlinked = try #require(warning("schedules.csv", 5))
        #expect(unlinked.message.contains("service_id"), "\(unlinked.message)")
        let address = try #require(warning("addresses.csv", 3))
        #expect(address.field == "location_id")
        #expect(address.value == "loc-ghost")
        let phone = try #require(warning("phones.csv", 4))
        #expect(phone.recordID == "ph-3")
    }

    // MARK: A services row without an id

    @Test func aServiceWithoutAnIdIsRejectedAtItsLineAndTheRestIsRead() throws {
        var tables = Base.twoServiceFolder
        tables["services"] =
            Base.services + [
                HSDSFolder.line(
                    Base.servicesHeader,
                    ["organization_id": "org-1", "name": "Nameless", "status": "active"]
                )
            ]
        let result = try read(tables)
        #expect(result.services.map(\.name) == ["Leeds Outreach", "Stalking Advocacy"])
        let rejected = try #require(result.issues.first { $0.severity == .error })
        #expect(rejected.file == "services.csv")
        #expect(rejected.line == 4)
        #expect(rejected.field == "id")
        #expect(result.recordCount == 3)
        #expect(result.rejectedCount == 1)
        #expect(result.folderError == nil, "the folder was read: one row was rejected")
    }

    @Test func aFolderWhoseServicesCannotBeReadIsAFolderError() throws {
        let missing = try read(["organizations": Base.organizations])
        let error = try #require(missing.folderError)
        #expect(error.description.contains("services.csv"))
        var tables = Base.twoServiceFolder
        tables["services"] = ["id,organization_id,\"name", "svc-1,org-1,Leeds Outreach"]
        let unreadable = try read(tables)
        #expect(unreadable.folderError?.description.contains("header") == true)
        #expect(unreadable.recordCount == 0)
    }
}
