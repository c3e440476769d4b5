public import SignpostCore

/// Reads a folder of Open Referral tables (HSDS 3.0, HSDS 3.1, Open Referral UK 3.0 CSV, an HSDS 1.1 data package:
/// `datapackage.json` plus CSVs, or an Ohana API export) into Signpost services.
///
/// services.csv is the only table required. Each HSDS service becomes one ``RawServiceRecord`` (record id: the HSDS
/// service id; service id: `SOURCE/<hsds id>`), filled from the linked tables and then checked by the same
/// ``ServiceRecordValidator`` as Signpost's own lists. Values no vocabulary knows are counted in
/// ``HSDSReadResult/unmapped``; rows that point at an unknown service, location, contact or organisation, or at
/// nothing, are reported as warnings with their file, line and column; a services row without an id is rejected at
/// its line and the rest of the folder is read.
///
/// Tables written by `signpost catalog export --format hsds-csv` read back field for field: their attributes point at
/// Signpost's own taxonomies (channels, referral routes, genders, crime types, risk levels, accessibility, and the
/// `signpost-service` details such as the wait and the contract end), and their organisation ids are kept as provider
/// ids. The exported service id (`SOURCE/RECORD`) becomes the record id, so the service's id on re-import is
/// `NEW-SOURCE/SOURCE/RECORD`.
public struct HSDSTabularReader: Sendable {
    /// Reads the tables in `folder` as services of `source`.
    /// `termMap`, from an import profile, maps taxonomy terms (by name or code) to need types and specialisms
    /// before the vocabularies' aliases are tried. Every table is read with the CSV `limits`. `rules`, an hsds
    /// profile's fields, add constants, defaults and fallbacks and say which fields drop unusable values.
    public static func read(
        folder: String,
        vocabularies: Vocabularies,
        source: SourceName,
        termMap: ValueMap? = nil,
        rules: [FieldRule] = [],
        limits: CSVLimits = .default
    ) -> HSDSReadResult {
        var context = HSDSReadContext(folder: folder, vocabularies: vocabularies, source: source)
        context.termMap = termMap
        context.rules = rules
        context.limits = limits
        return context.run()
    }
}

/// The state of one read: the records being filled, and what has been reported.
struct HSDSReadContext {
    /// The folder the CSVs are in (the folder given, or the subfolder its data package names).
    var folder: String
    let vocabularies: Vocabularies
    let source: SourceName
    var issues: [ImportIssue] = []
    var unmapped = UnmappedValueTally()

    /// Records in services.csv order, and their positions by HSDS service id.
    var records: [RawServiceRecord] = []
    var recordIndex: [String: Int] = [:]
    /// Rows of the services table read, valid or not.
    var recordCount = 0
    /// HSDS organisation id -> positions of its services.
    var servicesOfOrganization: [String: [Int]] = [:]
    /// organizations.csv rows by id (the first of an id).
    var organizationRows: [String: HSDSRow] = [:]
    /// HSDS location id -> positions of the services offered there.
    var servicesAtLocation: [String: [Int]] = [:]
    /// The ids of locations.csv (whether or not they offer a service), when it was read.
    var knownLocations: Set<String>?
    /// locations.csv, for the cells Ohana writes there (languages, accessibility).
    var locationsTable: HSDSTable?
    /// Services naming their location themselves (`services.location_id`, as Ohana does).
    var serviceLocationLinks: [(position: Int, location: String, row: HSDSRow)] = []
    /// service_at_location id -> position of its service.
    var serviceOfLink: [String: Int] = [:]
    /// Position -> (priority, phone): see ``PhonePriority``.
    var phones: [Int: (priority: Int, number: String)] = [:]
    /// Phones given for a location (or a location's contact), applied once every table is read: a confidential
    /// location's phone is withheld, since it could lead to the place.
    var locationPhones: [(location: String, positions: [Int], number: String, priority: Int)] = []
    var hours: [Int: [String]] = [:]
    /// Position -> weekly opening times from HSDS 1.1 `regular_schedules.csv`: (day 0 Monday ... 6 Sunday, times).
    var weekly: [Int: [(day: Int, times: String)]] = [:]
    /// The same, given for the service's locations: used when the service gives none of its own.
    var locationHours: [Int: [String]] = [:]
    var locationWeekly: [Int: [(day: Int, times: String)]] = [:]
    /// Position -> eligibility notes from HSDS 1.1 `eligibility.csv`, after `services.eligibility_description`.
    var eligibilityNotes: [Int: [String]] = [:]
    /// HSDS location id -> the (position, location index) of each service's copy of it.
    var locationSlots: [String: [(position: Int, index: Int)]] = [:]
    /// The ids of organizations.csv.
    var knownOrganizations = Set<String>()
    /// The layout being read.
    var version = HSDSVersion.hsds30
    /// The tables' names as this version and folder spell them, for messages.
    var tables = HSDSTableNames(version: .hsds30, folder: "", servicesColumns: [])
    /// Whether the tables were written by Signpost's HSDS CSV export (its `signpost-service` taxonomy is present):
    /// organisation ids are then Signpost provider ids.
    var writtenBySignpost = false
    /// The taxonomies table (3.0 `taxonomies.csv`), when there is one.
    var taxonomies: HSDSTable?

