import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport

/// Reads lists and stores them in a catalog as one import: every file is read and validated first, and only then,
/// if nothing stopped it, the valid services go to the catalog in one transaction.
struct ImportJob {
    var vocabularies: Vocabularies
    var files: [String]
    var source: SourceName?
    var inputFormat: ListFormat?
    var delimiter: UInt8?
    var dryRun = false
    var replace = false
    var maxRejects: Int?
    var showProgress = false

    /// Why nothing was committed.
    enum Stop: Sendable {
        case fileErrors
        case tooManyRejects(Int, limit: Int)
        case storage(String)
    }

    struct Result {
        var lists: [ParsedList] = []
        var fileErrors: [ImportFileError] = []
        var outcome = ImportOutcome()
        var stop: Stop?
        var dryRun = false
    }

    /// The format of a file from its first non-blank bytes: `<` means XML, anything else CSV.
    static func detectFormat(_ bytes: [UInt8]) -> ListFormat {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<") ? .signpostXML : .signpostCSV
    }

    /// Reads one file.
    func read(_ path: String) throws(ImportFileError) -> ParsedList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError(file: path, message: "cannot read the file: it does not exist or is not readable")
        }
        let bytes = [UInt8](data)
        switch inputFormat ?? Self.detectFormat(bytes) {
        case .signpostCSV:
            let fallback = SourceName(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
            return try SignpostCSVReader(vocabularies: vocabularies, delimiter: delimiter)
                .read(bytes, file: path, source: source ?? fallback)
        case .signpostXML:
            return try SignpostXMLReader(vocabularies: vocabularies).read(.file(path: path), file: path, source: source)
        }
    }

    func run(into catalog: some Catalog) async throws -> Result {
        var result = Result(dryRun: dryRun)
        let progress = showProgress ? ProgressBar(total: files.count, label: "reading") : nil
        for (index, file) in files.enumerated() {
            progress?.update(index, detail: (file as NSString).lastPathComponent)
            do throws(ImportFileError) {
                result.lists.append(try read(file))
            } catch {
                result.fileErrors.append(error)
            }
        }
        progress?.finish()
        if !result.fileErrors.isEmpty {
            result.stop = .fileErrors
            return result
        }
        let rejected = result.lists.reduce(0) { $0 + $1.rejectedCount }
        if let maxRejects, rejected > maxRejects {
            result.stop = .tooManyRejects(rejected, limit: maxRejects)
            return result
        }
        var retained = Set<ServiceID>()
        for list in result.lists {
            for issue in list.issues where issue.severity == .error {
                if let id = issue.recordID { retained.insert(ServiceID(source: list.source, recordID: id)) }
            }
        }
        let request = ImportRequest(
            services: result.lists.flatMap(\.services),
            replacing: replace ? Set(result.lists.map(\.source)) : [],
            retained: retained,
            dryRun: dryRun,
            files: files,
            rejectedCount: rejected
        )
        if showProgress { Terminal.note("storing \(request.services.count) services…") }
        do {
            result.outcome = try await catalog.apply(request)
        } catch {
            result.stop = .storage(error.description)
        }
        return result
    }
}

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar {
    private let total: Int
    private let label: String

    init(total: Int, label: String) {
        self.total = max(total, 1)
        self.label = label
    }

    func update(_ done: Int, detail: String) {
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) [\(bar)] \(done)/\(total) \(detail)".utf8))
    }

    func finish() {
        update(total, detail: "done")
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
