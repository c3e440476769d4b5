import Foundation
public import SignpostCore

extension ImportProfile {
    /// Reads a profile from the JSON text of `file`. Every mistake is reported with where it is in the profile
    /// (`fields.need_types.split`) and what is allowed there; unknown keys are mistakes, not ignored, since a
    /// misspelt key would otherwise silently read nothing.
    /// A profile that `extends` another finds it in `library` (or, without one, beside `file`); see
    /// ``ProfileInheritance``.
    public static func decode(
        json: [UInt8],
        file: String,
        name: String,
        library: ProfileLibrary? = nil
    ) throws(ProfileError) -> ImportProfile {
        var object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json), options: [])
        } catch {
            throw ProfileError("is not valid JSON: \((error as NSError).localizedDescription)", file: file)
        }
        object = try ProfileInheritance(library: library).resolve(object, file: file, name: name)
        do {
            var profile = try ProfileDecoder(file: file).profile(object, name: name)
            profile.path = file
            return profile
        } catch var error {
            error.file = file
            throw error
        }
    }

    /// The map an hsds profile gives for taxonomy terms (by name or code) to need types and specialisms.
    public static let taxonomyTermMap = "taxonomy-terms"

    /// The vocabulary whose codes a field holds, if any (coverage is checked by ``Vocabularies/resolveArea(_:)``).
    static func vocabulary(of field: ServiceField) -> VocabularyName? {
        switch field {
        case .needTypes: .needTypes
        case .specialisms: .specialisms
        case .genders: .genders
        case .crimeTypes: .crimeTypes
        case .riskLevels: .riskLevels
        case .languages: .languages
        case .accessibility: .accessibility
        case .channels: .channels
        case .referralRoutes: .referralRoutes
        default: nil
        }
    }

    /// The fields that hold dates, read with a ``DatePattern``.
    static func isDate(_ field: ServiceField) -> Bool {
        [.capacityUpdated, .waitAsOf, .contractEnd, .lastVerified].contains(field)
    }

    /// The fields that hold yes or no.
    static func isYesNo(_ field: ServiceField) -> Bool {
        [.interpreting, .bsl, .locationConfidential].contains(field)
    }

    /// Mistakes that need the vocabularies to see: map targets and constants that are not Signpost codes, and
    /// required fields without a rule. Empty when the profile is sound.
    public func problems(with vocabularies: Vocabularies) -> [ProfileError] {
        var problems: [ProfileError] = []
        if case .openReferralTables = layout {
            for (name, map) in maps.sorted(by: { $0.key < $1.key }) {
                guard name == ImportProfile.taxonomyTermMap else {
                    problems.append(
                        ProfileError(
                            "an hsds profile uses only the map '\(ImportProfile.taxonomyTermMap)'",
                            file: path,
                            at: "maps.\(name)"
                        )
                    )
                    continue
                }
                for code in Set(map.allCodes).sorted()
                where vocabularies.resolve(code, as: NeedType.self) == nil
                    && vocabularies.resolve(code, as: Specialism.self) == nil
                {
                    problems.append(
                        ProfileError(
                            "'\(code)' is neither a need type nor a specialism",
                            file: path,
                            at: "maps.\(name)"
                        )
                    )
                }
            }
        } else {
            for field in SignpostCSVReader.requiredColumns where rule(for: field) == nil {
                problems.append(
                    ProfileError("no rule for the required field '\(field.column)'", file: path, at: "fields")
                )
            }
        }
        func check(_ code: String, for field: ServiceField, at place: String) {
            if field == .coverage {
                if vocabularies.resolveArea(code) == nil {
                    problems.append(
                        ProfileError(
                            "'\(code)' is not an area Signpost knows (a force area, local authority, postcode area or "
                                + "national)",
                            file: path,
                            at: place
                        )
                    )
                }
            } else if field == .status {
                if ServiceStatus(rawValue: code) == nil {
                    problems.append(
                        ProfileError(
                            "'\(code)' is not a status (accepting, waitlist, paused, closed)",
                            file: path,
                            at: place
                        )
                    )
                }
            } else if let name = ImportProfile.vocabulary(of: field), vocabularies[name].code(for: code) == nil {
                problems.append(
                    ProfileError(
                        "\(vocabularies[name].unknownMessage(code)) (vocabulary \(name.fileName))",
                        file: path,
                        at: place
                    )
                )
            }
        }
        for rule in fields {
            let place = "fields.\(rule.field.column)"
            for source in rule.sources {
                if case .constant(let value) = source, rule.map == nil { check(value, for: rule.field, at: place) }
            }
            if rule.map == nil { for value in rule.defaultValues { check(value, for: rule.field, at: place) } }
            for value in rule.fallbackValues { check(value, for: rule.field, at: "\(place).fallback") }
            if let map = rule.map {
                for code in Set(map.allCodes).sorted() { check(code, for: rule.field, at: "maps.\(map.name)") }
            }
        }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }
}

