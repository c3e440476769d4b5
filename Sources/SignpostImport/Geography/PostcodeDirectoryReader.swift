import Foundation
public import SignpostCore

/// Reads the ONS postcode directories, the National Statistics Postcode Lookup (NSPL) and the ONS Postcode
/// Directory (ONSPD), as CSV: one row per postcode, live or terminated, for the whole UK.
///
/// The file is streamed in chunks (``chunkSize``, 8 MB by default), never read whole, so a full ONSPD (about 2.7
/// million rows, over a gigabyte) is read in flat memory. It is tokenised by the same ``CSVReader`` as every other CSV
/// file Signpost reads, keeping only the bytes of the six columns it uses (``CSVSelectedCells``), so the two agree on
/// every edge of CSV (quotes, line ends, byte-order marks, spaces before a quote). A record that cannot be read (a
/// quote never closed) stops the read: the directory is imported whole or not at all. Columns are found by their
/// header names (any case):
///
/// - the postcode from `pcds` (one space), else `pcd` or `pcd2` (padded, `N2  8AA`), else `pcd7`/`pcd8`;
/// - `lat` and `long`;
/// - the local authority from `laua` (NSPL), `oslaua` (ONSPD) or a `lad…cd` column (`lad23cd`);
/// - the police force area from `pfa` (or a `pfa…cd` column);
/// - `doterm`, the month a postcode was terminated.
///
/// What becomes of the values:
///
/// - a postcode that does not parse skips its row (counted, with the first few line numbers);
/// - a point is kept only when `lat`/`long` parse, are not the ONS's "no grid reference" (latitude 99.999999) and
///   lie in the box around England and Wales. Rows of Scotland, Northern Ireland, the Channel Islands and the Isle of
///   Man are kept, not skipped, so that such a postcode is known to lie outside England and Wales rather than be
///   unknown; their areas are `nil` (see below) and their points usually fall outside the box;
/// - only English and Welsh local authority codes (E06, E07, E08, E09, W06) and police force area codes (E23, W15)
///   are kept; pseudo codes (`E99999999`, `W99999999`), other countries' codes and empty cells become `nil`;
/// - a non-empty `doterm` marks the postcode terminated; it is kept so that old addresses still resolve.
public struct PostcodeDirectoryReader: Sendable {
    /// The file to read.
    public let path: String
    /// How many bytes to read from the file at a time.
    public var chunkSize: Int

    public init(path: String, chunkSize: Int = 8 << 20) {
        self.path = path
        self.chunkSize = max(chunkSize, 1)
    }

    /// Reads only the header: which columns the file has, and whether the ones needed are there.
    /// - Throws: ``ImportFileError`` when the file cannot be read, is empty, or lacks a required column.
    public func columns() throws(ImportFileError) -> PostcodeDirectoryColumns {
        try open(batchSize: 1).columns
    }

    /// Opens the file and reads its header, ready to hand out batches of records with
    /// ``PostcodeDirectoryCursor/next()``.
    /// - Throws: ``ImportFileError`` when the file cannot be read, is empty, or lacks a required column.
    public func open(batchSize: Int = 8192) throws(ImportFileError) -> PostcodeDirectoryCursor {
        try PostcodeDirectoryCursor(path: path, chunkSize: chunkSize, batchSize: max(batchSize, 1))
    }

    /// Reads the whole file, calling `body` with each batch of at most `batchSize` records in file order, and
    /// `progress` (when given) with the number of bytes read so far after each chunk.
    /// - Throws: ``ImportFileError`` when the file cannot be read or lacks a required column; whatever `body` throws,
    ///   unchanged (reading stops there).
    public func read(
        batchSize: Int = 8192,
        progress: ((Int) -> Void)? = nil,
        _ body: ([PostcodeRecord]) throws -> Void
    ) throws -> PostcodeDirectorySummary {
        let cursor = try open(batchSize: batchSize)
        while let batch = try cursor.next() {
            try body(batch)
            progress?(cursor.bytesRead)
        }
        return cursor.summary
    }
}

/// The two layouts of the ONS postcode directories, told apart by their column names.
public enum PostcodeDirectoryLayout: String, Hashable, Codable, Sendable {
    /// The National Statistics Postcode Lookup: `laua`, `cty`.
    case nspl = "NSPL"
    /// The ONS Postcode Directory: `oslaua`, `oscty`.
    case onspd = "ONSPD"
    /// Neither could be told from the columns (newer files that name areas `lad23cd` and the like).
    case unknown
}

