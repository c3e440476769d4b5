import SignpostCore

/// An hsds profile's fields applied to the services read from the tables: a `constant` replaces what the tables say,
/// a `default` fills a field they leave empty, and a `fallback` fills one for which they gave values that all mapped
/// to nothing (terms, areas or languages Signpost does not know).
extension HSDSReadContext {
    /// Notes that the tables gave the services at `positions` a value of `field` that mapped to nothing.
    mutating func noteUnmapped(_ field: ServiceField, at positions: [Int]) {
        guard rules.contains(where: { $0.field == field && !$0.fallbackValues.isEmpty }) else { return }
        for position in positions { unmappedFields[position, default: []].insert(field) }
    }

    mutating func applyProfileFields() {
        for rule in rules {
            let constants = rule.sources.compactMap { source -> String? in
                if case .constant(let value) = source { value } else { nil }
            }
            for position in records.indices {
                let given = has(rule.field, at: position)
                if !constants.isEmpty {
                    set(rule.field, to: constants, at: position, source: ProfileRecordMapper.constantSource)
                } else if !given, unmappedFields[position]?.contains(rule.field) == true,
                    !rule.fallbackValues.isEmpty
                {
                    set(rule.field, to: rule.fallbackValues, at: position, source: ProfileRecordMapper.fallbackSource)
                } else if !given, !rule.defaultValues.isEmpty {
                    set(rule.field, to: rule.defaultValues, at: position, source: ProfileRecordMapper.defaultSource)
                }
            }
        }
    }

    private func has(_ field: ServiceField, at position: Int) -> Bool {
        let record = records[position]
        if field.isLocationField { return record.locations.contains { $0.values[field] != nil } }
        return field.isList ? !record.list(field).isEmpty : record[field] != nil
    }

    /// Sets `field` of the record at `position` to `values` (a single-valued field takes them joined; a location
    /// field is set on every location the service has).
    private mutating func set(_ field: ServiceField, to values: [String], at position: Int, source: String) {
        if field.isLocationField {
            for index in records[position].locations.indices {
                records[position].locations[index].values[field] = values.joined(separator: ", ")
            }
        } else if field.isList {
            records[position].drop(field, value: nil)
            for value in values { records[position].append(value, to: field) }
        } else {
            records[position][field] = values.joined(separator: ", ")
        }
        records[position].setSource(source, of: field)
    }
}
