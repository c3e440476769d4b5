import CLibXML2
import Foundation
public import SignpostCore

/// Reads a bespoke XML list through an import profile with an XML layout. The file is streamed with libxml2: each
/// group element (or record element, when the profile names no group) is read whole, its records are mapped, and it
/// is let go before the next, so memory stays flat however long the file. Declared encodings (ISO-8859-1,
/// Windows-1252...) are libxml2's to convert; CR-only line ends are made LF so that lines are right.
public struct ProfileXMLReader: Sendable {
    public let profile: ImportProfile
    public let layout: XMLLayout
    public let vocabularies: Vocabularies

    /// - Precondition: the profile's layout is XML.
    public init(profile: ImportProfile, vocabularies: Vocabularies) {
        guard case .xml(let layout) = profile.layout else { preconditionFailure("not an XML profile") }
        self.profile = profile
        self.layout = layout
        self.vocabularies = vocabularies
        _ = LibXML.initialised
    }

    /// Reads `input` (named `file` in messages) as services of `source`; `emit`, when given, receives the valid
    /// services in batches and the list returned then holds none.
    /// - Throws: ``ImportFileError`` when the file cannot be opened or is not well-formed XML.
    public func read(
        _ input: XMLInput,
        file: String,
        source: SourceName,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        let collector = LibXMLErrorCollector()
        let reader = try LibXML.openReader(input, file: file)
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, LibXMLErrorCollector.handler, collector.context)

