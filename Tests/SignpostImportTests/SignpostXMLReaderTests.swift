import Foundation
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

/// The text of line `number` (1-based) of `text`, so a test can check that its fixture holds what it claims on the
/// line it asserts.
private func line(_ number: Int, of text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard number >= 1, number <= lines.count else { return "" }
    return String(lines[number - 1])
}

/// Writes `bytes` to a fresh temporary file, runs `body` with its path, and removes the file.
private func withTemporaryFile<Result>(
    _ bytes: [UInt8],
    _ body: (String) throws -> Result
) throws -> Result {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("signpost-xml-reader-\(UUID().uuidString).xml")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

@Suite("Signpost XML lists: schema validation, mapping and rejection")
struct SignpostXMLReaderTests {
    let vocabularies: Vocabularies
    let reader: SignpostXMLReader

    init() throws {
        vocabularies = try VocabularyLoader.load(from: Fixtures.vocabularyFolder)
        reader = SignpostXMLReader(vocabularies: vocabularies)
    }

    /// How a test hands the bytes to the reader.
    enum InputKind: String, CaseIterable, Sendable, CustomStringConvertible {
        case memory
        case file

        var description: String { rawValue }
    }

    func read(
        _ bytes: [UInt8],
        via kind: InputKind = .memory,
        file: String = "list.xml",
        source: SourceName? = nil
    ) throws -> ParsedList {
        switch kind {
        case .memory:
            return try reader.read(.memory(bytes), file: file, source: source)
        case .file:
            return try withTemporaryFile(bytes) { path in
                try reader.read(.file(path: path), file: file, source: source)
            }
        }
    }

    func read(_ xml: String, file: String = "list.xml", source: SourceName? = nil) throws -> ParsedList {
        try read(Array(xml.utf8), file: file, source: source)
    }

    /// The error `read` throws for `xml`, recording a test issue (and returning nil) if it reads the list instead.
    func rejection(_ xml: String, file: String = "list.xml") -> ImportFileError? {
        do {
            let list = try reader.read(.memory(Array(xml.utf8)), file: file)
            Issue.record("expected the whole file to be rejected, but \(list.services.count) services were read")
            return nil
        } catch {
            return error
        }
    }

    // MARK: - A complete list

    static let completeList = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1" generated="2026-11-01">
          <commissioner code="pcc-test" name="Test Police and Crime Commissioner">
            <area>E23000010</area>
          </commissioner>
          <service id="WY-1" status="waitlist">
            <name>Leeds Domestic Abuse Outreach</name>
            <description>Safety planning, outreach and IDVA support.</description>
            <provider id="awwa" name="Aire Valley Women's Aid (sample)" charityNumber="1234567"
                      website="https://example.org/awwa"/>
            <needs><need>DV</need><need>idva</need></needs>
            <specialisms><specialism>women-only</specialism><specialism>BSL</specialism></specialisms>
            <eligibility minAge="16" maxAge="65">
              <gender>women</gender>
              <crime>coercive control</crime>
              <risk>medium</risk><risk>MARAC</risk>
              <notes>Women living or working in Leeds.</notes>
            </eligibility>
            <languages interpreting="true" bsl="true">
              <language>English</language><language>Welsh</language><language>pl</language>
            </languages>
            <accessibility><feature>wheelchair accessible</feature><feature>hearing-loop</feature></accessibility>
            <channels><channel>Telephone</channel><channel>outreach</channel></channels>
            <referralRoutes>
              <route>police</route><route>self-referral</route><route>MARAC referral</route>
            </referralRoutes>
            <coverage><area>West Yorkshire</area><area>E08000035</area><area>LS6</area><national/></coverage>
            <locations>
              <location>
                <name>Leeds hub</name><address>1 Example Street</address><town>Leeds</town>
                <postcode>ls14ap</postcode><latitude>53.7965</latitude><longitude>-1.5478</longitude>
              </location>
              <location confidential="true">
                <name>Safe house</name><town>Bradford</town><postcode>BD1 1AA</postcode>
              </location>
            </locations>
            <capacity available="6" maximum="40" unit="places" updated="2026-10-30"/>
            <waitingTime days="9" asOf="2026-11-01"/>
            <contract ends="2027-03-31"/>
            <contact phone="0113 496 0000" email="help@example.org" website="https://example.org"
                     hours="Mon-Fri 09:00-17:00"/>
            <lastVerified>2026-10-15</lastVerified>
          </service>
          <service id="WY-2">
            <lastVerified>2026-09-01</lastVerified>
            <coverage><national/></coverage>
            <contract commissioner="Leeds City Council" ends="2026-12-31"/>
            <needs><need>Fraud and scams</need></needs>
            <provider name="Leeds Fraud Help (sample)"/>
            <name>Fraud Recovery Service</name>
            <languages><language>BSL</language><language>Cymraeg</language></languages>
          </service>
        </serviceList>
        """

    @Test func everyFieldOfACompleteListMapsToTheService() throws {
        let list = try read(Self.completeList, file: "west-yorkshire.xml")
        #expect(list.issues.isEmpty, "\(list.issues)")
        #expect(list.format == .signpostXML)
        #expect(list.file == "west-yorkshire.xml")
        #expect(list.source == SourceName("pcc-test"))
        #expect(list.commissioner == "Test Police and Crime Commissioner")
        #expect(list.recordCount == 2)
        #expect(list.rejectedCount == 0)
        try #require(list.services.count == 2)

        let source = SourceName("pcc-test")
        let service = list.services[0]
        #expect(service.id == ServiceID(source: source, recordID: "WY-1"))
        #expect(service.id.rawValue == "pcc-test/WY-1")
        #expect(service.name == "Leeds Domestic Abuse Outreach")
        #expect(service.description == "Safety planning, outreach and IDVA support.")
        #expect(
            service.provider
                == Provider(
                    id: ProviderID("awwa"),
                    name: "Aire Valley Women's Aid (sample)",
                    charityNumber: "1234567",
                    website: "https://example.org/awwa"
                )
        )
        #expect(service.status == .waitlist)
        #expect(service.needTypes == ["domestic-abuse", "idva"])
        #expect(service.specialisms == ["women-only", "deaf-bsl"])
        #expect(
            service.eligibility
                == Eligibility(
                    minimumAge: 16,
                    maximumAge: 65,
                    genders: ["female"],
                    crimeTypes: ["domestic-abuse"],
                    riskLevels: ["medium", "high"],
                    notes: "Women living or working in Leeds."
                )
        )
        #expect(service.languages == ["en", "cy", "pl"])
        #expect(service.offersInterpreting)
        #expect(service.offersBSL)
        #expect(service.accessibility == ["step-free", "hearing-loop"])
        #expect(service.channels == ["phone", "outreach"])
        #expect(service.referralRoutes == ["police", "self", "marac"])
        #expect(
            service.coverage.areas == [AreaCode("E23000010"), AreaCode("E08000035"), AreaCode("LS6"), .national]
        )
        #expect(service.coverage.isNational)
        #expect(
            service.locations == [
                ServiceLocation(
                    name: "Leeds hub",
                    address: "1 Example Street",
                    town: "Leeds",
                    postcode: Postcode("LS1 4AP"),
                    point: GeoPoint(latitude: 53.7965, longitude: -1.5478),
                    isConfidential: false
                ),
                ServiceLocation(
                    name: "Safe house",
                    town: "Bradford",
                    postcode: Postcode("BD1 1AA"),
                    isConfidential: true
                ),
            ]
        )
        #expect(service.locations.first?.postcode?.description == "LS1 4AP")
        #expect(
            service.capacity
                == Capacity(available: 6, maximum: 40, unit: .places, updated: CalendarDate(iso: "2026-10-30"))
        )
        #expect(service.waitingTime == WaitingTime(days: 9, asOf: CalendarDate(iso: "2026-11-01")))
        #expect(
            service.commissioning
                == Commissioning(
                    commissioner: "Test Police and Crime Commissioner",
                    contractEnd: CalendarDate(iso: "2027-03-31")
                )
        )
        #expect(
            service.contact
                == Contact(
                    phone: "0113 496 0000",
                    email: "help@example.org",
                    website: "https://example.org",
                    hours: "Mon-Fri 09:00-17:00"
                )
        )
        #expect(
            service.provenance
                == Provenance(source: source, sourceRecordID: "WY-1", lastVerified: CalendarDate(iso: "2026-10-15"))
        )

        // The second service: children in another order, defaults, an explicit contract commissioner, BSL given
        // as a language, and a provider id made from the provider's name.
        let expectedSecond = Service(
            id: ServiceID(source: source, recordID: "WY-2"),
            name: "Fraud Recovery Service",
            provider: Provider(id: ProviderID("leeds-fraud-help-sample"), name: "Leeds Fraud Help (sample)"),
            status: .accepting,
            needTypes: ["fraud"],
            languages: ["bfi", "cy"],
            offersInterpreting: false,
            offersBSL: true,
            coverage: Coverage(areas: [.national]),
            commissioning: Commissioning(
                commissioner: "Leeds City Council",
                contractEnd: CalendarDate(iso: "2026-12-31")
            ),
            provenance: Provenance(
                source: source,
                sourceRecordID: "WY-2",
                lastVerified: CalendarDate(iso: "2026-09-01")
            )
        )
        #expect(list.services[1] == expectedSecond)
    }

    @Test func anExplicitSourceOverridesTheCommissionerCode() throws {
        let override = SourceName("west-yorkshire-2026")
        let list = try read(Self.completeList, source: override)
        #expect(list.source == override)
        #expect(
            list.services.map(\.id) == [
                ServiceID(source: override, recordID: "WY-1"), ServiceID(source: override, recordID: "WY-2"),
            ]
        )
        #expect(list.services.allSatisfy { $0.provenance.source == override })
        // The commissioner still names the default commissioner of each service.
        #expect(list.services.first?.commissioning.commissioner == "Test Police and Crime Commissioner")
    }

    @Test func readingFromAFileGivesTheSameServicesAsFromMemory() throws {
        let bytes = Array(Self.completeList.utf8)
        let fromMemory = try read(bytes, via: .memory)
        let fromFile = try read(bytes, via: .file)
        #expect(fromFile.services == fromMemory.services)
        #expect(fromFile.services.count == 2)
    }

    // MARK: - Schema errors reject the whole file

    struct SchemaCase: Sendable, CustomStringConvertible {
        var description: String
        var xml: String
        /// The line of the offending element, counting the XML declaration as line 1.
        var line: Int
        /// The line of the offending element's end tag (the same as `line` for an element on one line).
        var lastLine: Int
        /// Text that line holds (checks the fixture).
        var lineHolds: String
        var messageContains: String
        /// Why the exact line is not reported yet, when it is not.
        var knownLineIssue: String?
    }

    static let schemaCases: [SchemaCase] = [
        SchemaCase(
            description: "an unknown element inside a service",
            xml: """
                <?xml version="1.0" encoding="UTF-8"?>
                <serviceList xmlns="urn:signpost:list:1" version="1">
                  <service id="A-1">
                    <name>Service A</name>
                    <provider name="Provider A"/>
                    <needs><need>stalking</need></needs>
                    <colour>blue</colour>
                    <coverage><area>E23000010</area></coverage>
                  </service>
                </serviceList>
                """,
            line: 7,
            lastLine: 7,
            lineHolds: "<colour>",
            messageContains: "colour"
        ),
        SchemaCase(
            description: "a status outside the enumeration",
            xml: """
                <?xml version="1.0" encoding="UTF-8"?>
                <serviceList xmlns="urn:signpost:list:1" version="1">
                  <service id="A-1">
                    <name>Service A</name>
                    <provider name="Provider A"/>
                    <needs><need>stalking</need></needs>
                    <coverage><area>E23000010</area></coverage>
                  </service>
                  <service id="B-2" status="open">
                    <name>Service B</name>
                    <provider name="Provider B"/>
                    <needs><need>stalking</need></needs>
                    <coverage><area>E23000010</area></coverage>
                  </service>
                </serviceList>
                """,
            line: 9,
            lastLine: 14,
            lineHolds: "status=\"open\"",
            messageContains: "open"
        ),
        SchemaCase(
            description: "a service without its id",
            xml: """
                <?xml version="1.0" encoding="UTF-8"?>
                <serviceList xmlns="urn:signpost:list:1" version="1">
                  <commissioner code="pcc-test" name="Test PCC"/>
                  <service id="A-1">
                    <name>Service A</name>
                    <provider name="Provider A"/>
                    <needs><need>stalking</need></needs>
                    <coverage><area>E23000010</area></coverage>
                  </service>
                  <service status="accepting">
                    <name>Service B</name>
                    <provider name="Provider B"/>
                    <needs><need>stalking</need></needs>
                    <coverage><area>E23000010</area></coverage>
                  </service>
                </serviceList>
                """,
            line: 10,
            lastLine: 15,
            lineHolds: "<service status=\"accepting\">",
            messageContains: "'id'"
        ),
        SchemaCase(
            description: "a service without coverage",
            xml: """
                <?xml version="1.0" encoding="UTF-8"?>
                <serviceList xmlns="urn:signpost:list:1" version="1">
                  <service id="A-1">
                    <name>Service A</name>
                    <provider name="Provider A"/>
                    <needs><need>stalking</need></needs>
                  </service>
                </serviceList>
                """,
            line: 3,
            lastLine: 7,
            lineHolds: "<service id=\"A-1\">",
            messageContains: "coverage",
            knownLineIssue: "libxml2's streaming validator reports a missing child on the </service> line (7)"
        ),
    ]

    @Test(arguments: schemaCases)
    func aSchemaErrorRejectsTheWholeFileWithTheLineOfTheError(_ schemaCase: SchemaCase) throws {
        #expect(line(schemaCase.line, of: schemaCase.xml).contains(schemaCase.lineHolds))
        let error = try #require(rejection(schemaCase.xml, file: "bad.xml"))
        #expect(error.file == "bad.xml")
        #expect(!error.issues.isEmpty)
        #expect(error.issues.allSatisfy { $0.severity == .error && $0.file == "bad.xml" })
        #expect(error.issues.allSatisfy { $0.message.hasPrefix("invalid Signpost XML") }, "\(error.issues)")
        #expect(
            error.issues.contains { (schemaCase.line...schemaCase.lastLine).contains($0.line ?? 0) },
            "expected an issue within the offending element: \(error.issues)"
        )
        withKnownIssue(Comment(rawValue: schemaCase.knownLineIssue ?? "")) {
            #expect(
                error.issues.contains { $0.line == schemaCase.line },
                "expected an issue on line \(schemaCase.line): \(error.issues)"
            )
        } when: {
            schemaCase.knownLineIssue != nil
        }
        #expect(error.issues.contains { $0.message.contains(schemaCase.messageContains) }, "\(error.issues)")
        // `validate` alone rejects the file the same way.
        #expect(throws: ImportFileError.self) {
            try reader.validate(.memory(Array(schemaCase.xml.utf8)), file: "bad.xml")
        }
    }

    static let duplicateIDs = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <service id="A-1">
            <name>Service A</name>
            <provider name="Provider A"/>
            <needs><need>stalking</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
          <service id="A-1">
            <name>Service A again</name>
            <provider name="Provider B"/>
            <needs><need>fraud</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
        </serviceList>
        """

    @Test func duplicateServiceIDsBreakTheSchemasUniqueConstraintAndRejectTheFile() throws {
        #expect(line(9, of: Self.duplicateIDs).contains("<service id=\"A-1\">"))
        let error = try #require(rejection(Self.duplicateIDs, file: "dup.xml"))
        #expect(error.issues.contains { $0.message.contains("A-1") }, "\(error.issues)")
        // Streaming validation reports the identity constraint where the second service ends.
        #expect(
            error.issues.contains { (9...14).contains($0.line ?? 0) },
            "expected an issue within the second service: \(error.issues)"
        )
    }

    @Test func withoutValidationASecondServiceWithTheSameIDIsStillRejected() throws {
        let list = try reader.parse(.memory(Array(Self.duplicateIDs.utf8)), file: "dup.xml")
        #expect(list.services.map(\.name) == ["Service A"])
        #expect(list.recordCount == 2)
        #expect(list.rejectedCount == 1)
        let issue = try #require(list.issues.first)
        #expect(issue.line == 9)
        #expect(issue.recordID == "A-1")
        #expect(issue.field == "@id")
        #expect(issue.message.contains("already used on line 3"), "\(issue.message)")
    }

    // MARK: - Not well-formed

    static let mismatchedTag = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <service id="A-1">
            <name>Service A</name>
            <provider name="Provider A"/>
            <needs><need>stalking</needs>
            <coverage><area>E23000010</area></coverage>
          </service>
        </serviceList>
        """

    @Test func xmlThatIsNotWellFormedIsRejectedWithTheLineOfTheError() throws {
        #expect(line(6, of: Self.mismatchedTag).contains("<need>stalking</needs>"))
        let error = try #require(rejection(Self.mismatchedTag))
        #expect(!error.issues.isEmpty)
        #expect(error.issues.allSatisfy { $0.severity == .error && $0.file == "list.xml" })
        #expect(error.issues.allSatisfy { ($0.line ?? 0) <= 6 }, "no error is reported past the bad tag")
        #expect(error.issues.contains { $0.line == 6 }, "\(error.issues)")
    }

    @Test func parsingXMLThatIsNotWellFormedWithoutValidatingStillFails() throws {
        do {
            let list = try reader.parse(.memory(Array(Self.mismatchedTag.utf8)), file: "list.xml")
            Issue.record("expected an error, got \(list.services.count) services")
        } catch {
            #expect(error.issues.contains { $0.line == 6 && $0.message.contains("not well-formed") }, "\(error)")
        }
    }

    // MARK: - Bad values inside a valid file reject only their service

    static let listWithBadValues = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <commissioner code="pcc-test" name="Test PCC"/>
          <service id="GOOD-1">
            <name>Good service</name>
            <provider name="Provider A"/>
            <needs><need>stalking</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
          <service id="BAD-NEED">
            <name>Bad need</name>
            <provider name="Provider B"/>
            <needs>
              <need>dv2</need>
            </needs>
            <coverage><area>E23000010</area></coverage>
          </service>
          <service id="BAD-POSTCODE">
            <name>Bad postcode</name>
            <provider name="Provider C"/>
            <needs><need>fraud</need></needs>
            <coverage><area>E23000010</area></coverage>
            <locations>
              <location><town>Leeds</town><postcode>LS1 XYZ</postcode></location>
            </locations>
          </service>
        </serviceList>
        """

    @Test func servicesWithUnknownValuesAreRejectedWithFieldLineAndIdAndTheOthersKept() throws {
        let xml = Self.listWithBadValues
        #expect(line(14, of: xml).contains("<need>dv2</need>"))
        #expect(line(24, of: xml).contains("<postcode>LS1 XYZ</postcode>"))

        let list = try read(xml, file: "mixed.xml")
        #expect(list.services.map(\.id) == [ServiceID(source: SourceName("pcc-test"), recordID: "GOOD-1")])
        #expect(list.recordCount == 3)
        #expect(list.rejectedCount == 2)
        let errors = list.issues.filter { $0.severity == .error }
        #expect(errors.count == 2, "\(list.issues)")

        let need = try #require(errors.first { $0.recordID == "BAD-NEED" })
        #expect(need.file == "mixed.xml")
        #expect(need.field == "needs/need")
        #expect(need.line == 14)
        #expect(need.value == "dv2")
        #expect(need.message.contains("unknown need type 'dv2'"), "\(need.message)")

        let postcode = try #require(errors.first { $0.recordID == "BAD-POSTCODE" })
        #expect(postcode.file == "mixed.xml")
        #expect(postcode.field == "location/postcode")
        #expect(postcode.line == 24)
        #expect(postcode.value == "LS1 XYZ")
        #expect(postcode.message.contains("'LS1 XYZ' is not a UK postcode"), "\(postcode.message)")
    }

    /// The offending value is not always the first of its list or on its location's line: the issue should still
    /// point at the line of the element that holds it.
    static let listWithBadValuesOnLaterLines = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <commissioner code="pcc-test" name="Test PCC"/>
          <service id="BAD-NEED">
            <name>Bad need</name>
            <provider name="Provider B"/>
            <needs>
              <need>stalking</need>
              <need>dv2</need>
            </needs>
            <coverage><area>E23000010</area></coverage>
          </service>
          <service id="BAD-POSTCODE">
            <name>Bad postcode</name>
            <provider name="Provider C"/>
            <needs><need>fraud</need></needs>
            <coverage><area>E23000010</area></coverage>
            <locations>
              <location>
                <town>Leeds</town>
                <postcode>LS1 XYZ</postcode>
              </location>
            </locations>
          </service>
        </serviceList>
        """

    @Test func anIssuePointsAtTheLineOfTheOffendingElementNotItsFirstSibling() throws {
        let xml = Self.listWithBadValuesOnLaterLines
        #expect(line(9, of: xml).contains("<need>dv2</need>"))
        #expect(line(21, of: xml).contains("<postcode>LS1 XYZ</postcode>"))

        let list = try read(xml, file: "mixed.xml")
        #expect(list.services.isEmpty)
        #expect(list.rejectedCount == 2)
        let need = try #require(list.issues.first { $0.recordID == "BAD-NEED" })
        #expect(need.field == "needs/need")
        #expect(need.value == "dv2")
        let postcode = try #require(list.issues.first { $0.recordID == "BAD-POSTCODE" })
        #expect(postcode.field == "location/postcode")
        #expect(postcode.value == "LS1 XYZ")
        #expect(need.line == 9, "the line of <need>dv2</need>")
        #expect(postcode.line == 21, "the line of <postcode>LS1 XYZ</postcode>")
    }

    // MARK: - Values the schema allows but the validator rejects

    struct OutOfRange: Sendable, CustomStringConvertible {
        var description: String
        /// Elements inserted into an otherwise valid service, at line 8.
        var elements: String
        var field: String
        var line: Int
        var value: String
        var messageContains: String
    }

    static let outOfRange: [OutOfRange] = [
        OutOfRange(
            description: "coordinates in New York",
            elements: """
                <locations><location><latitude>40.7</latitude><longitude>-74.0</longitude></location></locations>
                """,
            field: "location/latitude",
            line: 8,
            value: "40.7,-74.0",
            messageContains: "(40.7, -74.0) is outside England and Wales"
        ),
        OutOfRange(
            description: "latitude and longitude swapped",
            elements: """
                <locations><location><latitude>-1.5478</latitude><longitude>53.7965</longitude></location></locations>
                """,
            field: "location/latitude",
            line: 8,
            value: "-1.5478,53.7965",
            messageContains: "outside England and Wales"
        ),
        OutOfRange(
            description: "a minimum age above the maximum",
            elements: """
                <eligibility minAge="18" maxAge="16"/>
                """,
            field: "eligibility/@maxAge",
            line: 8,
            value: "16",
            messageContains: "maximum age 16 is below minimum age 18"
        ),
        OutOfRange(
            description: "more capacity available than the maximum",
            elements: """
                <capacity available="50" maximum="40"/>
                """,
            field: "capacity/@available",
            line: 8,
            value: "50",
            messageContains: "available capacity 50 is more than the maximum 40"
        ),
    ]

    @Test(arguments: outOfRange)
    func aValueTheSchemaAllowsButTheRulesForbidRejectsItsService(_ bad: OutOfRange) throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <serviceList xmlns="urn:signpost:list:1" version="1">
              <commissioner code="pcc-test" name="Test PCC"/>
              <service id="R-1">
                <name>Range check</name>
                <provider name="Provider A"/>
                <needs><need>stalking</need></needs>
                \(bad.elements)
                <coverage><area>E23000010</area></coverage>
              </service>
              <service id="OK-1">
                <name>Fine</name>
                <provider name="Provider B"/>
                <needs><need>fraud</need></needs>
                <coverage><national/></coverage>
              </service>
            </serviceList>
            """
        #expect(line(bad.line, of: xml).contains(bad.elements))
        // The schema accepts the file: the rule is Signpost's own.
        try reader.validate(.memory(Array(xml.utf8)), file: "range.xml")

        let list = try read(xml, file: "range.xml")
        #expect(list.services.map(\.provenance.sourceRecordID) == ["OK-1"])
        #expect(list.rejectedCount == 1)
        let error = try #require(list.issues.first { $0.severity == .error })
        #expect(error.recordID == "R-1")
        #expect(error.field == bad.field)
        #expect(error.line == bad.line)
        #expect(error.value == bad.value)
        #expect(error.message.contains(bad.messageContains), "\(error.message)")
    }

    // MARK: - Encodings and line ends

    @Test(arguments: InputKind.allCases)
    func aLatin1FileIsDecodedAsItsDeclarationSays(_ kind: InputKind) throws {
        var bytes = Array(
            """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <serviceList xmlns="urn:signpost:list:1" version="1">
              <commissioner code="pcc-test" name="Test PCC"/>
              <service id="CAFE-1">
                <name>Caf
            """.utf8
        )
        bytes += [0xE9]  // "é" in ISO-8859-1
        bytes += Array(
            """
             Leeds</name>
                <provider name="Soci
            """.utf8
        )
        bytes += [0xE9, 0x74, 0xE9]  // "été"
        bytes += Array(
            """
            "/>
                <needs><need>fraud</need></needs>
                <coverage><area>LS</area></coverage>
              </service>
            </serviceList>
            """.utf8
        )
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")

        let list = try read(bytes, via: kind, file: "latin1.xml")
        #expect(list.issues.isEmpty, "\(list.issues)")
        let service = try #require(list.services.first)
        #expect(service.name == "Caf\u{E9} Leeds")
        #expect(service.provider.name == "Soci\u{E9}t\u{E9}")
        #expect(service.coverage.areas == [AreaCode("LS")])
    }

    struct LineEnd: Sendable, CustomStringConvertible {
        var description: String
        var text: String
    }

    static let lineEnds = [
        LineEnd(description: "LF", text: "\n"),
        LineEnd(description: "CRLF", text: "\r\n"),
        LineEnd(description: "CR", text: "\r"),
    ]

    static let multiLineList = """
        <?xml version="1.0" encoding="UTF-8"?>
        <serviceList xmlns="urn:signpost:list:1" version="1">
          <commissioner code="pcc-test" name="Test PCC"/>
          <service id="LE-1">
            <name>Line ends</name>
            <description>First line of the description.
        Second line.</description>
            <provider name="Provider A"/>
            <needs><need>stalking</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
          <service id="LE-2">
            <name>Rejected</name>
            <provider name="Provider B"/>
            <needs><need>dv2</need></needs>
            <coverage><area>E23000010</area></coverage>
          </service>
        </serviceList>
        """

    @Test(arguments: lineEnds, InputKind.allCases)
    func everyKindOfLineEndIsReadAndLinesAreCounted(_ lineEnd: LineEnd, _ kind: InputKind) throws {
        #expect(line(15, of: Self.multiLineList).contains("<need>dv2</need>"))
        let xml = Self.multiLineList.replacingOccurrences(of: "\n", with: lineEnd.text)
        if lineEnd.text == "\r" { #expect(!xml.utf8.contains(UInt8(ascii: "\n"))) }

        let list = try read(Array(xml.utf8), via: kind, file: "line-ends.xml")
        let service = try #require(list.services.first)
        #expect(list.services.count == 1)
        #expect(service.id == ServiceID(source: SourceName("pcc-test"), recordID: "LE-1"))
        #expect(service.description == "First line of the description.\nSecond line.")
        let rejected = try #require(list.issues.first { $0.recordID == "LE-2" })
        // libxml2 counts lines at LF only; the reader turns CR-only line ends into LF so that lines are right.
        #expect(rejected.line == 15)
    }

    @Test func aSchemaErrorInACROnlyFileHasTheRightLine() throws {
        let xml = Self.schemaCases[0].xml.replacingOccurrences(of: "\n", with: "\r")
        let error = try #require(rejection(xml))
        #expect(error.issues.contains { $0.message.contains("colour") }, "\(error.issues)")
        #expect(error.issues.contains { $0.line == 7 }, "\(error.issues)")
    }

    // MARK: - Edge cases

    @Test func anEmptyListIsValidAndHasNoServices() throws {
        let xml = #"<serviceList xmlns="urn:signpost:list:1" version="1"/>"#
        try reader.validate(.memory(Array(xml.utf8)), file: "empty.xml")
        let list = try read(xml, file: "empty.xml", source: SourceName("empty-source"))
        #expect(list.services.isEmpty)
        #expect(list.issues.isEmpty)
        #expect(list.recordCount == 0)
        #expect(list.rejectedCount == 0)
        #expect(list.source == SourceName("empty-source"))
        #expect(list.commissioner == nil)
    }

    @Test func aListWithACommissionerButNoServicesTakesItsSourceFromTheCommissioner() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <serviceList xmlns="urn:signpost:list:1" version="1">
              <commissioner code="pcc-test" name="Test PCC"><area>E23000010</area></commissioner>
            </serviceList>
            """
        let list = try read(xml)
        #expect(list.services.isEmpty)
        #expect(list.source == SourceName("pcc-test"))
        #expect(list.commissioner == "Test PCC")
    }

    @Test func aMissingFileCannotBeRead() throws {
        do {
            let list = try reader.read(.file(path: "/nonexistent/x.xml"), file: "x.xml")
            Issue.record("expected an error, got \(list.services.count) services")
        } catch {
            #expect(error.file == "x.xml")
            let issue = try #require(error.issues.first)
            #expect(issue.severity == .error)
            #expect(issue.line == nil)
            #expect(issue.message.contains("cannot read"), "\(issue.message)")
        }
    }
}