    /// Which phone a service keeps when several reach it: the lowest number wins.
    enum PhonePriority {
        static let service = 0
        static let location = 1
        static let serviceContact = 2
        static let locationContact = 3
        static let organization = 4
        static let organizationContact = 5
    }

    /// How messages name the fields: by the Open Referral table and column they come from.
    var naming: RawServiceRecord.Naming { .profile(tables.fieldNames) }

    /// A profile's map from taxonomy terms to need types and specialisms, tried before the vocabularies.
    var termMap: ValueMap?
    /// The limits every table is read with.
    var limits = CSVLimits.default
    /// An hsds profile's fields: constants, defaults and fallbacks applied once every table is read.
    var rules: [FieldRule] = []
    /// The tables, by name, when they were not read from a folder (the documents of an Open Referral feed).
    var givenTables: [String: HSDSTable]?
    /// Position -> the fields for which the tables gave a value that mapped to nothing (a fallback's condition).
    var unmappedFields: [Int: Set<ServiceField>] = [:]

    init(folder: String, vocabularies: Vocabularies, source: SourceName) {
        self.folder = folder
        self.vocabularies = vocabularies
        self.source = source
    }

    mutating func load(_ names: String...) -> HSDSTable? { load(names: names) }

    /// The first of the tables `names` there is (then merged with the others, as ``HSDSTable/load`` does), from the
    /// folder, or from ``givenTables`` when the tables were given.
    mutating func load(names: [String]) -> HSDSTable? {
        if let givenTables { return names.lazy.compactMap { givenTables[$0] }.first }
        var found: [ImportIssue] = []
        let table = HSDSTable.load(folder: folder, names: names, limits: limits, issues: &found)
        issues.append(contentsOf: found)
        return table
    }

