/// What a workbook says about itself: its sheets (by name, in tab order, with the part each is stored in), its date
/// system, and its shared strings (the table of texts that cells refer to by number).
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var part: String
    }

    var sheets: [Sheet] = []
    var date1904 = false
    var sharedStrings: [String] = []

    /// Reads `xl/workbook.xml`, its relationships and the shared strings (`xl/sharedStrings.xml`, or where the
    /// relationships say), when there are any.
    init(_ archive: XLSXArchive, limits: XLSXLimits) throws(XLSXError) {
        let workbookPart = "xl/workbook.xml"
        let relationsPart = "xl/_rels/workbook.xml.rels"
        guard archive.contains(workbookPart) else {
            throw XLSXError("is not an Excel workbook: the zip archive has no \(workbookPart)")
        }
        var targets: [String: String] = [:]
        var stringsPart = "xl/sharedStrings.xml"
        let relations = try XLSXXMLStream(path: try archive.extract(relationsPart), part: relationsPart)
        while let node = try relations.next() {
            guard case .start = node, relations.isElement("Relationship"), let id = relations.attribute("Id"),
                let target = relations.attribute("Target")
            else { continue }
            targets[id] = Self.resolve(target)
            if relations.attribute("Type")?.hasSuffix("/sharedStrings") == true { stringsPart = Self.resolve(target) }
        }
        let workbook = try XLSXXMLStream(path: try archive.extract(workbookPart), part: workbookPart)
        while let node = try workbook.next() {
            guard case .start = node else { continue }
            if workbook.isElement("workbookPr") {
                let value = workbook.attribute("date1904")?.lowercased()
                date1904 = value == "1" || value == "true"
            } else if workbook.isElement("sheet"), let name = workbook.attribute("name") {
                guard let id = workbook.attribute("id"), let part = targets[id] else {
                    throw XLSXError(
                        "the sheet '\(name)' has no part in the workbook's relationships",
                        part: workbookPart
                    )
                }
                sheets.append(Sheet(name: name, part: part))
            }
        }
        if archive.contains(stringsPart) {
            sharedStrings = try Self.sharedStrings(
                XLSXXMLStream(path: try archive.extract(stringsPart), part: stringsPart),
                limit: limits.maximumSharedStrings
            )
        }
    }

    /// The sheet named `name` (exactly, else ignoring case), or the first when `name` is `nil`.
    func sheet(named name: String?) throws(XLSXError) -> Sheet {
        guard let first = sheets.first else { throw XLSXError("the workbook has no sheets") }
        guard let name else { return first }
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        if let loose = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) { return loose }
        throw XLSXError(
            "the workbook has no sheet named '\(name)'; its sheets are: "
                + sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        )
    }

    /// A relationship's target as a path in the archive: relative to `xl/`, or from the root when it starts `/`.
    static func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." {
                _ = parts.popLast()
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The texts of `<si>` items in order: each item's `<t>` texts joined (rich text has several runs), phonetic
    /// guides (`<rPh>`) left out.
    static func sharedStrings(_ stream: XLSXXMLStream, limit: Int) throws(XLSXError) -> [String] {
        var strings: [String] = []
        var current: String?
        var inText = false
        var phonetic = 0
        while let node = try stream.next() {
            switch node {
            case .start(let isEmpty):
                if stream.isElement("si") {
                    if strings.count >= limit {
                        throw XLSXError(
                            "the workbook has more than \(limit) shared strings, the most Signpost reads",
                            part: stream.part,
                            line: stream.line
                        )
                    }
                    if isEmpty { strings.append("") } else { current = "" }
                } else if stream.isElement("rPh"), !isEmpty {
                    phonetic += 1
                } else if stream.isElement("t"), !isEmpty, phonetic == 0 {
                    inText = true
                }
            case .end:
                if stream.isElement("si") {
                    strings.append(current ?? "")
                    current = nil
                } else if stream.isElement("rPh") {
                    phonetic -= 1
                } else if stream.isElement("t") {
                    inText = false
                }
            case .text:
                if inText, current != nil { current? += stream.text }
            }
        }
        return strings
    }
}
