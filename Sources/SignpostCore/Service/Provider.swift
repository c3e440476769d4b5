/// The organisation that runs one or more services.
public struct Provider: Hashable, Codable, Sendable {
    public var id: ProviderID
    public var name: String
    /// Registered charity number, when the provider is a charity.
    public var charityNumber: String?
    public var website: String?

    public init(id: ProviderID, name: String, charityNumber: String? = nil, website: String? = nil) {
        self.id = id
        self.name = name
        self.charityNumber = charityNumber
        self.website = website
    }
}
