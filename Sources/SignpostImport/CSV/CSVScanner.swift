/// The tokeniser: splits one record at a time out of a window of UTF-8 bytes that ``CSVReader`` refills. When the
/// window ends inside a record it says so, and is called again from the same place once the window holds more.
///
/// RFC 4180 quoting (delimiters, doubled quotes and line breaks inside quotes; text after a closing quote is kept, as
/// spreadsheets do), LF, CRLF, CR and `\r\r\n` line ends, and U+FEFF (a byte-order mark) dropped at the start of a
/// record. It holds the ``CSVLimits``: a record over one is reported, never held whole.
struct CSVScanner {
    let delimiter: UInt8
    let limits: CSVLimits
    /// The line the next record starts on.
    var line = 1
    private var scratch: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(delimiter: UInt8, limits: CSVLimits) {
        self.delimiter = delimiter
        self.limits = limits
    }

    enum Outcome {
        /// A record, in `fields`; the next one starts at `end`.
        case record(line: Int, end: Int)
        /// The window ends inside the record: refill it and scan again from the same start.
        case incomplete
        /// A record that breaks a rule; the next one starts at `end`. When `end` is nil the record's end is unknown:
        /// the caller looks for the next line from which a record can be read.
        case broken(CSVRecordError, end: Int?)
        /// No more records.
        case endOfInput
    }

    /// What went wrong first in a record, and in which cell.
    private struct Fault {
        var reason: CSVRecordError.Reason
        var column: Int?
    }

