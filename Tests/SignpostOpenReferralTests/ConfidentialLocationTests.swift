import SignpostCore
import SignpostOpenReferral
import SignpostTestSupport
import Testing

/// A service with a confidential refuge (listed first) and a public hub.
private func serviceWithRefuge() -> Service {
    var service = Fixtures.service(name: "West Yorkshire Domestic Abuse Support")
    service.locations = [
        ServiceLocation(
            name: "Larkspur House",
            address: "14 Quarry Lane",
            town: "Dewsbury",
            postcode: Postcode("WF13 2QX"),
            point: GeoPoint(latitude: 53.6912, longitude: -1.6317),
            isConfidential: true
        ),
        ServiceLocation(
            name: "Leeds hub",
            address: "1 City Square",
            town: "Leeds",
            postcode: Postcode("LS1 4AP"),
            point: GeoPoint(latitude: 53.7965, longitude: -1.5478)
        ),
    ]
    return service
}

/// Every document the service appears in: full, list item and page.
private func everyOutput(of service: Service, includeConfidential: Bool) throws -> [[UInt8]] {
    let vocabularies = try vocabularies()
    var summary = JSONWriter()
    OpenReferral.writeService(
        service,
        vocabularies: vocabularies,
        detail: .summary,
        includeConfidential: includeConfidential,
        into: &summary
    )
    var full = JSONWriter()
    OpenReferral.writeService(
        service,
        vocabularies: vocabularies,
        detail: .full,
        includeConfidential: includeConfidential,
        into: &full
    )
    return [
        OpenReferral.service(service, vocabularies: vocabularies, includeConfidential: includeConfidential),
        OpenReferral.servicePage(
            [service],
            totalItems: 1,
            page: 1,
            perPage: 10,
            vocabularies: vocabularies,
            includeConfidential: includeConfidential
        ),
        summary.bytes,
        full.bytes,
    ]
}

/// What must never appear about the refuge: its name, address, town, postcode (and district and sector) and
/// coordinates in any spelling.
private let refugeTraces = [
    "Larkspur", "Quarry", "Dewsbury", "WF13", "WF13 2QX", "WF132QX", "2QX", "53.6912", "1.6317", "53.691", "1.631",
]

@Test func confidentialLocationLeavesNoTraceUnlessAskedFor() throws {
    for output in try everyOutput(of: serviceWithRefuge(), includeConfidential: false) {
        let json = text(output)
        for trace in refugeTraces {
            #expect(!json.contains(trace), "found '\(trace)' in \(json)")
        }
        #expect(!json.contains("location-2"))
        _ = try parseObject(output)
    }
}

@Test func onlyThePublicLocationIsListedWithoutConfidentialAccess() throws {
    let document = try parseObject(
        OpenReferral.service(serviceWithRefuge(), vocabularies: try vocabularies(), includeConfidential: false)
    )
    let entries = try objects(document, "service_at_locations")
    #expect(entries.count == 1)
    let location = try object(try #require(entries.first), "location")
    #expect(location["id"] as? String == OpenReferralID.uuid("test-list/T-001#location-1"))
    #expect(location["name"] as? String == "Leeds hub")
    #expect(location["location_type"] as? String == "physical")
    #expect(location["latitude"] as? Double == 53.7965)
    #expect(location["longitude"] as? Double == -1.5478)
    let address = try #require(try objects(location, "addresses").first)
    #expect(address["address_1"] as? String == "1 City Square")
    #expect(address["city"] as? String == "Leeds")
    #expect(address["postal_code"] as? String == "LS1 4AP")
    #expect(address["country"] as? String == "GB")
    #expect(address["address_type"] as? String == "physical")
}

@Test func confidentialLocationIsListedWhenAskedFor() throws {
    let bytes = OpenReferral.service(serviceWithRefuge(), vocabularies: try vocabularies(), includeConfidential: true)
    let entries = try objects(try parseObject(bytes), "service_at_locations")
    let names = try entries.map { try object($0, "location")["name"] as? String }
    #expect(names == ["Larkspur House", "Leeds hub"])
    #expect(text(bytes).contains("WF13 2QX"))
    #expect(text(bytes).contains("53.6912"))
}

@Test func serviceWhoseOnlyLocationIsConfidentialHasNoLocationsKey() throws {
    var service = serviceWithRefuge()
    service.locations.removeLast()
    let bytes = OpenReferral.service(service, vocabularies: try vocabularies(), includeConfidential: false)
    #expect(try parseObject(bytes)["service_at_locations"] == nil)
    #expect(!text(bytes).contains("Larkspur"))
}
