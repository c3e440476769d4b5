public import SignpostCore

extension OpenReferral {
    /// Every taxonomy, in the paging envelope (`GET /taxonomies`): one page holding all of them. (The list needs
    /// nothing from `vocabularies`; the parameter keeps the taxonomy calls alike.)
    public static func taxonomies(vocabularies: Vocabularies) -> [UInt8] {
        var writer = JSONWriter()
        let all = Taxonomy.all
        writePage(totalItems: all.count, page: 1, perPage: all.count, size: all.count, into: &writer) { writer in
            for taxonomy in all { writeTaxonomy(taxonomy, into: &writer) { _ in } }
        }
        return writer.bytes
    }

    /// One taxonomy with its terms (`GET /taxonomies/{id}`), or nil when no taxonomy has this id.
    public static func taxonomy(id: String, vocabularies: Vocabularies) -> [UInt8]? {
        guard let taxonomy = Taxonomy.named(id) else { return nil }
        let terms = vocabularies[taxonomy.vocabulary].terms
        var writer = JSONWriter(reservingCapacity: 512 + 384 * terms.count)
        writeTaxonomy(taxonomy, into: &writer) { writer in
            writer.key("taxonomy_terms")
            writer.beginArray()
            for term in terms {
                writeTerm(code: term.code, term: term, taxonomy: taxonomy, withDetail: false, into: &writer)
            }
            writer.endArray()
        }
        return writer.bytes
    }

    /// One page of taxonomy terms in the paging envelope (`GET /taxonomy_terms`): the terms of the taxonomy
    /// `taxonomyID`, or of every taxonomy when it is nil (need types first, then specialisms, each in vocabulary
    /// order). An unknown `taxonomyID` gives an empty page. `page` is 1-based; a page below 1 is read as 1 and a
    /// `perPage` below 1 as 1.
    public static func taxonomyTerms(
        vocabularies: Vocabularies,
        taxonomyID: String?,
        page: Int,
        perPage: Int
    ) -> [UInt8] {
        let page = max(1, page)
        let perPage = max(1, perPage)
        let taxonomies: [Taxonomy]
        if let taxonomyID {
            taxonomies = Taxonomy.named(taxonomyID).map { [$0] } ?? []
        } else {
            taxonomies = Taxonomy.all
        }
        var terms: [(VocabularyTerm, Taxonomy)] = []
        for taxonomy in taxonomies {
            for term in vocabularies[taxonomy.vocabulary].terms { terms.append((term, taxonomy)) }
        }
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? terms.count : min(skip, terms.count)
        let end = start + min(perPage, terms.count - start)
        let slice = terms[start..<end]
        var writer = JSONWriter(reservingCapacity: 512 + 512 * slice.count)
        writePage(totalItems: terms.count, page: page, perPage: perPage, size: slice.count, into: &writer) { writer in
            for (term, taxonomy) in slice {
                writeTerm(code: term.code, term: term, taxonomy: taxonomy, withDetail: true, into: &writer)
            }
        }
        return writer.bytes
    }

    /// One taxonomy term (`GET /taxonomy_terms/{id}`, the id being `TAXONOMY:CODE`), or nil when there is no such term.
    public static func taxonomyTerm(id: String, vocabularies: Vocabularies) -> [UInt8]? {
        var id = id
        if OpenReferralID.isUUID(id) {
            // The UUID of `TAXONOMY:CODE`: found among the published terms.
            let wanted = id.lowercased()
            outer: for taxonomy in Taxonomy.all {
                for term in vocabularies[taxonomy.vocabulary].terms
                where OpenReferralID.uuid(taxonomy.termPrefix + term.code) == wanted {
                    id = taxonomy.termPrefix + term.code
                    break outer
                }
            }
        }
        guard let separator = id.firstIndex(of: ":"), let taxonomy = Taxonomy.named(id[..<separator]) else {
            return nil
        }
        let code = String(id[id.index(after: separator)...])
        guard let term = vocabularies[taxonomy.vocabulary].term(code: code) else { return nil }
        var writer = JSONWriter()
        writeTerm(code: code, term: term, taxonomy: taxonomy, withDetail: true, into: &writer)
        return writer.bytes
    }

    /// Writes a taxonomy object; `extra` adds members before it closes.
    private static func writeTaxonomy(
        _ taxonomy: Taxonomy,
        into writer: inout JSONWriter,
        extra: (inout JSONWriter) -> Void
    ) {
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid(taxonomy.id))
        writer.field("name", taxonomy.name)
        writer.field("description", taxonomy.description)
        extra(&writer)
        writer.endObject()
    }

    /// Writes a taxonomy term object. `term` is nil for a code the vocabulary does not know (a service record older
    /// than its vocabulary), which is then named by its code. `withDetail` adds HSDS's `taxonomy_detail`.
    static func writeTerm(
        code: String,
        term: VocabularyTerm?,
        taxonomy: Taxonomy,
        withDetail: Bool,
        into writer: inout JSONWriter
    ) {
        let name = term?.label ?? code
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid(taxonomy.termPrefix + code))
        writer.field("code", code)
        writer.field("name", name)
        writer.field("term", name)
        // HSDS requires a description; a term without one is described by its label.
        writer.field("description", term?.description ?? name)
        writer.field("taxonomy", taxonomy.name)
        writer.field("taxonomy_id", OpenReferralID.uuid(taxonomy.id))
        if withDetail {
            writer.key("taxonomy_detail")
            writeTaxonomy(taxonomy, into: &writer) { _ in }
        }
        writer.endObject()
    }
}
