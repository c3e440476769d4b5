import Foundation
import ZIPFoundation

/// An `.xlsx` workbook's zip archive, read with ZIPFoundation. Parts are inflated to files in a private temporary
/// folder, counting bytes as they come so that a part larger than the limit (a zip bomb) is stopped at the limit
/// whatever the archive's directory claims; libxml2 then streams them from disk.
final class XLSXArchive {
    private let archive: Archive
    private let limits: XLSXLimits
    private let folder: URL
    private var extracted = 0

    init(path: String, limits: XLSXLimits) throws(XLSXError) {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXError(
                "is not a readable zip archive, so not an Excel workbook (.xlsx); an older .xls file must be saved "
                    + "again as .xlsx"
            )
        }
        self.limits = limits
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("signpost-xlsx-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw XLSXError("cannot make a temporary folder to read the workbook in: \(error.localizedDescription)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Whether the archive holds `part`.
    func contains(_ part: String) -> Bool { archive[part] != nil }

    /// Inflates `part` to a temporary file and returns its path.
    /// - Throws: when the part is missing, larger than the limit once inflated, or damaged.
    func extract(_ part: String) throws(XLSXError) -> String {
        guard let entry = archive[part], entry.type == .file else {
            throw XLSXError("is not an Excel workbook: the archive has no \(part)")
        }
        let limit = limits.maximumPartBytes
        let tooLarge = XLSXError(
            "the workbook's part \(part) is larger than \(CSVLimits.describe(bytes: limit)) once uncompressed, the "
                + "most Signpost reads (a zip bomb, or a sheet to split into several workbooks)"
        )
        if entry.uncompressedSize > UInt64(limit) { throw tooLarge }
        extracted += 1
        let url = folder.appendingPathComponent("part-\(extracted).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw XLSXError("cannot write a temporary file to read the workbook's part \(part)")
        }
        defer { try? handle.close() }
        var written = 0
        do {
            _ = try archive.extract(entry) { data in
                written += data.count
                if written > limit { throw tooLarge }
                try handle.write(contentsOf: data)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError("the workbook's part \(part) cannot be uncompressed: the archive is damaged (\(error))")
        }
        return url.path
    }
}