/// The columns of a postcode directory file that the reader uses, by name as the header spells them.
public struct PostcodeDirectoryColumns: Hashable, Codable, Sendable {
    public var layout: PostcodeDirectoryLayout
    public var postcode: String
    public var latitude: String
    public var longitude: String
    public var localAuthority: String
    public var forceArea: String
    public var terminated: String
    /// How many columns the header names.
    public var count: Int
}

/// What reading a postcode directory found.
public struct PostcodeDirectorySummary: Hashable, Codable, Sendable {
    public var file: String
    public var layout: PostcodeDirectoryLayout
    /// Data rows read (blank lines aside).
    public var rows = 0
    /// Rows handed on as records: `rows - skipped`.
    public var records = 0
    /// Records of postcodes in use.
    public var live = 0
    /// Records of terminated postcodes (`doterm` set).
    public var terminated = 0
    /// Records without a grid reference (latitude 99.999999, or a latitude or longitude that does not parse).
    public var gridless = 0
    /// Records whose point lies outside the box around England and Wales (stored without a point).
    public var outsideEnglandAndWales = 0
    /// Records without an English or Welsh local authority (a pseudo code such as E99999999, another country's).
    public var unknownAuthority = 0
    /// Records without an English or Welsh police force area.
    public var unknownForce = 0
    /// Rows skipped because their postcode does not parse.
    public var skipped = 0
    /// The lines of the first few skipped rows.
    public var skippedLines: [Int] = []
    /// Rows with fewer cells than the header names (cut short: their missing cells are read as empty).
    public var shortRows = 0
    /// The lines of the first few short rows.
    public var shortLines: [Int] = []
    /// Cells with a space or tab between the comma and their opening quote (`"N2 8AA", "E09000003"`), read as the
    /// quoted value; 0 when none.
    public var spaceBeforeQuote = 0
    /// The line of the first such cell.
    public var spaceBeforeQuoteLine: Int?

    /// How many skipped lines are listed in ``skippedLines``.
    public static let skippedLineSample = 10
}

/// An open postcode directory file, handing out its records in batches. Not thread-safe: use it from one thread.
public final class PostcodeDirectoryCursor {
    /// The columns found in the header.
    public let columns: PostcodeDirectoryColumns
    /// The file's size in bytes (for progress).
    public let fileSize: Int
    /// How many bytes of the file have been read so far.
    public var bytesRead: Int { reader.bytesRead }
    /// What has been read so far; complete once ``next()`` has returned `nil`.
    public private(set) var summary: PostcodeDirectorySummary

    private let path: String
    private let batchSize: Int
    private let reader: CSVReader
    /// The column of each role (by the role's raw value), when the file has it.
    private let columnOfRole: [Int?]
    /// How many columns the header names.
    private let width: Int
    private var cells: CSVSelectedCells
    private var authorities = CodeMemo(kind: .localAuthority)
    private var forces = CodeMemo(kind: .policeForceArea)

    /// The reader a postcode directory is read with: the file as UTF-8 (the ONS writes ASCII), comma-separated,
    /// within the usual limits. (The tokeniser table test reads through this too.)
    static func csvReader(source: any CSVByteSource, chunkSize: Int) throws(CSVReadError) -> CSVReader {
        try CSVReader(
            source: source,
            encoding: .utf8,
            delimiter: UInt8(ascii: ","),
            limits: .default,
            chunkSize: chunkSize
        )
    }

    fileprivate init(path: String, chunkSize: Int, batchSize: Int) throws(ImportFileError) {
        self.path = path
        self.batchSize = batchSize
        let reader: CSVReader
        do {
            reader = try Self.csvReader(source: CSVFileSource(path: path), chunkSize: chunkSize)
        } catch {
            throw ImportFileError(file: path, message: error.message)
        }
        self.reader = reader
        fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        let header: CSVRecord
        switch try Self.nextRow(of: reader, path: path) {
        case nil:
            throw ImportFileError(file: path, message: "the file is empty: expected a header row")
        case .broken(let problem):
            throw ImportFileError(unreadableHeader: problem, file: path)
        case .record(let record):
            header = record
        }
        let found = try Self.mapHeader(header.fields, file: path)
        columns = found.columns
        width = header.fields.count
        var columnOfRole = [Int?](repeating: nil, count: Role.allCases.count)
        for (role, column) in found.roles { columnOfRole[role.rawValue] = column }
        self.columnOfRole = columnOfRole
        cells = CSVSelectedCells(wanted: Array(found.roles.values))
        summary = PostcodeDirectorySummary(file: path, layout: columns.layout)
    }