/// Walks the parsed JSON of a profile, keeping the path for messages.
struct ProfileDecoder {
    let file: String

    static let topKeys = [
        "name", "title", "description", "source", "format", "csv", "xml", "dateFormat", "yes", "no", "fields", "maps",
        "comment", "extends", "files", "json", "xlsx",
    ]
    static let ruleKeys = [
        "column", "columns", "position", "path", "paths", "constant", "default", "split", "join", "map", "dateFormat",
        "first", "comment", "fallback", "on_invalid", "when", "capture",
    ]

    func profile(_ object: Any, name: String) throws(ProfileError) -> ImportProfile {
        let top = try dictionary(object, at: nil)
        try onlyKeys(top, Self.topKeys, at: nil)
        let format = try text(top["format"], at: "format") ?? "csv"
        let layout: ImportProfile.Layout
        switch format.lowercased() {
        case "csv": layout = .csv(try csvLayout(top["csv"], files: top["files"]))
        case "xml": layout = .xml(try xmlLayout(top["xml"]))
        case "hsds", "open-referral": layout = .openReferralTables
        case "json": layout = .json(try jsonLayout(top["json"]))
        case "xlsx", "excel": layout = .xlsx(try xlsxLayout(top["xlsx"]))
        default:
            throw ProfileError("'\(format)' is not a format; use csv, xml, hsds, json or xlsx", at: "format")
        }
        try checkLayoutSections(top, format: format)
        if top["csv"] != nil, format.lowercased() != "csv" {
            throw ProfileError("a csv section is given but the format is \(format)", at: "csv")
        }
        if top["files"] != nil, format.lowercased() != "csv" {
            throw ProfileError("files (several tables joined) is for csv profiles", at: "files")
        }
        if top["xml"] != nil, format.lowercased() != "xml" {
            throw ProfileError("an xml section is given but the format is \(format)", at: "xml")
        }
        let dateFormat: DatePattern
        if let pattern = try text(top["dateFormat"], at: "dateFormat") {
            do { dateFormat = try DatePattern(pattern) } catch { throw ProfileError(error.message, at: "dateFormat") }
        } else {
            dateFormat = .iso
        }
        var maps: [String: ValueMap] = [:]
        if let mapsObject = top["maps"] {
            for (mapName, entries) in try dictionary(mapsObject, at: "maps") {
                maps[mapName] = try valueMap(entries, name: mapName, at: "maps.\(mapName)")
            }
        }
        var fields: [FieldRule] = []
        let byColumn = Dictionary(uniqueKeysWithValues: ServiceField.allCases.map { ($0.column, $0) })
        if let fieldsObject = top["fields"] {
            for (key, ruleObject) in try dictionary(fieldsObject, at: "fields") {
                guard let field = byColumn[key] else {
                    throw ProfileError(
                        "'\(key)' is not a Signpost field; the fields are "
                            + ServiceField.allCases.map(\.column).joined(separator: ", "),
                        at: "fields"
                    )
                }
                let read = try rule(ruleObject, field: field, layout: layout, maps: maps, at: "fields.\(key)")
                fields.append(try checked(read, layout: layout, at: "fields.\(key)"))
            }
        } else if case .openReferralTables = layout {
        } else {
            throw ProfileError("a profile needs a fields section saying where each Signpost field comes from")
        }
        fields.sort { $0.field.rawValue < $1.field.rawValue }
        if case .json = layout { try checkJSONPaths(fields) }
        if case .xml(let xml) = layout {
            for rule in fields {
                for case .path(let path) in rule.sources {
                    for element in path.followedElements where xml.lookup[element] == nil {
                        throw ProfileError(
                            "'\(path)' follows a reference to \(element), which xml.lookup does not keep",
                            at: "fields.\(rule.field.column)"
                        )
                    }
                }
            }
        }
        return ImportProfile(
            name: try text(top["name"], at: "name") ?? name,
            title: try text(top["title"], at: "title") ?? name,
            description: try text(top["description"], at: "description"),
            source: try text(top["source"], at: "source").map { SourceName($0) },
            layout: layout,
            dateFormat: dateFormat,
            yesWords: try texts(top["yes"], at: "yes") ?? ImportProfile.defaultYesWords,
            noWords: try texts(top["no"], at: "no") ?? ImportProfile.defaultNoWords,
            fields: fields,
            maps: maps
        )
    }

