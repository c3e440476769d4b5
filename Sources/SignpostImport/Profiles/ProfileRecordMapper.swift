import Foundation
import SignpostCore

/// Turns what a profile's rules read from one record (cells or XML values, with their lines) into a
/// ``RawServiceRecord``: splits multi-valued cells, sends values through the value maps, resolves vocabulary names
/// (languages by name, need types by keyword), reads dates in the declared format and yes/no words. Values that
/// map to nothing are counted in ``unmapped`` and left out of the record; unusable dates and yes/no values reject
/// the record with the reason.
struct ProfileRecordMapper {
    let profile: ImportProfile
    let vocabularies: Vocabularies
    let file: String
    let naming: RawServiceRecord.Naming
    /// The source each field is named by in messages unless another supplied its value, by field position.
    private let sourceNames: [String?]
    var unmapped = UnmappedValueTally()
    /// Values a field's `capture` pattern did not match, by field.
    var unmatched = UnmatchedValueTally()
    private let yes: Set<String>
    private let no: Set<String>

    /// One text read, with the line it is on.
    typealias Read = (text: String, line: Int)
    /// One text with the line it is on and the source that gave it (a column or path, or the profile's constant or
    /// default), which messages about it name.
    private typealias SourcedRead = (text: String, line: Int, source: String)

    /// How messages name a value that came from a field's `constant` or `default` in the profile.
    static let constantSource = "the profile's constant"
    static let defaultSource = "the profile's default"
    static let fallbackSource = "the profile's fallback"

    /// The warnings about values left out: those that map to nothing, and those a pattern did not match.
    var issues: [ImportIssue] { unmapped.values.map(\.issue) + unmatched.issues }

    init(profile: ImportProfile, vocabularies: Vocabularies, file: String) {
        self.profile = profile
        self.vocabularies = vocabularies
        self.file = file
        var names: [ServiceField: String] = [:]
        var sourceNames = [String?](repeating: nil, count: ServiceField.allCases.count)
        for rule in profile.fields {
            let name =
                rule.sources.lazy.compactMap(\.label).first
                ?? (rule.sources.isEmpty ? Self.defaultSource : Self.constantSource)
            names[rule.field] = name
            sourceNames[rule.field.rawValue] = name
        }
        naming = .profile(ProfileFieldNames(names))
        self.sourceNames = sourceNames
        yes = Set(profile.yesWords.map { $0.lowercased() })
        no = Set(profile.noWords.map { $0.lowercased() })
    }

    /// The record at `line`, reading service fields with `read` and, for each location, location fields with
    /// `readLocation` (one call per location).
    mutating func record(
        line: Int,
        read: (FieldSource) -> [Read],
        locations: [(line: Int, read: (FieldSource) -> [Read])]
    ) -> RawServiceRecord {
        var record = RawServiceRecord(line: line, naming: naming)
        for rule in profile.fields where !rule.field.isLocationField {
            let values = self.values(of: rule, line: line, read: read, record: &record)
            if rule.field.isList {
                for value in values { record.append(value.text, to: rule.field, line: value.line) }
            } else if let first = values.first {
                record[rule.field] = first.text
                if first.line != line { record.setLine(first.line, of: rule.field) }
            }
        }
        for location in locations {
            var raw = RawServiceRecord.RawLocation(line: location.line)
            for rule in profile.fields where rule.field.isLocationField {
                guard let value = values(of: rule, line: location.line, read: location.read, record: &record).first
                else { continue }
                raw.values[rule.field] = value.text
                if value.line != location.line { raw.fieldLines[rule.field] = value.line }
            }
            if !raw.values.isEmpty { record.locations.append(raw) }
        }
        return record
    }

