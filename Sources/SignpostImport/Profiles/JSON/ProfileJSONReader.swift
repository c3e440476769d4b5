import Foundation
public import SignpostCore

/// Reads a JSON list through an import profile with a JSON layout. The document is parsed whole into a compact tree
/// (``JSONValue``; bounded by ``JSONLimits``: a list of services is a few megabytes, and a whole parse keeps paths
/// such as `locations[0].postcode` simple), the parser refusing nesting deeper than the limit.
/// Records are found at the layout's `records` path and mapped by the same rules as CSV rows; messages name
/// records by their number in the list (`record 3`).
public struct ProfileJSONReader: Sendable {
    public let profile: ImportProfile
    public let layout: JSONLayout
    public let vocabularies: Vocabularies
    public var limits = JSONLimits.default

    /// - Precondition: the profile's layout is JSON.
    public init(profile: ImportProfile, vocabularies: Vocabularies) {
        guard case .json(let layout) = profile.layout else { preconditionFailure("not a JSON profile") }
        self.profile = profile
        self.layout = layout
        self.vocabularies = vocabularies
    }

    /// Reads the file at `path` (named `file` in messages).
    /// - Throws: ``ImportFileError`` when the file cannot be read, is over a limit, is not JSON, or holds no list
    ///   where the profile says.
    public func read(
        path: String,
        file: String,
        source: SourceName,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > limits.maximumBytes {
            throw ImportFileError(file: file, message: Self.tooLarge(size, limit: limits.maximumBytes))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError(file: file, message: "cannot read the file: it does not exist or is not readable")
        }
        return try read([UInt8](data), file: file, source: source, emit: emit)
    }

    /// Reads the JSON text `bytes` (the contents of `file`) as services of `source`; `emit`, when given, receives
    /// the valid services in batches and the list returned then holds none.
    /// - Throws: ``ImportFileError`` when the text is over a limit, is not JSON, or holds no list where the profile
    ///   says.
    public func read(
        _ bytes: [UInt8],
        file: String,
        source: SourceName,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        if bytes.count > limits.maximumBytes {
            throw ImportFileError(file: file, message: Self.tooLarge(bytes.count, limit: limits.maximumBytes))
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maximumDepth: limits.maximumDepth)
        } catch {
            throw ImportFileError(
                file: file,
                issues: [
                    ImportIssue(
                        file: file,
                        line: error.line,
                        message: "is not valid JSON: column \(error.column): \(error.message)"
                    )
                ]
            )
        }
        let records = try self.records(in: document, file: file)