    mutating func run() -> HSDSReadResult {
        if givenTables == nil {
            let detected = HSDSVersion.detect(folder: folder)
            folder = detected.tables
            version = detected.version
        }
        guard let services = load("services", "service") else {
            let error = ImportFileError(
                file: "services.csv",
                message: "no services.csv in \(folder): is this a folder of Open Referral (HSDS) CSV tables?"
            )
            issues += error.issues
            return HSDSReadResult(issues: issues, recordCount: 0, folderError: error)
        }
        if services.isUnreadable {
            let error = ImportFileError(
                file: services.files[0],
                issues: issues.filter { services.files.contains($0.file) && $0.severity == .error }
            )
            return HSDSReadResult(issues: issues, version: version, recordCount: 0, folderError: error)
        }
        if version != .ohana, services.columns.contains("taxonomy_ids") { version = .hsds11 }
        tables = HSDSTableNames(version: version, folder: folder, servicesColumns: services.columns)
        // In 3.0 (and ORUK's duplicate) taxonomy.csv lists taxonomies; in 1.1 and Ohana it lists the terms themselves.
        taxonomies = version == .hsds11 || version == .ohana ? load("taxonomies") : load("taxonomies", "taxonomy")
        writtenBySignpost = taxonomies?.rows.contains { $0["id"] == HSDSSignpostTerms.detailsTaxonomy } ?? false
        readServices(services, organizations: load("organizations", "organization"))
        readOrganizationIdentifiers()
        readLocations()
        readPhones()
        readLanguages(services: services)
        readServiceAreas(services: services)
        readSchedules()
        readEligibility()
        readFunding()
        readTaxonomy(services: services)
        readCapacity()
        readAccessibility()
        // Signpost's own export says interpreting and BSL in attributes; its interpretation_services only echoes them.
        if !writtenBySignpost { readInterpretation(services: services) }
        finishHours()
        for phone in locationPhones {
            for position in phone.positions where !isConfidential(location: phone.location, of: position) {
                if (phones[position]?.priority ?? Int.max) > phone.priority {
                    phones[position] = (phone.priority, phone.number)
                }
            }
        }
        for (position, phone) in phones { records[position][.phone] = phone.number }
        for (position, notes) in eligibilityNotes {
            let all = [records[position][.eligibilityNotes]].compactMap { $0 } + notes
            records[position][.eligibilityNotes] = all.joined(separator: "; ")
        }
        applyProfileFields()
        var result = validate(servicesFile: services.files[0])
        result.version = version
        result.recordCount = recordCount
        return result
    }

    /// Opening hours into the records: a service's own, else its locations'.
    mutating func finishHours() {
        for position in records.indices {
            var lines = hours[position] ?? []
            var days = weekly[position] ?? []
            if lines.isEmpty, days.isEmpty {
                lines = locationHours[position] ?? []
                days = locationWeekly[position] ?? []
            }
            if !days.isEmpty { lines.append(Self.weeklyHours(days)) }
            if !lines.isEmpty { records[position][.openingHours] = lines.joined(separator: "; ") }
        }
    }

    // MARK: Reporting

    mutating func orphan(_ row: HSDSRow, column: String, id: String, kind: String) {
        issues.append(
            ImportIssue(
                severity: .warning,
                file: row.file,
                line: row.line,
                field: column,
                recordID: row["id"],
                value: id,
                message: "no \(kind) has id '\(id)'; this row was ignored"
            )
        )
    }

    /// Reports a row that names none of the things it could belong to (`columns`).
    mutating func unlinked(_ row: HSDSRow, columns: [String]) {
        var named = columns.last ?? "link"
        if columns.count > 1 { named = columns.dropLast().joined(separator: ", ") + " or " + named }
        issues.append(
            ImportIssue(
                severity: .warning,
                file: row.file,
                line: row.line,
                recordID: row["id"],
                message: "the row names no \(named); it was ignored"
            )
        )
    }

    /// The services a row belongs to: by `service_id`, else `service_at_location_id`, else (when `viaLocation`)
    /// `location_id`. Reports the row as an orphan when the id it names is unknown, and, when `reportUnlinked`, when
    /// it names none. A location that exists but offers no service is no orphan: its rows simply serve nothing.
    mutating func owners(of row: HSDSRow, viaLocation: Bool = false, reportUnlinked: Bool = true) -> [Int] {
        if let id = row["service_id"] {
            if let position = recordIndex[id] { return [position] }
            orphan(row, column: "service_id", id: id, kind: "service in \(tables.services).csv")
            return []
        }
        if let id = row["service_at_location_id"] {
            if let position = serviceOfLink[id] { return [position] }
            orphan(row, column: "service_at_location_id", id: id, kind: "row of \(tables.serviceAtLocation).csv")
            return []
        }
        if viaLocation, let id = row["location_id"] { return services(atLocation: id, row: row) }
        if reportUnlinked {
            let columns = ["service_id", "service_at_location_id"] + (viaLocation ? ["location_id"] : [])
            unlinked(row, columns: columns.filter { row.columns[$0] != nil })
        }
        return []
    }

