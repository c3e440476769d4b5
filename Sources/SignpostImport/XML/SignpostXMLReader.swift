import CLibXML2
import Foundation
public import SignpostCore

/// Where XML comes from: a file on disk, or bytes in memory.
public enum XMLInput: Sendable {
    case file(path: String)
    case memory([UInt8])
}

/// Reads a Signpost XML list (see Docs/Formats.md). The file is first validated against the list's XSD with libxml2;
/// an invalid file is rejected whole with the line of each error. The services are then read with libxml2's streaming
/// reader, one `service` element at a time, so memory stays flat however long the list.
public struct SignpostXMLReader: Sendable {
    public let vocabularies: Vocabularies
    /// What a list may not exceed (attributes, entities), checked before libxml2 reads it.
    public var limits: XMLLimits

    public init(vocabularies: Vocabularies, limits: XMLLimits = XMLLimits()) {
        self.vocabularies = vocabularies
        self.limits = limits
        _ = LibXML.initialised
    }

    /// The namespace of Signpost XML version 1.
    public static let namespace = "urn:signpost:list:1"

    /// The XSD every list is validated against.
    public static var schemaPath: String? {
        Bundle.module.url(forResource: "signpost-list-1", withExtension: "xsd")?.path
    }

    /// Validates and reads a list. `source` overrides the list's commissioner code as the source name. `progress`,
    /// when given, is called now and then with the bytes read so far (validation counts as the first half). `emit`,
    /// when given, receives the valid services in batches as they are read, and the list returned then holds none.
    public func read(
        _ input: XMLInput,
        file: String,
        source: SourceName? = nil,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        try validate(input, file: file, progress: progress.map { report in { report($0 / 2) } })
        return try parse(
            input,
            file: file,
            source: source,
            progress: progress.map { report in { report($0 / 2) } },
            emit: emit
        )
    }

    /// Checks `input` against the schema, streaming.
    /// - Throws: ``ImportFileError`` listing each schema or well-formedness error with its line.
    public func validate(
        _ input: XMLInput,
        file: String,
        progress: ((Int) -> Void)? = nil
    ) throws(ImportFileError) {
        guard let schemaPath = Self.schemaPath else {
            throw ImportFileError(file: file, message: "the Signpost XML schema is missing from this installation")
        }
        let collector = LibXMLErrorCollector()
        guard let parserContext = xmlSchemaNewParserCtxt(schemaPath) else {
            throw ImportFileError(file: file, message: "could not load the Signpost XML schema")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        xmlSchemaSetParserStructuredErrors(parserContext, LibXMLErrorCollector.handler, collector.context)
        guard let schema = xmlSchemaParse(parserContext) else {
            throw ImportFileError(file: file, message: "the Signpost XML schema is itself invalid")
        }
        defer { xmlSchemaFree(schema) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            throw ImportFileError(file: file, message: "could not start XML validation")
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, LibXMLErrorCollector.handler, collector.context)

        let reader = try LibXML.openReader(input, file: file, limits: limits)
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, Self.readerErrorHandler, collector.context)
        guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else {
            throw ImportFileError(file: file, message: "could not attach the schema to the XML reader")
        }
        var status = xmlTextReaderRead(reader)
        var nodes = 0
        while status == 1 {
            nodes += 1
            if let progress, nodes % 65_536 == 0 { progress(Int(xmlTextReaderByteConsumed(reader))) }
            status = xmlTextReaderRead(reader)
        }
        let valid = xmlTextReaderIsValid(reader) == 1
        if status < 0, collector.errorCount == 0 {
            // With a schema attached, libxml2 2.9 does not pass well-formedness errors to the handler: read the file
            // again without the schema to find where it breaks.
            _ = try parse(input, file: file)
        }
        if status < 0 || !valid || collector.errorCount > 0 {
            var issues = collector.messages.filter { !$0.isWarning }.prefix(50).map {
                ImportIssue(file: file, line: $0.line, message: "invalid Signpost XML: \($0.text)")
            }
            if issues.isEmpty {
                issues = [ImportIssue(file: file, message: "invalid Signpost XML (libxml2 gave no detail)")]
            }
            throw ImportFileError(file: file, issues: issues)
        }
    }

