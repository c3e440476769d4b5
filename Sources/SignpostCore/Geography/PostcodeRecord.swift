/// One postcode from the ONS postcode directories (NSPL or ONSPD): where it is and which areas it lies in.
public struct PostcodeRecord: Hashable, Codable, Sendable {
    public var postcode: Postcode
    /// `nil` for postcodes the ONS gives no grid reference (latitude 99.999999).
    public var point: GeoPoint?
    /// The local authority (`laua`/`oslaua`), `nil` when the ONS gives a pseudo code such as E99999999.
    public var localAuthority: AreaCode?
    /// The police force area (`pfa`), `nil` when not given or a pseudo code.
    public var forceArea: AreaCode?
    /// The postcode is no longer in use (`doterm` set); kept so that old addresses still resolve.
    public var isTerminated: Bool

    public init(
        postcode: Postcode,
        point: GeoPoint? = nil,
        localAuthority: AreaCode? = nil,
        forceArea: AreaCode? = nil,
        isTerminated: Bool = false
    ) {
        self.postcode = postcode
        self.point = point
        self.localAuthority = localAuthority
        self.forceArea = forceArea
        self.isTerminated = isTerminated
    }
}

/// A postcode district or sector summarised from its live postcodes: a centroid and the areas it lies in.
public struct PostcodeGroupRecord: Hashable, Codable, Sendable {
    /// The district (`LS1`) or sector (`LS1 4`).
    public var code: String
    /// The mean point of its live postcodes that have one.
    public var centroid: GeoPoint?
    /// Its force areas, most postcodes first.
    public var forceAreas: [AreaCode]
    /// Its local authorities, most postcodes first.
    public var localAuthorities: [AreaCode]

    public init(code: String, centroid: GeoPoint?, forceAreas: [AreaCode], localAuthorities: [AreaCode]) {
        self.code = code
        self.centroid = centroid
        self.forceAreas = forceAreas
        self.localAuthorities = localAuthorities
    }
}