    /// The services at location `id`, reporting `row` as an orphan when no location has that id.
    mutating func services(atLocation id: String, row: HSDSRow) -> [Int] {
        if let positions = servicesAtLocation[id] { return positions }
        if knownLocations?.contains(id) != true {
            orphan(row, column: "location_id", id: id, kind: "location in \(tables.locations).csv")
        }
        return []
    }

    // MARK: Services

    mutating func readServices(_ table: HSDSTable, organizations: HSDSTable?) {
        for row in organizations?.rows ?? [] {
            if let id = row["id"], organizationRows[id] == nil { organizationRows[id] = row }
        }
        knownOrganizations = Set(organizationRows.keys)
        recordCount = table.brokenRows
        for row in table.rows {
            recordCount += 1
            guard let id = row["id"] else {
                issues.append(
                    ImportIssue(
                        file: row.file,
                        line: row.line,
                        field: "id",
                        message: "the service has no id, so it cannot be imported; the rest of the folder was read"
                    )
                )
                continue
            }
            if let first = recordIndex[id] {
                issues.append(
                    ImportIssue(
                        file: row.file,
                        line: row.line,
                        field: "id",
                        recordID: id,
                        value: id,
                        message: "duplicate service id '\(id)': already used on line \(records[first].line); "
                            + "this row was skipped"
                    )
                )
                continue
            }
            var record = RawServiceRecord(line: row.line, naming: naming)
            record[.sourceRecordID] = id
            record[.name] = row["name"]
            record[.description] = row["description"]
            // Ohana calls the service's web page `website`.
            record[.website] = row.first("url", "website")
            record[.email] = row["email"]
            record[.minAge] = row["minimum_age"].map(Self.wholeNumber)
            record[.maxAge] = row["maximum_age"].map(Self.wholeNumber)
            record[.eligibilityNotes] = row.first("eligibility_description", "eligibility")
            // assured_date is a date in 3.0; some publishers write a date-time.
            record[.lastVerified] = row["assured_date"].map { String($0.prefix(10)) }
            // ORUK's wait_time is text: "Typical wait from referral to first contact: 9 days (reported 2026-11-01)."
            if let text = row["wait_time"] {
                let wait = WaitTimeText(text)
                if let days = wait.days {
                    record[.waitDays] = String(days)
                    record[.waitAsOf] = wait.reported
                } else {
                    issues.append(
                        ImportIssue(
                            severity: .warning,
                            file: row.file,
                            line: row.line,
                            field: "wait_time",
                            recordID: id,
                            value: text,
                            message: "the wait time gives no number of days or weeks; it was left out"
                        )
                    )
                }
            }
            if let text = row["status"] {
                if let status = Self.status(text) {
                    record[.status] = status.rawValue
                } else {
                    unmapped.add(text, field: "status", row: row)
                    issues.append(
                        ImportIssue(
                            severity: .warning,
                            file: row.file,
                            line: row.line,
                            field: "status",
                            recordID: id,
                            value: text,
                            message: "unknown HSDS status '\(text)' (expected active, inactive, defunct or "
                                + "temporarily closed); read as accepting"
                        )
                    )
                }
            }
            let position = records.count
            if let organizationID = row["organization_id"] {
                if let organization = organizationRows[organizationID] {
                    record[.providerName] = organization["name"]
                    record[.providerWebsite] = organization.first("website", "url")
                    if writtenBySignpost { record[.providerID] = organizationID }
                } else {
                    issues.append(
                        ImportIssue(
                            file: row.file,
                            line: row.line,
                            field: "organization_id",
                            recordID: id,
                            value: organizationID,
                            message: "no organisation in \(tables.organizations).csv has id '\(organizationID)', so "
                                + "the service has no provider"
                        )
                    )
                }
                servicesOfOrganization[organizationID, default: []].append(position)
            }
            // Ohana hangs services off locations: the location gives the service its place and its organisation.
            if let locationID = row["location_id"] {
                serviceLocationLinks.append((position, locationID, row))
            }
            recordIndex[id] = position
            records.append(record)
        }
    }

