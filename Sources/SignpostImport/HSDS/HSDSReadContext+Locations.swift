import Foundation
import SignpostCore

/// Locations: their addresses, postcodes and points, whether they are confidential (refuges), and which services are
/// found at them.
extension HSDSReadContext {
    mutating func readLocations() {
        let links = load("service_at_location", "services_at_location")
        var locationRows: [String: HSDSRow] = [:]
        locationsTable = load("locations", "location")
        if let table = locationsTable {
            for row in table.rows {
                if let id = row["id"], locationRows[id] == nil { locationRows[id] = row }
            }
            knownLocations = Set(locationRows.keys)
        }
        var addressRows: [String: HSDSRow] = [:]
        /// Keeps an address row for its location; reports one whose location does not exist.
        func address(_ row: HSDSRow, physical: Bool, context: inout HSDSReadContext) {
            guard let locationID = row["location_id"] else {
                context.unlinked(row, columns: ["location_id"])
                return
            }
            guard context.knownLocations?.contains(locationID) != false else {
                context.orphan(
                    row,
                    column: "location_id",
                    id: locationID,
                    kind: "location in \(context.tables.locations).csv"
                )
                return
            }
            if physical || addressRows[locationID] == nil { addressRows[locationID] = row }
        }
        for row in load("addresses", "address")?.rows ?? [] {
            // A physical address beats a postal one.
            let type = row["address_type"]?.lowercased()
            address(row, physical: addressRows[row["location_id"] ?? ""] == nil || type == "physical", context: &self)
        }
        // HSDS 1.1 keeps physical and postal addresses in tables of their own, Ohana its postal ones in
        // mail_addresses.csv; a physical one wins.
        for row in load("physical_addresses", "physical_address")?.rows ?? [] {
            address(row, physical: true, context: &self)
        }
        for row in load("postal_addresses", "postal_address", "mail_addresses")?.rows ?? [] {
            address(row, physical: false, context: &self)
        }
        /// Gives the service at `position` the location `locationID`, read from its row.
        func place(_ position: Int, at locationID: String, location: HSDSRow, context: inout HSDSReadContext) {
            context.servicesAtLocation[locationID, default: []].append(position)
            var raw = RawServiceRecord.RawLocation(line: location.line)
            raw.values[.locationName] = location["name"]
            raw.values[.latitude] = location["latitude"]
            raw.values[.longitude] = location["longitude"]
            if let address = addressRows[locationID] {
                let lines = [address["address_1"], address["address_2"]].compactMap { $0 }
                if !lines.isEmpty { raw.values[.address] = lines.joined(separator: ", ") }
                raw.values[.town] = address["city"]
                raw.values[.postcode] = address["postal_code"]
            }
            context.locationSlots[locationID, default: []].append((position, context.records[position].locations.count))
            context.records[position].locations.append(raw)
        }
        for link in links?.rows ?? [] {
            guard let serviceID = link["service_id"] else { continue }
            guard let position = recordIndex[serviceID] else {
                orphan(link, column: "service_id", id: serviceID, kind: "service in \(tables.services).csv")
                continue
            }
            if let id = link["id"] { serviceOfLink[id] = position }
            guard let locationID = link["location_id"] else { continue }
            guard let location = locationRows[locationID] else {
                orphan(link, column: "location_id", id: locationID, kind: "location in \(tables.locations).csv")
                continue
            }
            place(position, at: locationID, location: location, context: &self)
        }
        for link in serviceLocationLinks {
            guard let location = locationRows[link.location] else {
                orphan(link.row, column: "location_id", id: link.location, kind: "location in \(tables.locations).csv")
                continue
            }
            if !(servicesAtLocation[link.location] ?? []).contains(link.position) {
                place(link.position, at: link.location, location: location, context: &self)
            }
            // A service naming no organisation is its location's organisation's (Ohana).
            guard records[link.position][.providerName] == nil, let organizationID = location["organization_id"] else {
                continue
            }
            guard let organization = organizationRows[organizationID] else {
                orphan(
                    location,
                    column: "organization_id",
                    id: organizationID,
                    kind: "organisation in \(tables.organizations).csv"
                )
                continue
            }
            records[link.position][.providerName] = organization["name"]
            records[link.position][.providerWebsite] = organization.first("website", "url")
            servicesOfOrganization[organizationID, default: []].append(link.position)
        }
    }

    /// Whether the location `id`, as read into the record at `position`, is marked confidential.
    func isConfidential(location id: String, of position: Int) -> Bool {
        (locationSlots[id] ?? []).contains { slot in
            guard slot.position == position,
                let mark = records[position].locations[slot.index].values[.locationConfidential]
            else { return false }
            return !["no", "n", "false", "f", "0"].contains(mark.lowercased())
        }
    }
}
