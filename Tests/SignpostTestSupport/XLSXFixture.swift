import Foundation
import ZIPFoundation

/// Builds small Excel workbooks (`.xlsx`) for tests from their XML parts, zipped with ZIPFoundation, so that tests
/// need no committed binary files.
public enum XLSXFixture {
    /// Zips `parts` (path in the archive, text) into a workbook at `path`, deflated as Excel does.
    public static func write(_ parts: [(path: String, text: String)], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for part in parts {
            let data = Data(part.text.utf8)
            try archive.addEntry(
                with: part.path,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
    }

    /// The parts of a minimal workbook: content types, the workbook with its sheets (in order) and relationships,
    /// each sheet's part, and the shared strings when given.
    public static func parts(
        sheets: [(name: String, rows: String)],
        sharedStrings: [String]? = nil,
        date1904: Bool = false
    ) -> [(path: String, text: String)] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var overrides = """
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            """
        var sheetEntries = ""
        var relations = ""
        var parts: [(path: String, text: String)] = []
        for (index, sheet) in sheets.enumerated() {
            let number = index + 1
            overrides += """
                <Override PartName="/xl/worksheets/sheet\(number).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                """
            sheetEntries += #"<sheet name="\#(escape(sheet.name))" sheetId="\#(number)" r:id="rId\#(number)"/>"#
            relations += """
                <Relationship Id="rId\(number)" Type="\(relationships)/worksheet" Target="worksheets/sheet\(number).xml"/>
                """
            parts.append(
                (
                    "xl/worksheets/sheet\(number).xml",
                    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                        + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationships)"><sheetData>\#(sheet.rows)"#
                        + "</sheetData></worksheet>"
                )
            )
        }
        if let sharedStrings {
            overrides += """
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                """
            relations += """
                <Relationship Id="rIdS" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/>
                """
            let items = sharedStrings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined()
            parts.append(
                (
                    "xl/sharedStrings.xml",
                    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                        + #"<sst xmlns="\#(main)" count="\#(sharedStrings.count)" uniqueCount="\#(sharedStrings.count)">"#
                        + items + "</sst>"
                )
            )
        }
        let contentTypes =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"# + overrides + "</Types>"
        let workbook =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">"#
            + (date1904 ? #"<workbookPr date1904="1"/>"# : "<workbookPr/>")
            + "<sheets>\(sheetEntries)</sheets></workbook>"
        let workbookRelations =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + relations + "</Relationships>"
        return [
            ("[Content_Types].xml", contentTypes),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelations),
        ] + parts
    }

    /// Text made safe inside XML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