    // MARK: Validation

    mutating func validate(servicesFile: String) -> HSDSReadResult {
        var validator = ServiceRecordValidator(vocabularies: vocabularies, source: source, file: servicesFile)
        validator.droppable = Set(rules.filter { $0.onInvalid == .drop }.map(\.field))
        var services: [Service] = []
        for record in records {
            switch validator.validate(record) {
            case .valid(let service, let warnings):
                services.append(service)
                issues.append(contentsOf: warnings)
            case .rejected(let errors):
                issues.append(contentsOf: errors.map(explained))
            }
        }
        return HSDSReadResult(services: services, issues: issues, unmapped: unmapped.values)
    }

    /// Rewrites the validator's "is required" messages for fields that come from other HSDS tables, naming the
    /// tables of the version read.
    func explained(_ issue: ImportIssue) -> ImportIssue {
        guard issue.message.hasPrefix("is required") else { return issue }
        var issue = issue
        let names = tables.fieldNames
        switch issue.field {
        case names[.needTypes]?:
            issue.message =
                "no taxonomy term linked to the service (\(tables.needTables)) maps to a Signpost need type, so it "
                + "cannot be imported; add the term's name or code as an alias in need-types.csv (or map it in an "
                + "hsds import profile), or link the service to a known term"
        case names[.coverage]?:
            let areas =
                version == .ohana
                ? "\(tables.serviceAreas) names no area Signpost knows"
                : "no row of \(tables.serviceAreas).csv gives the service an area Signpost knows"
            issue.message =
                "\(areas), so it cannot be imported; name areas as national, a police force area, a local authority "
                + "or a postcode district"
        case names[.providerName]?:
            issue.message =
                version == .ohana
                ? "the service has no provider: its location_id must name a location of \(tables.locations).csv "
                    + "whose organization_id is found in \(tables.organizations).csv"
                : "the service has no provider: give it an organization_id found in \(tables.organizations).csv"
        default:
            break
        }
        return issue
    }

    // MARK: Values

    static func status(_ text: String) -> ServiceStatus? {
        switch Vocabulary.normalise(text) {
        case "active": .accepting
        case "inactive", "temporarily closed": .paused
        case "defunct": .closed
        default: nil
        }
    }

    /// `"16.0"` -> `"16"`; anything else as written (the validator reports it).
    static func wholeNumber(_ text: String) -> String {
        if let value = Double(text), value == value.rounded(), abs(value) < 1_000_000 { return String(Int(value)) }
        return text
    }

    /// An ONS (GSS) code at the end of a statistical-geography URI, else nil.
    /// `LS` from "Postcode area LS", `LS1` from "Postcode district LS1" (Signpost's own service-area descriptions).
    static func postcodeArea(inDescription description: String?) -> String? {
        guard let description else { return nil }
        for prefix in ["Postcode area ", "Postcode district "] where description.hasPrefix(prefix) {
            // The export writes the area's label after its code: "Postcode area S (Sheffield)".
            return description.dropFirst(prefix.count).split(separator: " ").first.map(String.init)
        }
        return nil
    }

