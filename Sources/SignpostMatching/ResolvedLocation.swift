public import SignpostCore

/// Where a victim is, resolved to the areas a service's coverage can name and, when known, a point.
public struct ResolvedLocation: Hashable, Codable, Sendable {
    /// The location as given (`LS1 4AP`, `E23000010`).
    public var query: String
    /// Every coverage code that means "serves this place": national, the country, the force area(s), the local
    /// authority, the postcode area and district.
    public var areas: Set<AreaCode>
    /// The police force areas the place may be in, most likely first.
    public var forceAreas: [AreaCode]
    public var localAuthority: AreaCode?
    public var point: GeoPoint?
    /// Whether the place could be in any one of several force areas (a district straddling a boundary, or a postcode
    /// area given alone); a region such as London is all of its force areas and is not ambiguous.
    public var isAmbiguous: Bool
    /// How it was resolved, in words ("postcode area LS (shipped table)").
    public var method: String

    public init(
        query: String,
        areas: Set<AreaCode>,
        forceAreas: [AreaCode],
        localAuthority: AreaCode? = nil,
        point: GeoPoint? = nil,
        isAmbiguous: Bool = false,
        method: String
    ) {
        self.query = query
        self.areas = areas
        self.forceAreas = forceAreas
        self.localAuthority = localAuthority
        self.point = point
        self.isAmbiguous = isAmbiguous
        self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case query, areas, forceAreas, localAuthority, point, isAmbiguous, method
    }

    /// Encodes the areas in sorted order, so that output never depends on set order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encode(areas.sorted(), forKey: .areas)
        try container.encode(forceAreas, forKey: .forceAreas)
        try container.encodeIfPresent(localAuthority, forKey: .localAuthority)
        try container.encodeIfPresent(point, forKey: .point)
        try container.encode(isAmbiguous, forKey: .isAmbiguous)
        try container.encode(method, forKey: .method)
    }

    /// Everywhere: an assessment without a location is matched against national services only.
    public static let unknown = ResolvedLocation(
        query: "",
        areas: [.national],
        forceAreas: [],
        method: "no location given: national services only"
    )
}

/// Resolves a location query from what Signpost ships (the postcode-district table, postcode areas, local
/// authorities and regions) and, when the ONS postcode directory has been imported, from the postcode's or
/// district's own record.
public struct LocationResolver: Sendable {
    public let vocabularies: Vocabularies

    public init(vocabularies: Vocabularies) { self.vocabularies = vocabularies }

    /// Resolves `query`. `postcode` and `district` are the imported ONS geography's records for it, when there are
    /// any; without them the shipped district table places a postcode.
    public func resolve(
        _ query: LocationQuery?,
        postcode: PostcodeRecord? = nil,
        district: PostcodeGroupRecord? = nil
    ) -> ResolvedLocation {
        guard let query else { return .unknown }
        switch query {
        case .postcode(let code):
            if let postcode, let force = postcode.forceArea {
                var location = place(
                    query: code.description,
                    forces: [force],
                    districtCode: code.district,
                    method: "postcode \(code) (ONS postcode directory)"
                )
                location.localAuthority = postcode.localAuthority
                if let authority = postcode.localAuthority { location.areas.insert(authority) }
                location.point = postcode.point ?? district?.centroid
                return location
            }
            return resolveDistrict(code.district, query: code.description, district: district)
        case .area(let area):
            switch area.kind {
            case .postcodeDistrict:
                return resolveDistrict(area, query: area.rawValue, district: district)
            case .postcodeArea:
                let forces = vocabularies.forceAreas(ofPostcodeArea: area)
                var location = place(
                    query: area.rawValue,
                    forces: forces,
                    districtCode: nil,
                    method: "postcode area \(area) (\(vocabularies.label(ofArea: area)))"
                )
                location.areas.insert(area)
                return location
            case .policeForceArea, .country, .national:
                let forces = vocabularies.forceAreas(covering: area)
                var location = place(
                    query: area.rawValue,
                    forces: area.kind == .policeForceArea ? [area] : forces,
                    districtCode: nil,
                    method: area.kind == .policeForceArea
                        ? "police force area \(vocabularies.label(ofArea: area)) (\(area))"
                        : vocabularies.label(ofArea: area)
                )
                location.areas.insert(area)
                location.isAmbiguous = false
                return location
            case .localAuthority:
                let forces = vocabularies.forceAreas(covering: area)
                let name = vocabularies.label(ofArea: area)
                var location = place(
                    query: area.rawValue,
                    forces: forces,
                    districtCode: nil,
                    method: forces.first.map {
                        "local authority \(name) (\(area)), in \(vocabularies.label(ofArea: $0))"
                    } ?? "local authority \(area), not in the local-authorities vocabulary: its force area is unknown"
                )
                location.areas.insert(area)
                location.localAuthority = area
                location.isAmbiguous = false
                return location
            case .unknown:
                return .unknown
            }
        case .region(let code):
            guard let region = vocabularies.region(code: code) else { return .unknown }
            let names = region.forceAreas.map { vocabularies.label(ofArea: $0) }
            var location = place(
                query: region.label,
                forces: region.forceAreas,
                districtCode: nil,
                method: "\(region.label): the \(Self.list(names)) force areas"
            )
            // A region is all of its force areas, not one of them.
            location.isAmbiguous = false
            return location
        }
    }

    /// A district from the imported ONS geography, else from the shipped table, else by its postcode area.
    private func resolveDistrict(_ code: AreaCode, query: String, district: PostcodeGroupRecord?) -> ResolvedLocation {
        let shipped = district == nil ? vocabularies.shippedDistrict(code.rawValue) : nil
        if let record = district ?? shipped?.record, !record.forceAreas.isEmpty {
            let source = district != nil ? "ONS postcode directory" : "district table"
            let town = shipped.map { "\($0.town), " } ?? ""
            var location = place(
                query: query,
                forces: record.forceAreas,
                districtCode: code,
                method: "postcode district \(code) (\(town)\(source))"
            )
            location.point = record.centroid
            if record.localAuthorities.count == 1, let authority = record.localAuthorities.first {
                location.localAuthority = authority
                location.areas.insert(authority)
                if record.forceAreas.count == 1 {
                    location.method =
                        "postcode district \(code): \(vocabularies.label(ofArea: authority)), "
                        + "\(vocabularies.label(ofArea: record.forceAreas[0])) (\(source))"
                }
            }
            return location
        }
        let forces = code.postcodeArea.map { vocabularies.forceAreas(ofPostcodeArea: $0) } ?? []
        return place(
            query: query,
            forces: forces,
            districtCode: code,
            method: "postcode area \(code.postcodeArea?.rawValue ?? "?") (the district \(code) is not in the table)"
        )
    }

    private func place(query: String, forces: [AreaCode], districtCode: AreaCode?, method: String) -> ResolvedLocation {
        var areas: Set<AreaCode> = [.national]
        for force in forces {
            areas.insert(force)
            let country = vocabularies[.policeForceAreas].term(code: force.rawValue)?.attributes["country"]
            areas.insert(country == "Wales" ? .wales : .england)
        }
        if let districtCode {
            areas.insert(districtCode)
            if let area = districtCode.postcodeArea { areas.insert(area) }
        }
        return ResolvedLocation(
            query: query,
            areas: areas,
            forceAreas: forces,
            isAmbiguous: forces.count > 1,
            method: method
        )
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
