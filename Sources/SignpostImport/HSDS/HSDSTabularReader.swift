public import SignpostCore

/// Reads a folder of Open Referral tables (HSDS 3.0, HSDS 3.1, Open Referral UK 3.0 CSV) into Signpost services.
///
/// services.csv is the only table required. Each HSDS service becomes one ``RawServiceRecord`` (record id: the HSDS
/// service id; service id: `SOURCE/<hsds id>`), filled from the linked tables and then checked by the same
/// ``ServiceRecordValidator`` as Signpost's own lists. Values no vocabulary knows are counted in
/// ``HSDSReadResult/unmapped``; rows that point at an unknown service are reported as warnings.
public struct HSDSTabularReader: Sendable {
    /// Reads the tables in `folder` as services of `source`.
    public static func read(folder: String, vocabularies: Vocabularies, source: SourceName) -> HSDSReadResult {
        var context = HSDSReadContext(folder: folder, vocabularies: vocabularies, source: source)
        return context.run()
    }
}

/// The state of one read: the records being filled, and what has been reported.
private struct HSDSReadContext {
    let folder: String
    let vocabularies: Vocabularies
    let source: SourceName
    var issues: [ImportIssue] = []
    var unmapped = UnmappedTally()

    /// Records in services.csv order, and their positions by HSDS service id.
    var records: [RawServiceRecord] = []
    var recordIndex: [String: Int] = [:]
    /// HSDS organisation id -> positions of its services.
    var servicesOfOrganization: [String: [Int]] = [:]
    /// HSDS location id -> positions of the services offered there.
    var servicesAtLocation: [String: [Int]] = [:]
    /// service_at_location id -> position of its service.
    var serviceOfLink: [String: Int] = [:]
    /// Position -> (priority, phone): a service's own phone beats its location's, which beats its organisation's.
    var phones: [Int: (priority: Int, number: String)] = [:]
    var hours: [Int: [String]] = [:]

    init(folder: String, vocabularies: Vocabularies, source: SourceName) {
        self.folder = folder
        self.vocabularies = vocabularies
        self.source = source
    }

    mutating func load(_ names: String...) -> HSDSTable? {
        var found: [ImportIssue] = []
        let table = HSDSTable.load(folder: folder, names: names, issues: &found)
        issues.append(contentsOf: found)
        return table
    }