        var builder = ParsedListBuilder(
            list: ParsedList(file: file, format: .profileJSON, source: source),
            validator: ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file),
            emit: emit
        )
        builder.places = .record
        builder.list.profile = profile.name
        var mapper = ProfileRecordMapper(profile: profile, vocabularies: vocabularies, file: file)
        let paths = Self.paths(of: profile)
        var readKeys = Set(paths.values.compactMap { if case .key(let key) = $0.0.steps.first { key } else { nil } })
        if case .key(let key) = layout.location?.steps.first { readKeys.insert(key) }
        var unreadKeys = Set<String>()
        var unreadRecords: [Int] = []
        for (offset, value) in records.enumerated() {
            let number = offset + 1
            guard case .object(let record) = value else {
                builder.list.recordCount += 1
                builder.list.issues.append(
                    ImportIssue(
                        file: file,
                        line: number,
                        message: "the record is \(Self.kind(of: value)), not an object { ... }; it was skipped"
                    )
                )
                continue
            }
            let unread = record.keys.filter { !readKeys.contains($0) }
            if !unread.isEmpty {
                unreadKeys.formUnion(unread)
                if unreadRecords.count <= UnmappedValue.lineLimit { unreadRecords.append(number) }
            }
            var problems: [(field: ServiceField, path: String, message: String)] = []
            func reader(_ base: JSONValue) -> (FieldSource) -> [ProfileRecordMapper.Read] {
                { source in
                    guard case .column(let text) = source, let (path, field) = paths[text] else { return [] }
                    var reads: [ProfileRecordMapper.Read] = []
                    for found in path.values(in: base) {
                        if let text = Self.text(of: found) {
                            reads.append((text, number))
                        } else {
                            problems.append((field, text, Self.notAValue(found, at: text)))
                        }
                    }
                    return reads
                }
            }
            let read = reader(value)
            var locations: [(line: Int, read: (FieldSource) -> [ProfileRecordMapper.Read])] = []
            if let locationPath = layout.location {
                for location in locationPath.values(in: value) {
                    if case .object = location { locations.append((number, reader(location))) }
                }
            } else {
                locations = [(number, read)]
            }
            var raw = mapper.record(line: number, read: read, locations: locations)
            for problem in problems {
                raw.reject(problem.field, value: problem.path, line: number, message: problem.message)
            }
            builder.add(raw)
        }
        if records.isEmpty {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    message: "the list "
                        + (layout.records.map { "at '\($0)' " } ?? "")
                        + "holds no records: is this the layout the profile \(profile.name) describes?"
                )
            )
        }
        if let first = unreadRecords.first {
            // As for a CSV column the profile does not read: named, so that a new key is noticed.
            let shown = unreadRecords.prefix(UnmappedValue.lineLimit)
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: first,
                    message: "key(s) the profile \(profile.name) does not read: "
                        + unreadKeys.sorted().prefix(50).joined(separator: ", ")
                        + " (\(RecordPlace.record.names(Array(shown)))"
                        + (unreadRecords.count > shown.count ? ", ..." : "") + ")"
                )
            )
        }
        builder.list.issues += mapper.unmapped.values.map { $0.issue(places: .record) }
        var list = builder.finish()
        list.unmapped = mapper.unmapped.values
        return list
    }

    /// The records: the document itself when it is a list, else what the layout's `records` path leads to.
    private func records(in document: JSONValue, file: String) throws(ImportFileError) -> [JSONValue] {
        guard let path = layout.records else {
            if case .array(let list) = document { return list }
            var message = "the document is \(Self.kind(of: document)), not a list of records"
            if case .object(let object) = document {
                message +=
                    "; say where the records are with json.records in the profile (the document's keys: "
                    + Self.keyList(object) + ")"
            }
            throw ImportFileError(file: file, message: message)
        }
        let found = path.values(in: document)
        if found.isEmpty, !path.reaches(in: document) {
            throw ImportFileError(
                file: file,
                message: "json.records '\(path)' of the profile \(profile.name) leads to nothing in the document"
            )
        }
        return found
    }

    /// An object's keys for messages: sorted, at most twenty.
    static func keyList(_ object: JSONObject) -> String {
        Array(Set(object.keys)).sorted().prefix(20).joined(separator: ", ")
    }

    /// Each field path of the profile, parsed, with the first field read from it (for rejections).
    static func paths(of profile: ImportProfile) -> [String: (JSONPath, ServiceField)] {
        var paths: [String: (JSONPath, ServiceField)] = [:]
        for rule in profile.fields {
            for case .column(let text) in rule.sources where paths[text] == nil {
                if let path = try? JSONPath(text) { paths[text] = (path, rule.field) }
            }
        }
        return paths
    }

    /// The text of a JSON value: strings as they are, numbers as written, booleans as `true` or `false`; `nil`
    /// for objects and nested lists.
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// What a value is, for messages.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string: "text"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    /// Why a value found at `path` cannot be read as text.
    static func notAValue(_ value: JSONValue, at path: String) -> String {
        var message = "'\(path)' leads to \(kind(of: value)), not a value"
        if case .object(let object) = value {
            message += "; give the path of a value inside it (its keys: " + keyList(object) + ")"
        } else {
            message += "; give a path to text, a number or true/false"
        }
        return message
    }

    static func tooLarge(_ size: Int, limit: Int) -> String {
        "the file is \(size) bytes, more than \(CSVLimits.describe(bytes: limit)), the most a JSON list may be (it is "
            + "read whole); split the list into several files"
    }
}
