import Foundation
public import SignpostCatalog
public import SignpostCore
public import SignpostImport

/// Reads lists and stores them in a catalog as one import. Valid services stream into the catalog's transaction in
/// batches while the files are still being read, so that reading overlaps storing; nothing is committed until every
/// file has been read, and the transaction is rolled back if any file is unreadable or invalid, if more rows are
/// rejected than `maxRejects` allows, or if storing fails.
public struct ImportJob: Sendable {
    public var vocabularies: Vocabularies
    public var files: [String]
    public var source: SourceName?
    public var inputFormat: ListFormat?
    /// The profile every file is read through, instead of a built-in format.
    public var profile: ImportProfile?
    public var delimiter: UInt8?
    public var dryRun = false
    public var replace = false
    public var maxRejects: Int?
    public var showProgress = false
    /// The most a CSV cell, record and row's cells may hold.
    public var csvLimits = CSVLimits.default
    /// Whether to look for likely duplicates of the services read among the catalog's other sources.
    public var findDuplicates = false
    /// How Open Referral feeds among `files` (http:// and https:// addresses) are asked.
    public var feedSettings = FeedSettings()
    /// Told how a feed pull is going ("page 3 of 12").
    public var feedProgress: (@Sendable (String) -> Void)?
    /// The feeds pulled before reading, by address.
    var pulledFeeds: [String: FeedPull.Result] = [:]

    /// A job reading `files` into a catalog; set the other properties as needed.
    public init(vocabularies: Vocabularies, files: [String]) {
        self.vocabularies = vocabularies
        self.files = files
    }

    /// Why nothing was committed.
    public enum Stop: Sendable, Equatable {
        case fileErrors
        case tooManyRejects(Int, limit: Int)
        case storage(String)
    }

    /// The most likely duplicates an import keeps for its report; the rest are counted
    /// (`signpost catalog duplicates --source` lists them all).
    public static let duplicatesKept = 1_000

    public struct Result: Sendable {
        public var lists: [ParsedList] = []
        public var fileErrors: [ImportFileError] = []
        public var outcome = ImportOutcome()
        public var stop: Stop?
        public var dryRun = false
        /// Likely duplicates across sources that involve a service read (when asked for): the first
        /// ``ImportJob/duplicatesKept``, ordered by id.
        public var duplicates: [LikelyDuplicate] = []
        /// How many likely duplicates there are in all, kept in `duplicates` or not.
        public var duplicatesFound = 0
        /// Whether the search compared every candidate pair (``DuplicateFinder/maxCandidatePairs``).
        public var duplicateSearchComplete = true
        /// The sources whose services not in these files are withdrawn (`--replace`), by name.
        public var replacedSources: [SourceName] = []
        /// The names of the services in `duplicates`, by id.
        public var duplicateNames: [ServiceID: (name: String, source: SourceName)] = [:]
        /// What each feed pull asked and reused, in the order of the files.
        public var feeds: [FeedSummary] = []
    }

    /// Why the reader stopped the import (sent through the feed; the catalog rolls back).
    private struct Abort: Error, CustomStringConvertible {
        var description: String
    }

