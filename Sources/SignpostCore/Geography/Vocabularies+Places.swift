/// The parts of the United Kingdom (and the Crown Dependencies) a postcode can be in. Signpost covers England and
/// Wales only.
public enum PostcodeCountry: String, Hashable, Codable, Sendable, CaseIterable {
    case england = "England"
    case wales = "Wales"
    case scotland = "Scotland"
    case northernIreland = "Northern Ireland"
    case channelIslands = "Channel Islands"
    case isleOfMan = "Isle of Man"
    case britishForces = "British Forces"

    /// Whether Signpost's services and geography cover it.
    public var isCovered: Bool { self == .england || self == .wales }
}

/// A postcode district as Signpost ships it (`catalog/vocabularies/postcode-districts.csv`): its main local authority,
/// the force area(s) it lies in and its centroid, so that a postcode resolves without the ONS download.
public struct ShippedPostcodeDistrict: Hashable, Sendable {
    public init(
        code: String,
        town: String,
        country: PostcodeCountry?,
        localAuthority: AreaCode?,
        forceAreas: [AreaCode],
        centroid: GeoPoint?
    ) {
        self.code = code
        self.town = town
        self.country = country
        self.localAuthority = localAuthority
        self.forceAreas = forceAreas
        self.centroid = centroid
    }

    public var code: String
    /// The post town or main place (`Leeds`, `Keswick`).
    public var town: String
    public var country: PostcodeCountry?
    /// The district's main local authority; nil where the source names only a county.
    public var localAuthority: AreaCode?
    /// The force areas it lies in, the main one first; more than one only where it straddles a force boundary.
    public var forceAreas: [AreaCode]
    public var centroid: GeoPoint?

    /// The district as the matcher's geography records have it.
    public var record: PostcodeGroupRecord {
        PostcodeGroupRecord(
            code: code,
            centroid: centroid,
            forceAreas: forceAreas,
            localAuthorities: localAuthority.map { [$0] } ?? []
        )
    }
}

/// The shipped postcode districts, by code.
public struct PostcodeDistrictTable: Sendable {
    /// Every district, in the table's order.
    public let districts: [ShippedPostcodeDistrict]
    private let positions: [String: Int]

    public init(_ districts: [ShippedPostcodeDistrict]) {
        self.districts = districts
        var positions: [String: Int] = [:]
        for (position, district) in districts.enumerated() { positions[district.code] = position }
        self.positions = positions
    }

    /// The district with this code (any case), or nil.
    public func district(_ code: some StringProtocol) -> ShippedPostcodeDistrict? {
        let key = String(code)
        if let position = positions[key] ?? positions[key.uppercased()] { return districts[position] }
        return nil
    }
}

/// A name people use for a region rather than a force area (`London`, `Yorkshire`), from `regions.csv`.
public struct PlaceRegion: Hashable, Sendable {
    public var code: String
    public var label: String
    public var forceAreas: [AreaCode]
    /// Whether the region is too broad to search as a whole: the person must choose one of its force areas.
    public var mustChoose: Bool
}

/// Why a place given for a victim cannot be used.
public enum PlaceProblem: Error, Hashable, Sendable {
    /// A postcode outside England and Wales.
    case outsideCoverage(place: String, country: PostcodeCountry)
    /// A postcode whose area (`ZZ`) does not exist, with the nearest real areas.
    case unknownPostcodeArea(place: String, area: String, suggestions: [String])
    /// A region of several force areas (`Yorkshire`) where one must be chosen.
    case chooseForceArea(place: String, region: String, forceAreas: [String])

    /// The reason in words, naming no command-line flag or JSON key.
    public var reason: String {
        switch self {
        case .outsideCoverage(let place, let country):
            let whereabouts =
                switch country {
                case .britishForces: "a British Forces postcode"
                case .channelIslands: "in the Channel Islands"
                case .isleOfMan: "on the Isle of Man"
                default: "in \(country.rawValue)"
                }
            return "\(place) is \(whereabouts); Signpost covers England and Wales only"
        case .unknownPostcodeArea(_, let area, let suggestions):
            let hint =
                suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            return "there is no postcode area '\(area)' in the UK\(hint)"
        case .chooseForceArea(_, let region, let forces):
            return "\(region) has several police force areas: give one of \(forces.joined(separator: ", "))"
        }
    }
}

extension Vocabularies {
    /// The shipped record of a postcode district (`LS7`), or nil when the table does not have it.
    public func shippedDistrict(_ code: some StringProtocol) -> ShippedPostcodeDistrict? {
        postcodeDistricts.district(code)
    }

    /// The region that `text` names (`London`, `Yorkshire`), if any.
    public func region(_ text: some StringProtocol) -> PlaceRegion? {
        guard let term = self[.regions].term(for: text) else { return nil }
        return region(code: term.code)
    }

    /// The region with this code.
    public func region(code: String) -> PlaceRegion? {
        guard let term = self[.regions].term(code: code) else { return nil }
        return PlaceRegion(
            code: term.code,
            label: term.label,
            forceAreas: (term.attributes["force_areas"] ?? "").split(separator: ";").map { AreaCode(String($0)) },
            mustChoose: term.attributes["choose"] == "yes"
        )
    }

    /// Checks that a postcode (or district, or area) is one Signpost can place: in England or Wales, in a postcode
    /// area that exists.
    /// - Parameters:
    ///   - outward: the district (`LS7`) or area (`LS`) of the place.
    ///   - place: the place as given, for the message.
    public func checkPostcodePlace(outward: String, place: String) throws(PlaceProblem) {
        if let district = shippedDistrict(outward), let country = district.country {
            if !country.isCovered { throw .outsideCoverage(place: place, country: country) }
            return
        }
        let area = String(outward.prefix { $0.isLetter })
        if self[.postcodeAreas].contains(code: area) { return }
        let countries = postcodeAreaCountries(area)
        if let country = countries.first {
            // Only a district of a covered country would have been found above; an area known only outside England
            // and Wales is outside.
            if !countries.contains(where: \.isCovered) { throw .outsideCoverage(place: place, country: country) }
            return
        }
        throw .unknownPostcodeArea(place: place, area: area, suggestions: postcodeAreaSuggestions(area))
    }

    /// The countries of the shipped districts of a postcode area, most districts first.
    func postcodeAreaCountries(_ area: String) -> [PostcodeCountry] {
        var counts: [PostcodeCountry: Int] = [:]
        for district in postcodeDistricts.districts where district.code.prefix(while: \.isLetter) == area {
            if let country = district.country { counts[country, default: 0] += 1 }
        }
        return counts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.map(\.key)
    }

    /// Real postcode areas that look like `area`: one letter changed, added or dropped, England and Wales first.
    func postcodeAreaSuggestions(_ area: String) -> [String] {
        var known = Set(self[.postcodeAreas].terms.map(\.code))
        for district in postcodeDistricts.districts { known.insert(String(district.code.prefix(while: \.isLetter))) }
        let covered = Set(self[.postcodeAreas].terms.map(\.code))
        let close = known.filter { EditDistance.between(area, $0, limit: 1) != nil }
        return close.sorted { (covered.contains($0) ? 0 : 1, $0) < (covered.contains($1) ? 0 : 1, $1) }
            .prefix(4).map { $0 }
    }
}
