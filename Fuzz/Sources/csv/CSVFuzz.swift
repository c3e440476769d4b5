import FuzzSupport
import SignpostCore
import SignpostImport

/// The CSV tokeniser over the raw bytes (encoding detection, delimiter sniffing, quoting), then the Signpost CSV
/// reader (header mapping, list cells, validation against the vocabularies) on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let document = CSVDocument(raw: bytes)
    document.forEachRecord { _ in }
    _ = document.countCells()
    let reader = SignpostCSVReader(vocabularies: FuzzInput.vocabularies)
    _ = try? reader.read(bytes, file: "fuzz.csv", source: SourceName("fuzz"))
    return 0
}
