public import SignpostCore

extension OpenReferral {
    /// The taxonomies, a page at a time in the paging envelope (`GET /taxonomies`; by default one page holding
    /// both). (The list needs nothing from `vocabularies`; the parameter keeps the taxonomy calls alike.)
    public static func taxonomies(vocabularies: Vocabularies, page: Int = 1, perPage: Int? = nil) -> [UInt8] {
        var writer = JSONWriter()
        let all = Taxonomy.all
        let page = max(1, page)
        let perPage = max(1, perPage ?? all.count)
        let slice = pageSlice(all, page: page, perPage: perPage)
        writePage(totalItems: all.count, page: page, perPage: perPage, size: slice.count, into: &writer) { writer in
            for taxonomy in slice { writeTaxonomy(taxonomy, into: &writer) { _ in } }
        }
        return writer.bytes
    }

    /// The items of page `page` (from 1) of `perPage` each; empty past the end.
    public static func pageSlice<Item>(_ items: [Item], page: Int, perPage: Int) -> ArraySlice<Item> {
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? items.count : min(skip, items.count)
        return items[start..<(start + min(perPage, items.count - start))]
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
    /// `search` keeps the terms whose code, label or description contains it (any case); `parentID` keeps the terms
    /// under that parent, which is none (Signpost's terms are flat: all are top-level, so ORUK's `top_only` changes
    /// nothing).
    public static func taxonomyTerms(
        vocabularies: Vocabularies,
        taxonomyID: String?,
        page: Int,
        perPage: Int,
        search: String? = nil,
        parentID: String? = nil
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
        let wanted = search?.lowercased()
        for taxonomy in taxonomies where parentID == nil {
            for term in vocabularies[taxonomy.vocabulary].terms {
                if let wanted,
                    ![term.code, term.label, term.description ?? ""].contains(where: {
                        $0.lowercased().contains(wanted)
                    })
                {
                    continue
                }
                terms.append((term, taxonomy))
            }
        }
        let slice = pageSlice(terms, page: page, perPage: perPage)
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