    /// Scans the record starting at `start` in `buffer`. `isFinal` says that no more bytes will come after the
    /// buffer's end. Cells go into `fields` (replacing what was there).
    mutating func scan(
        _ buffer: UnsafeBufferPointer<UInt8>,
        from start: Int,
        isFinal: Bool,
        into fields: inout [String]
    ) -> Outcome {
        let available = buffer.count
        guard let base = buffer.baseAddress, start < available else { return isFinal ? .endOfInput : .incomplete }
        var index = start
        // A byte-order mark (U+FEFF) at the start of a record: the file's own, or one from a file concatenated on.
        while available - index >= 3, base[index] == 0xEF, base[index + 1] == 0xBB, base[index + 2] == 0xBF {
            index += 3
        }
        if !isFinal, available - index < 3, Self.couldStartByteOrderMark(base + index, available - index) {
            return .incomplete
        }
        if index == available { return .endOfInput }
        // The record is scanned no further than its limit (and room for a line end, `\r\r\n` at most): what the
        // window holds past that cannot change the outcome, so a file gives the same records and the same faults
        // however it is cut into chunks. A window that reaches past the horizon is never final for the record.
        let horizon = start + limits.maximumRecordBytes + 3
        let reachesHorizon = available >= horizon
        let count = min(available, horizon)
        let isFinal = isFinal && !reachesHorizon

        fields.removeAll(keepingCapacity: true)
        let recordLine = line
        var here = line
        var fault: Fault?
        var column = 0

        /// Gives up on the record without knowing where it ends.
        func abandon(_ found: Fault, _ fields: [String]) -> Outcome {
            let first = fault ?? found
            return .broken(
                CSVRecordError(
                    line: recordLine,
                    column: first.column,
                    reason: first.reason,
                    cells: fields
                ),
                end: nil
            )
        }
        /// The window ends inside the record: wait for more, unless the window reaches the horizon (the record is
        /// over its limit, whatever follows).
        func needMore(_ fields: [String]) -> Outcome {
            if reachesHorizon {
                return abandon(Fault(reason: .recordTooLong(limit: limits.maximumRecordBytes)), fields)
            }
            return .incomplete
        }

        while true {
            if column >= limits.maximumColumns, fault == nil {
                fault = Fault(reason: .tooManyColumns(limit: limits.maximumColumns), column: column)
            }
            if index < count, base[index] == Self.quote {
                let cellStart = index
                let openedOn = here
                index += 1
                var segment = index
                scratch.removeAll(keepingCapacity: true)
                while true {
                    while index < count {
                        let byte = base[index]
                        if byte == Self.quote || byte == Self.lf || byte == Self.cr { break }
                        index += 1
                    }
                    if index - cellStart > limits.maximumCellBytes {
                        let reason = CSVRecordError.Reason.quotedCellTooLong(
                            openedOnLine: openedOn,
                            limit: limits.maximumCellBytes
                        )
                        return abandon(Fault(reason: reason, column: column), fields)
                    }
                    if index == count {
                        if !isFinal { return needMore(fields) }
                        return abandon(
                            Fault(reason: .unterminatedQuote(openedOnLine: openedOn), column: column),
                            fields
                        )
                    }
                    if base[index] == Self.quote {
                        if index + 1 == count, !isFinal { return needMore(fields) }
                        if fault == nil {
                            scratch.append(
                                contentsOf: UnsafeBufferPointer(start: base + segment, count: index - segment)
                            )
                        }
                        if index + 1 < count, base[index + 1] == Self.quote {
                            if fault == nil { scratch.append(Self.quote) }
                            index += 2
                            segment = index
                            continue
                        }
                        // The closing quote. Text after it, up to the delimiter, is kept.
                        index += 1
                        segment = index
                        while index < count {
                            let byte = base[index]
                            if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                            index += 1
                        }
                        if index == count, !isFinal { return needMore(fields) }
                        if fault == nil {
                            if index - cellStart > limits.maximumCellBytes {
                                fault = Fault(reason: .cellTooLong(limit: limits.maximumCellBytes), column: column)
                            } else {
                                scratch.append(
                                    contentsOf: UnsafeBufferPointer(start: base + segment, count: index - segment)
                                )
                                fields.append(String(decoding: scratch, as: UTF8.self))
                            }
                        }
                        break
                    }
                    // A line end inside the quotes becomes "\n".
                    if fault == nil {
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: index - segment))
                        scratch.append(Self.lf)
                    }
                    guard let after = Self.lineEnd(base, at: index, count: count, isFinal: isFinal) else {
                        return needMore(fields)
                    }
                    index = after
                    here += 1
                    segment = index
                }
            } else {
                let cellStart = index
                while index < count {
                    let byte = base[index]
                    if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                    index += 1
                }
                let tooLong = index - cellStart > limits.maximumCellBytes
                if index == count, !isFinal {
                    if tooLong, fault == nil {
                        fault = Fault(reason: .cellTooLong(limit: limits.maximumCellBytes), column: column)
                    }
                    return needMore(fields)
                }
                if fault == nil {
                    if tooLong {
                        fault = Fault(reason: .cellTooLong(limit: limits.maximumCellBytes), column: column)
                    } else {
                        fields.append(
                            String(
                                decoding: UnsafeBufferPointer(start: base + cellStart, count: index - cellStart),
                                as: UTF8.self
                            )
                        )
                    }
                }
            }
            column += 1
            if index - start > limits.maximumRecordBytes {
                return abandon(Fault(reason: .recordTooLong(limit: limits.maximumRecordBytes)), fields)
            }
            if index == count { break }
            if base[index] == delimiter {
                index += 1
                continue
            }
            guard let after = Self.lineEnd(base, at: index, count: count, isFinal: isFinal) else {
                return needMore(fields)
            }
            index = after
            here += 1
            break
        }
        line = here
        if let fault {
            let error = CSVRecordError(
                line: recordLine,
                column: fault.column,
                reason: fault.reason,
                cells: fields
            )
            return .broken(error, end: index)
        }
        return .record(line: recordLine, end: index)
    }

    /// Where the next line starts, for reading on after a record whose end is unknown.
    enum NextLine {
        case at(Int)
        /// The window ends first: drop it up to `keepFrom` and look on from there once it is refilled.
        case notInWindow(keepFrom: Int)
        /// The input ends first.
        case none
    }

    /// The start of the line after the one holding `start`: after the first line end, whatever the quotes.
    static func nextLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool) -> NextLine {
        let count = buffer.count
        guard let base = buffer.baseAddress else { return isFinal ? .none : .notInWindow(keepFrom: start) }
        var index = start
        while index < count {
            let byte = base[index]
            if byte == lf || byte == cr {
                guard let after = lineEnd(base, at: index, count: count, isFinal: isFinal) else {
                    return .notInWindow(keepFrom: index)
                }
                return .at(after)
            }
            index += 1
        }
        return isFinal ? .none : .notInWindow(keepFrom: count)
    }

    /// The index after the line end at `index` (LF, CRLF, `\r\r\n` or a lone CR), or `nil` when more bytes are
    /// needed to tell.
    private static func lineEnd(
        _ base: UnsafePointer<UInt8>,
        at index: Int,
        count: Int,
        isFinal: Bool
    ) -> Int? {
        guard base[index] == cr else { return index + 1 }
        if index + 1 < count {
            if base[index + 1] == lf { return index + 2 }
            if base[index + 1] == cr {
                if index + 2 < count { return base[index + 2] == lf ? index + 3 : index + 1 }
                return isFinal ? index + 1 : nil
            }
            return index + 1
        }
        return isFinal ? index + 1 : nil
    }

    /// Whether the `count` bytes at `bytes` (fewer than three) could be the start of EF BB BF.
    private static func couldStartByteOrderMark(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for offset in 0..<count where bytes[offset] != mark[offset] { return false }
        return true
    }

    /// Picks the delimiter that occurs most often, outside quotes, in the first record (`,` then `;` then tab on a
    /// tie; comma when none does). `nil` when the buffer ends before the first record does and more may come.
    static func sniffDelimiter(_ buffer: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> UInt8? {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
        var sawContent = false
        var complete = false
        var bytes = buffer[...]
        while bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        for byte in bytes {
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes, byte == lf || byte == cr {
                if sawContent {
                    complete = true
                    break
                }
            } else if !inQuotes {
                switch byte {
                case UInt8(ascii: ","): commas += 1
                case UInt8(ascii: ";"): semicolons += 1
                case UInt8(ascii: "\t"): tabs += 1
                default: break
                }
            }
            if byte != lf, byte != cr { sawContent = true }
        }
        if !complete, !isFinal { return nil }
        var best = UInt8(ascii: ",")
        var bestCount = 0
        for (candidate, found) in [
            (UInt8(ascii: ","), commas), (UInt8(ascii: ";"), semicolons), (UInt8(ascii: "\t"), tabs),
        ]
        where found > bestCount {
            best = candidate
            bestCount = found
        }
        return best
    }
}
