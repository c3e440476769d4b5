import FuzzSupport
import SignpostCore
import SignpostImport

/// What an Open Referral UK feed answers: a page of `/services`, a NUL byte, then a service document (`service_full`);
/// with no NUL it is all page. The page is read as `signpost import https://...` reads it, and its items and the
/// document are laid out as HSDS tables and read as the services of a feed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (page, document) = FuzzInput.split(FuzzInput.bytes(data, size))
    var documents: [HSDSTabularReader.FeedDocument] = []
    if let parsed = try? OpenReferralFeedPage.parse(page) {
        documents = parsed.items.map { .init(address: "https://fuzz.example/services/\($0.id)", bytes: $0.document) }
    }
    if let document { documents.append(.init(address: "https://fuzz.example/services/x", bytes: document)) }
    guard !documents.isEmpty else { return 0 }
    _ = HSDSTabularReader.read(
        documents: documents,
        feed: "https://fuzz.example",
        vocabularies: FuzzInput.vocabularies,
        source: SourceName("fuzz")
    )
    return 0
}
