public import SignpostCore

/// Reads a folder of Open Referral tables (HSDS 3.0, HSDS 3.1, Open Referral UK 3.0 CSV, or an HSDS 1.1 data
/// package: `datapackage.json` plus CSVs) into Signpost services.
///
/// services.csv is the only table required. Each HSDS service becomes one ``RawServiceRecord`` (record id: the HSDS
/// service id; service id: `SOURCE/<hsds id>`), filled from the linked tables and then checked by the same
/// ``ServiceRecordValidator`` as Signpost's own lists. Values no vocabulary knows are counted in
/// ``HSDSReadResult/unmapped``; rows that point at an unknown service are reported as warnings.
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
    /// HSDS organisation id -> positions of its services.
    var servicesOfOrganization: [String: [Int]] = [:]
    /// HSDS location id -> positions of the services offered there.
    var servicesAtLocation: [String: [Int]] = [:]
    /// service_at_location id -> position of its service.
    var serviceOfLink: [String: Int] = [:]
    /// Position -> (priority, phone): a service's own phone beats its location's, which beats its organisation's.
    var phones: [Int: (priority: Int, number: String)] = [:]
    /// Phones given for a location, applied once every table is read: a confidential location's phone is withheld,
    /// since it could lead to the place.
    var locationPhones: [(location: String, positions: [Int], number: String)] = []
    var hours: [Int: [String]] = [:]
    /// Position -> weekly opening times from HSDS 1.1 `regular_schedules.csv`: (day 0 Monday ... 6 Sunday, times).
    var weekly: [Int: [(day: Int, times: String)]] = [:]
    /// Position -> eligibility notes from HSDS 1.1 `eligibility.csv`, after `services.eligibility_description`.
    var eligibilityNotes: [Int: [String]] = [:]
    /// HSDS location id -> the (position, location index) of each service's copy of it.
    var locationSlots: [String: [(position: Int, index: Int)]] = [:]
    /// The ids of organizations.csv.
    var knownOrganizations = Set<String>()
    /// The layout being read.
    var version = HSDSVersion.hsds30
    /// Whether the tables were written by Signpost's HSDS CSV export (its `signpost-service` taxonomy is present):
    /// organisation ids are then Signpost provider ids.
    var writtenBySignpost = false
    /// The taxonomies table (3.0 `taxonomies.csv`), when there is one.
    var taxonomies: HSDSTable?

    /// How messages name the fields: by the Open Referral table and column they come from.
    static let naming = RawServiceRecord.Naming.profile(
        ProfileFieldNames([
            .sourceRecordID: "services.id", .name: "services.name", .description: "services.description",
            .providerName: "organizations.name", .providerID: "organizations.id",
            .charityNumber: "organization_identifiers.identifier", .providerWebsite: "organizations.website",
            .status: "services.status", .needTypes: "attributes + taxonomy_terms",
            .specialisms: "attributes + taxonomy_terms", .minAge: "services.minimum_age",
            .maxAge: "services.maximum_age", .eligibilityNotes: "services.eligibility_description",
            .languages: "languages", .coverage: "service_areas", .locationName: "locations.name",
            .address: "addresses.address_1", .town: "addresses.city", .postcode: "addresses.postal_code",
            .latitude: "locations.latitude", .longitude: "locations.longitude",
            .capacityAvailable: "service_capacity.available", .capacityMaximum: "service_capacity.maximum",
            .capacityUnit: "service_capacity.unit_id", .capacityUpdated: "service_capacity.updated",
            .commissioner: "funding.source", .phone: "phones.number", .email: "services.email",
            .website: "services.url", .openingHours: "schedules", .lastVerified: "services.assured_date",
        ])
    )

    /// A profile's map from taxonomy terms to need types and specialisms, tried before the vocabularies.
    var termMap: ValueMap?
    /// The limits every table is read with.
    var limits = CSVLimits.default
    /// An hsds profile's fields: constants, defaults and fallbacks applied once every table is read.
    var rules: [FieldRule] = []
    /// Position -> the fields for which the tables gave a value that mapped to nothing (a fallback's condition).
    var unmappedFields: [Int: Set<ServiceField>] = [:]

    init(folder: String, vocabularies: Vocabularies, source: SourceName) {
        self.folder = folder
        self.vocabularies = vocabularies
        self.source = source
    }

    mutating func load(_ names: String...) -> HSDSTable? {
        var found: [ImportIssue] = []
        let table = HSDSTable.load(folder: folder, names: names, limits: limits, issues: &found)
        issues.append(contentsOf: found)
        return table
    }

    mutating func run() -> HSDSReadResult {
        let detected = HSDSVersion.detect(folder: folder)
        folder = detected.tables
        version = detected.version
        guard let services = load("services", "service") else {
            issues.append(
                ImportIssue(
                    file: "services.csv",
                    message: "no services.csv in \(folder): is this a folder of Open Referral (HSDS) CSV tables?"
                )
            )
            return HSDSReadResult(issues: issues)
        }
        if services.columns.contains("taxonomy_ids") { version = .hsds11 }
        // In 3.0 (and ORUK's duplicate) taxonomy.csv lists taxonomies; in 1.1 it lists the terms themselves.
        taxonomies = version == .hsds11 ? load("taxonomies") : load("taxonomies", "taxonomy")
        writtenBySignpost = taxonomies?.rows.contains { $0["id"] == HSDSSignpostTerms.detailsTaxonomy } ?? false
        readServices(services, organizations: load("organizations", "organization"))
        readOrganizationIdentifiers()
        readLocations()
        readPhones()
        readLanguages()
        readServiceAreas()
        readSchedules()
        readEligibility()
        readFunding()
        readTaxonomy(services: services)
        readCapacity()
        for (position, lines) in hours { records[position][.openingHours] = lines.joined(separator: "; ") }
        for (position, days) in weekly {
            let text = Self.weeklyHours(days)
            let earlier = records[position][.openingHours]
            records[position][.openingHours] = earlier.map { $0 + "; " + text } ?? text
        }
        for phone in locationPhones {
            for position in phone.positions where !isConfidential(location: phone.location, of: position) {
                if (phones[position]?.priority ?? Int.max) > 1 { phones[position] = (1, phone.number) }
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
        return result
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
        knownOrganizations = Set(organizationRows.keys)
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
            var record = RawServiceRecord(line: row.line, naming: Self.naming)
            record[.sourceRecordID] = id
            record[.name] = row["name"]
            record[.description] = row["description"]
            record[.website] = row["url"]
            record[.email] = row["email"]
            record[.minAge] = row["minimum_age"].map(Self.wholeNumber)
            record[.maxAge] = row["maximum_age"].map(Self.wholeNumber)
            record[.eligibilityNotes] = row["eligibility_description"]
            // assured_date is a date in 3.0; some publishers write a date-time.
            record[.lastVerified] = row["assured_date"].map { String($0.prefix(10)) }
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
                    if writtenBySignpost { record[.providerID] = organizationID }
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
        guard let links = load("service_at_location", "services_at_location") else { return }
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
        // HSDS 1.1 keeps physical and postal addresses in tables of their own; a physical one wins.
        for row in load("physical_addresses", "physical_address")?.rows ?? [] {
            if let locationID = row["location_id"] { addressRows[locationID] = row }
        }
        for row in load("postal_addresses", "postal_address")?.rows ?? [] {
            if let locationID = row["location_id"], addressRows[locationID] == nil { addressRows[locationID] = row }
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
            locationSlots[locationID, default: []].append((position, records[position].locations.count))
            records[position].locations.append(raw)
        }
    }

    /// Whether the location `id`, as read into the record at `position`, is marked confidential.
    func isConfidential(location id: String, of position: Int) -> Bool {
        (locationSlots[id] ?? []).contains { slot in
            guard slot.position == position,
                let mark = records[position].locations[slot.index].values[.locationConfidential]
            else { return false }
            return !["no", "n", "false", "f", "0"].contains(mark.lowercased())
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
                    locationPhones.append((id, positions, number))
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
            if let code {
                for position in owners { records[position].append(code.rawValue, to: .languages, line: row.line) }
                continue
            }
            // HSDS 1.1: one `language` cell, a name or a code, sometimes several separated by commas.
            guard let text = row.first("name", "code", "language") else { continue }
            let whole = vocabularies.resolve(text, as: LanguageCode.self)
            let parts =
                whole != nil ? [text] : text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmed }
            for part in parts where !part.isEmpty {
                guard let code = vocabularies.resolve(part, as: LanguageCode.self) else {
                    unmapped.add(part, field: "language", row: row)
                    noteUnmapped(.languages, at: owners)
                    continue
                }
                for position in owners { records[position].append(code.rawValue, to: .languages, line: row.line) }
            }
        }
    }

    mutating func readServiceAreas() {
        guard let table = load("service_areas", "service_area") else { return }
        for row in table.rows {
            let owners = owners(of: row)
            guard !owners.isEmpty else { continue }
            // An ONS code in the uri (as Signpost's export writes it) is exact; names come next.
            let candidates = [Self.onsCode(inURI: row["uri"]), row["name"], row["service_area"]].compactMap { $0 }
            guard let text = candidates.first else { continue }
            let vocabularies = self.vocabularies
            guard let area = candidates.lazy.compactMap({ vocabularies.resolveArea($0) }).first else {
                unmapped.add(row.first("name", "service_area") ?? text, field: "area", row: row)
                noteUnmapped(.coverage, at: owners)
                continue
            }
            for position in owners { records[position].append(area.rawValue, to: .coverage, line: row.line) }
        }
    }

    mutating func readSchedules() {
        if let table = load("schedules", "schedule") {
            for row in table.rows {
                let owners = owners(of: row)
                guard let text = Self.hoursText(row) else { continue }
                for position in owners where !(hours[position] ?? []).contains(text) {
                    hours[position, default: []].append(text)
                }
            }
        }
        // HSDS 1.1: one row per weekday, gathered into "Mon-Fri 09:00-17:00".
        guard let table = load("regular_schedules", "regular_schedule") else { return }
        for row in table.rows {
            let owners = owners(of: row)
            guard let opens = row["opens_at"], let closes = row["closes_at"] else { continue }
            let times = "\(opens.prefix(5))-\(closes.prefix(5))"
            guard let dayText = row["weekday"], let day = Self.weekday(dayText) else {
                for position in owners where !(hours[position] ?? []).contains(times) {
                    hours[position, default: []].append(row["weekday"].map { "\($0) \(times)" } ?? times)
                }
                continue
            }
            for position in owners { weekly[position, default: []].append((day, times)) }
        }
    }

    /// HSDS 1.1 `eligibility.csv`: each row's text joins the service's eligibility notes.
    mutating func readEligibility() {
        guard let table = load("eligibility", "eligibilities") else { return }
        for row in table.rows {
            let owners = owners(of: row)
            guard let text = row.first("eligibility", "description") else { continue }
            for position in owners where !(eligibilityNotes[position] ?? []).contains(text) {
                eligibilityNotes[position, default: []].append(text)
            }
        }
    }

    /// `funding.csv`: a service's funding source is its commissioner (the first row, "Commissioned by " dropped).
    mutating func readFunding() {
        guard let table = load("funding", "fundings") else { return }
        for row in table.rows where row["service_id"] != nil {
            let owners = owners(of: row)
            guard var source = row["source"] else { continue }
            if source.lowercased().hasPrefix("commissioned by ") { source = String(source.dropFirst(16)).trimmed }
            for position in owners where records[position][.commissioner] == nil {
                records[position][.commissioner] = source
            }
        }
    }

    /// `organization_identifiers.csv`: a charity number (scheme GB-CHC, GB-SC or GB-NIC, or a type that says
    /// charity) becomes the provider's charity number.
    mutating func readOrganizationIdentifiers() {
        guard let table = load("organization_identifiers", "organization_identifier") else { return }
        for row in table.rows {
            guard let organizationID = row["organization_id"], let identifier = row["identifier"] else { continue }
            let scheme = row["identifier_scheme"]?.uppercased() ?? ""
            let isCharity =
                ["GB-CHC", "GB-SC", "GB-NIC"].contains(scheme)
                || (row["identifier_type"]?.lowercased().contains("charity") ?? false)
            guard isCharity else { continue }
            guard knownOrganizations.contains(organizationID) else {
                orphan(row, column: "organization_id", id: organizationID, kind: "organisation in organizations.csv")
                continue
            }
            let positions = servicesOfOrganization[organizationID] ?? []
            for position in positions where records[position][.charityNumber] == nil {
                records[position][.charityNumber] = identifier
            }
        }
    }

    mutating func readCapacity() {
        guard let table = load("service_capacity") else { return }
        // Each unit's spellings, name first: its name, its identifier in its scheme (Signpost's export writes the
        // unit's code there), its id.
        var units: [String: [String]] = [:]
        for row in load("units", "unit")?.rows ?? [] {
            if let id = row["id"] { units[id] = [row["name"], row["identifier"], id].compactMap { $0 } }
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
            if let unitID = row["unit_id"], let spellings = units[unitID] {
                let known = spellings.lazy.map { Vocabulary.normalise($0).split(separator: " ").joined(separator: "-") }
                    .first { CapacityUnit(rawValue: $0) != nil }
                if let known {
                    records[position][.capacityUnit] = known
                } else if let name = spellings.first {
                    unmapped.add(name, field: "capacity unit", row: row)
                }
            }
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
                issues.append(contentsOf: errors.map(Self.explained))
            }
        }
        return HSDSReadResult(services: services, issues: issues, unmapped: unmapped.values)
    }

    /// Rewrites the validator's "is required" messages for fields that come from other HSDS tables.
    static func explained(_ issue: ImportIssue) -> ImportIssue {
        guard issue.message.hasPrefix("is required") else { return issue }
        var issue = issue
        let names: ProfileFieldNames
        guard case .profile(let known) = naming else { return issue }
        names = known
        switch issue.field {
        case names[.needTypes]?:
            issue.message =
                "no taxonomy term linked to the service (attributes.csv, taxonomy_terms.csv) maps to a "
                + "Signpost need type, so it cannot be imported; add the term's name or code as an alias in "
                + "need-types.csv (or map it in an hsds import profile), or link the service to a known term"
        case names[.coverage]?:
            issue.message =
                "no row of service_areas.csv gives the service an area Signpost knows, so it cannot be "
                + "imported; name areas as national, a police force area, a local authority or a postcode district"
        case names[.providerName]?:
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

    /// An ONS (GSS) code at the end of a statistical-geography URI, else nil.
    static func onsCode(inURI uri: String?) -> String? {
        guard let uri, uri.contains("statistical-geography/") else { return nil }
        guard let last = uri.split(separator: "/").last, last.count == 9 else { return nil }
        return String(last)
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// A weekday as 0 (Monday) to 6 (Sunday), from a name or abbreviation in English, or from an RFC 5545 `BYDAY`
    /// code (MO...SU). Numbers are not read: HSDS never said whether 1 is Sunday or Monday.
    static func weekday(_ text: String) -> Int? {
        let key = text.lowercased()
        let prefixes = ["mo", "tu", "we", "th", "fr", "sa", "su"]
        guard key.count >= 2, key.allSatisfy(\.isLetter) else { return nil }
        guard let index = prefixes.firstIndex(where: { key.hasPrefix($0) }) else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][index]
        return full.hasPrefix(key) || key == prefixes[index] ? index : nil
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
        let times = "\(opens.prefix(5))-\(closes.prefix(5))"
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
