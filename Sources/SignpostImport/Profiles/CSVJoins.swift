/// A CSV profile that reads several files (`"files"`): one main table, one row per service, and related tables
/// joined to it by key, so that a field can be read from a related row (`locations.postcode`).
///
/// ```json
/// "files": {
///   "services": "services.csv",
///   "locations": { "file": "locations.csv", "key": "id", "from": "location_id" },
///   "organizations": { "file": "organizations.csv", "key": "id", "from": "locations.organization_id" },
///   "phones": { "file": "phones.csv", "key": "service_id", "from": "id" }
/// }
/// ```
///
/// The main table is the one given by its file alone. A related table's rows are those whose `key` column equals
/// the value of `from` in the main row (or, written `table.column`, in a row of a table joined before it); every
/// matching row counts, so a one-to-many join (all the phones of a service) gives a list.
public struct CSVJoins: Sendable, Hashable {
    /// The main table's name and file.
    public var main: String
    public var mainFile: String
    /// The related tables, by name.
    public var related: [String: Join]

    public struct Join: Sendable, Hashable {
        public var file: String
        /// The column of this table matched.
        public var key: String
        /// The column whose value is looked for: in the main table (`location_id`) or a joined one
        /// (`locations.organization_id`).
        public var from: ColumnReference
    }

    public init(main: String, mainFile: String, related: [String: Join]) {
        self.main = main
        self.mainFile = mainFile
        self.related = related
    }

    /// `name` read as a column of a table: `locations.postcode` when `locations` is a table of the profile (the main
    /// table's name may be given too); any other name is a column of the main table.
    public func reference(_ name: String) -> ColumnReference {
        if let dot = name.firstIndex(of: ".") {
            let table = String(name[..<dot])
            let column = String(name[name.index(after: dot)...])
            if !column.isEmpty, table == main || related[table] != nil {
                return ColumnReference(table: table == main ? nil : table, column: column)
            }
        }
        return ColumnReference(table: nil, column: name)
    }

    /// The tables a table's rows are found through, nearest last, or `nil` when they loop.
    func chain(to table: String) -> [String]? {
        var chain: [String] = []
        var current: String? = table
        while let name = current {
            guard !chain.contains(name), let join = related[name] else { return chain.contains(name) ? nil : chain }
            chain.insert(name, at: 0)
            current = join.from.table
        }
        return chain
    }
}

/// A column of the main table (`table` nil) or of a related one.
public struct ColumnReference: Sendable, Hashable, CustomStringConvertible {
    public var table: String?
    public var column: String

    public var description: String { table.map { "\($0).\(column)" } ?? column }
}
