public import SignpostCatalog
public import SignpostCore
public import SignpostMatching

/// Resolves where a victim is, the same way for every edge: the imported ONS postcode geography when the catalog
/// holds it, else the tables Signpost ships (the postcode-district table, postcode areas, local authorities,
/// regions). See Docs/Scoring.md, *Where the victim is*.
public struct LocationLookup: Sendable {
    public let catalog: any Catalog
    public let vocabularies: Vocabularies

    public init(catalog: any Catalog, vocabularies: Vocabularies) {
        self.catalog = catalog
        self.vocabularies = vocabularies
    }

    public func resolve(_ query: LocationQuery?) async throws -> ResolvedLocation {
        let resolver = LocationResolver(vocabularies: vocabularies)
        switch query {
        case .postcode(let postcode):
            let record = try await catalog.postcode(postcode)
            let district = try await catalog.postcodeDistrict(postcode.outward)
            return resolver.resolve(query, postcode: record, district: district)
        case .area(let area) where area.kind == .postcodeDistrict:
            return resolver.resolve(query, district: try await catalog.postcodeDistrict(area.rawValue))
        default:
            return resolver.resolve(query)
        }
    }
}
