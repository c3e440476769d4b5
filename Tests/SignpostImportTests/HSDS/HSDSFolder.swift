import Foundation
import SignpostCore
import SignpostImport

/// Builds folders of Open Referral tables for tests: rows by column name, written to a fresh temporary folder.
enum HSDSFolder {
    /// One CSV line with the columns of `header`: the cells named in `cells` (quoted when they hold a comma, a quote
    /// or a line break), the others empty.
    static func line(_ header: String, _ cells: [String: String]) -> String {
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in cells.keys where !columns.contains(name) {
            preconditionFailure("no column \(name) in \(header)")
        }
        return columns.map { column in
            guard let value = cells[column] else { return "" }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
            return "\"" + value.replacing("\"", with: "\"\"") + "\""
        }
        .joined(separator: ",")
    }

    /// Writes `tables` (name -> lines, without `.csv`) and, when given, `datapackage.json` into a new temporary
    /// folder, reads it, and removes it.
    static func read(
        _ tables: [String: [String]],
        descriptor: String? = nil,
        lineEnd: String = "\n",
        vocabularies: Vocabularies,
        source: SourceName
    ) throws -> HSDSReadResult {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hsds-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let descriptor { try Data(descriptor.utf8).write(to: folder.appendingPathComponent("datapackage.json")) }
        for (name, lines) in tables {
            let text = lines.joined(separator: lineEnd) + lineEnd
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).csv"))
        }
        return HSDSTabularReader.read(folder: folder.path, vocabularies: vocabularies, source: source)
    }
}
