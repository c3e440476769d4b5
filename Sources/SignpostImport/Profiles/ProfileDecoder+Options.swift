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
