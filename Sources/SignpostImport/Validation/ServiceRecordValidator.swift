public import SignpostCore
import Synchronization

/// Turns raw records into services, checking every value against the vocabularies and the format's rules. One
/// definition for both canonical formats: a record is either a valid ``Service`` or a list of errors, each naming the
/// file, line, field and reason.
public struct ServiceRecordValidator: Sendable {
    public let vocabularies: Vocabularies
    public let source: SourceName
    public let file: String
    /// The commissioner to record when a record names none (an XML list's commissioner).
    public var defaultCommissioner: String?
    public let limits: ValueLimits
    /// Optional fields whose unusable values are dropped, the service kept and the value reported as a warning,
    /// rather than rejecting the record (an import profile's `"on_invalid": "drop"`).
    public var droppable: Set<ServiceField> = []
    /// "Did you mean" hints given so far in this file, shared by the validating threads.
    private let hints: HintBudget

    public init(
        vocabularies: Vocabularies,
        source: SourceName,
        file: String,
        defaultCommissioner: String? = nil,
        limits: ValueLimits = ValueLimits()
    ) {
        self.vocabularies = vocabularies
        self.source = source
        self.file = file
        self.defaultCommissioner = defaultCommissioner
        self.limits = limits
        hints = HintBudget(perField: limits.hintsPerField)
    }

    /// The result of validating one record.
    public enum Outcome: Sendable {
        case valid(Service, warnings: [ImportIssue])
        case rejected([ImportIssue])
    }

    /// Validates `record`.
    public func validate(_ record: RawServiceRecord) -> Outcome {
        var context = Context(record: record, validator: self)
        let service = context.build()
        if context.errors.isEmpty, let service { return .valid(service, warnings: context.warnings) }
        // Every error is in a field whose unusable values may be dropped: validate again without them, and report
        // each as a warning.
        guard !droppable.isEmpty,
            context.errorFields.allSatisfy({ $0.map(droppable.contains) ?? false })
        else { return .rejected(context.errors) }
        var lenient = record
        for (issue, field) in zip(context.errors, context.errorFields) {
            if let field { lenient.drop(field, value: issue.value) }
        }
        var second = Context(record: lenient, validator: self)
        guard let kept = second.build(), second.errors.isEmpty else { return .rejected(context.errors) }
        let dropped = context.errors.map { issue in
            var warning = issue
            warning.severity = .warning
            let separator = warning.message.hasSuffix("?") || warning.message.hasSuffix(".") ? " " : "; "
            warning.message += separator + "the value was dropped and the service kept (on_invalid: drop)"
            return warning
        }
        return .valid(kept, warnings: dropped + second.warnings)
    }

    private struct Context {
        let record: RawServiceRecord
        let validator: ServiceRecordValidator
        var errors: [ImportIssue] = []
        /// The field of each error, where it has one.
        var errorFields: [ServiceField?] = []
        var warnings: [ImportIssue] = []
        /// Whether the record is rejected for its size already: then its values are not looked up one by one.
        var isOversize = false

        init(record: RawServiceRecord, validator: ServiceRecordValidator) {
            self.record = record
            self.validator = validator
            for problem in record.readingProblems {
                fail(problem.field, problem.message, value: problem.value, line: problem.line)
            }
            let limits = validator.limits
            for (field, length) in record.overlong(limit: limits.valueLength) {
                fail(
                    field,
                    "a value of \(length) characters is longer than \(limits.valueLength), the most a field may hold "
                        + "(Docs/Formats.md, Resource limits)"
                )
                isOversize = true
            }
            for field in ServiceField.allCases where record.count(of: field) > limits.listValues {
                fail(
                    field,
                    "holds \(record.count(of: field)) values, more than \(limits.listValues), the most a list may hold"
                )
                isOversize = true
            }
        }

        var recordID: String? { record[.sourceRecordID] }

        mutating func fail(_ field: ServiceField?, _ message: String, value: String? = nil, line: Int? = nil) {
            errorFields.append(field)
            errors.append(
                ImportIssue(
                    file: validator.file,
                    line: line ?? field.map(record.line(of:)) ?? record.line,
                    field: field.map(record.name(of:)),
                    recordID: recordID,
                    value: value,
                    message: message
                )
            )
        }

