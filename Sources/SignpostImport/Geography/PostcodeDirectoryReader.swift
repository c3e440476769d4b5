import Foundation
public import SignpostCore

/// Reads the ONS postcode directories, the National Statistics Postcode Lookup (NSPL) and the ONS Postcode
/// Directory (ONSPD), as CSV: one row per postcode, live or terminated, for the whole UK.
///
/// The file is streamed in chunks (``chunkSize``, 8 MB by default), never read whole, so a full ONSPD (about 2.7
/// million rows, over a gigabyte) is read in flat memory. Columns are found by their header names (any case):
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
    public private(set) var bytesRead = 0
    /// What has been read so far; complete once ``next()`` has returned `nil`.
    public private(set) var summary: PostcodeDirectorySummary

    private let path: String
    private let handle: FileHandle
    private let chunkSize: Int
    private let batchSize: Int
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var position = 0
    private var atEnd = false
    private var closed = false
    /// The line the next record starts on.
    private var line = 1
    /// What each column of the file is used for, by index.
    private let roles: [Role?]
    private var cells = Cells()
    private var authorities = CodeMemo(kind: .localAuthority)
    private var forces = CodeMemo(kind: .policeForceArea)

    /// A record longer than this is taken for a quote that is never closed.
    private static let longestRecord = 1 << 20

    fileprivate init(path: String, chunkSize: Int, batchSize: Int) throws(ImportFileError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFileError(file: path, message: "cannot read the file: it does not exist or is not readable")
        }
        self.path = path
        self.handle = handle
        self.chunkSize = chunkSize
        self.batchSize = batchSize
        fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        buffer.reserveCapacity(chunkSize + 4096)

        var header: [String] = []
        var reading = Reading(path: path, handle: handle, chunkSize: chunkSize)
        do {
            header = try reading.header(into: &buffer, position: &position, line: &line)
        } catch {
            try? handle.close()
            throw error
        }
        bytesRead = reading.bytesRead
        atEnd = reading.atEnd
        do {
            (columns, roles) = try Self.mapHeader(header, file: path)
        } catch {
            try? handle.close()
            throw error
        }
        summary = PostcodeDirectorySummary(file: path, layout: columns.layout)
    }

    deinit { if !closed { try? handle.close() } }

    /// The next batch of records, in file order; `nil` at the end of the file.
    /// - Throws: ``ImportFileError`` when the file cannot be read further, or a quote is never closed.
    public func next() throws(ImportFileError) -> [PostcodeRecord]? {
        var batch: [PostcodeRecord] = []
        batch.reserveCapacity(batchSize)
        while batch.count < batchSize {
            let complete = scan(into: &batch, limit: batchSize)
            if batch.count >= batchSize { break }
            if complete {
                if atEnd { break }
                try refill()
            }
        }
        if batch.isEmpty {
            if !closed {
                closed = true
                try? handle.close()
            }
            return nil
        }
        return batch
    }

    // MARK: Reading bytes

    /// Drops the bytes already scanned and appends the next chunk of the file.
    private func refill() throws(ImportFileError) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        if buffer.count > Self.longestRecord {
            throw ImportFileError(
                file: path,
                issues: [
                    ImportIssue(
                        file: path,
                        line: line,
                        message: "a row runs on for over a megabyte: a quote is probably not closed. Check the file "
                            + "is an unaltered ONS NSPL or ONSPD CSV"
                    )
                ]
            )
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw ImportFileError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let data, !data.isEmpty else {
            atEnd = true
            return
        }
        buffer.append(contentsOf: data)
        bytesRead += data.count
    }

    /// Turns the complete records in the buffer into records until `batch` holds `limit`. Returns `true` when it
    /// stopped for want of bytes (the rest of the buffer is at most part of a record), `false` when the batch filled.
    private func scan(into batch: inout [PostcodeRecord], limit: Int) -> Bool {
        buffer.withUnsafeBufferPointer { bytes in
            var scanner = RecordScanner(bytes: bytes, position: position, line: line, atEnd: atEnd, roles: roles)
            while batch.count < limit {
                guard scanner.next(into: &cells) else {
                    return true
                }
                position = scanner.position
                let recordLine = line
                line = scanner.line
                if cells.isBlank { continue }
                if let record = record(bytes: bytes, line: recordLine) { batch.append(record) }
            }
            return false
        }
    }

    // MARK: Making records

    /// The record of the row whose cells are in `cells`, or `nil` when it is skipped.
    private func record(bytes: UnsafeBufferPointer<UInt8>, line: Int) -> PostcodeRecord? {
        summary.rows += 1
        if cells.columns < roles.count {
            summary.shortRows += 1
            if summary.shortLines.count < PostcodeDirectorySummary.skippedLineSample { summary.shortLines.append(line) }
        }
        var postcode: Postcode?
        for role in Role.postcodes where cells.has(role) {
            postcode = Postcode(cells.string(role, in: bytes))
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
        if let latitude = cells.double(.latitude, in: bytes), let longitude = cells.double(.longitude, in: bytes),
            abs(latitude) <= 90, abs(longitude) <= 180
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

        let localAuthority = authorities.code(cells.slice(.localAuthority, in: bytes))
        if localAuthority == nil { summary.unknownAuthority += 1 }
        let forceArea = forces.code(cells.slice(.forceArea, in: bytes))
        if forceArea == nil { summary.unknownForce += 1 }

        let isTerminated = !cells.isEmpty(.terminated, in: bytes)
        if isTerminated { summary.terminated += 1 } else { summary.live += 1 }
        return PostcodeRecord(
            postcode: postcode,
            point: point,
            localAuthority: localAuthority,
            forceArea: forceArea,
            isTerminated: isTerminated
        )
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
    ) throws(ImportFileError) -> (PostcodeDirectoryColumns, [Role?]) {
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

        var roles = [Role?](repeating: nil, count: names.count)
        for (role, index) in found where roles[index] == nil { roles[index] = role }
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
        return (columns, roles)
    }
}

