import Foundation
import SignpostCore

/// The keys of a field rule and of the `csv` section beyond where a value is read: `fallback`, `on_invalid`, `when`,
/// `capture`, and the row filters `skip` and `keep`.
extension ProfileDecoder {
    /// The keys a field of an hsds profile may have: the HSDS reader reads the tables itself, so a profile only adds
    /// values.
    static let openReferralRuleKeys = ["constant", "default", "fallback", "on_invalid", "comment"]

    /// Whether the layout's reader finds the values itself, so that a field may give only `on_invalid` (hsds).
    static func onlyAddsValues(_ layout: ImportProfile.Layout) -> Bool {
        if case .openReferralTables = layout { true } else { false }
    }

    /// Reads `fallback`, `on_invalid`, `when` and `capture` of the rule at `place` into `rule`.
    func options(
        _ entry: [String: Any],
        into rule: inout FieldRule,
        layout: ImportProfile.Layout,
        at place: String
    ) throws(ProfileError) {
        let isXML: Bool
        let isOpenReferral: Bool
        switch layout {
        case .xml: (isXML, isOpenReferral) = (true, false)
        case .openReferralTables: (isXML, isOpenReferral) = (false, true)
        default: (isXML, isOpenReferral) = (false, false)
        }
        if isOpenReferral { try onlyKeys(entry, Self.openReferralRuleKeys, at: place) }
        rule.fallbackValues = try texts(entry["fallback"], at: "\(place).fallback") ?? []
        if let policy = try text(entry["on_invalid"], at: "\(place).on_invalid") {
            guard let known = InvalidValuePolicy(rawValue: policy.lowercased()) else {
                throw ProfileError(
                    "'\(policy)' is not a choice; write \"drop\" or \"reject\"",
                    at: "\(place).on_invalid"
                )
            }
            if known == .drop, SignpostCSVReader.requiredColumns.contains(rule.field) {
                throw ProfileError(
                    "'\(rule.field.column)' is required, so a row without a usable value cannot be kept; "
                        + "on_invalid: drop is for optional fields",
                    at: "\(place).on_invalid"
                )
            }
            rule.onInvalid = known
        }
        for condition in try texts(entry["when"], at: "\(place).when") ?? [] {
            if isXML {
                throw ProfileError(
                    "when is for tables; in XML put the condition in the path, e.g. Phone[@private=no]",
                    at: "\(place).when"
                )
            }
            do { rule.conditions.append(try RowCondition(condition)) } catch {
                throw ProfileError(error.message, at: "\(place).when")
            }
        }
        if let capture = entry["capture"] {
            rule.capture = try valueCapture(capture, at: "\(place).capture")
        }
    }

    /// `"capture": "regex"` (its first group) or `{ "pattern": "regex", "group": 2 }`.
    private func valueCapture(_ object: Any, at place: String) throws(ProfileError) -> ValueCapture {
        var pattern = try? text(object, at: place)
        var group = 1
        if pattern == nil {
            let section = try dictionary(object, at: place)
            try onlyKeys(section, ["pattern", "group", "comment"], at: place)
            pattern = try text(section["pattern"], at: "\(place).pattern")
            if let number = section["group"] {
                guard let value = try integer(number, at: "\(place).group"), value >= 0 else {
                    throw ProfileError("give the number of a capture group, 1 for the first", at: "\(place).group")
                }
                group = value
            }
        }
        guard let pattern, !pattern.isEmpty else {
            throw ProfileError("give a regular expression with a capture group, e.g. \"is ([0-9.-]+)\"", at: place)
        }
        do { return try ValueCapture(pattern: pattern, group: group) } catch {
            throw ProfileError(error.message, at: place)
        }
    }

