import SignpostCore

/// The taxonomies the HSDS CSV export links services to. Beside the two the API publishes (need types, specialisms),
/// every other Signpost vocabulary a service uses becomes a taxonomy of its own, so that each Signpost field has a
/// standard HSDS home: an `attributes.csv` row pointing at one of its terms.
extension Taxonomy {
    static let genders = Taxonomy(
        id: VocabularyName.genders.rawValue,
        name: "Signpost genders",
        description: "The genders a service is open to (eligibility); a service linked to none is open to all.",
        vocabulary: .genders,
        linkType: "eligibility"
    )

    static let crimeTypes = Taxonomy(
        id: VocabularyName.crimeTypes.rawValue,
        name: "Signpost crime types",
        description: "The crimes whose victims a service is open to (eligibility); none means any crime.",
        vocabulary: .crimeTypes,
        linkType: "eligibility"
    )

    static let riskLevels = Taxonomy(
        id: VocabularyName.riskLevels.rawValue,
        name: "Signpost risk levels",
        description: "The risk levels (DASH or similar) a service works with (eligibility); none means any level.",
        vocabulary: .riskLevels,
        linkType: "eligibility"
    )

    static let channels = Taxonomy(
        id: VocabularyName.channels.rawValue,
        name: "Signpost channels",
        description: "The ways a service is delivered: by phone, face to face, online, by video, through outreach.",
        vocabulary: .channels,
        linkType: "channel"
    )

    static let referralRoutes = Taxonomy(
        id: VocabularyName.referralRoutes.rawValue,
        name: "Signpost referral routes",
        description: "The ways a victim may reach a service; a service linked to none takes police referrals only.",
        vocabulary: .referralRoutes,
        linkType: "referral_route"
    )

    static let accessibility = Taxonomy(
        id: VocabularyName.accessibility.rawValue,
        name: "Signpost accessibility features",
        description: "Accessibility features a service offers.",
        vocabulary: .accessibility,
        linkType: "accessibility"
    )

    /// The vocabulary taxonomies of the CSV export, each with the codes of a service it holds, in the order their
    /// attributes are written.
    static let linked: [(taxonomy: Taxonomy, codes: @Sendable (Service) -> [String])] = [
        (.needTypes, { $0.needTypes.map(\.rawValue) }),
        (.specialisms, { $0.specialisms.map(\.rawValue) }),
        (.genders, { $0.eligibility.genders.map(\.rawValue) }),
        (.crimeTypes, { $0.eligibility.crimeTypes.map(\.rawValue) }),
        (.riskLevels, { $0.eligibility.riskLevels.map(\.rawValue) }),
        (.channels, { $0.channels.map(\.rawValue) }),
        (.referralRoutes, { $0.referralRoutes.map(\.rawValue) }),
        (.accessibility, { $0.accessibility.map(\.rawValue) }),
    ]
}

/// The Signpost taxonomy of single values that HSDS has no column for: an attribute linked to one of its terms
/// carries the value in `attributes.value`. Signpost's HSDS reader (SignpostImport, `HSDSSignpostTerms`) reads the
/// same ids; the round-trip tests hold the two together.
enum SignpostServiceTaxonomy {
    static let id = "signpost-service"
    static let name = "Signpost service details"
    static let description =
        "Signpost fields that HSDS has no column for; each attribute linked to one of these terms holds the value."
    static let linkType = "signpost_detail"

    /// One term: its code, name and what its attribute's value holds.
    struct Term: Sendable {
        let code: String
        let name: String
        let description: String

        var id: String { SignpostServiceTaxonomy.id + ":" + code }
    }

    static let status = Term(
        code: "status",
        name: "Referral status",
        description: "accepting, waitlist, paused or closed (HSDS status cannot tell a waiting list from accepting)."
    )
    static let interpreting = Term(
        code: "interpreting",
        name: "Arranges interpreters",
        description: "yes when the service arranges interpreters."
    )
    static let bsl = Term(
        code: "bsl",
        name: "Works in British Sign Language",
        description: "yes when the service works in British Sign Language."
    )
    static let waitDays = Term(
        code: "wait-days",
        name: "Typical wait in days",
        description: "Whole days from referral to first contact."
    )
    static let waitAsOf = Term(
        code: "wait-as-of",
        name: "Wait reported on",
        description: "The date the wait was reported, YYYY-MM-DD."
    )
    static let contractEnd = Term(
        code: "contract-end",
        name: "Contract ends",
        description: "The last day of the commissioned contract, YYYY-MM-DD."
    )
    static let confidential = Term(
        code: "confidential",
        name: "Confidential location",
        description: "yes on a location (link_entity location) whose address must not be published, such as a refuge."
    )

    static let terms = [status, interpreting, bsl, waitDays, waitAsOf, contractEnd, confidential]
}