    func csvLayout(_ object: Any?, files: Any? = nil) throws(ProfileError) -> CSVLayout {
        guard let object else {
            var layout = CSVLayout()
            layout.joins = try joins(files)
            return layout
        }
        let section = try dictionary(object, at: "csv")
        try onlyKeys(section, ["delimiter", "encoding", "headerRow", "comment", "skip", "keep"], at: "csv")
        var layout = CSVLayout()
        if let delimiter = try text(section["delimiter"], at: "csv.delimiter") {
            guard let byte = CSVLayout.delimiterByte(delimiter) else {
                throw ProfileError("use comma, semicolon, tab, pipe or a single character", at: "csv.delimiter")
            }
            layout.delimiter = byte
        }
        if let encoding = try text(section["encoding"], at: "csv.encoding") {
            guard let known = CSVLayout.encoding(named: encoding) else {
                throw ProfileError(
                    "'\(encoding)' is not an encoding Signpost reads; use utf-8, utf-16, windows-1252 or iso-8859-1",
                    at: "csv.encoding"
                )
            }
            layout.encoding = known
        }
        if let row = section["headerRow"] {
            guard let number = try integer(row, at: "csv.headerRow"), number >= 0 else {
                throw ProfileError("give the line of the header row (1 for the first; 0 for none)", at: "csv.headerRow")
            }
            layout.headerRow = number
        }
        try rowFilters(section, into: &layout)
        layout.joins = try joins(files)
        return layout
    }

    func xmlLayout(_ object: Any?) throws(ProfileError) -> XMLLayout {
        guard let object else {
            throw ProfileError("an xml profile needs an xml section naming the record element", at: "xml")
        }
        let section = try dictionary(object, at: "xml")
        try onlyKeys(section, ["record", "group", "location", "lookup", "skip", "comment"], at: "xml")
        guard let record = try text(section["record"], at: "xml.record"), ElementPath.isName(record) else {
            throw ProfileError(
                "name the element that holds one service, e.g. \"record\": \"Service\"",
                at: "xml.record"
            )
        }
        let group = try text(section["group"], at: "xml.group")
        if let group, !ElementPath.isName(group) {
            throw ProfileError("'\(group)' is not an element name", at: "xml.group")
        }
        var location: ElementPath?
        if let path = try text(section["location"], at: "xml.location") {
            do { location = try ElementPath(path) } catch { throw ProfileError(error.message, at: "xml.location") }
        }
        var lookup: [String: XMLLayout.LookupKey] = [:]
        if let object = section["lookup"] {
            for (element, keyObject) in try dictionary(object, at: "xml.lookup") {
                guard ElementPath.isName(element), var key = try text(keyObject, at: "xml.lookup.\(element)") else {
                    throw ProfileError("give each element's id as a child name or @attribute", at: "xml.lookup")
                }
                let isAttribute = key.hasPrefix("@")
                if isAttribute { key.removeFirst() }
                guard ElementPath.isName(key) else {
                    throw ProfileError("'\(key)' is not a name", at: "xml.lookup.\(element)")
                }
                lookup[element] = XMLLayout.LookupKey(name: key, isAttribute: isAttribute)
            }
        }
        var skip: [XMLLayout.SkipRule] = []
        for rule in try texts(section["skip"], at: "xml.skip") ?? [] {
            do { skip.append(try XMLLayout.SkipRule(rule)) } catch { throw ProfileError(error.message, at: "xml.skip") }
        }
        return XMLLayout(record: record, group: group, location: location, lookup: lookup, skip: skip)
    }

