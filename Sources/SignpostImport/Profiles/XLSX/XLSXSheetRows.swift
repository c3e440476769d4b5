/// One cell's value as the sheet stores it.
struct XLSXCell {
    var text: String
    /// A number (no `t` attribute, or `t="n"`): a date column's cells are serials to turn into dates.
    var isNumber: Bool
}

/// Streams the rows of a sheet's part (`<sheetData><row r="2"><c r="B2" t="s"><v>3</v></c>...`): each row's cells
/// by column (0 for A), shared strings and inline strings resolved, booleans as `true`/`false`. Cells may be missing
/// (A1, C1): a cell's column is read from its `r` reference, and a row's number from its own `r`, each following the
/// previous one when the reference is left out. Cells with no value are left out.
struct XLSXSheetRows {
    let stream: XLSXXMLStream
    let sheet: String
    let sharedStrings: [String]
    let limits: XLSXLimits

    /// Calls `body` with each row that has a value, in order, until it returns false.
    func eachRow(_ body: (_ row: Int, _ cells: [Int: XLSXCell]) -> Bool) throws(XLSXError) {
        var rowNumber = 0
        var rows = 0
        var cells: [Int: XLSXCell] = [:]
        var cellCount = 0
        var column = -1
        var type: String?
        var value = ""
        var inline = ""
        var collecting: Collecting = .nothing
        var phonetic = 0
        var inRow = false

        func cellDone() throws(XLSXError) {
            let text: String
            var isNumber = false
            switch type {
            case "s":
                guard let index = Int(value.trimmed), index >= 0, index < sharedStrings.count else {
                    throw XLSXError(
                        "sheet \(sheet) row \(rowNumber): cell \(Self.reference(column, rowNumber)) refers to shared "
                            + "string '\(value)', but the workbook has \(sharedStrings.count)",
                        part: stream.part,
                        line: stream.line
                    )
                }
                text = sharedStrings[index]
            case "inlineStr": text = inline
            case "b": text = value.trimmed == "1" ? "true" : (value.trimmed == "0" ? "false" : value)
            case nil, "n":
                text = value.trimmed
                isNumber = !text.isEmpty
            default: text = value  // "str" (a formula's text), "e" (an error such as #N/A), "d" (an ISO date)
            }
            if !text.isEmpty { cells[column] = XLSXCell(text: text, isNumber: isNumber) }
        }

        while let node = try stream.next() {
            switch node {
            case .start(let isEmpty):
                if stream.isElement("row") {
                    rows += 1
                    if rows > limits.maximumRows {
                        throw XLSXError(
                            "sheet \(sheet) has more than \(limits.maximumRows) rows, the most Signpost reads",
                            part: stream.part,
                            line: stream.line
                        )
                    }
                    rowNumber = stream.attribute("r").flatMap { Int($0) } ?? rowNumber + 1
                    cells = [:]
                    cellCount = 0
                    column = -1
                    inRow = !isEmpty
                } else if stream.isElement("c"), inRow {
                    cellCount += 1
                    column = stream.attribute("r").flatMap(Self.column(of:)) ?? column + 1
                    if cellCount > limits.maximumCellsPerRow || column >= limits.maximumCellsPerRow {
                        throw XLSXError(
                            "sheet \(sheet) row \(rowNumber) has more than \(limits.maximumCellsPerRow) cells, the most "
                                + "Signpost reads in a row",
                            part: stream.part,
                            line: stream.line
                        )
                    }
                    type = stream.attribute("t")
                    value = ""
                    inline = ""
                } else if stream.isElement("v"), !isEmpty {
                    collecting = .value
                } else if stream.isElement("rPh"), !isEmpty {
                    phonetic += 1
                } else if stream.isElement("t"), !isEmpty, phonetic == 0, type == "inlineStr" {
                    collecting = .inline
                }
            case .end:
                if stream.isElement("c"), inRow {
                    try cellDone()
                } else if stream.isElement("v") || stream.isElement("t") {
                    collecting = .nothing
                } else if stream.isElement("rPh") {
                    phonetic -= 1
                } else if stream.isElement("row") {
                    inRow = false
                    if !cells.isEmpty, !body(rowNumber, cells) { return }
                } else if stream.isElement("sheetData") {
                    return
                }
            case .text:
                switch collecting {
                case .value: value += stream.text
                case .inline: inline += stream.text
                case .nothing: break
                }
            }
        }
    }

    private enum Collecting { case nothing, value, inline }

    /// The column (0 for A) of a cell reference such as `C12`, or `nil` when it does not start with letters.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) else { break }
            let value = Int(scalar.value) - (scalar.value >= 97 ? 96 : 64)
            column = column * 26 + value
            letters += 1
            if letters > 4 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// `B3` for column 1, row 3.
    static func reference(_ column: Int, _ row: Int) -> String { letters(column) + String(row) }

    /// `B` for column 1, `AA` for column 26.
    static func letters(_ column: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}