/// Reads the header line at the start of the file, a chunk at a time.
private struct Reading {
    let path: String
    let handle: FileHandle
    let chunkSize: Int
    var bytesRead = 0
    var atEnd = false

    init(path: String, handle: FileHandle, chunkSize: Int) {
        self.path = path
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// Fills `buffer` until it holds the first non-blank line, and returns that line's cells, leaving `position`
    /// after it.
    mutating func header(
        into buffer: inout [UInt8],
        position: inout Int,
        line: inout Int
    ) throws(ImportFileError) -> [String] {
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw ImportFileError(file: path, message: "cannot read the file: \(error.localizedDescription)")
            }
            if let data, !data.isEmpty {
                buffer.append(contentsOf: data)
                bytesRead += data.count
            } else {
                atEnd = true
            }
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF, position == 0 {
                position = 3
            }
            let found: (fields: [String], end: Int, lines: Int)? = buffer.withUnsafeBufferPointer { bytes in
                var scanner = RecordScanner(bytes: bytes, position: position, line: line, atEnd: atEnd, roles: [])
                while true {
                    var fields: [String] = []
                    guard scanner.nextFields(into: &fields) else { return nil }
                    if fields.count == 1, fields[0].isEmpty { continue }
                    return (fields, scanner.position, scanner.line)
                }
            }
            if let found {
                position = found.end
                line = found.lines
                return found.fields
            }
            if atEnd { throw ImportFileError(file: path, message: "the file is empty: expected a header row") }
            if buffer.count > 1 << 20 {
                throw ImportFileError(file: path, message: "the first line is over a megabyte long: not a CSV header")
            }
        }
    }
}

/// Where the cells the reader uses lie in the buffer, for the row last scanned.
private struct Cells {
    /// Per role: the start and end of the cell's bytes, and whether it holds doubled quotes to undo.
    var starts = [Int](repeating: -1, count: PostcodeDirectoryCursor.Role.allCases.count)
    var ends = [Int](repeating: -1, count: PostcodeDirectoryCursor.Role.allCases.count)
    var escaped = [Bool](repeating: false, count: PostcodeDirectoryCursor.Role.allCases.count)
    /// The row was an empty line.
    var isBlank = false
    /// How many cells the row had.
    var columns = 0

    mutating func reset() {
        for index in starts.indices {
            starts[index] = -1
            ends[index] = -1
            escaped[index] = false
        }
        isBlank = false
    }

    func has(_ role: PostcodeDirectoryCursor.Role) -> Bool { starts[role.rawValue] >= 0 }