    /// The next batch of records, in file order; `nil` at the end of the file.
    /// - Throws: ``ImportFileError`` when the file cannot be read further, or a record cannot be read (a quote never
    ///   closed).
    public func next() throws(ImportFileError) -> [PostcodeRecord]? {
        var batch: [PostcodeRecord] = []
        batch.reserveCapacity(batchSize)
        while batch.count < batchSize {
            let row: CSVReader.Scanned?
            do {
                row = try reader.next(into: &cells)
            } catch {
                throw ImportFileError(file: path, message: error.message)
            }
            guard let row else { break }
            switch row {
            case .record(let line, let count, _):
                if let record = record(line: line, columns: count) { batch.append(record) }
            case .broken(let problem):
                throw ImportFileError(
                    file: path,
                    issues: [
                        ImportIssue(
                            file: path,
                            line: problem.line,
                            message: "\(problem.problem). Check the file is an unaltered ONS NSPL or ONSPD CSV; "
                                + "nothing was imported"
                        )
                    ]
                )
            }
        }
        if let note = reader.spaceBeforeQuote {
            summary.spaceBeforeQuote = note.count
            summary.spaceBeforeQuoteLine = note.firstLine
        }
        return batch.isEmpty ? nil : batch
    }

    /// The next row of `reader`, its failure as the file's error.
    private static func nextRow(of reader: CSVReader, path: String) throws(ImportFileError) -> CSVRow? {
        do {
            return try reader.next()
        } catch {
            throw ImportFileError(file: path, message: error.message)
        }
    }

    // MARK: Making records