    /// The format of a file from its first non-blank character: `<` means XML, anything else CSV. UTF-8 (with or
    /// without a byte-order mark) and UTF-16 (with a byte-order mark, or an ASCII first character beside a NUL) are
    /// read alike.
    public static func detectFormat(_ bytes: [UInt8]) -> ListFormat {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        } else if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            index = 2
        }
        // In UTF-16 an ASCII character is one byte of two, the other NUL: NULs are passed over like blanks.
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x00]
        while index < bytes.count, blanks.contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<") ? .signpostXML : .signpostCSV
    }

    /// Reads one file; `progress` is called now and then with the bytes of it read so far, and `emit`, when given,
    /// receives its valid services in batches.
    public func read(
        _ path: String,
        progress: ((Int) -> Void)? = nil,
        emit: (([Service]) -> Void)? = nil
    ) throws(ImportFileError) -> ParsedList {
        let kind = InputFileKind(path: path)
        // Refused before anything opens it: a named pipe with no writer would block the import for ever.
        if case .other(let what) = kind {
            throw ImportFileError(file: path, message: Self.notRegularMessage(what))
        }
        if let pulled = pulledFeeds[path] { return try readFeed(path, pulled: pulled, emit: emit) }
        if let profile {
            return try read(path, through: profile, isFolder: kind == .folder, progress: progress, emit: emit)
        }
        if kind == .folder {
            return try readOpenReferral(path, emit: emit)
        }
        if inputFormat == nil, let message = Self.profileNeeded(for: path) {
            throw ImportFileError(file: path, message: message)
        }
        if inputFormat == .signpostXML || (inputFormat == nil && Self.looksLikeXML(path)) {
            return try SignpostXMLReader(vocabularies: vocabularies)
                .read(.file(path: path), file: path, source: source, progress: progress, emit: emit)
        }
        let fallback = SourceName(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        return try SignpostCSVReader(vocabularies: vocabularies, delimiter: delimiter, limits: csvLimits)
            .read(try Self.openCSV(path), file: path, source: source ?? fallback, progress: progress, emit: emit)
    }

    /// A list file opened to be read a chunk at a time.
    private static func openCSV(_ path: String) throws(ImportFileError) -> CSVFileSource {
        do {
            return try CSVFileSource(path: path)
        } catch {
            throw ImportFileError(file: path, message: error.message)
        }
    }

    /// Why a path that is neither a file nor a folder is refused.
    static func notRegularMessage(_ what: String) -> String {
        "is not a regular file but \(what); give a list file, or a folder of Open Referral CSV tables"
    }

    /// Reads one file (or folder, for Open Referral tables) through an import profile.
    private func read(
        _ path: String,
        through profile: ImportProfile,
        isFolder: Bool,
        progress: ((Int) -> Void)?,
        emit: (([Service]) -> Void)?
    ) throws(ImportFileError) -> ParsedList {
        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let listSource = source ?? profile.source ?? SourceName(fileName)
        switch profile.layout {
        case .openReferralTables:
            guard isFolder else {
                throw ImportFileError(
                    file: path,
                    message: "the profile \(profile.name) reads a folder of Open Referral CSV tables, not a file"
                )
            }
            var list = try readOpenReferral(
                path,
                termMap: profile.maps[ImportProfile.taxonomyTermMap],
                rules: profile.fields,
                emit: emit
            )
            list.profile = profile.name
            return list
        case .csv(let layout):
            if !isFolder, Self.isWorkbook(path) {
                // A CSV profile applied to a workbook reads its first sheet, as Excel would have saved it.
                return try ProfileXLSXReader(
                    profile: profile,
                    layout: XLSXLayout(headerRow: layout.headerRow),
                    vocabularies: vocabularies
                )
                .read(path: path, file: path, source: listSource, emit: emit)
            }
            // A profile reading several tables takes their folder (its main table inside) or the main file.
            var file = path
            var reader = ProfileCSVReader(profile: profile, vocabularies: vocabularies)
            if isFolder {
                guard let joins = layout.joins else {
                    throw ImportFileError(
                        file: path,
                        message: "is a folder; the profile \(profile.name) reads one CSV file (give the file)"
                    )
                }
                reader.folder = path
                file = "\(path)/\(joins.mainFile)"
            }
            reader.limits = csvLimits
            return try reader.read(
                try Self.openCSV(file),
                file: file,
                source: listSource,
                progress: progress,
                emit: emit
            )
        case .xml:
            guard !isFolder else { throw ImportFileError(file: path, message: "is a folder, not an XML file") }
            return try ProfileXMLReader(profile: profile, vocabularies: vocabularies)
                .read(.file(path: path), file: path, source: listSource, progress: progress, emit: emit)
        case .json:
            guard !isFolder else { throw ImportFileError(file: path, message: "is a folder, not a JSON file") }
            return try ProfileJSONReader(profile: profile, vocabularies: vocabularies)
                .read(path: path, file: path, source: listSource, emit: emit)
        case .xlsx(let layout):
            guard !isFolder else { throw ImportFileError(file: path, message: "is a folder, not an Excel workbook") }
            return try ProfileXLSXReader(profile: profile, layout: layout, vocabularies: vocabularies)
                .read(path: path, file: path, source: listSource, emit: emit)
        }
    }

    /// Reads a folder of Open Referral CSV tables (HSDS 3.0 / 3.1, ORUK 3.0); terms and areas that map to nothing
    /// become warnings with their counts and first lines.
    private func readOpenReferral(
        _ folder: String,
        termMap: ValueMap? = nil,
        rules: [FieldRule] = [],
        emit: (([Service]) -> Void)?
    ) throws(ImportFileError) -> ParsedList {
        let listSource = source ?? profile?.source ?? SourceName((folder as NSString).lastPathComponent)
        let result = HSDSTabularReader.read(
            folder: folder,
            vocabularies: vocabularies,
            source: listSource,
            termMap: termMap,
            rules: rules,
            limits: csvLimits
        )
        // Only a folder that cannot be read at all (no services table, a header that cannot be read) stops the
        // import; a rejected row, an id-less one included, is reported and the rest of the folder imports.
        if let error = result.folderError { throw ImportFileError(file: folder, issues: error.issues) }
        let issues = result.issues + result.unmapped.map(\.issue)
        emit?(result.services)
        var list = ParsedList(
            file: folder,
            format: .openReferralCSV,
            source: listSource,
            recordCount: result.recordCount,
            services: emit == nil ? result.services : [],
            issues: issues
        )
        list.acceptedCount = result.services.count
        list.unmapped = result.unmapped
        list.formatVersion = result.version?.description
        return list
    }

    /// Whether a file starts (after a BOM and white space) with `<`; XML is streamed from disk, so only the start
    /// is read here.
    public static func looksLikeXML(_ path: String) -> Bool {
        // Opened only if it is a regular file (a named pipe with no writer would block).
        guard let file = try? CSVFileSource(path: path) else { return false }
        var head = [UInt8](repeating: 0, count: 4096)
        let count =
            (try? head.withUnsafeMutableBufferPointer { buffer throws(CSVReadError) in
                try file.read(into: buffer)
            }) ?? 0
        return detectFormat(Array(head[0..<count])) == .signpostXML
    }

    public func run(into catalog: some Catalog) async throws -> Result {
        // Feeds are pulled whole before the catalog is touched: one that fails stops the import with nothing stored.
        let (job, summaries, feedErrors) = await pullingFeeds()
        if !feedErrors.isEmpty {
            var result = Result(dryRun: dryRun)
            result.fileErrors = feedErrors
            result.stop = .fileErrors
            result.feeds = summaries
            return result
        }
        var result = try await job.store(into: catalog)
        result.feeds = summaries
        return result
    }

    private func store(into catalog: some Catalog) async throws -> Result {
        let feed = ServiceFeed(capacity: 4)
        let options = ImportOptions(dryRun: dryRun, files: files)
        async let applied = catalog.apply(options, feed: feed)
        // Read on a thread of its own: the feed blocks it while the catalog catches up, which must not tie up the
        // concurrency pool.
        let collected = findDuplicates ? CollectedServices() : nil
        var result = await withCheckedContinuation { continuation in
            let job = self
            Thread.detachNewThread { continuation.resume(returning: job.produce(into: feed, collecting: collected)) }
        }
        do {
            result.outcome = try await applied
        } catch {
            if result.stop == nil { result.stop = .storage(String(describing: error)) }
        }
        if let collected, result.stop == nil {
            try await findDuplicates(of: collected.take(), from: collected.sources, in: catalog, into: &result)
        }
        return result
    }

    /// Pairs the services read with likely duplicates from other sources in the catalog (as it is after the
    /// import, or as it would be, for a dry run).
    private func findDuplicates(
        of read: consuming DuplicatePool,
        from sources: Set<SourceName>,
        in catalog: some Catalog,
        into result: inout Result
    ) async throws {
        guard read.entryCount > 0 else { return }
        // The other sources' services, then the ones just read. The sources read are left out whole: their services
        // in the catalog are the ones read, or (without --replace) others of the same source, which the rule never
        // pairs with them.
        let others = try await catalog.duplicatePool(excludingSources: sources)
        let ids = Set(read.ids)
        // The smaller pool is added to the larger, which is moved rather than copied (a copy still shared with
        // `read` or `others` would be duplicated whole by the first addition).
        var pool: DuplicatePool
        if read.entryCount >= others.entryCount {
            pool = consume read
            pool.add(contentsOf: others)
        } else {
            pool = consume others
            pool.add(contentsOf: read)
        }
        let findings = DuplicateFinder.findings(in: pool, among: ids, keeping: Self.duplicatesKept)
        result.duplicates = findings.pairs
        result.duplicatesFound = findings.total
        result.duplicateSearchComplete = findings.isComplete
        var involved = Set<ServiceID>()
        for pair in result.duplicates {
            involved.insert(pair.first)
            involved.insert(pair.second)
        }
        result.duplicateNames = pool.describe(involved)
    }

    private func produce(into feed: ServiceFeed, collecting collected: CollectedServices? = nil) -> Result {
        var result = Result(dryRun: dryRun)
        let sizes = files.map { file in
            pulledFeeds[file] != nil ? 0 : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        }
        let progress = showProgress ? ProgressBar(total: sizes.reduce(0, +), files: files.count) : nil
        var done = 0
        for (index, file) in files.enumerated() {
            let name = (file as NSString).lastPathComponent
            progress?.update(done, file: index + 1, name: name)
            let base = done
            let sendable = result.fileErrors.isEmpty
            do throws(ImportFileError) {
                let list = try read(
                    file,
                    progress: { bytes in progress?.update(base + min(bytes, sizes[index]), file: index + 1, name: name)
                    },
                    emit: { batch in
                        if sendable {
                            collected?.append(batch)
                            feed.send(batch)
                        }
                    }
                )
                result.lists.append(list)
            } catch {
                result.fileErrors.append(error)
            }
            done += sizes[index]
        }
        progress?.finish()

        let rejected = result.lists.reduce(0) { $0 + $1.rejectedCount }
        if !result.fileErrors.isEmpty {
            result.stop = .fileErrors
            feed.fail(Abort(description: "a file could not be read or is invalid"))
        } else if let maxRejects, rejected > maxRejects {
            result.stop = .tooManyRejects(rejected, limit: maxRejects)
            feed.fail(Abort(description: "\(rejected) rows were rejected, more than --max-rejects \(maxRejects)"))
        } else {
            var retained = Set<ServiceID>()
            for list in result.lists {
                for issue in list.issues where issue.severity == .error {
                    if let id = issue.recordID { retained.insert(ServiceID(source: list.source, recordID: id)) }
                }
            }
            if showProgress { FileHandle.standardError.write(Data("committing…\n".utf8)) }
            result.replacedSources = replace ? Array(Set(result.lists.map { $0.source })).sorted() : []
            feed.finish(
                ServiceFeed.Ending(
                    replacing: replace ? Set(result.lists.map { $0.source }) : [],
                    retained: retained,
                    rejectedCount: rejected
                )
            )
        }
        return result
    }
}

/// The services read, kept for the duplicate check in a compact pool (a whole service is large); appended to only by
/// the reading thread, read after it ends.
private final class CollectedServices: @unchecked Sendable {
    private(set) var pool = DuplicatePool()
    private(set) var sources: Set<SourceName> = []

    func append(_ batch: [Service]) {
        for service in batch {
            pool.add(DuplicateCandidate(service))
            sources.insert(service.provenance.source)
        }
    }

    /// The pool, leaving this one empty (so that the caller holds the only copy).
    func take() -> DuplicatePool {
        defer { pool = DuplicatePool() }
        return pool
    }
}
