/// A point on the map in WGS84 decimal degrees.
public struct GeoPoint: Hashable, Codable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether the point lies in the box around England and Wales.
    public var isInEnglandAndWales: Bool {
        (49.8...55.9).contains(latitude) && (-6.5...2.0).contains(longitude)
    }
}

/// A place a service works from. A confidential location (a refuge) is never published.
public struct ServiceLocation: Hashable, Codable, Sendable {
    public var name: String?
    public var address: String?
    public var town: String?
    public var postcode: Postcode?
    public var point: GeoPoint?
    public var isConfidential: Bool

    public init(
        name: String? = nil,
        address: String? = nil,
        town: String? = nil,
        postcode: Postcode? = nil,
        point: GeoPoint? = nil,
        isConfidential: Bool = false
    ) {
        self.name = name
        self.address = address
        self.town = town
        self.postcode = postcode
        self.point = point
        self.isConfidential = isConfidential
    }
}