    /// The record of the row whose cells are in `cells`, or `nil` when it is skipped.
    private func record(line: Int, columns count: Int) -> PostcodeRecord? {
        summary.rows += 1
        if count < width {
            summary.shortRows += 1
            if summary.shortLines.count < PostcodeDirectorySummary.skippedLineSample { summary.shortLines.append(line) }
        }
        var postcode: Postcode?
        for role in Role.postcodes {
            guard let column = columnOfRole[role.rawValue], cells.has(column) else { continue }
            postcode = Postcode(cells.string(at: column) ?? "")
            break
        }
        guard let postcode else {
            summary.skipped += 1
            if summary.skippedLines.count < PostcodeDirectorySummary.skippedLineSample {
                summary.skippedLines.append(line)
            }
            return nil
        }
        summary.records += 1

        var point: GeoPoint?
        if let latitude = number(.latitude), let longitude = number(.longitude), abs(latitude) <= 90,
            abs(longitude) <= 180
        {
            let candidate = GeoPoint(latitude: latitude, longitude: longitude)
            if candidate.isInEnglandAndWales {
                point = candidate
            } else {
                summary.outsideEnglandAndWales += 1
            }
        } else {
            summary.gridless += 1
        }

        let localAuthority = withBytes(.localAuthority) { authorities.code($0) }
        if localAuthority == nil { summary.unknownAuthority += 1 }
        let forceArea = withBytes(.forceArea) { forces.code($0) }
        if forceArea == nil { summary.unknownForce += 1 }

        let isTerminated = !withBytes(.terminated) { bytes in
            bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
        if isTerminated { summary.terminated += 1 } else { summary.live += 1 }
        return PostcodeRecord(
            postcode: postcode,
            point: point,
            localAuthority: localAuthority,
            forceArea: forceArea,
            isTerminated: isTerminated
        )
    }

    /// Calls `body` with the bytes of the cell of `role` (none when the row lacks it).
    private func withBytes<Result>(_ role: Role, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let column = columnOfRole[role.rawValue] else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return cells.withBytes(at: column, body)
    }

    /// The number in the cell of `role`.
    private func number(_ role: Role) -> Double? {
        withBytes(role) { DecimalParser.parse($0) }
    }

    // MARK: The header

    /// What a column is used for.
    fileprivate enum Role: Int, CaseIterable {
        case pcds, pcd, pcd2, pcd7, pcd8, latitude, longitude, localAuthority, forceArea, terminated

        /// The postcode columns, most preferred first.
        static let postcodes: [Role] = [.pcds, .pcd, .pcd2, .pcd7, .pcd8]
    }

    private static func mapHeader(
        _ header: [String],
        file: String
    ) throws(ImportFileError) -> (columns: PostcodeDirectoryColumns, roles: [Role: Int]) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var found: [Role: Int] = [:]
        func claim(_ role: Role, _ matches: (String) -> Bool) {
            guard found[role] == nil, let index = names.firstIndex(where: matches) else { return }
            found[role] = index
        }
        for (role, name) in [(Role.pcds, "pcds"), (.pcd, "pcd"), (.pcd2, "pcd2"), (.pcd7, "pcd7"), (.pcd8, "pcd8")] {
            claim(role) { $0 == name }
        }
        claim(.latitude) { $0 == "lat" }
        claim(.longitude) { $0 == "long" }
        claim(.localAuthority) { $0 == "laua" }
        claim(.localAuthority) { $0 == "oslaua" }
        claim(.localAuthority) { $0.hasPrefix("lad") && $0.hasSuffix("cd") }
        claim(.forceArea) { $0 == "pfa" }
        claim(.forceArea) { $0.hasPrefix("pfa") && $0.hasSuffix("cd") }
        claim(.terminated) { $0 == "doterm" }

        let postcodeRoles = Role.postcodes
        var missing: [String] = []
        if !postcodeRoles.contains(where: { found[$0] != nil }) { missing.append("pcds (or pcd, pcd2)") }
        if found[.latitude] == nil { missing.append("lat") }
        if found[.longitude] == nil { missing.append("long") }
        if found[.localAuthority] == nil { missing.append("laua (or oslaua, lad…cd)") }
        if found[.forceArea] == nil { missing.append("pfa") }
        if found[.terminated] == nil { missing.append("doterm") }
        if !missing.isEmpty {
            throw ImportFileError(
                file: file,
                issues: [
                    ImportIssue(
                        file: file,
                        line: 1,
                        message: "the header lacks column(s) \(missing.joined(separator: ", ")). Expected an ONS "
                            + "National Statistics Postcode Lookup (NSPL) or ONS Postcode Directory (ONSPD) CSV with "
                            + "its header row; files before August 2015 have no pfa column: use a newer release"
                    )
                ]
            )
        }

        let layout: PostcodeDirectoryLayout =
            if names.contains("oslaua") || names.contains("oscty") {
                .onspd
            } else if names.contains("laua") {
                .nspl
            } else {
                .unknown
            }
        func name(_ role: Role) -> String { found[role].map { header[$0] } ?? "" }
        let postcodeRole = postcodeRoles.first { found[$0] != nil } ?? .pcds
        let columns = PostcodeDirectoryColumns(
            layout: layout,
            postcode: name(postcodeRole),
            latitude: name(.latitude),
            longitude: name(.longitude),
            localAuthority: name(.localAuthority),
            forceArea: name(.forceArea),
            terminated: name(.terminated),
            count: names.count
        )
        return (columns, found)
    }
}

/// Parses a decimal number from bytes: the common `-51.587295` shape directly (exactly as `strtod` would round it),
/// anything else through `Double(String)`.
private enum DecimalParser {
    private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var end = bytes.count
        while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
        while end > index, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard index < end else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        var simple = index < end
        while index < end {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fraction += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                simple = false
                break
            }
            index += 1
        }
        // Up to 15 digits fit a Double exactly, and dividing by an exact power of ten rounds correctly.
        if simple, digits > 0, digits <= 15, fraction <= 22 {
            let value = Double(mantissa) / powers[fraction]
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }
}

/// Remembers the last area code seen in a column: rows come sorted by postcode, so neighbours mostly share their
/// local authority and force area, and the code need not be made and checked again.
private struct CodeMemo {
    let kind: AreaKind
    private var lastBytes: [UInt8] = []
    private var lastCode: AreaCode?

    init(kind: AreaKind) { self.kind = kind }

    mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> AreaCode? {
        if bytes.elementsEqual(lastBytes) { return lastCode }
        lastBytes = Array(bytes)
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces).uppercased()
        let code = AreaCode(text)
        lastCode = code.kind == kind ? code : nil
        return lastCode
    }
}
