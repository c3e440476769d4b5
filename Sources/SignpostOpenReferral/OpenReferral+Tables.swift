public import SignpostCore

extension OpenReferral {
    /// The catalog as HSDS 3.0 CSV tables (with HSDS 3.1's `service_capacity` and `units`), one ``CSVTable`` per
    /// file, in a fixed order. Every table is written, with its header, even when it has no rows.
    ///
    /// Services keep their order. A confidential location is written only when `includeConfidential` is true, and is
    /// then marked by an attribute; otherwise nothing of it appears, and the locations that are written are numbered
    /// among themselves, as in the JSON export. The mapping, field by field, is in Docs/Formats.md (Open Referral
    /// (HSDS) tables); Signpost's own HSDS reader maps every table back.
    public static func tables(
        _ services: [Service],
        vocabularies: Vocabularies,
        includeConfidential: Bool
    ) -> [CSVTable] {
        var builder = HSDSTableBuilder(vocabularies: vocabularies, includeConfidential: includeConfidential)
        for service in services { builder.add(service) }
        return builder.finish()
    }
}

/// Fills the HSDS tables one service at a time.
struct HSDSTableBuilder {
    let vocabularies: Vocabularies
    let includeConfidential: Bool

    var organizations = CSVTable(
        name: "organizations",
        columns: [
            "id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
            "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id",
        ]
    )
    var organizationIdentifiers = CSVTable(
        name: "organization_identifiers",
        columns: ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]
    )
    var services = CSVTable(
        name: "services",
        columns: [
            "id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status",
            "interpretation_services", "application_process", "fees_description", "wait_time", "fees",
            "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date",
            "assurer_email", "licenses", "alert", "last_modified",
        ]
    )
    var locations = CSVTable(
        name: "locations",
        columns: [
            "id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
            "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type",
        ]
    )
    var addresses = CSVTable(
        name: "addresses",
        columns: [
            "id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province",
            "postal_code", "country", "address_type",
        ]
    )
    var serviceAtLocation = CSVTable(
        name: "service_at_location",
        columns: ["id", "service_id", "location_id", "description"]
    )
    var phones = CSVTable(
        name: "phones",
        columns: [
            "id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id", "number",
            "extension", "type", "description",
        ]
    )
    var languages = CSVTable(
        name: "languages",
        columns: ["id", "service_id", "location_id", "phone_id", "name", "code", "note"]
    )
    var serviceAreas = CSVTable(
        name: "service_areas",
        columns: ["id", "service_id", "name", "description", "extent", "extent_type", "uri"]
    )
    var schedules = CSVTable(
        name: "schedules",
        columns: [
            "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to", "dtstart",
            "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno", "bymonthday", "byyearday",
            "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes",
        ]
    )
    var funding = CSVTable(name: "funding", columns: ["id", "organization_id", "service_id", "source"])
    var attributes = CSVTable(
        name: "attributes",
        columns: ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"]
    )
    var capacity = CSVTable(
        name: "service_capacity",
        columns: ["id", "service_id", "unit_id", "available", "maximum", "description", "updated"]
    )

    private var seenOrganizations = Set<ProviderID>()
    /// Codes services use that their vocabulary no longer has, by taxonomy id: written as terms named by their code.
    private var unknownCodes: [String: [String]] = [:]

    init(vocabularies: Vocabularies, includeConfidential: Bool) {
        self.vocabularies = vocabularies
        self.includeConfidential = includeConfidential
    }

    mutating func add(_ service: Service) {
        let id = service.id.rawValue
        addOrganization(service.provider)
        var interpretation: [String] = []
        if service.offersInterpreting { interpretation.append("The service arranges interpreters.") }
        if service.offersBSL { interpretation.append("The service works in British Sign Language.") }
        services.append([
            "id": id,
            "organization_id": service.provider.id.rawValue,
            "name": service.name,
            "description": service.description,
            "url": service.contact.website,
            "email": service.contact.email,
            "status": OpenReferral.status(of: service.status),
            "interpretation_services": interpretation.isEmpty ? nil : interpretation.joined(separator: " "),
            "application_process": OpenReferral.applicationProcess(of: service, vocabularies: vocabularies),
            "wait_time": service.waitingTime.map(OpenReferral.waitTimeText),
            "eligibility_description": service.eligibility.notes,
            "minimum_age": service.eligibility.minimumAge.map(String.init),
            "maximum_age": service.eligibility.maximumAge.map(String.init),
            "assured_date": service.provenance.lastVerified?.description,
            "alert": OpenReferral.alert(for: service.status),
        ])
        addLocations(of: service)
        if let phone = service.contact.phone {
            phones.append(["id": id + "#phone", "service_id": id, "number": phone, "type": "voice"])
        }
        if let hours = service.contact.hours {
            schedules.append(["id": id + "#schedule", "service_id": id, "description": hours])
        }
        let languageTerms = vocabularies[.languages]
        for language in service.languages {
            let code = language.rawValue
            languages.append([
                "id": id + "#language-" + code,
                "service_id": id,
                "name": languageTerms.label(code: code) ?? code,
                "code": code,
            ])
        }
        for area in service.coverage.areas { addArea(area, of: id) }
        if let commissioner = service.commissioning.commissioner {
            funding.append(["id": id + "#funding", "service_id": id, "source": commissioner])
        }
        addAttributes(of: service)
        if let figures = service.capacity {
            capacity.append([
                "id": id + "#capacity",
                "service_id": id,
                "unit_id": figures.unit.rawValue,
                "available": figures.available.map(String.init),
                "maximum": figures.maximum.map(String.init),
                "updated": figures.updated.map { $0.description + "T00:00:00Z" },
            ])
        }
    }

    private mutating func addOrganization(_ provider: Provider) {
        guard seenOrganizations.insert(provider.id).inserted else { return }
        let id = provider.id.rawValue
        organizations.append(["id": id, "name": provider.name, "website": provider.website])
        if let number = provider.charityNumber {
            let scheme = OpenReferral.charityRegisterScheme(of: number)
            organizationIdentifiers.append([
                "id": id + "#charity",
                "organization_id": id,
                "identifier_scheme": scheme,
                "identifier_type": "Registered charity number",
                "identifier": number,
            ])
        }
    }

    private mutating func addLocations(of service: Service) {
        let id = service.id.rawValue
        let published = service.locations.filter { includeConfidential || !$0.isConfidential }
        for (index, location) in published.enumerated() {
            let number = String(index + 1)
            let locationID = id + "#location-" + number
            locations.append([
                "id": locationID,
                "location_type": "physical",
                "organization_id": service.provider.id.rawValue,
                "name": location.name,
                "latitude": location.point.map { String($0.latitude) },
                "longitude": location.point.map { String($0.longitude) },
            ])
            if location.address != nil || location.town != nil || location.postcode != nil {
                addresses.append([
                    "id": id + "#address-" + number,
                    "location_id": locationID,
                    "address_1": location.address,
                    "city": location.town,
                    "postal_code": location.postcode?.description,
                    "country": "GB",
                    "address_type": "physical",
                ])
            }
            serviceAtLocation.append([
                "id": id + "#service-at-location-" + number, "service_id": id, "location_id": locationID,
            ])
            if location.isConfidential {
                let term = SignpostServiceTaxonomy.confidential
                attributes.append([
                    "id": locationID + "#" + term.id,
                    "link_id": locationID,
                    "taxonomy_term_id": term.id,
                    "link_type": SignpostServiceTaxonomy.linkType,
                    "link_entity": "location",
                    "value": "yes",
                ])
            }
        }
    }

    private mutating func addArea(_ area: AreaCode, of id: String) {
        let code = area.rawValue
        // The area's name when it reads back as the same area (West Yorkshire, Leeds), else its code (LS).
        let label = vocabularies.label(ofArea: area)
        let name = vocabularies.resolveArea(label) == area ? label : code
        let uri: String?
        switch area.kind {
        case .country, .policeForceArea, .localAuthority:
            uri = "http://statistics.data.gov.uk/id/statistical-geography/" + code
        case .national, .postcodeArea, .postcodeDistrict, .unknown:
            uri = nil
        }
        serviceAreas.append([
            "id": id + "#area-" + code,
            "service_id": id,
            "name": name,
            "description": Self.areaDescription(area, label: label),
            "uri": uri,
        ])
    }

    static func areaDescription(_ area: AreaCode, label: String) -> String {
        let code = area.rawValue
        switch area.kind {
        case .national: return "England and Wales"
        case .country: return "Country, ONS code " + code
        case .policeForceArea: return "Police force area, ONS code " + code
        case .localAuthority: return "Local authority, ONS code " + code
        case .postcodeArea: return "Postcode area " + label
        case .postcodeDistrict: return "Postcode district " + code
        case .unknown: return "Area " + code
        }
    }

    private mutating func addAttributes(of service: Service) {
        let id = service.id.rawValue
        for (taxonomy, codes) in Taxonomy.linked {
            let vocabulary = vocabularies[taxonomy.vocabulary]
            for code in codes(service) {
                if !vocabulary.contains(code: code), !(unknownCodes[taxonomy.id] ?? []).contains(code) {
                    unknownCodes[taxonomy.id, default: []].append(code)
                }
                let termID = taxonomy.termPrefix + code
                attributes.append([
                    "id": id + "#" + termID,
                    "link_id": id,
                    "taxonomy_term_id": termID,
                    "link_type": taxonomy.linkType,
                    "link_entity": "service",
                ])
            }
        }
        var details: [(SignpostServiceTaxonomy.Term, String)] = [
            (SignpostServiceTaxonomy.status, service.status.rawValue)
        ]
        if service.offersInterpreting { details.append((SignpostServiceTaxonomy.interpreting, "yes")) }
        if service.offersBSL { details.append((SignpostServiceTaxonomy.bsl, "yes")) }
        if let wait = service.waitingTime {
            details.append((SignpostServiceTaxonomy.waitDays, String(wait.days)))
            if let asOf = wait.asOf { details.append((SignpostServiceTaxonomy.waitAsOf, asOf.description)) }
        }
        if let end = service.commissioning.contractEnd {
            details.append((SignpostServiceTaxonomy.contractEnd, end.description))
        }
        for (term, value) in details {
            attributes.append([
                "id": id + "#" + term.id,
                "link_id": id,
                "taxonomy_term_id": term.id,
                "link_type": SignpostServiceTaxonomy.linkType,
                "link_entity": "service",
                "value": value,
            ])
        }
    }

    /// The tables, with the taxonomies, their terms and the capacity units added.
    func finish() -> [CSVTable] {
        var taxonomies = CSVTable(name: "taxonomies", columns: ["id", "name", "description", "uri", "version"])
        var terms = CSVTable(
            name: "taxonomy_terms",
            columns: [
                "id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id", "term_uri",
            ]
        )
        for (taxonomy, _) in Taxonomy.linked {
            taxonomies.append(["id": taxonomy.id, "name": taxonomy.name, "description": taxonomy.description])
            for term in vocabularies[taxonomy.vocabulary].terms {
                terms.append([
                    "id": taxonomy.termPrefix + term.code,
                    "code": term.code,
                    "name": term.label,
                    "description": term.description,
                    "taxonomy": taxonomy.name,
                    "language": "en",
                    "taxonomy_id": taxonomy.id,
                ])
            }
            for code in unknownCodes[taxonomy.id] ?? [] {
                terms.append([
                    "id": taxonomy.termPrefix + code,
                    "code": code,
                    "name": code,
                    "taxonomy": taxonomy.name,
                    "taxonomy_id": taxonomy.id,
                ])
            }
        }
        taxonomies.append([
            "id": SignpostServiceTaxonomy.id,
            "name": SignpostServiceTaxonomy.name,
            "description": SignpostServiceTaxonomy.description,
        ])
        for term in SignpostServiceTaxonomy.terms {
            terms.append([
                "id": term.id,
                "code": term.code,
                "name": term.name,
                "description": term.description,
                "taxonomy": SignpostServiceTaxonomy.name,
                "language": "en",
                "taxonomy_id": SignpostServiceTaxonomy.id,
            ])
        }
        var units = CSVTable(name: "units", columns: ["id", "name", "scheme", "identifier", "uri"])
        for unit in CapacityUnit.allCases {
            units.append([
                "id": unit.rawValue,
                "name": OpenReferral.unitName(unit),
                "scheme": "signpost",
                "identifier": unit.rawValue,
            ])
        }
        return [
            organizations, organizationIdentifiers, services, locations, addresses, serviceAtLocation, phones,
            languages, serviceAreas, schedules, funding, taxonomies, terms, attributes, capacity, units,
        ]
    }
}
