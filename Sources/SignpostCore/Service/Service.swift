/// A support service that victims can be referred to: what it offers, to whom, where, how soon, and where the
/// record came from.
public struct Service: Hashable, Codable, Sendable, Identifiable {
    public var id: ServiceID
    public var name: String
    public var description: String?
    public var provider: Provider
    public var status: ServiceStatus
    public var needTypes: [NeedType]
    public var specialisms: [Specialism]
    public var eligibility: Eligibility
    /// Languages spoken in-house.
    public var languages: [LanguageCode]
    /// Whether the service arranges interpreters.
    public var offersInterpreting: Bool
    /// Whether the service works in British Sign Language.
    public var offersBSL: Bool
    public var accessibility: [AccessibilityFeature]
    public var channels: [Channel]
    /// Accepted referral routes; empty means police referral only.
    public var referralRoutes: [ReferralRoute]
    public var coverage: Coverage
    public var locations: [ServiceLocation]
    public var capacity: Capacity?
    public var waitingTime: WaitingTime?
    public var commissioning: Commissioning
    public var contact: Contact
    public var provenance: Provenance

    public init(
        id: ServiceID,
        name: String,
        description: String? = nil,
        provider: Provider,
        status: ServiceStatus = .accepting,
        needTypes: [NeedType],
        specialisms: [Specialism] = [],
        eligibility: Eligibility = .anyone,
        languages: [LanguageCode] = [],
        offersInterpreting: Bool = false,
        offersBSL: Bool = false,
        accessibility: [AccessibilityFeature] = [],
        channels: [Channel] = [],
        referralRoutes: [ReferralRoute] = [],
        coverage: Coverage,
        locations: [ServiceLocation] = [],
        capacity: Capacity? = nil,
        waitingTime: WaitingTime? = nil,
        commissioning: Commissioning = Commissioning(),
        contact: Contact = Contact(),
        provenance: Provenance
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.provider = provider
        self.status = status
        self.needTypes = needTypes
        self.specialisms = specialisms
        self.eligibility = eligibility
        self.languages = languages
        self.offersInterpreting = offersInterpreting
        self.offersBSL = offersBSL
        self.accessibility = accessibility
        self.channels = channels
        self.referralRoutes = referralRoutes
        self.coverage = coverage
        self.locations = locations
        self.capacity = capacity
        self.waitingTime = waitingTime
        self.commissioning = commissioning
        self.contact = contact
        self.provenance = provenance
    }

    /// The referral routes the service accepts, with the default (police referral) filled in.
    public var acceptedReferralRoutes: [ReferralRoute] { referralRoutes.isEmpty ? [.police] : referralRoutes }
}

extension Service {
    /// The service with every confidential location reduced to its town, so that it can be shown to people who must
    /// not learn where a refuge is.
    public var withoutConfidentialLocations: Service {
        var copy = self
        copy.locations = locations.map { location in
            guard location.isConfidential else { return location }
            return ServiceLocation(
                name: nil,
                address: nil,
                town: location.town,
                postcode: nil,
                point: nil,
                isConfidential: true
            )
        }
        return copy
    }
}
