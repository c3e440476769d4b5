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
}

/// Collects libxml2's errors and warnings through a structured error handler.
final class LibXMLErrorCollector {
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