    func rule(
        _ object: Any,
        field: ServiceField,
        layout: ImportProfile.Layout,
        maps: [String: ValueMap],
        at place: String
    ) throws(ProfileError) -> FieldRule {
        var rule = FieldRule(field: field)
        let isXML: Bool
        if case .xml = layout { isXML = true } else { isXML = false }
        // Shorthand: a column name (CSV), a path (XML) or a position.
        if let shorthand = object as? String {
            rule.sources = [try source(shorthand, isXML: isXML, at: place)]
            return rule
        }
        if let number = object as? NSNumber, !isBoolean(object) {
            rule.sources = [try position(number, at: place)]
            return rule
        }
        let entry = try dictionary(object, at: place)
        try onlyKeys(entry, Self.ruleKeys, at: place)
        if let column = entry["column"] { rule.sources.append(try columnSource(column, at: "\(place).column")) }
        if let columns = entry["columns"] {
            guard let list = columns as? [Any], !list.isEmpty else {
                throw ProfileError("give a list of column names or positions", at: "\(place).columns")
            }
            for item in list { rule.sources.append(try columnSource(item, at: "\(place).columns")) }
        }
        if let number = entry["position"] {
            guard let value = number as? NSNumber else {
                throw ProfileError("give a column number, 1 for the first", at: "\(place).position")
            }
            rule.sources.append(try position(value, at: "\(place).position"))
        }
        var paths = try texts(entry["path"], at: "\(place).path") ?? []
        paths += try texts(entry["paths"], at: "\(place).paths") ?? []
        for path in paths where !layout.isJSON {
            do { rule.sources.append(.path(try ElementPath(path))) } catch {
                throw ProfileError(error.message, at: "\(place).path")
            }
        }
        if layout.isJSON {
            rule.sources += paths.map(FieldSource.column)
        } else if !paths.isEmpty, !isXML {
            throw ProfileError("paths are for XML and JSON profiles; use column", at: "\(place).path")
        }
        if isXML, rule.sources.contains(where: { if case .path = $0 { false } else { true } }) {
            throw ProfileError("columns are for CSV profiles; use path", at: place)
        }
        for value in try texts(entry["constant"], at: "\(place).constant") ?? [] {
            rule.sources.append(.constant(value))
        }
        rule.defaultValues = try texts(entry["default"], at: "\(place).default") ?? []
        try options(entry, into: &rule, layout: layout, at: place)
        if rule.sources.isEmpty, rule.defaultValues.isEmpty, rule.fallbackValues.isEmpty, !Self.onlyAddsValues(layout) {
            throw ProfileError("say where the value comes from: column, path, constant or default", at: place)
        }
        rule.separators = try texts(entry["split"], at: "\(place).split") ?? []
        if rule.separators.contains(where: \.isEmpty) {
            throw ProfileError("a separator cannot be empty", at: "\(place).split")
        }
        if !rule.separators.isEmpty, !field.isList {
            throw ProfileError("'\(field.column)' holds one value; split is for list fields", at: "\(place).split")
        }
        rule.joiner = try text(entry["join"], at: "\(place).join") ?? ", "
        if let first = entry["first"] {
            guard let flag = first as? Bool ?? (isBoolean(first) ? (first as? NSNumber)?.boolValue : nil) else {
                throw ProfileError("write true or false", at: "\(place).first")
            }
            guard !field.isList else {
                throw ProfileError(
                    "'\(field.column)' is a list field; first is for single values",
                    at: "\(place).first"
                )
            }
            rule.firstOnly = flag
        }
        if let map = entry["map"] {
            if let mapName = map as? String {
                guard let named = maps[mapName] else {
                    let known = maps.keys.sorted().joined(separator: ", ")
                    throw ProfileError(
                        "there is no map named '\(mapName)' in maps" + (known.isEmpty ? "" : " (there are: \(known))"),
                        at: "\(place).map"
                    )
                }
                rule.map = named
            } else {
                rule.map = try valueMap(map, name: field.column, at: "\(place).map")
            }
        }
        if let pattern = try text(entry["dateFormat"], at: "\(place).dateFormat") {
            guard ImportProfile.isDate(field) else {
                throw ProfileError("'\(field.column)' is not a date field", at: "\(place).dateFormat")
            }
            do { rule.dateFormat = try DatePattern(pattern) } catch {
                throw ProfileError(error.message, at: "\(place).dateFormat")
            }
        }
        return rule
    }