        mutating func warn(_ field: ServiceField?, _ message: String, value: String? = nil) {
            warnings.append(
                ImportIssue(
                    severity: .warning,
                    file: validator.file,
                    line: field.map(record.line(of:)) ?? record.line,
                    field: field.map(record.name(of:)),
                    recordID: recordID,
                    value: value,
                    message: message
                )
            )
        }

        mutating func required(_ field: ServiceField) -> String {
            guard let value = record[field] else {
                fail(field, "is required but empty")
                return ""
            }
            return value
        }

        mutating func codes<Kind>(_ field: ServiceField, as type: VocabularyCode<Kind>.Type) -> [VocabularyCode<Kind>] {
            guard !isOversize else { return [] }
            var codes: [VocabularyCode<Kind>] = []
            let vocabulary = validator.vocabularies[Kind.vocabulary]
            var unknown = 0
            for (index, text) in record.list(field).enumerated() {
                if let found = vocabulary.code(for: text) {
                    let code = VocabularyCode<Kind>(found)
                    if !codes.contains(code) { codes.append(code) }
                    continue
                }
                unknown += 1
                guard unknown <= validator.limits.unknownValuesPerField else { continue }
                // A hint costs a search of the vocabulary: a bounded number per field per file (long values get none).
                let hint = text.count <= Vocabulary.longestSuggestible && validator.hints.take(field)
                fail(
                    field,
                    hint ? vocabulary.unknownMessage(text) : vocabulary.unknownMessage(text, suggesting: false),
                    value: text,
                    line: record.line(of: field, item: index)
                )
            }
            if unknown > validator.limits.unknownValuesPerField {
                fail(
                    field,
                    "and \(unknown - validator.limits.unknownValuesPerField) more unknown values in this field"
                )
            }
            return codes
        }

        mutating func integer(_ field: ServiceField, in range: ClosedRange<Int>, unit: String) -> Int? {
            guard let text = record[field] else { return nil }
            guard let value = Int(text) else {
                fail(field, "'\(text)' is not a whole number of \(unit)", value: text)
                return nil
            }
            guard range.contains(value) else {
                fail(
                    field,
                    "\(value) is out of range (\(range.lowerBound) to \(range.upperBound) \(unit))",
                    value: text
                )
                return nil
            }
            return value
        }

        mutating func date(_ field: ServiceField) -> CalendarDate? {
            guard let text = record[field] else { return nil }
            guard let date = CalendarDate(iso: text) else {
                fail(field, "'\(text)' is not a date; write it as YYYY-MM-DD (for example 2026-03-31)", value: text)
                return nil
            }
            return date
        }

        mutating func boolean(_ field: ServiceField, in values: [ServiceField: String]? = nil) -> Bool {
            guard let text = values.map({ $0[field] }) ?? record[field] else { return false }
            switch text.lowercased() {
            case "yes", "y", "true", "t", "1": return true
            case "no", "n", "false", "f", "0", "": return false
            default:
                fail(field, "'\(text)' is not yes or no", value: text)
                return false
            }
        }

