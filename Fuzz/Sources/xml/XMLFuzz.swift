import FuzzSupport
import SignpostCore
import SignpostImport

/// The Signpost XML reader on the bytes, as `signpost import` calls it: validation against the XSD, then the
/// streaming read. A list the schema refuses is also read with `parse` (public, and what `validate` itself falls
/// back on to find where a list breaks), so that the record mapping sees more than schema-valid lists.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = XMLInput.memory(FuzzInput.bytes(data, size))
    let reader = SignpostXMLReader(vocabularies: FuzzInput.vocabularies)
    do {
        _ = try reader.read(input, file: "fuzz.xml")
    } catch {
        _ = try? reader.parse(input, file: "fuzz.xml")
    }
    return 0
}
