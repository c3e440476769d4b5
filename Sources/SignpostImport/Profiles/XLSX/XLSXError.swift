/// Why a workbook cannot be read: what is wrong, and where (the part of the archive, its line).
struct XLSXError: Error {
    var message: String
    var part: String?
    var line: Int?
    /// Issues already written for people (the header's), reported as they are.
    var issues: [ImportIssue] = []

    init(_ message: String, part: String? = nil, line: Int? = nil) {
        self.message = message
        self.part = part
        self.line = line
    }

    /// The error for people, naming the workbook.
    func fileError(_ file: String) -> ImportFileError {
        if !issues.isEmpty { return ImportFileError(file: file, issues: issues) }
        var text = message
        if let part {
            text += " (in the workbook's part \(part)" + (line.map { ", line \($0)" } ?? "") + ")"
        }
        return ImportFileError(file: file, message: text)
    }
}
