import SignpostCore
import SignpostMatching

// MARK: - Writing HTML

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`; and writes `://` as `&#58;//`, so
/// that no text from the catalog reads as an external reference.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out.contains("://") ? out.replacing("://", with: "&#58;//") : out
}

/// Builds the page: markup written by this file goes in as is, every text from the document through `escapeHTML`.
struct HTMLWriter {
    typealias Attributes = [(String, String)]

    private(set) var output = ""

    /// Markup from this file: never text from the document.
    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ text: String) { output += escapeHTML(text) }

    mutating func open(_ tag: String, _ attributes: Attributes = []) {
        output += "<\(tag)\(Self.render(attributes))>"
        if Self.blocks.contains(tag) { output += "\n" }
    }

    mutating func close(_ tag: String) {
        output += "</\(tag)>"
        if Self.blocks.contains(tag) || tag == "tr" || tag == "li" || tag == "g" { output += "\n" }
    }

    /// An element holding only text.
    mutating func element(_ tag: String, _ text: String) { element(tag, [], text) }

    /// An element with attributes holding only text.
    mutating func element(_ tag: String, _ attributes: Attributes, _ text: String) {
        output += "<\(tag)\(Self.render(attributes))>\(escapeHTML(text))</\(tag)>"
        if Self.lineEnding.contains(tag) { output += "\n" }
    }

    /// An element without content (`<rect .../>`, in SVG).
    mutating func void(_ tag: String, _ attributes: Attributes) {
        output += "<\(tag)\(Self.render(attributes))/>\n"
    }

    /// A table with a caption and column headers; the caller writes the rows, then calls `endTable()`.
    mutating func beginTable(_ className: String, caption: String, columns: [(title: String, numeric: Bool)]) {
        open("div", [("class", "scroll")])
        open("table", [("class", className)])
        element("caption", caption)
        open("thead")
        open("tr")
        for column in columns {
            element("th", column.numeric ? [("scope", "col"), ("class", "num")] : [("scope", "col")], column.title)
        }
        close("tr")
        close("thead")
        open("tbody")
    }

    mutating func endTable() {
        close("tbody")
        close("table")
        close("div")
    }

    mutating func cell(_ text: String, numeric: Bool = false) {
        element("td", numeric ? [("class", "num")] : [], text)
    }

    /// A cell with a name and, in small type, its code.
    mutating func cell(_ name: String, code: String) {
        output += "<td>\(escapeHTML(name)) <span class=\"code\">\(escapeHTML(code))</span></td>"
    }

    /// A row header with a name and, in small type, its code.
    mutating func header(_ name: String, code: String) {
        output += "<th scope=\"row\">\(escapeHTML(name)) <span class=\"code\">\(escapeHTML(code))</span></th>"
    }

    static let blocks: Set<String> = [
        "section", "footer", "table", "thead", "tbody", "ul", "dl", "div", "svg", "main",
    ]
    static let lineEnding: Set<String> = [
        "h1", "h2", "h3", "p", "li", "dt", "dd", "caption", "title", "desc", "text",
    ]

    static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escapeHTML($0.1))\"" }.joined()
    }
}
