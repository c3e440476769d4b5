import Foundation

/// The tables of the folder being read, by the names of the version read and as the folder spells them (the file
/// present, else the version's usual name): messages name the table a value came from, so a 1.1 package's errors say
/// `regular_schedules` and `physical_addresses` where a 3.0 folder's say `schedules` and `addresses`.
struct HSDSTableNames {
    let version: HSDSVersion
    var services = "services"
    var organizations = "organizations"
    var organizationIdentifiers = "organization_identifiers"
    var locations = "locations"
    /// The table linking services to locations (`service_at_location`, 1.1 `services_at_location`); Ohana has none.
    var serviceAtLocation = "service_at_location"
    /// The table of physical addresses (3.0 `addresses`, 1.1 `physical_addresses`).
    var addresses = "addresses"
    var phones = "phones"
    var languages = "languages"
    /// The table of areas (3.0 `service_areas`, 1.1 `service_area` or `service_areas`).
    var serviceAreas = "service_areas"
    /// The table of opening times (3.0 `schedules`, 1.1 and Ohana `regular_schedules`).
    var schedules = "schedules"
    var accessibility = "accessibility"
    var funding = "funding"
    var serviceCapacity = "service_capacity"
    /// 3.0 `attributes` + `taxonomy_terms`; 1.1 `service_taxonomy` + `taxonomy`.
    var attributes = "attributes"
    var terms = "taxonomy_terms"
    /// Whether services.csv has a `taxonomy_ids` column (1.1, Ohana).
    var taxonomyIDs = false

    /// The names in `folder` (the first of each table's spellings present), for `version`.
    init(version: HSDSVersion, folder: String, servicesColumns: Set<String>) {
        self.version = version
        func present(_ names: String...) -> String {
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name + ".csv")
                if InputFileKind(path: path) != .missing { return name }
            }
            return names[0]
        }
        taxonomyIDs = servicesColumns.contains("taxonomy_ids")
        services = present("services", "service")
        organizations = present("organizations", "organization")
        organizationIdentifiers = present("organization_identifiers", "organization_identifier")
        locations = present("locations", "location")
        phones = present("phones", "phone")
        languages = present("languages", "language")
        funding = present("funding", "fundings")
        serviceCapacity = present("service_capacity")
        switch version {
        case .hsds11:
            serviceAtLocation = present("services_at_location", "service_at_location")
            addresses = present("physical_addresses", "physical_address", "addresses")
            serviceAreas = present("service_area", "service_areas")
            schedules = present("regular_schedules", "regular_schedule", "schedules")
            accessibility = present("accessibility_for_disabilities", "accessibility")
            attributes = present("service_taxonomy", "service_attributes")
            terms = present("taxonomy", "taxonomy_terms")
        case .ohana:
            serviceAtLocation = "services.location_id"
            addresses = present("addresses", "address")
            serviceAreas = "services.service_areas"
            schedules = present("regular_schedules", "regular_schedule")
            accessibility = "locations.accessibility"
            attributes = "services.keywords"
            terms = present("taxonomy")
        case .hsds30, .hsds31:
            serviceAtLocation = present("service_at_location", "services_at_location")
            addresses = present("addresses", "address")
            serviceAreas = present("service_areas", "service_area")
            schedules = present("schedules", "schedule")
            accessibility = present("accessibility", "accessibility_for_disabilities")
            attributes = present("attributes", "attribute")
            terms = present("taxonomy_terms", "taxonomy_term")
        }
    }

    /// What need types and specialisms are read from, as a field's source: `attributes + taxonomy_terms`,
    /// `services.taxonomy_ids + service_taxonomy`, `services.taxonomy_ids + services.keywords`.
    var needSource: String {
        switch version {
        case .hsds30, .hsds31: "\(attributes) + \(terms)"
        case .hsds11: taxonomyIDs ? "\(services).taxonomy_ids + \(attributes)" : "\(attributes) + \(terms)"
        case .ohana: "\(services).taxonomy_ids + \(services).keywords"
        }
    }

    /// Where the links from services to terms are, in words for a message: `attributes.csv, taxonomy_terms.csv`.
    var needTables: String {
        switch version {
        case .hsds30, .hsds31: "\(attributes).csv, \(terms).csv"
        case .hsds11:
            (taxonomyIDs ? "\(services).taxonomy_ids, " : "") + "\(attributes).csv → \(terms).csv"
        case .ohana: "\(services).taxonomy_ids → \(terms).csv, \(services).keywords"
        }
    }

    /// How messages name each field: by the table and column it comes from.
    var fieldNames: ProfileFieldNames {
        let ohana = version == .ohana
        return ProfileFieldNames([
            .sourceRecordID: "\(services).id", .name: "\(services).name", .description: "\(services).description",
            .providerName: "\(organizations).name", .providerID: "\(organizations).id",
            .charityNumber: "\(organizationIdentifiers).identifier", .providerWebsite: "\(organizations).website",
            .status: "\(services).status", .needTypes: needSource, .specialisms: needSource,
            .minAge: "\(services).minimum_age", .maxAge: "\(services).maximum_age",
            .eligibilityNotes: ohana ? "\(services).eligibility" : "\(services).eligibility_description",
            .languages: ohana ? "\(services).languages + \(locations).languages" : languages,
            .interpreting: "\(services).interpretation_services", .accessibility: accessibility,
            .coverage: serviceAreas, .locationName: "\(locations).name", .address: "\(addresses).address_1",
            .town: "\(addresses).city", .postcode: "\(addresses).postal_code", .latitude: "\(locations).latitude",
            .longitude: "\(locations).longitude", .capacityAvailable: "\(serviceCapacity).available",
            .capacityMaximum: "\(serviceCapacity).maximum", .capacityUnit: "\(serviceCapacity).unit_id",
            .capacityUpdated: "\(serviceCapacity).updated", .commissioner: "\(funding).source",
            .phone: "\(phones).number", .email: "\(services).email",
            .website: ohana ? "\(services).website" : "\(services).url", .openingHours: schedules,
            .lastVerified: "\(services).assured_date",
        ])
    }
}
