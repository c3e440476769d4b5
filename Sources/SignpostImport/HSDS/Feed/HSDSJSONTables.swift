/// Open Referral JSON documents (HSDS 3.0 `service_full`, as an ORUK 3.0 feed serves them) laid out as the tables the
/// HSDS reader reads, so that a service pulled from a feed is mapped exactly as the same service in a folder of CSVs.
///
/// Every object becomes a row of its table: the document's service a row of `services`, each item of a nested array
/// a row of the table the array is named after (`contacts`, `phones`, `service_areas`...), each nested object a row of
/// its table (`organization` -> `organizations`, a service-at-location's `location` -> `locations`, an attribute's
/// `taxonomy_term` -> `taxonomy_terms`, a capacity's `unit` -> `units`). A child row gets its parent's id in the
/// column HSDS links it by (`service_id`, `contact_id`, `location_id`...), unless it names its parent itself; an
/// attribute gets `link_id` and `link_entity`; an object without an id gets one made from its parent's. Scalars keep
/// their text (numbers as written, `true`/`false`); a list of scalars is joined with commas.
///
/// Every row is placed at its document: `file` the document's address, `line` the document's number in the feed.
struct HSDSJSONTables {
    /// Table -> rows, each row its cells by column.
    private var rows: [String: [(cells: [String: String], file: String, line: Int)]] = [:]
    /// Table -> the ids already written (one object can appear in several documents: an organisation, a term).
    private var seen: [String: Set<String>] = [:]

    /// The table a nested array or object is read into, by its key; `nil` for keys the HSDS reader has no table for.
    static let tableOfKey: [String: String] = [
        "organization": "organizations", "organizations": "organizations",
        "organization_identifiers": "organization_identifiers",
        "contacts": "contacts", "phones": "phones", "schedules": "schedules",
        "regular_schedules": "regular_schedules",
        "service_areas": "service_areas", "languages": "languages", "funding": "funding",
        "attributes": "attributes", "taxonomy_term": "taxonomy_terms", "taxonomy": "taxonomies",
        "service_at_locations": "service_at_location", "location": "locations", "locations": "locations",
        "addresses": "addresses", "physical_addresses": "physical_addresses", "postal_addresses": "postal_addresses",
        "accessibility": "accessibility", "accessibility_for_disabilities": "accessibility",
        "service_capacities": "service_capacity", "capacities": "service_capacity", "unit": "units",
        "eligibility": "eligibility",
    ]

    /// The column a child row names its parent by, for each parent table.
    static let linkColumn: [String: String] = [
        "services": "service_id", "organizations": "organization_id", "contacts": "contact_id",
        "locations": "location_id", "service_at_location": "service_at_location_id",
    ]

    /// The `link_entity` of an attribute, by the table of the object it belongs to.
    static let linkEntity: [String: String] = [
        "services": "service", "organizations": "organization", "locations": "location",
        "service_at_location": "service_at_location",
    ]

    /// Adds one service document. `file` and `line` place its rows in messages.
    mutating func add(service: JSONObject, file: String, line: Int) {
        add(
            object: service,
            table: "services",
            id: Self.text(service["id"]) ?? "service-\(line)",
            parent: nil,
            file: file,
            line: line
        )
    }

    /// Writes `object` as a row of `table` (with its parent's link), then its nested arrays and objects.
    private mutating func add(
        object: JSONObject,
        table: String,
        id: String,
        parent: (table: String, id: String)?,
        file: String,
        line: Int
    ) {
        var cells: [String: String] = ["id": id]
        var children: [(key: String, value: JSONValue)] = []
        for (key, value) in zip(object.keys, object.values) {
            switch value {
            case .object:
                children.append((key, value))
            case .array(let items) where items.contains(where: { if case .object = $0 { true } else { false } }):
                children.append((key, value))
            default:
                if key != "id", let text = Self.text(value) { cells[key.lowercased()] = text }
            }
        }
        if let parent {
            if table == "attributes" {
                if cells["link_id"] == nil { cells["link_id"] = parent.id }
                if cells["link_entity"] == nil { cells["link_entity"] = Self.linkEntity[parent.table] }
            } else if let column = Self.linkColumn[parent.table], cells[column] == nil,
                // An object of a table linked the other way (a location, a term) does not name its parent.
                !["organizations", "locations", "taxonomy_terms", "taxonomies", "units"].contains(table)
            {
                cells[column] = parent.id
            }
        }
        for (key, value) in children {
            // A phone's languages are the languages spoken on that line, not the service's.
            guard let childTable = Self.tableOfKey[key], table != "phones" else { continue }
            switch value {
            case .object(let child):
                // A one-to-one object: the parent names it (`organization_id`, `location_id`, `unit_id`...).
                let childID = Self.text(child["id"]) ?? "\(id)#\(key)"
                let column = key == "taxonomy_term" ? "taxonomy_term_id" : "\(key)_id"
                if cells[column] == nil { cells[column] = childID }
                add(object: child, table: childTable, id: childID, parent: (table, id), file: file, line: line)
            case .array(let items):
                for (index, item) in items.enumerated() {
                    guard case .object(let child) = item else { continue }
                    let childID = Self.text(child["id"]) ?? "\(id)#\(key)-\(index + 1)"
                    add(object: child, table: childTable, id: childID, parent: (table, id), file: file, line: line)
                }
            default: continue
            }
        }
        // The first copy of an id wins, as in a folder whose tables repeat a row.
        guard seen[table, default: []].insert(id).inserted else { return }
        rows[table, default: []].append((cells, file, line))
    }

    /// The text of a scalar, or of a list of scalars joined with commas; `nil` for null, objects and empty lists.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            let texts = items.compactMap { item -> String? in
                if case .array = item { return nil }
                return text(item)
            }
            return texts.isEmpty ? nil : texts.joined(separator: ", ")
        case .null, .object, nil: return nil
        }
    }

    /// The tables, each named `source` in messages about the table as a whole.
    func tables(source: String) -> [String: HSDSTable] {
        var tables: [String: HSDSTable] = [:]
        for (name, tableRows) in rows {
            var columns: [String: Int] = [:]
            for row in tableRows {
                for key in row.cells.keys where columns[key] == nil { columns[key] = columns.count }
            }
            let width = columns.count
            let built = tableRows.map { row in
                var fields = [String](repeating: "", count: width)
                for (key, value) in row.cells {
                    if let index = columns[key] { fields[index] = value }
                }
                return HSDSRow(file: row.file, line: row.line, fields: fields, columns: columns)
            }
            tables[name] = HSDSTable(
                name: name,
                files: [source],
                rows: built,
                columns: Set(columns.keys),
                isUnreadable: false,
                brokenRows: 0
            )
        }
        return tables
    }
}