    /// Reads the services of an already valid list, without validating it again.
    public func parse(
        _ input: XMLInput,
        file: String,
        source: SourceName? = nil,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        let collector = LibXMLErrorCollector()
        let reader = try LibXML.openReader(input, file: file, limits: limits)
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, Self.readerErrorHandler, collector.context)

        var commissionerCode: String?
        var commissionerName: String?
        var builder: ParsedListBuilder?
        let fallbackSource = SourceName(((file as NSString).lastPathComponent as NSString).deletingPathExtension)

        var status = xmlTextReaderRead(reader)
        while status == 1 {
            guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue),
                xmlTextReaderDepth(reader) == 1
            else {
                status = xmlTextReaderRead(reader)
                continue
            }
            let name = xmlTextReaderConstLocalName(reader)
            if LibXML.equals(name, "commissioner"), let node = xmlTextReaderExpand(reader) {
                commissionerCode = LibXML.attribute(node, "code")?.trimmed.nilIfEmpty
                commissionerName = LibXML.attribute(node, "name")?.trimmed.nilIfEmpty
            } else if LibXML.equals(name, "service"), let node = xmlTextReaderExpand(reader) {
                if builder == nil {
                    let listSource = source ?? commissionerCode.map { SourceName($0) } ?? fallbackSource
                    builder = ParsedListBuilder(
                        list: ParsedList(
                            file: file,
                            format: .signpostXML,
                            source: listSource,
                            commissioner: commissionerName
                        ),
                        validator: ServiceRecordValidator(
                            vocabularies: vocabularies,
                            source: listSource,
                            file: file,
                            defaultCommissioner: commissionerName
                        ),
                        emit: emit
                    )
                }
                builder?.add(Self.record(from: node))
                if let progress, let count = builder?.list.recordCount, count % 2048 == 0 {
                    progress(Int(xmlTextReaderByteConsumed(reader)))
                }
                status = xmlTextReaderNext(reader)
                continue
            }
            status = xmlTextReaderRead(reader)
        }
        if status < 0 { throw collector.notWellFormed(file: file) }
        let listSource = source ?? commissionerCode.map { SourceName($0) } ?? fallbackSource
        return builder?.finish()
            ?? ParsedList(file: file, format: .signpostXML, source: listSource, commissioner: commissionerName)
    }

    private static let readerErrorHandler: xmlStructuredErrorFunc = LibXMLErrorCollector.handler

    /// Maps one expanded `service` element to a raw record.
    static func record(from service: xmlNodePtr) -> RawServiceRecord {
        var record = RawServiceRecord(line: LibXML.line(of: service), naming: .xmlPaths)
        record[.sourceRecordID] = LibXML.attribute(service, "id")?.trimmed.nilIfEmpty
        record[.status] = LibXML.attribute(service, "status")?.trimmed.nilIfEmpty

        func set(_ field: ServiceField, _ value: String?, line: Int) {
            guard let value = value?.trimmed.nilIfEmpty else { return }
            record[field] = value
            record.setLine(line, of: field)
        }
        func list(_ parent: xmlNodePtr, _ child: StaticString, _ field: ServiceField) {
            for element in LibXML.elements(of: parent) where LibXML.equals(element.pointee.name, child) {
                if let value = LibXML.text(of: element).trimmed.nilIfEmpty {
                    let line = LibXML.line(of: element)
                    record.append(value, to: field, line: line)
                }
            }
        }

        for element in LibXML.elements(of: service) {
            let name = element.pointee.name
            let line = LibXML.line(of: element)
            if LibXML.equals(name, "name") {
                set(.name, LibXML.text(of: element), line: line)
            } else if LibXML.equals(name, "description") {
                set(.description, LibXML.text(of: element), line: line)
            } else if LibXML.equals(name, "provider") {
                set(.providerName, LibXML.attribute(element, "name"), line: line)
                set(.providerID, LibXML.attribute(element, "id"), line: line)
                set(.charityNumber, LibXML.attribute(element, "charityNumber"), line: line)
                set(.providerWebsite, LibXML.attribute(element, "website"), line: line)
            } else if LibXML.equals(name, "needs") {
                list(element, "need", .needTypes)
            } else if LibXML.equals(name, "specialisms") {
                list(element, "specialism", .specialisms)
            } else if LibXML.equals(name, "eligibility") {
                set(.minAge, LibXML.attribute(element, "minAge"), line: line)
                set(.maxAge, LibXML.attribute(element, "maxAge"), line: line)
                list(element, "gender", .genders)
                list(element, "crime", .crimeTypes)
                list(element, "risk", .riskLevels)
                for notes in LibXML.elements(of: element) where LibXML.equals(notes.pointee.name, "notes") {
                    set(.eligibilityNotes, LibXML.text(of: notes), line: LibXML.line(of: notes))
                }
            } else if LibXML.equals(name, "languages") {
                set(.interpreting, LibXML.attribute(element, "interpreting"), line: line)
                set(.bsl, LibXML.attribute(element, "bsl"), line: line)
                list(element, "language", .languages)
            } else if LibXML.equals(name, "accessibility") {
                list(element, "feature", .accessibility)
            } else if LibXML.equals(name, "channels") {
                list(element, "channel", .channels)
            } else if LibXML.equals(name, "referralRoutes") {
                list(element, "route", .referralRoutes)
            } else if LibXML.equals(name, "coverage") {
                list(element, "area", .coverage)
                for national in LibXML.elements(of: element) where LibXML.equals(national.pointee.name, "national") {
                    record.append("national", to: .coverage, line: LibXML.line(of: national))
                }
            } else if LibXML.equals(name, "locations") {
                for location in LibXML.elements(of: element) where LibXML.equals(location.pointee.name, "location") {
                    record.locations.append(Self.location(from: location))
                }
            } else if LibXML.equals(name, "capacity") {
                set(.capacityAvailable, LibXML.attribute(element, "available"), line: line)
                set(.capacityMaximum, LibXML.attribute(element, "maximum"), line: line)
                set(.capacityUnit, LibXML.attribute(element, "unit"), line: line)
                set(.capacityUpdated, LibXML.attribute(element, "updated"), line: line)
            } else if LibXML.equals(name, "waitingTime") {
                set(.waitDays, LibXML.attribute(element, "days"), line: line)
                set(.waitAsOf, LibXML.attribute(element, "asOf"), line: line)
            } else if LibXML.equals(name, "contract") {
                set(.contractEnd, LibXML.attribute(element, "ends"), line: line)
                set(.commissioner, LibXML.attribute(element, "commissioner"), line: line)
            } else if LibXML.equals(name, "contact") {
                set(.phone, LibXML.attribute(element, "phone"), line: line)
                set(.email, LibXML.attribute(element, "email"), line: line)
                set(.website, LibXML.attribute(element, "website"), line: line)
                set(.openingHours, LibXML.attribute(element, "hours"), line: line)
            } else if LibXML.equals(name, "lastVerified") {
                set(.lastVerified, LibXML.text(of: element), line: line)
            }
        }
        return record
    }

    private static func location(from element: xmlNodePtr) -> RawServiceRecord.RawLocation {
        var location = RawServiceRecord.RawLocation(line: LibXML.line(of: element))
        if let confidential = LibXML.attribute(element, "confidential")?.trimmed.nilIfEmpty {
            location.values[.locationConfidential] = confidential
        }
        for child in LibXML.elements(of: element) {
            let name = child.pointee.name
            let field: ServiceField? =
                LibXML.equals(name, "name")
                ? .locationName
                : LibXML.equals(name, "address")
                    ? .address
                    : LibXML.equals(name, "town")
                        ? .town
                        : LibXML.equals(name, "postcode")
                            ? .postcode
                            : LibXML.equals(name, "latitude")
                                ? .latitude : LibXML.equals(name, "longitude") ? .longitude : nil
            if let field, let value = LibXML.text(of: child).trimmed.nilIfEmpty {
                location.values[field] = value
                location.fieldLines[field] = LibXML.line(of: child)
            }
        }
        return location
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