        var validator = ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file)
        validator.droppable = profile.droppableFields
        var builder = ParsedListBuilder(
            list: ParsedList(file: file, format: .profileXML, source: source),
            validator: validator,
            emit: emit
        )
        builder.list.profile = profile.name
        var mapper = ProfileRecordMapper(profile: profile, vocabularies: vocabularies, file: file)
        let kept = KeptElements(layout.lookup)
        let group = layout.group ?? layout.record
        var skipped: [String: (count: Int, lines: [Int])] = [:]
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue),
                let name = LibXML.string(xmlTextReaderConstLocalName(reader))
            else {
                status = xmlTextReaderRead(reader)
                continue
            }
            let isLookup = layout.lookup[name] != nil
            // A record outside any group (AIRS 4.0 puts every element side by side) is read on its own.
            guard name == group || name == layout.record || isLookup, let node = xmlTextReaderExpand(reader) else {
                status = xmlTextReaderRead(reader)
                continue
            }
            if isLookup { kept.keep(node, as: name) }
            if name == group || name == layout.record {
                for record in elements(named: layout.record, in: node) {
                    if let rule = layout.skip.first(where: { Self.holds($0, on: record, kept: kept) }) {
                        var tally = skipped[rule.description] ?? (0, [])
                        tally.count += 1
                        if tally.lines.count < UnmappedValue.lineLimit { tally.lines.append(LibXML.line(of: record)) }
                        skipped[rule.description] = tally
                        continue
                    }
                    builder.add(map(record, with: &mapper, kept: kept))
                }
                if let progress, builder.list.recordCount % 512 == 0 {
                    progress(Int(xmlTextReaderByteConsumed(reader)))
                }
            }
            status = xmlTextReaderNext(reader)
        }
        if status < 0 { throw collector.notWellFormed(file: file) }
        for (rule, tally) in skipped.sorted(by: { $0.key < $1.key }) {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    line: tally.lines.first,
                    message:
                        "\(tally.count) <\(layout.record)> \(tally.count == 1 ? "record was" : "records were") left "
                        + "out because \(rule) (lines \(tally.lines.map(String.init).joined(separator: ", "))"
                        + "\(tally.count > tally.lines.count ? ", ..." : "")), as the profile says"
                )
            )
        }
        if builder.list.recordCount == 0, skipped.isEmpty {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    message: "no <\(layout.record)> element"
                        + (layout.group.map { " (alone or inside a <\($0)>)" } ?? "")
                        + " found: is this the layout the profile \(profile.name) describes?"
                )
            )
        }
        builder.list.issues += mapper.issues
        var list = builder.finish()
        list.unmapped = mapper.unmapped.values
        return list
    }

    /// The raw record of one record element.
    private func map(
        _ record: xmlNodePtr,
        with mapper: inout ProfileRecordMapper,
        kept: KeptElements
    ) -> RawServiceRecord {
        let line = LibXML.line(of: record)
        let read = { (source: FieldSource) -> [ProfileRecordMapper.Read] in
            guard case .path(let path) = source else { return [] }
            return Self.values(of: path, from: record, kept: kept)
        }
        var locations: [(line: Int, read: (FieldSource) -> [ProfileRecordMapper.Read])] = []
        if let locationPath = layout.location {
            for node in Self.nodes(of: locationPath, from: record, kept: kept) {
                locations.append(
                    (
                        LibXML.line(of: node),
                        { source in
                            guard case .path(let path) = source else { return [] }
                            return Self.values(of: path, from: node, kept: kept)
                        }
                    )
                )
            }
        } else {
            locations = [(line, read)]
        }
        return mapper.record(line: line, read: read, locations: locations)
    }

    /// `node` itself if named `name`, else its descendants so named (not looking inside a match).
    private func elements(named name: String, in node: xmlNodePtr) -> [xmlNodePtr] {
        if LibXML.equals(node.pointee.name, name) { return [node] }
        var found: [xmlNodePtr] = []
        for child in LibXML.elements(of: node) { found += elements(named: name, in: child) }
        return found
    }

    // MARK: Paths

    /// Whether a skip rule holds on the element its path leads to from `record`.
    static func holds(_ rule: XMLLayout.SkipRule, on record: xmlNodePtr, kept: KeptElements) -> Bool {
        let targets = rule.path.map { nodes(of: $0, from: record, kept: kept) } ?? [record]
        return targets.contains { holds(rule.condition, on: $0) }
    }

    /// The elements `path` leads to from `node` (ignoring a final attribute step).
    static func nodes(of path: ElementPath, from node: xmlNodePtr, kept: KeptElements) -> [xmlNodePtr] {
        var current = [node]
        for step in path.steps {
            switch step {
            case .parent:
                current = current.compactMap { node in
                    guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
                    return parent
                }
            case .child(let name, let condition):
                current = current.flatMap { node in
                    LibXML.elements(of: node).filter { child in
                        LibXML.equals(child.pointee.name, name) && condition.map { holds($0, on: child) } != false
                    }
                }
            case .follow(let key, let isAttribute, let element):
                current = current.compactMap { node in
                    let id = isAttribute ? attributeValue(node, key) : childText(node, key)
                    return id.flatMap { kept.element(element, id: $0.trimmed) }
                }
            }
        }
        return current
    }

    /// The values `path` reads from `node`, each with its line: attribute values, or elements' text with runs of
    /// white space made one space.
    static func values(of path: ElementPath, from node: xmlNodePtr, kept: KeptElements) -> [ProfileRecordMapper.Read] {
        nodes(of: path, from: node, kept: kept).compactMap { element in
            let text: String?
            if path.readsName {
                text = LibXML.string(element.pointee.name)
            } else if let attribute = path.attribute {
                text = attributeValue(element, attribute)
            } else {
                text = content(of: element)
            }
            guard let text else { return nil }
            let collapsed = collapsingWhiteSpace(text)
            return collapsed.isEmpty ? nil : (collapsed, LibXML.line(of: element))
        }
    }

    /// `text` with runs of white space made one space and none at the ends. Plain ASCII text with single spaces,
    /// the usual case, is returned as it is.
    static func collapsingWhiteSpace(_ text: String) -> String {
        var previousWasSpace = true
        var plain = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previousWasSpace) {
                plain = false
                break
            }
            previousWasSpace = byte == 0x20
        }
        if plain, !previousWasSpace { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func holds(_ condition: ElementPath.Condition, on node: xmlNodePtr) -> Bool {
        condition.holds(
            for: condition.isAttribute ? attributeValue(node, condition.subject) : childText(node, condition.subject)
        )
    }

    /// The text of the first child element named `name`.
    static func childText(_ node: xmlNodePtr, _ name: String) -> String? {
        LibXML.elements(of: node).first { LibXML.equals($0.pointee.name, name) }.flatMap(content(of:))
    }

    /// An attribute's value by local name.
    static func attributeValue(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if LibXML.equals(current.pointee.name, name) {
                var text = ""
                var child = current.pointee.children
                while let part = child {
                    text += LibXML.string(part.pointee.content) ?? ""
                    child = part.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// All the text inside an element, its descendants' included.
    private static func content(of node: xmlNodePtr) -> String? {
        var text = ""
        func gather(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += LibXML.string(current.pointee.content) ?? ""
                case XML_ELEMENT_NODE:
                    text += " "
                    gather(current)
                default: break
                }
                child = current.pointee.next
            }
        }
        gather(node)
        return text
    }
}

/// Elements kept while streaming so that records can follow references to them (`xml.lookup`): deep copies, by
/// element name and id, freed with the reader's work.
final class KeptElements {
    private let keys: [String: XMLLayout.LookupKey]
    private var byName: [String: [String: xmlNodePtr]] = [:]

    init(_ keys: [String: XMLLayout.LookupKey]) {
        self.keys = keys
    }

    deinit {
        for elements in byName.values { for node in elements.values { xmlFreeNode(node) } }
    }

    /// Keeps a copy of `node` (an element named `name`) under its id; the first of an id wins.
    func keep(_ node: xmlNodePtr, as name: String) {
        guard let key = keys[name] else { return }
        let id =
            key.isAttribute
            ? ProfileXMLReader.attributeValue(node, key.name) : ProfileXMLReader.childText(node, key.name)
        guard let id = id?.trimmed, !id.isEmpty, byName[name]?[id] == nil, let copy = xmlCopyNode(node, 1) else {
            return
        }
        byName[name, default: [:]][id] = copy
    }

    func element(_ name: String, id: String) -> xmlNodePtr? { byName[name]?[id] }
}
