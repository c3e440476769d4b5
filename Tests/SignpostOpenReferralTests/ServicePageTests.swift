import SignpostCore
import SignpostOpenReferral
import SignpostTestSupport
import Testing

/// `count` fixture services with distinct ids.
private func services(_ count: Int) -> [Service] {
    (0..<count).map { Fixtures.service(recordID: "T-\($0)") }
}

/// The envelope of a service page, parsed.
private func page(
    items: Int,
    totalItems: Int,
    page: Int,
    perPage: Int
) throws -> [String: Any] {
    try parseObject(
        OpenReferral.servicePage(
            services(items),
            totalItems: totalItems,
            page: page,
            perPage: perPage,
            vocabularies: try vocabularies(),
            includeConfidential: false
        )
    )
}

@Test func firstOfThreePages() throws {
    let envelope = try page(items: 10, totalItems: 25, page: 1, perPage: 10)
    #expect(Set(envelope.keys) == ReferenceShapes.page)
    #expect(envelope["total_items"] as? Int == 25)
    #expect(envelope["total_pages"] as? Int == 3)
    #expect(envelope["page_number"] as? Int == 1)
    #expect(envelope["size"] as? Int == 10)
    #expect(envelope["first_page"] as? Bool == true)
    #expect(envelope["last_page"] as? Bool == false)
    #expect(envelope["empty"] as? Bool == false)
    let contents = try objects(envelope, "contents")
    #expect(contents.count == 10)
    for item in contents {
        #expect(unexpectedKeys(item, allowed: ReferenceShapes.serviceListItem) == [])
    }
}

@Test func lastPageIsShortAndSaysSo() throws {
    let envelope = try page(items: 5, totalItems: 25, page: 3, perPage: 10)
    #expect(envelope["total_pages"] as? Int == 3)
    #expect(envelope["page_number"] as? Int == 3)
    #expect(envelope["size"] as? Int == 5)
    #expect(envelope["first_page"] as? Bool == false)
    #expect(envelope["last_page"] as? Bool == true)
    #expect(envelope["empty"] as? Bool == false)
    #expect(try objects(envelope, "contents").count == 5)
}

@Test func pageBeyondTheEndIsEmpty() throws {
    let envelope = try page(items: 0, totalItems: 25, page: 4, perPage: 10)
    #expect(envelope["total_items"] as? Int == 25)
    #expect(envelope["total_pages"] as? Int == 3)
    #expect(envelope["page_number"] as? Int == 4)
    #expect(envelope["size"] as? Int == 0)
    #expect(envelope["first_page"] as? Bool == false)
    #expect(envelope["last_page"] as? Bool == true)
    #expect(envelope["empty"] as? Bool == true)
    #expect((envelope["contents"] as? [Any])?.isEmpty == true)
}

@Test func noResultsIsOneEmptyPage() throws {
    let envelope = try page(items: 0, totalItems: 0, page: 1, perPage: 10)
    #expect(envelope["total_items"] as? Int == 0)
    #expect(envelope["total_pages"] as? Int == 1)
    #expect(envelope["first_page"] as? Bool == true)
    #expect(envelope["last_page"] as? Bool == true)
    #expect(envelope["empty"] as? Bool == true)
}

@Test func exactlyFullPagesDoNotAddAPage() throws {
    let envelope = try page(items: 10, totalItems: 30, page: 2, perPage: 10)
    #expect(envelope["total_pages"] as? Int == 3)
    #expect(envelope["first_page"] as? Bool == false)
    #expect(envelope["last_page"] as? Bool == false)
}