    /// The Signpost values of one field.
    private mutating func values(
        of rule: FieldRule,
        line: Int,
        read: (FieldSource) -> [Read],
        record: inout RawServiceRecord
    ) -> [Read] {
        var texts: [SourcedRead] = []
        var constants: [SourcedRead] = []
        // A condition that does not hold on the row: the field reads nothing from it.
        let applies = rule.conditions.allSatisfy { condition in
            condition.holds(for: read(.column(condition.column)).first?.text)
        }
        for source in rule.sources where applies || source.isConstant {
            switch source {
            case .constant(let value):
                constants.append((value, line, Self.constantSource))
            case .path:
                // Paths are alternatives for a single value, and all contribute to a list.
                if !rule.field.isList, !texts.isEmpty { continue }
                texts += sourced(read(source), from: source)
            case .column, .position:
                texts += sourced(read(source), from: source)
            }
        }
        if let capture = rule.capture { texts = captured(texts, with: capture, field: rule.field) }
        let given = !texts.isEmpty
        if !rule.field.isList, texts.count > 1 {
            if rule.firstOnly {
                texts = [texts[0]]
            } else {
                var sources: [String] = []
                for text in texts where !sources.contains(text.source) { sources.append(text.source) }
                texts = [
                    (
                        texts.map(\.text).joined(separator: rule.joiner), texts[0].line,
                        sources.joined(separator: " + ")
                    )
                ]
            }
        }
        if texts.isEmpty { texts = constants }
        if texts.isEmpty { texts = rule.defaultValues.map { ($0, line, Self.defaultSource) } }
        if !rule.separators.isEmpty { texts = texts.flatMap { split($0, by: rule.separators) } }
        if let supplier = texts.first?.source, supplier != sourceNames[rule.field.rawValue],
            texts.allSatisfy({ $0.source == supplier })
        {
            record.setSource(supplier, of: rule.field)
        }

        var out: [Read] = []
        for item in texts {
            let text = item.text.trimmed
            guard !text.isEmpty else { continue }
            let mapped = rule.map?.codes(for: text) ?? [text]
            for value in mapped where !value.isEmpty {
                if let usable = convert(value, original: text, rule: rule, from: item, record: &record) {
                    out.append((usable, item.line))
                }
            }
        }
        // The source gave values and none became a Signpost value: the fallback stands in (the values are still
        // reported as mapping to nothing).
        if out.isEmpty, given, !rule.fallbackValues.isEmpty {
            var fallbackRule = rule
            fallbackRule.map = nil
            for value in rule.fallbackValues {
                let item: SourcedRead = (value, line, Self.fallbackSource)
                if let usable = convert(value, original: value, rule: fallbackRule, from: item, record: &record) {
                    out.append((usable, line))
                }
            }
            if !out.isEmpty { record.setSource(Self.fallbackSource, of: rule.field) }
        }
        return out
    }

    /// The part of each text that `capture` picks out; texts it does not match are counted and left out.
    private mutating func captured(
        _ texts: [SourcedRead],
        with capture: ValueCapture,
        field: ServiceField
    ) -> [SourcedRead] {
        texts.compactMap { item in
            if let value = capture.value(in: item.text) { return (value, item.line, item.source) }
            unmatched.add(
                item.text,
                field: ProfileFieldNames.name(source: item.source, field: field),
                pattern: capture,
                file: file,
                line: item.line
            )
            return nil
        }
    }

    /// The value as Signpost writes it, or `nil` when it maps to nothing (counted) or cannot be used (the record is
    /// rejected).
    private mutating func convert(
        _ value: String,
        original: String,
        rule: FieldRule,
        from item: SourcedRead,
        record: inout RawServiceRecord
    ) -> String? {
        let field = rule.field
        let line = item.line
        if let name = ImportProfile.vocabulary(of: field) {
            if let code = code(for: value, in: vocabularies[name]) { return code }
            return unmappedValue(original, of: field, from: item)
        }
        if field == .coverage {
            if vocabularies.resolveArea(value) != nil { return value }
            return unmappedValue(original, of: field, from: item)
        }
        if ImportProfile.isDate(field) {
            let pattern = rule.dateFormat ?? profile.dateFormat
            if let date = pattern.date(from: value) { return date.description }
            record.reject(
                field,
                value: value,
                line: line,
                message: "'\(value)' is not a date written \(pattern) (as the profile declares)"
            )
            return nil
        }
        if ImportProfile.isYesNo(field) {
            let word = value.lowercased()
            if yes.contains(word) { return "true" }
            if no.contains(word) { return "false" }
            record.reject(
                field,
                value: value,
                line: line,
                message: "'\(value)' is neither a yes word (\(profile.yesWords.joined(separator: ", "))) nor a no word "
                    + "(\(profile.noWords.joined(separator: ", "))) of the profile"
            )
            return nil
        }
        if field == .status { return value.lowercased() }
        return value
    }

