public import SignpostCore

extension OpenReferral {
    /// One published location of one service: what `/service_at_locations` lists. `number` counts the service's
    /// published (not confidential) locations from 1, as the service's own document numbers them.
    public struct ServiceAtLocation: Sendable {
        public let service: Service
        public let location: ServiceLocation
        public let number: Int

        /// The UUID both documents give it.
        public var id: String { OpenReferralID.uuid(service.id.rawValue + "#service-at-location-\(number)") }

        /// The published locations of `service`, each with its number. A confidential location is never one.
        public static func all(of service: Service) -> [ServiceAtLocation] {
            service.locations.filter { !$0.isConfidential }.enumerated().map {
                ServiceAtLocation(service: service, location: $1, number: $0 + 1)
            }
        }
    }

    /// A page of services at locations in the paging envelope (`GET /service_at_locations`): each item's `id`,
    /// `service_id`, `location_id`, the service's own fields and organisation, and the location.
    public static func serviceAtLocationPage(
        _ entries: some Collection<ServiceAtLocation>,
        totalItems: Int,
        page: Int,
        perPage: Int,
        vocabularies: Vocabularies
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512 + 2048 * entries.count)
        writePage(totalItems: totalItems, page: page, perPage: perPage, size: entries.count, into: &writer) { writer in
            for entry in entries { write(entry, detail: .summary, vocabularies: vocabularies, into: &writer) }
        }
        return writer.bytes
    }

    /// One service at a location in full (`GET /service_at_locations/{id}`): the whole service and the location.
    public static func serviceAtLocation(_ entry: ServiceAtLocation, vocabularies: Vocabularies) -> [UInt8] {
        var writer = JSONWriter()
        write(entry, detail: .full, vocabularies: vocabularies, into: &writer)
        return writer.bytes
    }

    private static func write(
        _ entry: ServiceAtLocation,
        detail: ServiceDetail,
        vocabularies: Vocabularies,
        into writer: inout JSONWriter
    ) {
        let serviceID = entry.service.id.rawValue
        let number = String(entry.number)
        writer.beginObject()
        writer.field("id", entry.id)
        writer.field("service_id", OpenReferralID.uuid(serviceID))
        writer.field("location_id", OpenReferralID.uuid(serviceID + "#location-" + number))
        writer.key("service")
        writeService(
            entry.service,
            vocabularies: vocabularies,
            detail: detail,
            includeConfidential: false,
            into: &writer
        )
        writer.key("location")
        writeLocation(entry.location, serviceID: serviceID, number: number, vocabularies: vocabularies, into: &writer)
        writer.endObject()
    }
}
