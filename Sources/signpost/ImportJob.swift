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

    /// Reads one file; `progress` is called now and then with the bytes of it read so far.
    func read(_ path: String, progress: ((Int) -> Void)? = nil) throws(ImportFileError) -> ParsedList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError(file: path, message: "cannot read the file: it does not exist or is not readable")
        }
        let bytes = [UInt8](data)
        switch inputFormat ?? Self.detectFormat(bytes) {
        case .signpostCSV:
            let fallback = SourceName(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
            return try SignpostCSVReader(vocabularies: vocabularies, delimiter: delimiter)
                .read(bytes, file: path, source: source ?? fallback, progress: progress)
        case .signpostXML:
            return try SignpostXMLReader(vocabularies: vocabularies)
                .read(.file(path: path), file: path, source: source, progress: progress)
        }
    }

    func run(into catalog: some Catalog) async throws -> Result {
        var result = Result(dryRun: dryRun)
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        let progress = showProgress ? ProgressBar(total: sizes.reduce(0, +), files: files.count) : nil
        var done = 0
        for (index, file) in files.enumerated() {
            let name = (file as NSString).lastPathComponent
            progress?.update(done, file: index + 1, name: name)
            do throws(ImportFileError) {
                let base = done
                result.lists.append(
                    try read(file) { bytes in
                        progress?.update(base + min(bytes, sizes[index]), file: index + 1, name: name)
                    }
                )
            } catch {
                result.fileErrors.append(error)
            }
            done += sizes[index]
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

/// A one-line progress bar on standard error, by bytes read across all files. Only drawn when standard error is a
/// terminal (the caller decides).
final class ProgressBar {
    private let total: Int
    private let files: Int
    private var lastDrawn = -1

    init(total: Int, files: Int) {
        self.total = max(total, 1)
        self.files = files
    }

    func update(_ done: Int, file: Int, name: String) {
        let percent = min(100, 100 * done / total)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text = "\r\u{1B}[2Kreading [\(bar)] \(percent)%  file \(file)/\(files) \(name)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        lastDrawn = -1
        update(total, file: files, name: "")
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