        mutating func build() -> Service? {
            let recordID = required(.sourceRecordID)
            let name = required(.name)
            let providerName = required(.providerName)

            let status: ServiceStatus
            if let text = record[.status] {
                if let known = ServiceStatus(rawValue: text.lowercased()) {
                    status = known
                } else {
                    fail(.status, "unknown status '\(text)'; use accepting, waitlist, paused or closed", value: text)
                    status = .accepting
                }
            } else {
                status = .accepting
            }

            let needTypes = codes(.needTypes, as: NeedType.self)
            if record.list(.needTypes).isEmpty { fail(.needTypes, "is required: name at least one need type") }
            let specialisms = codes(.specialisms, as: Specialism.self)
            let genders = codes(.genders, as: Gender.self)
            let crimeTypes = codes(.crimeTypes, as: CrimeType.self)
            let riskLevels = codes(.riskLevels, as: RiskLevel.self)
            let languages = codes(.languages, as: LanguageCode.self)
            let accessibility = codes(.accessibility, as: AccessibilityFeature.self)
            let channels = codes(.channels, as: Channel.self)
            let routes = codes(.referralRoutes, as: ReferralRoute.self)

            let minimumAge = integer(.minAge, in: 0...120, unit: "years")
            let maximumAge = integer(.maxAge, in: 0...120, unit: "years")
            if let minimumAge, let maximumAge, minimumAge > maximumAge {
                fail(.maxAge, "maximum age \(maximumAge) is below minimum age \(minimumAge)", value: String(maximumAge))
            }

            var areas: [AreaCode] = []
            for (index, text) in record.list(.coverage).enumerated() where !isOversize {
                if let area = validator.vocabularies.resolveArea(text) {
                    if !areas.contains(area) { areas.append(area) }
                } else {
                    fail(
                        .coverage,
                        "unknown area '\(text)'; use national, a police force area code or name (E23000010, "
                            + "West Yorkshire), a local authority code, a postcode area (LS) or district (LS1)",
                        value: text,
                        line: record.line(of: .coverage, item: index)
                    )
                }
            }
            if record.list(.coverage).isEmpty { fail(.coverage, "is required: name the areas the service covers") }

            var locations: [ServiceLocation] = []
            for raw in record.locations {
                if let location = self.location(raw) { locations.append(location) }
            }

            let capacity = self.capacity()
            var waitingTime: WaitingTime?
            if let days = integer(.waitDays, in: 0...3650, unit: "days") {
                waitingTime = WaitingTime(days: days, asOf: date(.waitAsOf))
            } else if record[.waitAsOf] != nil {
                _ = date(.waitAsOf)
                warn(.waitAsOf, "a date is given but no waiting time in days; ignored")
            }

            let charityNumber = record[.charityNumber]
            let providerID: ProviderID
            if let given = record[.providerID] {
                providerID = ProviderID(given)
            } else if let charityNumber {
                providerID = ProviderID("charity-\(Slug.make(charityNumber))")
            } else {
                providerID = ProviderID(Slug.make(providerName))
            }

            let contractEnd = date(.contractEnd)
            let lastVerified = date(.lastVerified)
            let interpreting = boolean(.interpreting)
            let bsl = boolean(.bsl)
            let email = record[.email]
            if let email, !email.contains("@") { fail(.email, "'\(email)' is not an email address", value: email) }

            guard errors.isEmpty else { return nil }
            return Service(
                id: ServiceID(source: validator.source, recordID: recordID),
                name: name,
                description: record[.description],
                provider: Provider(
                    id: providerID,
                    name: providerName,
                    charityNumber: charityNumber,
                    website: record[.providerWebsite]
                ),
                status: status,
                needTypes: needTypes,
                specialisms: specialisms,
                eligibility: Eligibility(
                    minimumAge: minimumAge,
                    maximumAge: maximumAge,
                    genders: genders,
                    crimeTypes: crimeTypes,
                    riskLevels: riskLevels,
                    notes: record[.eligibilityNotes]
                ),
                languages: languages,
                offersInterpreting: interpreting,
                offersBSL: bsl || languages.contains(.britishSignLanguage),
                accessibility: accessibility,
                channels: channels,
                referralRoutes: routes,
                coverage: Coverage(areas: areas),
                locations: locations,
                capacity: capacity,
                waitingTime: waitingTime,
                commissioning: Commissioning(
                    commissioner: record[.commissioner] ?? validator.defaultCommissioner,
                    contractEnd: contractEnd
                ),
                contact: Contact(
                    phone: record[.phone],
                    email: email,
                    website: record[.website],
                    hours: record[.openingHours]
                ),
                provenance: Provenance(source: validator.source, sourceRecordID: recordID, lastVerified: lastVerified)
            )
        }