    func slice(_ role: PostcodeDirectoryCursor.Role, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>
    {
        let start = starts[role.rawValue]
        guard start >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[role.rawValue]])
    }

    func string(_ role: PostcodeDirectoryCursor.Role, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: slice(role, in: bytes), as: UTF8.self)
        return escaped[role.rawValue] ? text.replacing("\"\"", with: "\"") : text
    }

    func isEmpty(_ role: PostcodeDirectoryCursor.Role, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        slice(role, in: bytes).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    func double(_ role: PostcodeDirectoryCursor.Role, in bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        DecimalParser.parse(slice(role, in: bytes))
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

/// Walks CSV records over bytes, noting where the cells the reader uses lie rather than copying every cell.
/// Handles RFC 4180 quoting (delimiters, doubled quotes and line ends inside quotes) and LF, CRLF or CR line ends.
private struct RecordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    var line: Int
    /// Whether the buffer ends where the file does (otherwise a record that reaches its end is incomplete).
    let atEnd: Bool
    let roles: [PostcodeDirectoryCursor.Role?]

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Scans the next record, noting its used cells in `cells`. Returns `false`, leaving the position unchanged,
    /// when no complete record is left in the buffer.
    mutating func next(into cells: inout Cells) -> Bool {
        cells.reset()
        var column = 0
        var blank = true
        let roles = self.roles
        let result = walk { start, end, escaped in
            if end > start { blank = false }
            if column < roles.count, let role = roles[column] {
                cells.starts[role.rawValue] = start
                cells.ends[role.rawValue] = end
                cells.escaped[role.rawValue] = escaped
            }
            column += 1
        }
        cells.isBlank = result && blank && column == 1
        cells.columns = column
        return result
    }

    /// Scans the next record into `fields` (the header). Returns `false` when no complete record is left.
    mutating func nextFields(into fields: inout [String]) -> Bool {
        fields.removeAll()
        var collected: [String] = []
        let bytes = self.bytes
        let result = walk { start, end, escaped in
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            collected.append(escaped ? text.replacing("\"\"", with: "\"") : text)
        }
        fields = collected
        return result
    }

    /// Walks one record, calling `cell` with each cell's byte range (inside any quotes) and whether it holds
    /// doubled quotes. Returns `false` and restores the position when the record is cut off by the buffer's end
    /// before the file's.
    private mutating func walk(_ cell: (Int, Int, Bool) -> Void) -> Bool {
        let count = bytes.count
        let savedPosition = position
        let savedLine = line
        guard position < count else { return false }
        var index = position
        var lines = 0
        while true {
            var start = index
            var end = index
            var escaped = false
            if index < count, bytes[index] == Self.quote {
                index += 1
                start = index
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < count, bytes[index + 1] == Self.quote {
                            escaped = true
                            index += 2
                            continue
                        }
                        if index + 1 == count, !atEnd { break }
                        closed = true
                        break
                    }
                    if byte == Self.lf { lines += 1 }
                    index += 1
                }
                guard closed || atEnd else {
                    position = savedPosition
                    line = savedLine
                    return false
                }
                end = index
                if closed { index += 1 }
                // Anything between the closing quote and the delimiter is ignored.
                while index < count, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
                    index += 1
                }
            } else {
                while index < count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                    index += 1
                }
                end = index
            }
            if index == count {
                guard atEnd else {
                    position = savedPosition
                    line = savedLine
                    return false
                }
                cell(start, end, escaped)
                position = index
                line += lines + 1
                return true
            }
            cell(start, end, escaped)
            let byte = bytes[index]
            if byte == Self.comma {
                index += 1
                if index == count, atEnd {
                    cell(index, index, false)
                    position = index
                    line += lines + 1
                    return true
                }
                continue
            }
            // A line end: LF, CRLF, CR CR LF or a lone CR. A CR at the very end of the buffer may be half of a CRLF.
            if byte == Self.cr {
                if index + 1 == count, !atEnd {
                    position = savedPosition
                    line = savedLine
                    return false
                }
                if index + 1 < count, bytes[index + 1] == Self.lf {
                    index += 2
                } else if index + 2 < count, bytes[index + 1] == Self.cr, bytes[index + 2] == Self.lf {
                    index += 3
                } else {
                    index += 1
                }
            } else {
                index += 1
            }
            position = index
            line += lines + 1
            return true
        }
    }
}