    mutating func run() -> HSDSReadResult {
        guard let services = load("services") else {
            issues.append(
                ImportIssue(
                    file: "services.csv",
                    message: "no services.csv in \(folder): is this a folder of Open Referral (HSDS) CSV tables?"
                )
            )
            return HSDSReadResult(issues: issues)
        }
        readServices(services, organizations: load("organizations", "organization"))
        readLocations()
        readPhones()
        readLanguages()
        readServiceAreas()
        readSchedules()
        readTaxonomy()
        readCapacity()
        for (position, lines) in hours { records[position][.openingHours] = lines.joined(separator: "; ") }
        for (position, phone) in phones { records[position][.phone] = phone.number }
        return validate(servicesFile: services.files[0])
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

    /// The services a row belongs to: by `service_id`, else `service_at_location_id`, else (when `viaLocation`)
    /// `location_id`. Reports the row as an orphan when the id it names is unknown.
    mutating func owners(of row: HSDSRow, viaLocation: Bool = false) -> [Int] {
        if let id = row["service_id"] {
            if let position = recordIndex[id] { return [position] }
            orphan(row, column: "service_id", id: id, kind: "service in services.csv")
            return []
        }
        if let id = row["service_at_location_id"] {
            if let position = serviceOfLink[id] { return [position] }
            orphan(row, column: "service_at_location_id", id: id, kind: "row of service_at_location.csv")
            return []
        }
        if viaLocation, let id = row["location_id"] {
            if let positions = servicesAtLocation[id] { return positions }
            orphan(row, column: "location_id", id: id, kind: "location offering a service")
            return []
        }
        return []
    }

    // MARK: Tables

    mutating func readServices(_ table: HSDSTable, organizations: HSDSTable?) {
        var organizationRows: [String: HSDSRow] = [:]
        for row in organizations?.rows ?? [] {
            if let id = row["id"], organizationRows[id] == nil { organizationRows[id] = row }
        }
        for row in table.rows {
            guard let id = row["id"] else {
                issues.append(
                    ImportIssue(
                        file: row.file,
                        line: row.line,
                        field: "id",
                        message: "the service has no id; it was skipped"
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
            var record = RawServiceRecord(line: row.line, naming: .csvColumns)
            record[.sourceRecordID] = id
            record[.name] = row["name"]
            record[.description] = row["description"]
            record[.website] = row["url"]
            record[.email] = row["email"]
            record[.minAge] = row["minimum_age"].map(Self.wholeNumber)
            record[.maxAge] = row["maximum_age"].map(Self.wholeNumber)
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
            if let organizationID = row["organization_id"] {
                if let organization = organizationRows[organizationID] {
                    record[.providerName] = organization["name"]
                    record[.providerWebsite] = organization.first("website", "url")
                } else {
                    issues.append(
                        ImportIssue(
                            file: row.file,
                            line: row.line,
                            field: "organization_id",
                            recordID: id,
                            value: organizationID,
                            message: "no organisation in organizations.csv has id '\(organizationID)', so the "
                                + "service has no provider"
                        )
                    )
                }
                servicesOfOrganization[organizationID, default: []].append(records.count)
            }
            recordIndex[id] = records.count
            records.append(record)
        }
    }

    mutating func readLocations() {
        guard let links = load("service_at_location") else { return }
        var locationRows: [String: HSDSRow] = [:]
        for row in load("locations", "location")?.rows ?? [] {
            if let id = row["id"], locationRows[id] == nil { locationRows[id] = row }
        }
        var addressRows: [String: HSDSRow] = [:]
        for row in load("addresses", "address")?.rows ?? [] {
            guard let locationID = row["location_id"] else { continue }
            // A physical address beats a postal one.
            if addressRows[locationID] == nil || row["address_type"]?.lowercased() == "physical" {
                addressRows[locationID] = row
            }
        }
        for link in links.rows {
            guard let serviceID = link["service_id"] else { continue }
            guard let position = recordIndex[serviceID] else {
                orphan(link, column: "service_id", id: serviceID, kind: "service in services.csv")
                continue
            }
            if let id = link["id"] { serviceOfLink[id] = position }
            guard let locationID = link["location_id"] else { continue }
            guard let location = locationRows[locationID] else {
                orphan(link, column: "location_id", id: locationID, kind: "location in locations.csv")
                continue
            }
            servicesAtLocation[locationID, default: []].append(position)
            var raw = RawServiceRecord.RawLocation(line: location.line)
            raw.values[.locationName] = location["name"]
            raw.values[.latitude] = location["latitude"]
            raw.values[.longitude] = location["longitude"]
            if let address = addressRows[locationID] {
                let lines = [address["address_1"], address["address_2"]].compactMap { $0 }
                if !lines.isEmpty { raw.values[.address] = lines.joined(separator: ", ") }
                raw.values[.town] = address["city"]
                raw.values[.postcode] = address["postal_code"]
            }
            records[position].locations.append(raw)
        }
    }

    mutating func readPhones() {
        guard let table = load("phones", "phone") else { return }
        var servicesOfContact: [String: [Int]] = [:]
        for row in load("contacts", "contact")?.rows ?? [] {
            if let id = row["id"], let serviceID = row["service_id"], let position = recordIndex[serviceID] {
                servicesOfContact[id, default: []].append(position)
            }
        }
        for row in table.rows {
            guard var number = row["number"] else { continue }
            number = String(number.filter { $0 != "\"" }).trimmed
            if let extensionNumber = row["extension"] { number += " ext. \(extensionNumber)" }
            // Priority 0: the service's own; then its location, contact, organisation.
            var targets: [(position: Int, priority: Int)] = []
            if row["service_id"] != nil || row["service_at_location_id"] != nil {
                targets = owners(of: row).map { ($0, 0) }
            } else if let id = row["location_id"] {
                if let positions = servicesAtLocation[id] {
                    targets = positions.map { ($0, 1) }
                } else {
                    orphan(row, column: "location_id", id: id, kind: "location offering a service")
                }
            } else if let id = row["contact_id"] {
                if let positions = servicesOfContact[id] {
                    targets = positions.map { ($0, 2) }
                } else {
                    orphan(row, column: "contact_id", id: id, kind: "contact of a service")
                }
            } else if let id = row["organization_id"] {
                if let positions = servicesOfOrganization[id] {
                    targets = positions.map { ($0, 3) }
                } else {
                    orphan(row, column: "organization_id", id: id, kind: "organisation offering a service")
                }
            }
            for target in targets where (phones[target.position]?.priority ?? Int.max) > target.priority {
                phones[target.position] = (target.priority, number)
            }
        }
    }

    mutating func readLanguages() {
        guard let table = load("languages", "language") else { return }
        for row in table.rows {
            let owners = owners(of: row, viaLocation: true)
            guard !owners.isEmpty else { continue }
            let code =
                row["code"].flatMap { vocabularies.resolve($0, as: LanguageCode.self) }
                ?? row["name"].flatMap { vocabularies.resolve($0, as: LanguageCode.self) }
            guard let code else {
                if let text = row.first("name", "code") { unmapped.add(text, field: "language", row: row) }
                continue
            }
            for position in owners { records[position].append(code.rawValue, to: .languages, line: row.line) }
        }
    }

    mutating func readServiceAreas() {
        guard let table = load("service_areas", "service_area") else { return }
        for row in table.rows {
            let owners = owners(of: row)
            guard !owners.isEmpty else { continue }
            let candidates = [row["name"], row["service_area"]].compactMap { $0 }
            guard let text = candidates.first else { continue }
            let vocabularies = self.vocabularies
            guard let area = candidates.lazy.compactMap({ vocabularies.resolveArea($0) }).first else {
                unmapped.add(text, field: "area", row: row)
                continue
            }
            for position in owners { records[position].append(area.rawValue, to: .coverage, line: row.line) }
        }
    }

    mutating func readSchedules() {
        guard let table = load("schedules", "schedule") else { return }
        for row in table.rows {
            let owners = owners(of: row)
            guard let text = Self.hoursText(row) else { continue }
            for position in owners where !(hours[position] ?? []).contains(text) {
                hours[position, default: []].append(text)
            }
        }
    }

    mutating func readTaxonomy() {
        guard let attributes = load("attributes", "attribute") else { return }
        var terms: [String: HSDSRow] = [:]
        for row in load("taxonomy_terms", "taxonomy_term")?.rows ?? [] {
            if let id = row["id"], terms[id] == nil { terms[id] = row }
        }
        for row in attributes.rows {
            guard let linkID = row["link_id"], let termID = row["taxonomy_term_id"] else { continue }
            let entity = row["link_entity"]?.lowercased()
            guard entity == nil || entity == "service" || entity == "services" else { continue }
            guard let position = recordIndex[linkID] else {
                orphan(row, column: "link_id", id: linkID, kind: "service in services.csv")
                continue
            }
            guard let term = terms[termID] else {
                orphan(row, column: "taxonomy_term_id", id: termID, kind: "term in taxonomy_terms.csv")
                continue
            }
            let spellings = [term["name"], term["term"], term["code"]].compactMap { $0 }
            let vocabularies = self.vocabularies
            let need = spellings.lazy.compactMap { vocabularies.resolve($0, as: NeedType.self) }.first
            let specialism = spellings.lazy.compactMap { vocabularies.resolve($0, as: Specialism.self) }.first
            if let need { records[position].append(need.rawValue, to: .needTypes, line: row.line) }
            if let specialism { records[position].append(specialism.rawValue, to: .specialisms, line: row.line) }
            if need == nil, specialism == nil, let text = spellings.first {
                unmapped.add(text, field: "need type or specialism", row: row)
            }
        }
    }

    mutating func readCapacity() {
        guard let table = load("service_capacity") else { return }
        var units: [String: String] = [:]
        for row in load("units", "unit")?.rows ?? [] {
            if let id = row["id"], let name = row.first("name", "identifier") { units[id] = name }
        }
        for row in table.rows {
            guard let position = owners(of: row).first else { continue }
            guard records[position][.capacityAvailable] == nil, records[position][.capacityMaximum] == nil else {
                issues.append(
                    ImportIssue(
                        severity: .warning,
                        file: row.file,
                        line: row.line,
                        recordID: row["service_id"],
                        message: "the service already has a capacity; Signpost keeps one, so this row was ignored"
                    )
                )
                continue
            }
            records[position][.capacityAvailable] = row["available"].map(Self.wholeNumber)
            records[position][.capacityMaximum] = row["maximum"].map(Self.wholeNumber)
            records[position][.capacityUpdated] = row["updated"].map { String($0.prefix(10)) }
            if let unitID = row["unit_id"], let name = units[unitID] {
                let normal = Vocabulary.normalise(name).split(separator: " ").joined(separator: "-")
                if CapacityUnit(rawValue: normal) != nil {
                    records[position][.capacityUnit] = normal
                } else {
                    unmapped.add(name, field: "capacity unit", row: row)
                }
            }
        }
    }

    // MARK: Validation

    mutating func validate(servicesFile: String) -> HSDSReadResult {
        let validator = ServiceRecordValidator(vocabularies: vocabularies, source: source, file: servicesFile)
        var services: [Service] = []
        for record in records {
            switch validator.validate(record) {
            case .valid(let service, let warnings):
                services.append(service)
                issues.append(contentsOf: warnings)
            case .rejected(let errors):
                issues.append(contentsOf: errors.map(Self.explained))
            }
        }
        return HSDSReadResult(services: services, issues: issues, unmapped: unmapped.values)
    }

    /// Rewrites the validator's "is required" messages for fields that come from other HSDS tables.
    static func explained(_ issue: ImportIssue) -> ImportIssue {
        guard issue.message.hasPrefix("is required") else { return issue }
        var issue = issue
        switch issue.field {
        case ServiceField.needTypes.column?:
            issue.message =
                "no taxonomy term linked to the service (attributes.csv, taxonomy_terms.csv) maps to a "
                + "Signpost need type, so it cannot be imported; add the term's name or code as an alias in "
                + "need-types.csv, or link the service to a known term"
        case ServiceField.coverage.column?:
            issue.message =
                "no row of service_areas.csv gives the service an area Signpost knows, so it cannot be "
                + "imported; name areas as national, a police force area, a local authority or a postcode district"
        case ServiceField.providerName.column?:
            issue.message = "the service has no provider: give it an organization_id found in organizations.csv"
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

    /// A schedule as one line of text: its description, else `byday opens_at-closes_at` when simple.
    static func hoursText(_ row: HSDSRow) -> String? {
        if let description = row["description"] { return description }
        guard let opens = row["opens_at"], let closes = row["closes_at"] else { return nil }
        let times = "\(opens.prefix(5))-\(closes.prefix(5))"
        if let days = row["byday"] { return "\(days) \(times)" }
        return row["freq"]?.uppercased() == "DAILY" ? "daily \(times)" : times
    }
}

/// Counts unmapped values by field and value, keeping the first lines.
private struct UnmappedTally {
    private var byKey: [String: UnmappedValue] = [:]

    mutating func add(_ value: String, field: String, row: HSDSRow) {
        let key = "\(field)\u{0}\(value)"
        if var known = byKey[key] {
            known.count += 1
            if known.lines.count < UnmappedValue.lineLimit { known.lines.append(row.line) }
            byKey[key] = known
        } else {
            byKey[key] = UnmappedValue(value: value, field: field, file: row.file, count: 1, lines: [row.line])
        }
    }

    /// By field, then most frequent first, then by value.
    var values: [UnmappedValue] {
        byKey.values.sorted { ($0.field, -$0.count, $0.value) < ($1.field, -$1.count, $1.value) }
    }
}
