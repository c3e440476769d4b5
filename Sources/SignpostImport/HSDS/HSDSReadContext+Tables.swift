import SignpostCore

/// The tables that add to services already read: phones and contacts, languages, areas, schedules, eligibility,
/// funding, identifiers, capacity, accessibility and interpretation services.
extension HSDSReadContext {
    // MARK: Phones and contacts

    /// A contact's services, and how its phones rank for them.
    struct ContactLink {
        var positions: [Int]
        var priority: Int
        /// The contact's location, when it is a location's contact (its phones are withheld with a confidential
        /// location's).
        var location: String?
    }

    /// `contacts.csv`: whose contact each is (a service, a service at a location, a location or an organisation).
    mutating func readContacts() -> [String: ContactLink] {
        var contacts: [String: ContactLink] = [:]
        for row in load("contacts", "contact")?.rows ?? [] {
            guard let id = row["id"] else { continue }
            var link: ContactLink?
            if row["service_id"] != nil || row["service_at_location_id"] != nil {
                let owners = owners(of: row)
                if !owners.isEmpty { link = ContactLink(positions: owners, priority: PhonePriority.serviceContact) }
            } else if let locationID = row["location_id"] {
                let positions = services(atLocation: locationID, row: row)
                link = ContactLink(positions: positions, priority: PhonePriority.locationContact, location: locationID)
            } else if let organizationID = row["organization_id"] {
                if knownOrganizations.contains(organizationID) {
                    link = ContactLink(
                        positions: servicesOfOrganization[organizationID] ?? [],
                        priority: PhonePriority.organizationContact
                    )
                } else {
                    orphan(
                        row,
                        column: "organization_id",
                        id: organizationID,
                        kind: "organisation in \(tables.organizations).csv"
                    )
                }
            } else {
                unlinked(
                    row,
                    columns: ["service_id", "location_id", "organization_id"].filter { row.columns[$0] != nil }
                )
            }
            // A contact that belongs to nothing known is reported above; its phones follow it quietly.
            if contacts[id] == nil { contacts[id] = link ?? ContactLink(positions: [], priority: Int.max) }
        }
        return contacts
    }

    /// `phones.csv`: each service keeps one number, its own before its location's, its contacts', its location's
    /// contacts', its organisation's and its organisation's contacts'. Fax numbers are not numbers to call.
    mutating func readPhones() {
        let contacts = readContacts()
        guard let table = load("phones", "phone") else { return }
        for row in table.rows {
            guard var number = row["number"] else { continue }
            if row.first("type", "number_type")?.lowercased() == "fax" { continue }
            number = String(number.filter { $0 != "\"" }).trimmed
            if let extensionNumber = row["extension"] { number += " ext. \(extensionNumber)" }
            var targets: [(position: Int, priority: Int)] = []
            if row["service_id"] != nil || row["service_at_location_id"] != nil {
                targets = owners(of: row).map { ($0, PhonePriority.service) }
            } else if let id = row["location_id"] {
                let positions = services(atLocation: id, row: row)
                if !positions.isEmpty { locationPhones.append((id, positions, number, PhonePriority.location)) }
            } else if let id = row["contact_id"] {
                guard let contact = contacts[id] else {
                    orphan(row, column: "contact_id", id: id, kind: "contact in contacts.csv")
                    continue
                }
                if let location = contact.location {
                    locationPhones.append((location, contact.positions, number, contact.priority))
                } else {
                    targets = contact.positions.map { ($0, contact.priority) }
                }
            } else if let id = row["organization_id"] {
                if knownOrganizations.contains(id) {
                    targets = (servicesOfOrganization[id] ?? []).map { ($0, PhonePriority.organization) }
                } else {
                    orphan(row, column: "organization_id", id: id, kind: "organisation in \(tables.organizations).csv")
                }
            } else {
                let columns = ["service_id", "location_id", "contact_id", "organization_id"]
                unlinked(row, columns: columns.filter { row.columns[$0] != nil })
            }
            for target in targets where (phones[target.position]?.priority ?? Int.max) > target.priority {
                phones[target.position] = (target.priority, number)
            }
        }
    }

    // MARK: Languages

    /// `languages.csv` (by service or location), then the `languages` cells Ohana writes in services.csv and
    /// locations.csv ("Chinese (Cantonese), Tagalog").
    mutating func readLanguages(services: HSDSTable) {
        if let table = load("languages", "language") {
            for row in table.rows {
                // A language of a phone only (3.0 phone_id) says nothing of the service.
                let owners = owners(of: row, viaLocation: true, reportUnlinked: row["phone_id"] == nil)
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
                addLanguages(text, to: owners, row: row)
            }
        }
        guard services.columns.contains("languages") || version == .ohana else { return }
        for row in services.rows {
            guard let text = row["languages"], let position = position(of: row) else { continue }
            addLanguages(text, to: [position], row: row)
        }
        for row in locationsTable?.rows ?? [] {
            guard let text = row["languages"], let id = row["id"], let positions = servicesAtLocation[id] else {
                continue
            }
            addLanguages(text, to: positions, row: row)
        }
    }

