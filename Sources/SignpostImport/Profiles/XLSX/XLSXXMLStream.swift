import CLibXML2

/// A libxml2 streaming reader (xmlTextReader) over one part of a workbook, inflated to a file: elements and text
/// are seen one at a time and nothing is kept, so a sheet of any size reads in flat memory. Workbooks never declare
/// entities or a DOCTYPE, so one is refused outright; entities are not substituted and nothing is fetched.
final class XLSXXMLStream {
    private let reader: xmlTextReaderPtr
    private let collector = LibXMLErrorCollector()
    let part: String

    enum Node {
        /// An element's start; `isEmpty` for `<c r="A1"/>`, which has no end.
        case start(isEmpty: Bool)
        case end
        case text
    }

    init(path: String, part: String) throws(XLSXError) {
        _ = LibXML.initialised
        signpost_silence_generic_errors()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw XLSXError("cannot open the part as XML", part: part)
        }
        self.reader = reader
        self.part = part
        xmlTextReaderSetStructuredErrorHandler(reader, LibXMLErrorCollector.handler, collector.context)
    }

    deinit { xmlFreeTextReader(reader) }

    /// The next element start, element end or text; `nil` at the end of the part.
    /// - Throws: when the part is not well-formed XML or declares a DOCTYPE.
    func next() throws(XLSXError) -> Node? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 {
                let first = collector.messages.first { !$0.isWarning }
                throw XLSXError(
                    "the workbook is damaged: "
                        + (first.map { "XML is not well-formed: \($0.text)" } ?? "XML is not well-formed"),
                    part: part,
                    line: first?.line
                )
            }
            switch Int(xmlTextReaderNodeType(reader)) {
            case Int(XML_READER_TYPE_ELEMENT.rawValue):
                return .start(isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
            case Int(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end
            case Int(XML_READER_TYPE_TEXT.rawValue), Int(XML_READER_TYPE_CDATA.rawValue),
                Int(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int(XML_READER_TYPE_WHITESPACE.rawValue):
                return .text
            case Int(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                throw XLSXError(
                    "the workbook declares a DOCTYPE or entities, which no Excel workbook does; Signpost refuses "
                        + "entity declarations in a workbook",
                    part: part,
                    line: line
                )
            default:
                continue
            }
        }
    }

    /// Whether the current element is named `name` (local name: prefixes are ignored).
    func isElement(_ name: StaticString) -> Bool { LibXML.equals(xmlTextReaderConstLocalName(reader), name) }

    /// The current element's name.
    var name: String { LibXML.string(xmlTextReaderConstLocalName(reader)) ?? "" }

    /// The current text node's text.
    var text: String { LibXML.string(xmlTextReaderConstValue(reader)) ?? "" }

    /// The current node's line in the part.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The value of the current element's attribute with local name `name` (any prefix: `r:id` is `id`).
    func attribute(_ name: StaticString) -> String? {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if LibXML.equals(xmlTextReaderConstLocalName(reader), name) {
                return LibXML.string(xmlTextReaderConstValue(reader))
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return nil
    }
}