        mutating func capacity() -> Capacity? {
            let available = integer(.capacityAvailable, in: 0...1_000_000, unit: "units")
            let maximum = integer(.capacityMaximum, in: 0...1_000_000, unit: "units")
            let updated = date(.capacityUpdated)
            var unit = CapacityUnit.cases
            if let text = record[.capacityUnit] {
                if let known = CapacityUnit(rawValue: Vocabulary.normalise(text).replacingSpaces()) {
                    unit = known
                } else {
                    fail(
                        .capacityUnit,
                        "unknown capacity unit '\(text)'; use cases, referrals-per-week, places or sessions-per-week",
                        value: text
                    )
                }
            }
            if let available, let maximum, available > maximum {
                fail(
                    .capacityAvailable,
                    "available capacity \(available) is more than the maximum \(maximum)",
                    value: String(available)
                )
            }
            guard available != nil || maximum != nil else { return nil }
            return Capacity(available: available, maximum: maximum, unit: unit, updated: updated)
        }

        mutating func location(_ raw: RawServiceRecord.RawLocation) -> ServiceLocation? {
            let values = raw.values
            guard values.values.contains(where: { !$0.isEmpty }) else { return nil }
            func line(_ field: ServiceField) -> Int { raw.fieldLines[field] ?? raw.line }
            var postcode: Postcode?
            if let text = values[.postcode] {
                postcode = Postcode(text)
                if postcode == nil {
                    fail(
                        .postcode,
                        "'\(text)' is not a UK postcode (for example LS1 4AP)",
                        value: text,
                        line: line(.postcode)
                    )
                }
            }
            var point: GeoPoint?
            let latitudeText = values[.latitude]
            let longitudeText = values[.longitude]
            if let latitudeText, let longitudeText {
                if let latitude = Double(latitudeText), let longitude = Double(longitudeText) {
                    let candidate = GeoPoint(latitude: latitude, longitude: longitude)
                    if candidate.isInEnglandAndWales {
                        point = candidate
                    } else {
                        fail(
                            .latitude,
                            "(\(latitudeText), \(longitudeText)) is outside England and Wales "
                                + "(latitude 49.8 to 55.9, longitude -6.5 to 2.0); are latitude and longitude swapped?",
                            value: "\(latitudeText),\(longitudeText)",
                            line: line(.latitude)
                        )
                    }
                } else {
                    let bad = Double(latitudeText) == nil ? ServiceField.latitude : .longitude
                    let text = bad == .latitude ? latitudeText : longitudeText
                    fail(bad, "'\(text)' is not a number in decimal degrees", value: text, line: line(bad))
                }
            } else if latitudeText != nil || longitudeText != nil {
                let missing = latitudeText == nil ? ServiceField.latitude : .longitude
                fail(missing, "give both latitude and longitude, or neither", line: line(missing))
            }
            return ServiceLocation(
                name: values[.locationName],
                address: values[.address],
                town: values[.town],
                postcode: postcode,
                point: point,
                isConfidential: boolean(.locationConfidential, in: values)
            )
        }
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(map { $0 == " " ? "-" : $0 }) }
}

/// The bounds on a record's values (Docs/Formats.md, *Resource limits*).
public struct ValueLimits: Sendable, Hashable {
    /// The longest value of a field, in UTF-8 bytes.
    public var valueLength = 65_536
    /// The most values a list field (need types, languages...) may hold.
    public var listValues = 1_000
    /// Unknown values reported one by one per field of a record; the rest are counted in one message.
    public var unknownValuesPerField = 20
    /// "Did you mean" searches per field per file; later unknown values are reported without hints.
    public var hintsPerField = 200

    public init() {}
}

/// How many "did you mean" hints each field may still have in a file, shared by the threads that validate it.
final class HintBudget: Sendable {
    private let remaining: Mutex<[ServiceField: Int]>
    private let perField: Int

    init(perField: Int) {
        self.perField = perField
        remaining = Mutex([:])
    }

    /// Whether a hint may be given for `field` (and counts it).
    func take(_ field: ServiceField) -> Bool {
        remaining.withLock { counts in
            let left = counts[field] ?? perField
            guard left > 0 else { return false }
            counts[field] = left - 1
            return true
        }
    }
}
