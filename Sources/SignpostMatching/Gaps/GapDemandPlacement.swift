public import SignpostCore

/// Where a demand count for an area falls in a gap analysis at a level: an area at the analysis's own level counts as
/// itself; a finer one rolls up to the area it lies in (a local authority's count to its police force area, a postcode
/// district's to its main local authority, or to its force area when it lies in one only). A coarser one cannot be
/// divided among the areas below it, and a district across force areas cannot be given to one of them.
public enum DemandPlacement: Hashable, Sendable {
    case area(AreaCode)
    /// The area is larger than the analysis's areas (a force's count in a local-authority analysis).
    case coarser(AreaKind)
    /// A postcode district that lies in several force areas.
    case straddles([AreaCode])
    /// The vocabularies give the area no place at this level (an authority without a force, a district not in the
    /// table).
    case unplaced

    public static func of(_ area: AreaCode, at level: GapLevel, vocabularies: Vocabularies) -> DemandPlacement {
        let kind = area.kind
        switch (level, kind) {
        case (.forceArea, .policeForceArea), (.localAuthority, .localAuthority),
            (.postcodeDistrict, .postcodeDistrict):
            return .area(area)
        case (.forceArea, .localAuthority):
            let forces = vocabularies.forceAreas(covering: area)
            return forces.count == 1 ? .area(forces[0]) : .unplaced
        case (.forceArea, .postcodeDistrict):
            guard let district = vocabularies.shippedDistrict(area.rawValue) else { return .unplaced }
            switch district.forceAreas.count {
            case 0: return .unplaced
            case 1: return .area(district.forceAreas[0])
            default: return .straddles(district.forceAreas)
            }
        case (.localAuthority, .postcodeDistrict):
            return vocabularies.shippedDistrict(area.rawValue)?.localAuthority.map { .area($0) } ?? .unplaced
        default:
            return .coarser(kind)
        }
    }
}
