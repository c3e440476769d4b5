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

        var builder = ParsedListBuilder(
            list: ParsedList(file: file, format: .profileXML, source: source),
            validator: ServiceRecordValidator(vocabularies: vocabularies, source: source, file: file),
            emit: emit
        )
        builder.list.profile = profile.name
        var mapper = ProfileRecordMapper(profile: profile, vocabularies: vocabularies, file: file)
        let group = layout.group ?? layout.record
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue),
                LibXML.string(xmlTextReaderConstLocalName(reader)) == group,
                let node = xmlTextReaderExpand(reader)
            {
                for record in elements(named: layout.record, in: node) {
                    builder.add(map(record, with: &mapper))
                }
                if let progress, builder.list.recordCount % 512 == 0 {
                    progress(Int(xmlTextReaderByteConsumed(reader)))
                }
                status = xmlTextReaderNext(reader)
                continue
            }
            status = xmlTextReaderRead(reader)
        }
        if status < 0 { throw collector.notWellFormed(file: file) }
        if builder.list.recordCount == 0 {
            builder.list.issues.append(
                ImportIssue(
                    severity: .warning,
                    file: file,
                    message: "no <\(layout.record)> element"
                        + (layout.group.map { " inside a <\($0)>" } ?? "")
                        + " found: is this the layout the profile \(profile.name) describes?"
                )
            )
        }
        builder.list.issues += mapper.unmapped.values.map(\.issue)
        var list = builder.finish()
        list.unmapped = mapper.unmapped.values
        return list
    }

    /// The raw record of one record element.
    private func map(_ record: xmlNodePtr, with mapper: inout ProfileRecordMapper) -> RawServiceRecord {
        let line = LibXML.line(of: record)
        let read = { (source: FieldSource) -> [ProfileRecordMapper.Read] in
            guard case .path(let path) = source else { return [] }
            return Self.values(of: path, from: record)
        }
        var locations: [(line: Int, read: (FieldSource) -> [ProfileRecordMapper.Read])] = []
        if let locationPath = layout.location {
            for node in Self.nodes(of: locationPath, from: record) {
                locations.append(
                    (
                        LibXML.line(of: node),
                        { source in
                            guard case .path(let path) = source else { return [] }
                            return Self.values(of: path, from: node)
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
        if LibXML.string(node.pointee.name) == name { return [node] }
        var found: [xmlNodePtr] = []
        for child in LibXML.elements(of: node) { found += elements(named: name, in: child) }
        return found
    }

    // MARK: Paths

    /// The elements `path` leads to from `node` (ignoring a final attribute step).
    static func nodes(of path: ElementPath, from node: xmlNodePtr) -> [xmlNodePtr] {
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
                        LibXML.string(child.pointee.name) == name && condition.map { holds($0, on: child) } != false
                    }
                }
            }
        }
        return current
    }

    /// The values `path` reads from `node`, each with its line: attribute values, or elements' text with runs of
    /// white space made one space.
    static func values(of path: ElementPath, from node: xmlNodePtr) -> [ProfileRecordMapper.Read] {
        nodes(of: path, from: node).compactMap { element in
            let text: String?
            if let attribute = path.attribute {
                text = attributeValue(element, attribute)
            } else {
                text = content(of: element)
            }
            guard let text else { return nil }
            let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return collapsed.isEmpty ? nil : (collapsed, LibXML.line(of: element))
        }
    }

    private static func holds(_ condition: ElementPath.Condition, on node: xmlNodePtr) -> Bool {
        let value: String?
        if condition.isAttribute {
            value = attributeValue(node, condition.subject)
        } else {
            value = LibXML.elements(of: node).first { LibXML.string($0.pointee.name) == condition.subject }
                .flatMap(content(of:))
        }
        let matches = value?.trimmingSpaces.lowercased() == condition.word.lowercased()
        return condition.equals ? matches : !matches
    }

    /// An attribute's value by local name.
    private static func attributeValue(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if LibXML.string(current.pointee.name) == name {
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
