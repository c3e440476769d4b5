/// The member names of the Open Referral reference examples (ORUK 3.0 `examples/` and HSDS 3.0 `examples/`, the union
/// of both where they differ), copied here so that the tests do not read the reference folder. Where a name comes from
/// elsewhere, the comment says so.
enum ReferenceShapes {
    /// `service_full.json`, plus HSDS 3.1's `service_capacities`.
    static let service: Set<String> = [
        "id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services",
        "application_process", "fees_description", "wait_time", "fees", "accreditations", "eligibility_description",
        "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified", "phones",
        "schedules", "service_areas", "service_at_locations", "languages", "organization", "funding", "cost_options",
        "program", "required_documents", "contacts", "attributes", "metadata",
        "service_capacities",
    ]

    /// The members a service must have (HSDS 3.0 requires id, name and status; ORUK 3.0 adds url; every example
    /// nests the organization).
    static let serviceRequired: Set<String> = ["id", "name", "status", "organization"]

    /// Each item of `service_list.json`'s `contents`.
    static let serviceListItem: Set<String> = [
        "id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services",
        "application_process", "fees_description", "wait_time", "fees", "accreditations", "eligibility_description",
        "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified",
        "organization", "program",
    ]

    /// The organization nested in a `service_list.json` item.
    static let organizationInList: Set<String> = [
        "id", "name", "alternate_name", "description", "email", "website", "tax_status", "year_incorporated",
        "legal_status", "logo", "uri", "parent_organization_id",
    ]

    /// The organization nested in `service_full.json`.
    static let organization: Set<String> = organizationInList.union([
        "funding", "contacts", "phones", "locations", "programs", "organization_identifiers",
    ])

    static let organizationIdentifier: Set<String> = ["id", "identifier_scheme", "identifier_type", "identifier"]

    static let serviceArea: Set<String> = [
        "id", "name", "description", "extent", "extent_type", "uri", "service_area",
    ]

    static let serviceAtLocation: Set<String> = ["id", "description", "contacts", "phones", "schedules", "location"]

    static let location: Set<String> = [
        "id", "location_type", "url", "name", "alternate_name", "description", "transportation", "latitude",
        "longitude", "external_identifier", "external_identifier_type", "languages", "addresses", "contacts",
        "accessibility", "phones", "schedules",
    ]

    static let address: Set<String> = [
        "id", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country",
        "address_type",
    ]

    static let language: Set<String> = ["id", "name", "code", "note"]

    static let contact: Set<String> = ["id", "name", "title", "department", "email", "phones"]

    static let phone: Set<String> = ["id", "number", "extension", "type", "description", "languages"]

    static let schedule: Set<String> = [
        "id", "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
        "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
        "attending_type", "notes",
    ]

    static let funding: Set<String> = ["id", "source"]

    /// `attributes` items; `taxonomy_term_id` is from the HSDS 3.0 schema (attribute table) rather than the examples.
    static let attribute: Set<String> = [
        "id", "link_type", "link_entity", "value", "taxonomy_term", "taxonomy_term_id",
    ]

    /// `taxonomy_term.json` (HSDS and ORUK); `taxonomy_id` is from the HSDS 3.0 schema (taxonomy_term table).
    static let taxonomyTerm: Set<String> = [
        "id", "code", "name", "description", "parent_id", "taxonomy", "taxonomy_detail", "language", "term_uri", "term",
        "taxonomy_id",
    ]

    /// `taxonomy.json`; ORUK's single taxonomy adds `taxonomy_terms`.
    static let taxonomy: Set<String> = ["id", "name", "description", "uri", "version", "taxonomy_terms"]

    /// `taxonomy_detail` inside an HSDS taxonomy term, and each item of `taxonomy_list.json`.
    static let taxonomyDetail: Set<String> = ["id", "name", "description", "uri", "version"]

    /// HSDS 3.1 `service_capacity` (its JSON members; `service_id` and `unit_id` are for the tabular form only).
    static let serviceCapacity: Set<String> = ["id", "unit", "available", "maximum", "description", "updated"]

    /// HSDS 3.1 `unit`.
    static let unit: Set<String> = ["id", "name", "scheme", "identifier", "uri"]

    /// The paging envelope of every `*_list.json`.
    static let page: Set<String> = [
        "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents",
    ]

    /// HSDS 3.0 `service.status`.
    static let statuses: Set<String> = ["active", "inactive", "defunct", "temporarily closed"]
}
