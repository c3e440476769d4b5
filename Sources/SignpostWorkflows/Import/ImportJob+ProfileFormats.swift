import Foundation
import SignpostImport

extension ImportJob {
    /// Why a file cannot be read without a profile, or `nil`: JSON lists and Excel workbooks have no layout of
    /// Signpost's own, so a profile must say where their records and fields are.
    static func profileNeeded(for path: String) -> String? {
        let suffix = (path as NSString).pathExtension.lowercased()
        if suffix == "json" {
            return "a JSON list is read through an import profile that says where its records are and which path "
                + "gives each field (format json); none was given. See Docs/Profiles.md, JSON lists"
        }
        if isWorkbook(path) {
            return "an Excel workbook is read through an import profile (format xlsx, or a csv profile, which reads "
                + "the first sheet); none was given. See Docs/Profiles.md, Excel workbooks"
        }
        return nil
    }

    /// Whether the file is an Excel workbook: named `.xlsx` or `.xlsm`, or starting as every zip archive does.
    static func isWorkbook(_ path: String) -> Bool {
        let suffix = (path as NSString).pathExtension.lowercased()
        if suffix == "xlsx" || suffix == "xlsm" { return true }
        guard InputFileKind(path: path) == .regularFile, let handle = FileHandle(forReadingAtPath: path) else {
            return false
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return [UInt8](head) == [0x50, 0x4B, 0x03, 0x04]
    }
}