    static func onsCode(inURI uri: String?) -> String? {
        guard let uri, uri.contains("statistical-geography/") else { return nil }
        guard let last = uri.split(separator: "/").last, last.count == 9 else { return nil }
        return String(last)
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// A weekday as 0 (Monday) to 6 (Sunday), from a name or abbreviation in English, an RFC 5545 `BYDAY` code
    /// (MO...SU), or a number from 1 (Monday) to 7 (Sunday), as HSDS 1.1 data packages number them.
    static func weekday(_ text: String) -> Int? {
        if let number = Int(text) { return (1...7).contains(number) ? number - 1 : nil }
        let key = text.lowercased()
        let prefixes = ["mo", "tu", "we", "th", "fr", "sa", "su"]
        guard key.count >= 2, key.allSatisfy(\.isLetter) else { return nil }
        guard let index = prefixes.firstIndex(where: { key.hasPrefix($0) }) else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][index]
        return full.hasPrefix(key) || key == prefixes[index] ? index : nil
    }

    /// A time of day as `HH:MM`, from `09:00`, `09:00:00`, `9:00`, `9am`, `5:00 PM` or `5.30pm`; anything else as
    /// written.
    static func clockTime(_ text: String) -> String {
        var rest = Substring(text.lowercased().filter { $0 != " " })
        var afternoon: Bool?
        for (suffix, pm) in [("p.m.", true), ("a.m.", false), ("pm", true), ("am", false)] where rest.hasSuffix(suffix)
        {
            afternoon = pm
            rest = rest.dropLast(suffix.count)
            break
        }
        let parts = rest.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard (1...3).contains(parts.count),
            parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isNumber } }),
            parts.dropFirst().allSatisfy({ $0.count == 2 }), var hour = Int(parts[0]),
            let minute = parts.count > 1 ? Int(parts[1]) : 0, minute < 60
        else { return text }
        if let afternoon {
            guard (1...12).contains(hour) else { return text }
            hour = hour % 12 + (afternoon ? 12 : 0)
        }
        guard hour <= 24 else { return text }
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// Weekly rows as one line: days with the same times gathered, runs of three or more days written as a range
    /// (`Mon-Fri 09:00-17:00; Sat 10:00-13:00`), in the order each time first appears in the week.
    static func weeklyHours(_ rows: [(day: Int, times: String)]) -> String {
        var daysByTimes: [String: Set<Int>] = [:]
        var order: [String] = []
        for row in rows.sorted(by: { ($0.day, $0.times) < ($1.day, $1.times) }) {
            if daysByTimes[row.times] == nil { order.append(row.times) }
            daysByTimes[row.times, default: []].insert(row.day)
        }
        var parts: [String] = []
        for times in order {
            let days = daysByTimes[times, default: []].sorted()
            var runs: [String] = []
            var start = 0
            while start < days.count {
                var end = start
                while end + 1 < days.count, days[end + 1] == days[end] + 1 { end += 1 }
                if end - start >= 2 {
                    runs.append("\(dayNames[days[start]])-\(dayNames[days[end]])")
                } else {
                    runs.append(contentsOf: days[start...end].map { dayNames[$0] })
                }
                start = end + 1
            }
            parts.append("\(runs.joined(separator: ", ")) \(times)")
        }
        return parts.joined(separator: "; ")
    }

    /// A schedule as one line of text: its description, else `byday opens_at-closes_at` when simple.
    static func hoursText(_ row: HSDSRow) -> String? {
        if let description = row["description"] { return description }
        guard let opens = row["opens_at"], let closes = row["closes_at"] else { return nil }
        let times = "\(clockTime(opens))-\(clockTime(closes))"
        if let days = row["byday"] { return "\(days) \(times)" }
        return row["freq"]?.uppercased() == "DAILY" ? "daily \(times)" : times
    }
}

extension UnmappedValueTally {
    /// Counts `value`, seen in `row` of an Open Referral table.
    mutating func add(_ value: String, field: String, row: HSDSRow) {
        add(value, field: field, file: row.file, line: row.line)
    }
}