    func source(_ text: String, isXML: Bool, at place: String) throws(ProfileError) -> FieldSource {
        if isXML {
            do { return .path(try ElementPath(text)) } catch { throw ProfileError(error.message, at: place) }
        }
        return .column(text)
    }

    func columnSource(_ object: Any, at place: String) throws(ProfileError) -> FieldSource {
        if let name = object as? String { return .column(name) }
        if let number = object as? NSNumber, !isBoolean(object) { return try position(number, at: place) }
        throw ProfileError("give a column's header name or its position (1 for the first)", at: place)
    }

    func position(_ number: NSNumber, at place: String) throws(ProfileError) -> FieldSource {
        let value = number.intValue
        guard Double(value) == number.doubleValue, value >= 1 else {
            throw ProfileError("a column position is a whole number from 1", at: place)
        }
        return .position(value)
    }

    func valueMap(_ object: Any, name: String, at place: String) throws(ProfileError) -> ValueMap {
        let entries = try dictionary(object, at: place)
        var pairs: [(String, [String])] = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            if value is NSNull {
                pairs.append((key, []))
            } else if let codes = try texts(value, at: "\(place).\(key)") {
                pairs.append((key, codes))
            }
        }
        return ValueMap(name: name, entries: pairs)
    }

    // MARK: JSON shapes

    func dictionary(_ object: Any, at place: String?) throws(ProfileError) -> [String: Any] {
        guard let dictionary = object as? [String: Any] else {
            throw ProfileError("expected an object { ... }", at: place)
        }
        return dictionary
    }

    func onlyKeys(_ dictionary: [String: Any], _ allowed: [String], at place: String?) throws(ProfileError) {
        for key in dictionary.keys.sorted() where !allowed.contains(key) {
            throw ProfileError(
                "unknown key '\(key)'; expected one of \(allowed.joined(separator: ", "))",
                at: place.map { "\($0).\(key)" } ?? key
            )
        }
    }

    func text(_ object: Any?, at place: String) throws(ProfileError) -> String? {
        guard let object, !(object is NSNull) else { return nil }
        if let text = object as? String { return text }
        if let number = object as? NSNumber, !isBoolean(object) { return number.stringValue }
        throw ProfileError("expected text", at: place)
    }

    /// Text or a list of texts.
    func texts(_ object: Any?, at place: String) throws(ProfileError) -> [String]? {
        guard let object, !(object is NSNull) else { return nil }
        if let list = object as? [Any] {
            var out: [String] = []
            for item in list {
                guard let value = try text(item, at: place) else { continue }
                out.append(value)
            }
            return out
        }
        return [try text(object, at: place) ?? ""]
    }

    /// Whether a parsed JSON value is `true` or `false` (Foundation gives booleans as NSNumbers too).
    func isBoolean(_ object: Any) -> Bool {
        guard let number = object as? NSNumber else { return object is Bool }
        return String(cString: number.objCType) == "c"
    }

    func integer(_ object: Any, at place: String) throws(ProfileError) -> Int? {
        guard let number = object as? NSNumber, !isBoolean(object), Double(number.intValue) == number.doubleValue else {
            throw ProfileError("expected a whole number", at: place)
        }
        return number.intValue
    }
}

extension CSVLayout {
    /// The byte a delimiter's name stands for: comma, semicolon, tab, pipe, or a single character.
    public static func delimiterByte(_ text: String) -> UInt8? {
        switch text.lowercased() {
        case "comma", ",": UInt8(ascii: ",")
        case "semicolon", ";": UInt8(ascii: ";")
        case "tab", "\\t", "\t": UInt8(ascii: "\t")
        case "pipe", "|": UInt8(ascii: "|")
        default: text.utf8.count == 1 ? text.utf8.first : nil
        }
    }

    static func encoding(named name: String) -> TextEncoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": .utf8
        case "utf-16", "utf-16le", "utf16": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        case "windows-1252", "cp1252", "ansi": .windows1252
        case "iso-8859-1", "latin-1", "latin1", "iso8859-1": .latin1
        default: nil
        }
    }
}
