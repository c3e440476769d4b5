/// Who a service may help. Empty lists mean no restriction.
public struct Eligibility: Hashable, Codable, Sendable {
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var genders: [Gender]
    public var crimeTypes: [CrimeType]
    public var riskLevels: [RiskLevel]
    /// Anything else about eligibility, as the source wrote it.
    public var notes: String?

    public init(
        minimumAge: Int? = nil,
        maximumAge: Int? = nil,
        genders: [Gender] = [],
        crimeTypes: [CrimeType] = [],
        riskLevels: [RiskLevel] = [],
        notes: String? = nil
    ) {
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.genders = genders
        self.crimeTypes = crimeTypes
        self.riskLevels = riskLevels
        self.notes = notes
    }

    /// No restriction at all.
    public static let anyone = Eligibility()
}
