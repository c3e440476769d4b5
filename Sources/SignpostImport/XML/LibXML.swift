import CLibXML2
import Foundation

/// Small helpers over libxml2's C API.
enum LibXML {
    /// Initialises libxml2 once per process (thread-safe initialisation is required before concurrent use).
    static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// The text of a C string from libxml2 (not freed: the reader or document owns it).
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Whether `pointer` equals the ASCII `name` (no allocation).
    static func equals(_ pointer: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let pointer else { return false }
        return name.withUTF8Buffer { expected in
            for index in 0..<expected.count where pointer[index] != expected[index] { return false }
            return pointer[expected.count] == 0
        }
    }

    /// Whether `pointer` equals `name` (no allocation).
    static func equals(_ pointer: UnsafePointer<xmlChar>?, _ name: String) -> Bool {
        guard let pointer else { return false }
        var index = 0
        for byte in name.utf8 {
            guard pointer[index] == byte else { return false }
            index += 1
        }
        return pointer[index] == 0
    }

    /// The concatenated text children of an element (not descending into child elements).
    static func text(of node: xmlNodePtr) -> String {
        var child = node.pointee.children
        // The common case: one text node.
        if let only = child, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
            return string(only.pointee.content) ?? ""
        }
        var text = ""
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = string(current.pointee.content)
            {
                text += content
            }
            child = current.pointee.next
        }
        return text
    }

    /// The value of attribute `name` of an element, read from its attribute nodes (no allocation to free).
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if equals(current.pointee.name, name) {
                var text = ""
                var child = current.pointee.children
                while let part = child {
                    if let content = string(part.pointee.content) { text += content }
                    child = part.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The element children of `node`, walked in place (no array is built).
    static func elements(of node: xmlNodePtr) -> ElementChildren { ElementChildren(first: node.pointee.children) }

    struct ElementChildren: Sequence, IteratorProtocol {
        private var upcoming: xmlNodePtr?

        init(first: xmlNodePtr?) { upcoming = first }

        mutating func next() -> xmlNodePtr? {
            while let current = upcoming {
                upcoming = current.pointee.next
                if current.pointee.type == XML_ELEMENT_NODE { return current }
            }
            return nil
        }
    }

    static func line(of node: xmlNodePtr) -> Int { Int(xmlGetLineNo(node)) }

    /// Opens a streaming reader on `input`, without network access, after a linear pass that refuses what would make
    /// parsing explode (`XMLPrescan`); internal entities are then substituted, so that their text is kept. Files
    /// with CR-only line ends are read into memory with their CRs made LFs so that reported lines are right.
    static func openReader(
        _ input: XMLInput,
        file: String,
        limits: XMLLimits = XMLLimits()
    ) throws(ImportFileError) -> xmlTextReaderPtr {
        // Never XML_PARSE_HUGE: libxml2's own limits on text and names stay.
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
                | XML_PARSE_NOENT.rawValue
        )
        // Messages that libxml2 prints rather than passes to a handler (an encoding error) would go to standard
        // error between the report's lines; the handlers and the prescan say what is wrong instead.
        signpost_silence_generic_errors()
        var input = input
        if case .file(let path) = input {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ImportFileError(file: file, message: "cannot read the file: it does not exist or is not readable")
            }
            do {
                try XMLPrescan.check(path: path, limits: limits)
            } catch {
                throw ImportFileError(
                    file: file,
                    issues: [ImportIssue(file: file, line: error.line, message: error.message)]
                )
            }
            if hasCROnlyLineEnds(path: path), let data = FileManager.default.contents(atPath: path) {
                input = .memory([UInt8](data))
            }
        }
        if case .memory(let bytes) = input {
            do {
                try XMLPrescan.check(bytes: bytes, limits: limits)
            } catch {
                throw ImportFileError(
                    file: file,
                    issues: [ImportIssue(file: file, line: error.line, message: error.message)]
                )
            }
        }
        if case .memory(let bytes) = input, hasCROnlyLineEnds(bytes.prefix(65_536)) {
            // libxml2 counts only line feeds: make CR line ends LF so that reported lines are right.
            input = .memory(bytes.map { $0 == 0x0D ? 0x0A : $0 })
        }
        let reader: xmlTextReaderPtr?
        switch input {
        case .file(let path):
            reader = xmlReaderForFile(path, nil, options)
        case .memory(let bytes):
            // xmlReaderForMemory does not copy: keep a buffer that lives as long as the reader by copying into
            // libxml2's own input buffer.
            reader = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                        xmlParserInputBufferCreateMem(chars, Int32(buffer.count), XML_CHAR_ENCODING_NONE)
                    }
                }
                .flatMap { inputBuffer in xmlNewTextReader(inputBuffer, file) }
            }
        }
        guard let reader else { throw ImportFileError(file: file, message: "cannot open the file as XML") }
        if case .memory = input {
            // A reader made from an input buffer starts with libxml2's default options: give it ours (no network,
            // entities substituted after the prescan).
            xmlTextReaderSetup(reader, nil, file, nil, options)
        }
        return reader
    }

    /// Whether text uses CR alone as its line end (old Mac files): CRs and no line feeds.
    static func hasCROnlyLineEnds(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains(0x0D) && !bytes.contains(0x0A)
    }

    /// Whether the start of a file uses CR alone as its line end.
    static func hasCROnlyLineEnds(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        return hasCROnlyLineEnds(head)
    }
}

/// Collects libxml2's errors and warnings through a structured error handler.
final class LibXMLErrorCollector {
    /// The error for a file that stopped parsing: its first errors, with their lines.
    func notWellFormed(file: String) -> ImportFileError {
        let issues = messages.filter { !$0.isWarning }.prefix(20).map {
            ImportIssue(file: file, line: $0.line, message: "XML is not well-formed: \($0.text)")
        }
        return ImportFileError(
            file: file,
            issues: issues.isEmpty ? [ImportIssue(file: file, message: "the XML could not be read")] : issues
        )
    }

    struct Message {
        var line: Int?
        var text: String
        var isWarning: Bool
    }

    var messages: [Message] = []
    var errorCount: Int { messages.filter { !$0.isWarning }.count }

    /// Hands the collector to C as an opaque pointer; valid while `self` is alive.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<LibXMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
        var text = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = Int(error.pointee.line)
        collector.messages.append(
            Message(line: line > 0 ? line : nil, text: text, isWarning: error.pointee.level == XML_ERR_WARNING)
        )
    }
}