    /// The code `text` names in `vocabulary`: by code, label or alias, or, for text such as "Chinese (Mandarin)" or
    /// "Filipino (Tagalog)", by the words in brackets and then the words before them.
    private func code(for text: String, in vocabulary: Vocabulary) -> String? {
        if let code = vocabulary.code(for: text) { return code }
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            return nil
        }
        let inside = String(text[text.index(after: open)..<close]).trimmed
        let before = String(text[..<open]).trimmed
        return vocabulary.code(for: inside) ?? vocabulary.code(for: before)
    }

    /// Counts `original` as a value of `field` that maps to nothing, named by the source it came from.
    private mutating func unmappedValue(_ original: String, of field: ServiceField, from item: SourcedRead) -> String? {
        let name = ProfileFieldNames.name(source: item.source, field: field)
        unmapped.add(original, field: name, file: file, line: item.line)
        return nil
    }

    /// The non-empty texts of `reads`, marked as coming from `source`.
    private func sourced(_ reads: [Read], from source: FieldSource) -> [SourcedRead] {
        let name = source.label ?? Self.constantSource
        return reads.compactMap { $0.text.isEmpty ? nil : ($0.text, $0.line, name) }
    }

    private func split(_ item: SourcedRead, by separators: [String]) -> [SourcedRead] {
        BracketAwareSplitter.split(item.text, by: separators).map { ($0, item.line, item.source) }
    }
}

extension FieldSource {
    /// How the source is named in messages, or `nil` for a constant.
    var label: String? {
        switch self {
        case .column(let name): name
        case .position(let number): "column \(number)"
        case .path(let path): path.description
        case .constant: nil
        }
    }

    var isConstant: Bool {
        if case .constant = self { true } else { false }
    }
}

/// Values that map to nothing, counted by field and value with the first lines they were seen on.
struct UnmappedValueTally {
    private var byKey: [String: UnmappedValue] = [:]

    mutating func add(_ value: String, field: String, file: String, line: Int) {
        let key = "\(field)\u{0}\(value)"
        if var known = byKey[key] {
            known.count += 1
            if known.lines.count < UnmappedValue.lineLimit { known.lines.append(line) }
            byKey[key] = known
        } else {
            byKey[key] = UnmappedValue(value: value, field: field, file: file, count: 1, lines: [line])
        }
    }

    /// By field, then most frequent first, then by value.
    var values: [UnmappedValue] {
        byKey.values.sorted { ($0.field, -$0.count, $0.value) < ($1.field, -$1.count, $1.value) }
    }
}

extension UnmappedValue {
    /// The warning that reports the value in an import.
    public var issue: ImportIssue { issue(places: .line) }

    /// The warning that reports the value, naming where it was seen as `places` names records.
    func issue(places: RecordPlace) -> ImportIssue {
        let more = count > self.lines.count ? ", ..." : ""
        return ImportIssue(
            severity: .warning,
            file: file,
            line: self.lines.first,
            field: field,
            value: value,
            message:
                "'\(value)' maps to nothing in Signpost's vocabularies (\(count) \(count == 1 ? "time" : "times"); "
                + "\(places.names(lines))\(more)); it was left out. Add it to the profile's value map or as a vocabulary alias"
        )
    }
}
