/// A service reduced to what the duplicate rule reads, as a catalog or an import hands it to a ``DuplicatePool``
/// (which keeps it more compactly still).
public struct DuplicateCandidate: Sendable {
    public var id: ServiceID
    public var name: String
    public var source: SourceName
    public var isClosed: Bool
    /// The provider's charity number, normalised (``DuplicateFinder/normalisedCharityNumber(_:)``).
    public var charityNumber: String?
    public var phones: [PhoneNumber]
    /// The postcodes of public locations, and of confidential ones (kept apart: never shown).
    public var postcodes: [Postcode]
    public var confidentialPostcodes: [Postcode]
    public var needTypes: [NeedType]
    public var coverage: Coverage

    /// The candidate of a whole service.
    public init(_ service: Service) {
        self.init(
            id: service.id,
            name: service.name,
            source: service.provenance.source,
            isClosed: service.status == .closed,
            charityNumber: service.provider.charityNumber,
            phone: service.contact.phone,
            locations: service.locations.compactMap { location in
                location.postcode.map { ($0, location.isConfidential) }
            },
            needTypes: service.needTypes,
            coverage: service.coverage
        )
    }

    /// The candidate of a service read field by field (from a catalog's tables).
    public init(
        id: ServiceID,
        name: String,
        source: SourceName,
        isClosed: Bool,
        charityNumber: String?,
        phone: String?,
        locations: [(postcode: Postcode, isConfidential: Bool)],
        needTypes: [NeedType],
        coverage: Coverage
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.isClosed = isClosed
        self.charityNumber = charityNumber.flatMap(DuplicateFinder.normalisedCharityNumber)
        phones = phone.map { PhoneNumber.all(in: $0) } ?? []
        postcodes = locations.filter { !$0.isConfidential }.map(\.postcode)
        confidentialPostcodes = locations.filter(\.isConfidential).map(\.postcode)
        self.needTypes = needTypes
        self.coverage = coverage
    }
}