    /// `rule` as read, refused where its layout cannot use it: an hsds profile's fields only add values (constant,
    /// default, fallback), and a fallback needs a column or path whose values it stands in for.
    func checked(_ rule: FieldRule, layout: ImportProfile.Layout, at place: String) throws(ProfileError) -> FieldRule {
        let reads = rule.sources.contains { if case .constant = $0 { false } else { true } }
        if case .openReferralTables = layout {
            if reads {
                throw ProfileError(
                    "an hsds profile reads the Open Referral tables as Signpost's HSDS reader does; its fields may "
                        + "only add values: give constant, default or fallback (or on_invalid)",
                    at: place
                )
            }
            return rule
        }
        if !rule.fallbackValues.isEmpty, !reads {
            throw ProfileError(
                "a fallback stands in when the column or path gives values none of which maps; give one "
                    + "(or use default)",
                at: "\(place).fallback"
            )
        }
        return rule
    }

    /// The `skip` and `keep` row filters of a `csv` section.
    func rowFilters(_ section: [String: Any], into layout: inout CSVLayout) throws(ProfileError) {
        for (key, place) in [("skip", "csv.skip"), ("keep", "csv.keep")] {
            var conditions: [RowCondition] = []
            for text in try texts(section[key], at: place) ?? [] {
                do { conditions.append(try RowCondition(text)) } catch { throw ProfileError(error.message, at: place) }
            }
            if key == "skip" { layout.skip = conditions } else { layout.keep = conditions }
        }
    }
}

extension ProfileDecoder {
    /// The `files` section: the main table by its file alone, related tables as `{ "file", "key", "from" }`.
    func joins(_ object: Any?) throws(ProfileError) -> CSVJoins? {
        guard let object else { return nil }
        let section = try dictionary(object, at: "files")
        var main: (name: String, file: String)?
        var related: [(name: String, file: String, key: String, from: String)] = []
        for (name, value) in section.sorted(by: { $0.key < $1.key }) {
            let place = "files.\(name)"
            guard !name.isEmpty, !name.contains(".") else {
                throw ProfileError("a table's name cannot be empty or hold a dot", at: place)
            }
            var file = try? text(value, at: place)
            var key: String?
            var from: String?
            if file == nil {
                let entry = try dictionary(value, at: place)
                try onlyKeys(entry, ["file", "key", "from", "comment"], at: place)
                file = try text(entry["file"], at: "\(place).file")
                key = try text(entry["key"], at: "\(place).key")
                from = try text(entry["from"], at: "\(place).from")
            }
            guard let file, !file.isEmpty else { throw ProfileError("give the table's file name", at: place) }
            if let key, let from, !key.isEmpty, !from.isEmpty {
                related.append((name, file, key, from))
            } else if key != nil || from != nil {
                throw ProfileError(
                    "a joined table needs both key (its column) and from (the column whose value it matches)",
                    at: place
                )
            } else if let other = main {
                throw ProfileError(
                    "only the main table is given by its file alone, but '\(other.name)' and '\(name)' both are; "
                        + "give the others key and from",
                    at: place
                )
            } else {
                main = (name, file)
            }
        }
        guard let main else {
            throw ProfileError(
                "name the main table (one row per service) by its file alone, e.g. \"services\": \"services.csv\"",
                at: "files"
            )
        }
        var joins = CSVJoins(main: main.name, mainFile: main.file, related: [:])
        for table in related {
            // Known table names first, so that `from` can name any of them.
            joins.related[table.name] = CSVJoins.Join(
                file: table.file,
                key: table.key,
                from: ColumnReference(table: nil, column: table.from)
            )
        }
        for table in related {
            let from = joins.reference(table.from)
            if from.table == nil, let dot = table.from.firstIndex(of: "."), table.from[..<dot] != main.name {
                throw ProfileError(
                    "there is no table '\(table.from[..<dot])' in files; write table.column for a joined table's "
                        + "column, or the main table's column alone",
                    at: "files.\(table.name).from"
                )
            }
            joins.related[table.name]?.from = from
        }
        for table in related where joins.chain(to: table.name) == nil {
            throw ProfileError("the tables' from columns lead round in a circle", at: "files.\(table.name).from")
        }
        return joins
    }
}
