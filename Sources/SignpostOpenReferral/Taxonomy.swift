import SignpostCore

/// One of the taxonomies Signpost publishes: a vocabulary seen as an HSDS taxonomy.
struct Taxonomy: Sendable {
    /// The taxonomy's id, which is also its vocabulary's name (`need-types`).
    let id: String
    let name: String
    let description: String
    let vocabulary: VocabularyName
    /// What an attribute linking a service to one of the terms describes (HSDS `attribute.link_type`).
    let linkType: String

    /// `id` and the separator that starts each term id (`need-types:`).
    var termPrefix: String { id + ":" }

    static let needTypes = Taxonomy(
        id: VocabularyName.needTypes.rawValue,
        name: "Signpost need types",
        description:
            "The kinds of support a victim of crime may need, as support services in England and Wales describe "
            + "their work.",
        vocabulary: .needTypes,
        linkType: "need_type"
    )

    static let specialisms = Taxonomy(
        id: VocabularyName.specialisms.rawValue,
        name: "Signpost specialisms",
        description: "The groups a support service is for, or is run by and for.",
        vocabulary: .specialisms,
        linkType: "specialism"
    )

    /// Every published taxonomy, in the order they are listed.
    static let all = [needTypes, specialisms]

    /// The taxonomy with this id, or with this UUID (``OpenReferralID``).
    static func named(_ id: some StringProtocol) -> Taxonomy? {
        let text = String(id)
        return all.first { $0.id == text || $0.uuid == text.lowercased() }
    }

    /// The UUID the taxonomy is published with.
    var uuid: String { OpenReferralID.uuid(id) }
}
