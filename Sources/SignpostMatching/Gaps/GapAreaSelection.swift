public import SignpostCore

/// The areas of a gap analysis at a level, narrowed to some areas, and resolved as the matcher resolves a victim's
/// location.
public struct GapAreaSelection: Sendable {
    public let vocabularies: Vocabularies

    public init(vocabularies: Vocabularies) { self.vocabularies = vocabularies }

    /// The areas at `level` within any of `wanted` (all when empty). `districts` are the postcode districts known
    /// (from the ONS directory, or `districtsNamed(by:)`), needed only at district level.
    public func areas(level: GapLevel, within wanted: [AreaCode], districts: [PostcodeGroupRecord] = []) -> [GapArea] {
        let resolver = LocationResolver(vocabularies: vocabularies)
        switch level {
        case .forceArea:
            // A force's local authorities, so that a service for one of them counts as local provision for a part.
            var authorities: [AreaCode: [AreaCode]] = [:]
            for term in vocabularies[.localAuthorities].terms {
                let authority = AreaCode(term.code)
                for force in vocabularies.forceAreas(covering: authority) {
                    authorities[force, default: []].append(authority)
                }
            }
            return vocabularies[.policeForceAreas].terms.map { AreaCode($0.code) }.filter { force in
                wanted.isEmpty || wanted.contains { vocabularies.forceAreas(covering: $0).contains(force) }
            }.map { force in
                var gapArea = area(force, resolver.resolve(.area(force)))
                gapArea.inner = authorities[force] ?? []
                return gapArea
            }
        case .localAuthority:
            return vocabularies[.localAuthorities].terms.map { AreaCode($0.code) }.filter { authority in
                wanted.isEmpty
                    || wanted.contains { want in
                        switch want.kind {
                        case .national: true
                        case .country: authority.rawValue.first == want.rawValue.first
                        case .policeForceArea: vocabularies.forceAreas(covering: authority).contains(want)
                        case .localAuthority: want == authority
                        case .postcodeArea, .postcodeDistrict, .unknown: false
                        }
                    }
            }.map { area($0, resolver.resolve(.area($0))) }
        case .postcodeDistrict:
            return districts.filter { district in
                wanted.isEmpty
                    || wanted.contains { want in
                        switch want.kind {
                        case .national: true
                        case .country: district.forceAreas.contains { $0.rawValue.first == want.rawValue.first }
                        case .policeForceArea: district.forceAreas.contains(want)
                        case .localAuthority: district.localAuthorities.contains(want)
                        case .postcodeArea: AreaCode(district.code).postcodeArea == want
                        case .postcodeDistrict: want.rawValue == district.code
                        case .unknown: false
                        }
                    }
            }.map { district in
                let code = AreaCode(district.code)
                return area(code, resolver.resolve(.area(code), district: district))
            }
        }
    }

    /// Without the ONS directory, the districts the services' coverage names, placed by the shipped postcode areas.
    public func districtsNamed(by services: [Service]) -> [PostcodeGroupRecord] {
        Set(services.flatMap(\.coverage.areas).filter { $0.kind == .postcodeDistrict }).sorted().map {
            PostcodeGroupRecord(
                code: $0.rawValue,
                centroid: nil,
                forceAreas: vocabularies.forceAreas(covering: $0),
                localAuthorities: []
            )
        }
    }

    private func area(_ code: AreaCode, _ location: ResolvedLocation) -> GapArea {
        GapArea(code: code, name: vocabularies.label(ofArea: code), location: location)
    }
}
