import FuzzSupport
import SignpostCore

/// The postcode normaliser and the place checks. The input is a postcode, then optionally a NUL byte and an area;
/// each is parsed on its own and the two together, as `signpost refer --postcode P --area A` would.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (head, tail) = FuzzInput.split(FuzzInput.bytes(data, size))
    let postcode = String(decoding: head, as: UTF8.self)
    let area = tail.map { String(decoding: $0, as: UTF8.self) }
    let vocabularies = FuzzInput.vocabularies
    if let parsed = Postcode(postcode) {
        _ = (parsed.description, parsed.district.kind, parsed.area.kind, parsed.sector)
        precondition(Postcode(parsed.description) == parsed, "\(parsed) does not read back as itself")
    }
    _ = (AreaCode(postcode).kind, AreaCode(postcode).postcodeArea, vocabularies.resolveArea(postcode))
    _ = try? LocationQuery.parse(postcode: postcode, area: nil, vocabularies: vocabularies)
    if let area {
        _ = try? LocationQuery.parse(postcode: nil, area: area, vocabularies: vocabularies)
        _ = try? LocationQuery.parse(postcode: postcode, area: area, vocabularies: vocabularies)
    }
    return 0
}
