import FuzzSupport
import SignpostCore
import SignpostImport

/// The CSV reader over the raw bytes (encoding detection, delimiter sniffing, quoting, the limits), then the Signpost
/// CSV reader (header mapping, list cells, validation against the vocabularies) on the same bytes.
///
/// The reader is also checked against itself: with small limits, so that inputs of a few hundred bytes reach every
/// limit, reading in chunks of a few bytes must give exactly the rows read in one chunk. A difference (a record split
/// or lost at a chunk boundary) stops the fuzzer as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let document = CSVDocument(raw: bytes)
    _ = document.rows()
    _ = document.countCells()

    let small = CSVLimits(maximumCellBytes: 48, maximumRecordBytes: 160, maximumColumns: 12)
    let whole = rows(bytes, limits: small, chunkSize: 1 << 20)
    let chunked = rows(bytes, limits: small, chunkSize: 7)
    if whole != chunked {
        let at =
            (0..<min(whole.count, chunked.count)).first { whole[$0] != chunked[$0] } ?? min(whole.count, chunked.count)
        var one = "nothing"
        var other = "nothing"
        if at < whole.count {
            one = ""
            dump(whole[at], to: &one)
        }
        if at < chunked.count {
            other = ""
            dump(chunked[at], to: &other)
        }
        fatalError("row \(at) read whole is \(one); read in 7-byte chunks it is \(other)")
    }

    let reader = SignpostCSVReader(vocabularies: FuzzInput.vocabularies)
    _ = try? reader.read(bytes, file: "fuzz.csv", source: SourceName("fuzz"))
    return 0
}

/// Every row of `bytes` read with `limits` in chunks of `chunkSize` bytes (memory sources never fail).
private func rows(_ bytes: [UInt8], limits: CSVLimits, chunkSize: Int) -> [CSVRow] {
    var rows: [CSVRow] = []
    do {
        let reader = try CSVReader(source: CSVMemorySource(bytes), limits: limits, chunkSize: chunkSize)
        try reader.forEachRow { rows.append($0) }
    } catch {
        fatalError("a source in memory failed: \(error)")
    }
    return rows
}
