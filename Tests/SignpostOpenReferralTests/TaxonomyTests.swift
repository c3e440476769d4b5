import SignpostCore
import SignpostOpenReferral
import Testing

@Test func taxonomiesListBothVocabulariesInOnePage() throws {
    let envelope = try parseObject(OpenReferral.taxonomies(vocabularies: try vocabularies()))
    #expect(Set(envelope.keys) == ReferenceShapes.page)
    #expect(envelope["total_items"] as? Int == 2)
    #expect(envelope["total_pages"] as? Int == 1)
    #expect(envelope["size"] as? Int == 2)
    #expect(envelope["last_page"] as? Bool == true)
    let contents = try objects(envelope, "contents")
    #expect(
        contents.map { $0["id"] as? String } == [OpenReferralID.uuid("need-types"), OpenReferralID.uuid("specialisms")]
    )
    for taxonomy in contents {
        #expect(unexpectedKeys(taxonomy, allowed: ReferenceShapes.taxonomyDetail) == [])
        #expect(taxonomy["name"] is String)
        #expect(taxonomy["description"] is String)
    }
}

@Test func taxonomyByIDListsItsTerms() throws {
    let vocabularies = try vocabularies()
    let bytes = try #require(OpenReferral.taxonomy(id: "specialisms", vocabularies: vocabularies))
    let taxonomy = try parseObject(bytes)
    #expect(unexpectedKeys(taxonomy, allowed: ReferenceShapes.taxonomy) == [])
    #expect(taxonomy["id"] as? String == OpenReferralID.uuid("specialisms"))
    let terms = try objects(taxonomy, "taxonomy_terms")
    #expect(terms.count == vocabularies[.specialisms].terms.count)
    #expect(terms.contains { $0["id"] as? String == OpenReferralID.uuid("specialisms:women-only") })
    for term in terms {
        #expect(unexpectedKeys(term, allowed: ReferenceShapes.taxonomyTerm) == [])
        #expect(term["taxonomy_id"] as? String == OpenReferralID.uuid("specialisms"))
    }
}

@Test(arguments: ["", "need_types", "Need-Types", "need-types:domestic-abuse", "unknown"])
func unknownTaxonomyIsNil(_ id: String) throws {
    #expect(OpenReferral.taxonomy(id: id, vocabularies: try vocabularies()) == nil)
}

@Test func taxonomyTermByID() throws {
    let bytes = try #require(
        OpenReferral.taxonomyTerm(id: "need-types:domestic-abuse", vocabularies: try vocabularies())
    )
    let term = try parseObject(bytes)
    #expect(unexpectedKeys(term, allowed: ReferenceShapes.taxonomyTerm) == [])
    #expect(term["id"] as? String == OpenReferralID.uuid("need-types:domestic-abuse"))
    #expect(term["code"] as? String == "domestic-abuse")
    #expect(term["name"] as? String == "Domestic abuse")
    #expect(term["term"] as? String == "Domestic abuse")
    #expect(term["taxonomy_id"] as? String == OpenReferralID.uuid("need-types"))
    #expect((term["description"] as? String)?.hasPrefix("Support for people harmed") == true)
    let detail = try object(term, "taxonomy_detail")
    #expect(unexpectedKeys(detail, allowed: ReferenceShapes.taxonomyDetail) == [])
    #expect(detail["id"] as? String == OpenReferralID.uuid("need-types"))

    let specialism = try #require(
        OpenReferral.taxonomyTerm(id: "specialisms:women-only", vocabularies: try vocabularies())
    )
    #expect(try parseObject(specialism)["name"] as? String == "Women only")

    // The UUIDs the documents carry reach the same term and taxonomy.
    let byUUID = try #require(
        OpenReferral.taxonomyTerm(
            id: OpenReferralID.uuid("need-types:domestic-abuse"),
            vocabularies: try vocabularies()
        )
    )
    #expect(try parseObject(byUUID)["code"] as? String == "domestic-abuse")
    #expect(OpenReferral.taxonomy(id: OpenReferralID.uuid("specialisms"), vocabularies: try vocabularies()) != nil)
}

@Test(arguments: [
    "need-types:no-such-need", "specialisms:domestic-abuse", "channels:phone", "domestic-abuse", "need-types:",
    ":domestic-abuse", "",
])
func unknownTaxonomyTermIsNil(_ id: String) throws {
    #expect(OpenReferral.taxonomyTerm(id: id, vocabularies: try vocabularies()) == nil)
}

@Test func taxonomyTermsArePagedAcrossBothTaxonomies() throws {
    let vocabularies = try vocabularies()
    let needs = vocabularies[.needTypes].terms.count
    let specialisms = vocabularies[.specialisms].terms.count
    let total = needs + specialisms
    let first = try parseObject(
        OpenReferral.taxonomyTerms(vocabularies: vocabularies, taxonomyID: nil, page: 1, perPage: 10)
    )
    #expect(Set(first.keys) == ReferenceShapes.page)
    #expect(first["total_items"] as? Int == total)
    #expect(first["total_pages"] as? Int == (total + 9) / 10)
    #expect(first["size"] as? Int == 10)
    let terms = try objects(first, "contents")
    #expect(terms.first?["id"] as? String == OpenReferralID.uuid("need-types:domestic-abuse"))
    for term in terms {
        #expect(unexpectedKeys(term, allowed: ReferenceShapes.taxonomyTerm) == [])
    }

    let lastPage = (total + 9) / 10
    let last = try parseObject(
        OpenReferral.taxonomyTerms(vocabularies: vocabularies, taxonomyID: nil, page: lastPage, perPage: 10)
    )
    #expect(last["size"] as? Int == total - (lastPage - 1) * 10)
    #expect(last["last_page"] as? Bool == true)
    #expect(try objects(last, "contents").last?["taxonomy_id"] as? String == OpenReferralID.uuid("specialisms"))
}

@Test func taxonomyTermsFilteredByTaxonomy() throws {
    let vocabularies = try vocabularies()
    let envelope = try parseObject(
        OpenReferral.taxonomyTerms(vocabularies: vocabularies, taxonomyID: "specialisms", page: 1, perPage: 100)
    )
    #expect(envelope["total_items"] as? Int == vocabularies[.specialisms].terms.count)
    let terms = try objects(envelope, "contents")
    #expect(terms.allSatisfy { $0["taxonomy_id"] as? String == OpenReferralID.uuid("specialisms") })

    let unknown = try parseObject(
        OpenReferral.taxonomyTerms(vocabularies: vocabularies, taxonomyID: "channels", page: 1, perPage: 10)
    )
    #expect(unknown["total_items"] as? Int == 0)
    #expect(unknown["empty"] as? Bool == true)

    let beyond = try parseObject(
        OpenReferral.taxonomyTerms(vocabularies: vocabularies, taxonomyID: nil, page: Int.max, perPage: Int.max)
    )
    #expect(beyond["empty"] as? Bool == true)
    #expect(beyond["size"] as? Int == 0)
}

@Test func versionAndProfileForTheRoot() {
    #expect(OpenReferral.version == "3.0")
    #expect(OpenReferral.profile.hasPrefix("https://"))
}
