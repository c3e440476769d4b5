public import SignpostCore
import SignpostMatching

/// The coverage codes that list a service under an area when browsing (`signpost services list --area`, the gap
/// report's areas): the area itself and what contains it (national, its country, its force area), and what lies
/// within it (a force area's local authorities, postcode districts and postcode areas; a local authority's districts),
/// from the shipped tables.
public enum BrowseArea {
    public static func codes(for place: LocationQuery, vocabularies: Vocabularies) -> Set<AreaCode> {
        var codes = LocationResolver(vocabularies: vocabularies).resolve(place).areas
        var forces: Set<AreaCode> = []
        var authorities: Set<AreaCode> = []
        switch place {
        case .area(let area) where area.kind == .policeForceArea:
            forces = [area]
        case .region(let code):
            forces = Set(vocabularies.region(code: code)?.forceAreas ?? [])
        case .area(let area) where area.kind == .localAuthority:
            authorities = [area]
        default:
            return codes
        }
        for term in vocabularies[.localAuthorities].terms
        where term.attributes["force_area"].map({ forces.contains(AreaCode($0)) }) == true {
            authorities.insert(AreaCode(term.code))
        }
        codes.formUnion(authorities)
        for district in vocabularies.postcodeDistricts.districts
        where district.forceAreas.contains(where: forces.contains)
            || district.localAuthority.map(authorities.contains) == true
        {
            codes.insert(AreaCode(district.code))
        }
        for force in forces {
            for term in vocabularies[.postcodeAreas].terms
            where vocabularies.forceAreas(ofPostcodeArea: AreaCode(term.code)).contains(force) {
                codes.insert(AreaCode(term.code))
            }
        }
        return codes
    }
}
