import Foundation
import SignpostCore
import SignpostTestSupport
import Testing

@testable import SignpostCatalog

/// The duplicate check reads candidates straight from the catalog's columns, skipping the sources being imported by
/// their range of ids; what it reads must be what the whole services say.
@Suite("Catalog stores: duplicate candidates by source")
struct DuplicateCandidatesTests {
    /// Sources whose names sort around each other (`a`, `a-b`, `a0`, `b`), record ids with accents and a mix of
    /// public and confidential locations.
    static func services() -> [Service] {
        var services: [Service] = []
        for (source, count) in [("a", 3), ("a-b", 3), ("a0", 3), ("b", 3)] {
            for number in 0..<count {
                var service = Fixtures.service(
                    source: source,
                    recordID: number == 1 ? "Ré-\(number)" : "R-\(number)",
                    name: "Leeds Women's Aid Outreach \(number)"
                )
                service.contact.phone = "0113 496 00\(10 + number)"
                if number == 2 {
                    service.locations.append(
                        ServiceLocation(name: "Refuge", postcode: Postcode("LS6 1AA"), isConfidential: true)
                    )
                    service.locations.append(ServiceLocation(name: "Hub", postcode: Postcode("LS2 7AB")))
                }
                if number == 0 { service.locations = [] }
                services.append(service)
            }
        }
        return services
    }

    @Test(arguments: CatalogStore.available, [[], ["a"], ["a", "b"], ["a-b", "a0"], ["zz"]] as [[String]])
    func thePoolHoldsTheOtherSourcesAndPairsAsTheWholeServicesDo(store: CatalogStore, excluded: [String]) async throws {
        let catalog = try await store.make()
        let services = Self.services()
        _ = try await catalog.apply(ImportRequest(services: services))
        let sources = Set(excluded.map { SourceName(rawValue: $0) })

        let read = try await catalog.duplicatePool(excludingSources: sources)
        var expected = DuplicatePool()
        for service in try await catalog.allServices() where !sources.contains(service.provenance.source) {
            expected.add(DuplicateCandidate(service))
        }
        #expect(read.ids == expected.ids)
        #expect(read.ids.count == services.count { !sources.contains($0.provenance.source) })
        let pairs = DuplicateFinder.findings(in: read, keeping: 1_000)
        #expect(pairs == DuplicateFinder.findings(in: expected, keeping: 1_000))
        // Every source left has a service sharing the confidential postcode and one sharing a public one.
        let reasons = pairs.pairs.flatMap(\.reasons)
        #expect(reasons.contains(.sameConfidentialPostcode) == (read.sourceCount > 1))
        #expect(reasons.contains(.samePostcode(Postcode("LS2 7AB")!)) == (read.sourceCount > 1))
    }
}