    /// The services row `row` was read into, if it was.
    func position(of row: HSDSRow) -> Int? {
        guard let id = row["id"], let position = recordIndex[id], records[position].line == row.line else {
            return nil
        }
        return position
    }

    /// Adds the languages a cell names, whole or split at commas and semicolons (not inside brackets):
    /// "Chinese (Cantonese)" is Cantonese, the words in brackets being tried before the words outside them.
    mutating func addLanguages(_ text: String, to owners: [Int], row: HSDSRow) {
        let vocabularies = self.vocabularies
        func resolve(_ text: String) -> LanguageCode? {
            if let code = vocabularies.resolve(text, as: LanguageCode.self) { return code }
            guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
                return nil
            }
            let inside = String(text[text.index(after: open)..<close]).trimmed
            let before = String(text[..<open]).trimmed
            return vocabularies.resolve(inside, as: LanguageCode.self)
                ?? vocabularies.resolve(before, as: LanguageCode.self)
        }
        let whole = vocabularies.resolve(text, as: LanguageCode.self)
        let parts = whole != nil ? [text] : Self.splitOutsideBrackets(text)
        for part in parts where !part.isEmpty {
            guard let code = resolve(part) else {
                unmapped.add(part, field: "language", row: row)
                noteUnmapped(.languages, at: owners)
                continue
            }
            for position in owners { records[position].append(code.rawValue, to: .languages, line: row.line) }
        }
    }

    /// `text` cut at commas and semicolons that are not inside brackets, each piece trimmed.
    static func splitOutsideBrackets(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            case ",", ";":
                if depth == 0 {
                    pieces.append(current.trimmed)
                    current = ""
                    continue
                }
            default: break
            }
            current.append(character)
        }
        pieces.append(current.trimmed)
        return pieces.filter { !$0.isEmpty }
    }

    // MARK: Areas

    /// `service_areas.csv` (1.1 `service_area.csv`), then Ohana's `services.service_areas` cells ("Kirklees,
    /// Calderdale").
    mutating func readServiceAreas(services: HSDSTable) {
        if let table = load("service_areas", "service_area") {
            for row in table.rows {
                let owners = owners(of: row)
                guard !owners.isEmpty else { continue }
                // An ONS code in the uri, or a postcode area or district in the description (as Signpost's export and
                // API write them), is exact; names come next.
                let candidates = [
                    Self.onsCode(inURI: row["uri"]), Self.postcodeArea(inDescription: row["description"]), row["name"],
                    row["service_area"],
                ].compactMap { $0 }
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
        guard services.columns.contains("service_areas") else { return }
        for row in services.rows {
            guard let text = row["service_areas"], let position = position(of: row) else { continue }
            let whole = vocabularies.resolveArea(text)
            let parts = whole != nil ? [text] : Self.splitOutsideBrackets(text)
            for part in parts {
                guard let area = vocabularies.resolveArea(part) else {
                    unmapped.add(part, field: "area", row: row)
                    continue
                }
                records[position].append(area.rawValue, to: .coverage, line: row.line)
            }
        }
    }

    // MARK: Schedules

    /// 3.0 `schedules.csv` and 1.1 (and Ohana) `regular_schedules.csv`. Hours given for a location serve the
    /// services there that give none of their own.
    mutating func readSchedules() {
        if let table = load("schedules", "schedule") {
            for row in table.rows {
                let byLocation = row["service_id"] == nil && row["service_at_location_id"] == nil
                let owners = owners(of: row, viaLocation: true)
                guard let text = Self.hoursText(row) else { continue }
                for position in owners {
                    if byLocation {
                        if !(locationHours[position] ?? []).contains(text) {
                            locationHours[position, default: []].append(text)
                        }
                    } else if !(hours[position] ?? []).contains(text) {
                        hours[position, default: []].append(text)
                    }
                }
            }
        }
        // HSDS 1.1 and Ohana: one row per weekday, gathered into "Mon-Fri 09:00-17:00".
        guard let table = load("regular_schedules", "regular_schedule") else { return }
        for row in table.rows {
            let byLocation = row["service_id"] == nil && row["service_at_location_id"] == nil
            let owners = owners(of: row, viaLocation: true)
            guard let opens = row["opens_at"], let closes = row["closes_at"] else { continue }
            let times = "\(Self.clockTime(opens))-\(Self.clockTime(closes))"
            guard let dayText = row["weekday"], let day = Self.weekday(dayText) else {
                if let dayText = row["weekday"] {
                    issues.append(
                        ImportIssue(
                            severity: .warning,
                            file: row.file,
                            line: row.line,
                            field: "weekday",
                            recordID: row["id"],
                            value: dayText,
                            message: "'\(dayText)' is not a day of the week (a name, or 1 for Monday to 7 for "
                                + "Sunday); the hours were kept as written"
                        )
                    )
                }
                let text = row["weekday"].map { "\($0) \(times)" } ?? times
                for position in owners {
                    if byLocation {
                        if !(locationHours[position] ?? []).contains(text) {
                            locationHours[position, default: []].append(text)
                        }
                    } else if !(hours[position] ?? []).contains(text) {
                        hours[position, default: []].append(text)
                    }
                }
                continue
            }
            for position in owners {
                if byLocation {
                    locationWeekly[position, default: []].append((day, times))
                } else {
                    weekly[position, default: []].append((day, times))
                }
            }
        }
    }

    // MARK: Eligibility, funding, identifiers, capacity

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
                orphan(
                    row,
                    column: "organization_id",
                    id: organizationID,
                    kind: "organisation in \(tables.organizations).csv"
                )
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

    // MARK: Accessibility

    /// Ohana's accessibility values, and the Signpost features they mean. (`deaf_interpreter` says the service works
    /// in sign language; `cd` and `wheelchair_van` have no Signpost feature.)
    static let ohanaAccessibility: [String: String] = [
        "wheelchair": "step-free", "ramp": "step-free", "elevator": "step-free",
        "disabled_parking": "accessible-parking", "restroom": "accessible-toilet", "tape_braille": "braille",
        "tty": "text-relay",
    ]

    /// 3.0 `accessibility.csv` (`description`, and ORUK's `accessibility`), 1.1 `accessibility_for_disabilities.csv`
    /// (`accessibility`) and Ohana's `locations.accessibility`: the features a location's text names (through the
    /// accessibility vocabulary's labels and aliases) become the features of the services there. Text naming none is
    /// counted as unmapped.
    mutating func readAccessibility() {
        let finder = TermFinder(vocabularies[.accessibility], includingCodes: true)
        if let table = load("accessibility", "accessibility_for_disabilities") {
            for row in table.rows {
                guard let locationID = row["location_id"] else {
                    unlinked(row, columns: ["location_id"])
                    continue
                }
                let positions = services(atLocation: locationID, row: row)
                let texts = [row["description"], row["accessibility"]].compactMap { $0 }
                guard !positions.isEmpty, !texts.isEmpty else { continue }
                var codes: [String] = []
                for text in texts {
                    for code in finder.codes(in: text) where !codes.contains(code) { codes.append(code) }
                }
                if codes.isEmpty { unmapped.add(texts[0], field: "accessibility", row: row) }
                for position in positions {
                    for code in codes { records[position].append(code, to: .accessibility, line: row.line) }
                }
            }
        }
        for row in locationsTable?.rows ?? [] {
            guard let text = row["accessibility"], let id = row["id"], let positions = servicesAtLocation[id] else {
                continue
            }
            for value in Self.splitOutsideBrackets(text) {
                let key = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
                if key == "deaf_interpreter" {
                    for position in positions { records[position][.bsl] = "yes" }
                    continue
                }
                let codes = Self.ohanaAccessibility[key].map { [$0] } ?? finder.codes(in: value)
                if codes.isEmpty { unmapped.add(value, field: "accessibility", row: row) }
                for position in positions {
                    for code in codes { records[position].append(code, to: .accessibility, line: row.line) }
                }
            }
        }
    }

    // MARK: Interpretation services

    /// `interpretation_services` of services (and of locations, for the services there): the languages it names are
    /// added, interpreting is set where it says interpreters or translation are (or are not) available, and what it
    /// says that is neither is reported as a warning.
    mutating func readInterpretation(services: HSDSTable) {
        let finder = TermFinder(vocabularies[.languages], includingCodes: false)
        func read(_ text: String, row: HSDSRow, positions: [Int], context: inout HSDSReadContext) {
            let statement = InterpretationStatement(text, languages: finder)
            for position in positions {
                for code in statement.languages {
                    context.records[position].append(code, to: .languages, line: row.line)
                }
                if let offered = statement.offered, context.records[position][.interpreting] != "true" {
                    context.records[position][.interpreting] = offered ? "true" : "false"
                }
            }
            guard !statement.notUnderstood.isEmpty else { return }
            let parts = statement.notUnderstood.map { "'\($0)'" }.joined(separator: ", ")
            var read: [String] = []
            if !statement.languages.isEmpty { read.append("languages \(statement.languages.joined(separator: ", "))") }
            if let offered = statement.offered { read.append("interpreting \(offered ? "offered" : "not offered")") }
            context.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: row.file,
                    line: row.line,
                    field: "interpretation_services",
                    recordID: row["id"],
                    value: text,
                    message: "\(parts) names no language Signpost knows and says nothing of interpreters, so it was "
                        + "not read" + (read.isEmpty ? "" : "; read: \(read.joined(separator: "; "))")
                )
            )
        }
        if services.columns.contains("interpretation_services") {
            for row in services.rows {
                guard let text = row["interpretation_services"], let position = position(of: row) else { continue }
                read(text, row: row, positions: [position], context: &self)
            }
        }
        for row in locationsTable?.rows ?? [] {
            guard let text = row["interpretation_services"], let id = row["id"],
                let positions = servicesAtLocation[id]
            else { continue }
            read(text, row: row, positions: positions, context: &self)
        }
    }
}
