public import SignpostCore

extension OpenReferral {
    /// The org-id register scheme of a charity number: Scottish charities (SC...) are registered with OSCR, Northern
    /// Irish ones (NIC...) with the Charity Commission for Northern Ireland, the others with the Charity Commission for
    /// England and Wales.
    static func charityRegisterScheme(of number: String) -> String {
        let register = number.uppercased()
        return register.hasPrefix("SC") ? "GB-SC" : register.hasPrefix("NIC") ? "GB-NIC" : "GB-CHC"
    }

    /// Writes one service object, in the shape of a full document or of a list item (see ``OpenReferral`` for the
    /// mapping). A confidential location is written only when `includeConfidential` is true; otherwise nothing of it
    /// appears (no name, address, postcode, coordinates or empty entry).
    public static func writeService(
        _ service: Service,
        vocabularies: Vocabularies,
        detail: ServiceDetail,
        includeConfidential: Bool,
        into writer: inout JSONWriter
    ) {
        let id = service.id.rawValue
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid(id))
        writer.field("name", service.name)
        writer.field("description", service.description)
        writer.field("url", service.contact.website)
        writer.field("email", service.contact.email)
        writer.field("status", status(of: service.status))
        writer.field("interpretation_services", service.offersInterpreting ? "The service arranges interpreters." : nil)
        writeApplicationProcess(service, vocabularies: vocabularies, into: &writer)
        if let waitingTime = service.waitingTime { writeWaitTime(waitingTime, into: &writer) }
        writer.field("eligibility_description", service.eligibility.notes)
        writer.field("minimum_age", service.eligibility.minimumAge)
        writer.field("maximum_age", service.eligibility.maximumAge)
        writer.field("assured_date", service.provenance.lastVerified?.description)
        writer.field("alert", alert(for: service.status))
        writeOrganization(service.provider, detail: detail, into: &writer)
        if detail == .full {
            writeContacts(service, into: &writer)
            writeSchedules(service, into: &writer)
            writeServiceAreas(service, vocabularies: vocabularies, into: &writer)
            writeLocations(service, vocabularies: vocabularies, includeConfidential: includeConfidential, into: &writer)
            writeLanguages(service, vocabularies: vocabularies, into: &writer)
            writeFunding(service, into: &writer)
            writeAttributes(service, vocabularies: vocabularies, into: &writer)
            writeCapacity(service, into: &writer)
        }
        writer.endObject()
    }

    /// The HSDS status of a Signpost status.
    static func status(of status: ServiceStatus) -> String {
        switch status {
        case .accepting, .waitlist: "active"
        case .paused: "temporarily closed"
        case .closed: "defunct"
        }
    }

    /// The short-term alert a status calls for, if any.
    static func alert(for status: ServiceStatus) -> String? {
        switch status {
        case .waitlist: "Taking referrals onto a waiting list."
        case .paused: "Not taking referrals for now."
        case .accepting, .closed: nil
        }
    }

    private static func writeApplicationProcess(
        _ service: Service,
        vocabularies: Vocabularies,
        into writer: inout JSONWriter
    ) {
        writer.key("application_process")
        writer.string(applicationProcess(of: service, vocabularies: vocabularies))
    }

    /// "Referral routes: Police referral, Self-referral." from the accepted referral routes.
    static func applicationProcess(of service: Service, vocabularies: Vocabularies) -> String {
        let routes = vocabularies[.referralRoutes]
        var text = "Referral routes: "
        for (index, route) in service.acceptedReferralRoutes.enumerated() {
            if index > 0 { text += ", " }
            text += routes.label(code: route.rawValue) ?? route.rawValue
        }
        return text + "."
    }

    private static func writeWaitTime(_ waitingTime: WaitingTime, into writer: inout JSONWriter) {
        writer.key("wait_time")
        writer.string(waitTimeText(waitingTime))
    }

    /// "Typical wait from referral to first contact: 9 days (reported 2026-11-01)."
    static func waitTimeText(_ waitingTime: WaitingTime) -> String {
        var text = "Typical wait from referral to first contact: \(waitingTime.days) day"
        if waitingTime.days != 1 { text += "s" }
        if let asOf = waitingTime.asOf { text += " (reported \(asOf))" }
        return text + "."
    }

    private static func writeOrganization(_ provider: Provider, detail: ServiceDetail, into writer: inout JSONWriter) {
        let id = provider.id.rawValue
        writer.key("organization")
        writer.beginObject()
        writer.field("id", OpenReferralID.organization(id))
        writer.field("name", provider.name)
        // HSDS requires a description; Signpost keeps none for a provider, so it says what it knows.
        writer.field("description", "\(provider.name) provides victim support services listed in Signpost.")
        writer.field("website", provider.website)
        if detail == .full, let charityNumber = provider.charityNumber {
            writer.key("organization_identifiers")
            writer.beginArray()
            writer.beginObject()
            let scheme = OpenReferral.charityRegisterScheme(of: charityNumber)
            writer.field("id", OpenReferralID.uuid([id, "#\(scheme)"].joined()))
            writer.field("identifier_scheme", scheme)
            writer.field("identifier_type", "Registered charity number")
            writer.field("identifier", charityNumber)
            writer.endObject()
            writer.endArray()
        }
        writer.endObject()
    }

    private static func writeContacts(_ service: Service, into writer: inout JSONWriter) {
        guard let phone = service.contact.phone else { return }
        let id = service.id.rawValue
        writer.key("contacts")
        writer.beginArray()
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([id, "#contact"].joined()))
        writer.key("phones")
        writer.beginArray()
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([id, "#phone"].joined()))
        writer.field("number", phone)
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.endArray()
    }

    private static func writeSchedules(_ service: Service, into writer: inout JSONWriter) {
        guard let hours = service.contact.hours else { return }
        writer.key("schedules")
        writer.beginArray()
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([service.id.rawValue, "#schedule"].joined()))
        writer.field("description", hours)
        writer.endObject()
        writer.endArray()
    }

    private static func writeServiceAreas(
        _ service: Service,
        vocabularies: Vocabularies,
        into writer: inout JSONWriter
    ) {
        guard !service.coverage.areas.isEmpty else { return }
        let id = service.id.rawValue
        writer.key("service_areas")
        writer.beginArray()
        for area in service.coverage.areas {
            let code = area.rawValue
            let label = vocabularies.label(ofArea: area)
            writer.beginObject()
            writer.field("id", OpenReferralID.uuid([id, "#area-", code].joined()))
            writer.field("name", label)
            writer.field("service_area", label)
            writer.key("description")
            switch area.kind {
            case .national: writer.string("England and Wales")
            case .country: writer.string(concatenating: "Country, ONS code ", code)
            case .policeForceArea: writer.string(concatenating: "Police force area, ONS code ", code)
            case .localAuthority: writer.string(concatenating: "Local authority, ONS code ", code)
            case .postcodeArea: writer.string(concatenating: "Postcode area ", code)
            case .postcodeDistrict: writer.string(concatenating: "Postcode district ", code)
            case .unknown: writer.string(concatenating: "Area ", code)
            }
            switch area.kind {
            case .country, .policeForceArea, .localAuthority:
                writer.key("uri")
                writer.string(concatenating: "http://statistics.data.gov.uk/id/statistical-geography/", code)
            case .national, .postcodeArea, .postcodeDistrict, .unknown:
                break
            }
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeLocations(
        _ service: Service,
        vocabularies: Vocabularies,
        includeConfidential: Bool,
        into writer: inout JSONWriter
    ) {
        let published = service.locations.filter { includeConfidential || !$0.isConfidential }
        guard !published.isEmpty else { return }
        let id = service.id.rawValue
        writer.key("service_at_locations")
        writer.beginArray()
        for (index, location) in published.enumerated() {
            let number = String(index + 1)
            writer.beginObject()
            writer.field("id", OpenReferralID.uuid([id, "#service-at-location-", number].joined()))
            writer.key("location")
            writeLocation(location, serviceID: id, number: number, vocabularies: vocabularies, into: &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    /// One location object: `id` the UUID of `SERVICE#location-N` (N counting published locations), `location_type`
    /// physical, name, coordinates and, when there is one to publish, its address.
    static func writeLocation(
        _ location: ServiceLocation,
        serviceID id: String,
        number: String,
        vocabularies: Vocabularies,
        into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([id, "#location-", number].joined()))
        writer.field("location_type", "physical")
        writer.field("name", location.name)
        writer.field("latitude", location.point?.latitude)
        writer.field("longitude", location.point?.longitude)
        if let address = publishedAddress(of: location, vocabularies: vocabularies) {
            writer.key("addresses")
            writer.beginArray()
            writer.beginObject()
            writer.field("id", OpenReferralID.uuid([id, "#address-", number].joined()))
            writer.field("address_1", address.line)
            writer.field("city", address.city)
            writer.field("state_province", address.region)
            writer.field("postal_code", address.postcode)
            writer.field("country", "GB")
            writer.field("address_type", "physical")
            writer.endObject()
            writer.endArray()
        }
        writer.endObject()
    }

    /// A location's address as HSDS requires one (first line, city, state or province, postcode, country), or nil when
    /// the location has no postcode or nothing to put on the first line: an address is never invented. The first line
    /// is the street, else the location's own name (a building's name often starts a UK address); the city is the
    /// town, else the postcode district's; the state or province is the local authority of the postcode's district
    /// (the county or unitary authority), else the city.
    static func publishedAddress(
        of location: ServiceLocation,
        vocabularies: Vocabularies
    ) -> (line: String, city: String, region: String, postcode: String)? {
        guard let postcode = location.postcode, let line = location.address ?? location.name else { return nil }
        let district = vocabularies.postcodeDistricts.district(postcode.district.rawValue)
        guard let city = location.town ?? district?.town else { return nil }
        let region = district?.localAuthority.map { vocabularies.label(ofArea: $0) } ?? city
        return (line, city, region, postcode.description)
    }

    private static func writeLanguages(_ service: Service, vocabularies: Vocabularies, into writer: inout JSONWriter) {
        let addBSL = service.offersBSL && !service.languages.contains(.britishSignLanguage)
        guard !service.languages.isEmpty || addBSL else { return }
        let languages = vocabularies[.languages]
        let id = service.id.rawValue
        func write(_ code: String, name: String) {
            writer.beginObject()
            writer.field("id", OpenReferralID.uuid([id, "#language-", code].joined()))
            writer.field("name", name)
            writer.field("code", code)
            writer.endObject()
        }
        writer.key("languages")
        writer.beginArray()
        for language in service.languages {
            write(language.rawValue, name: languages.label(code: language.rawValue) ?? language.rawValue)
        }
        if addBSL {
            let code = LanguageCode.britishSignLanguage.rawValue
            write(code, name: languages.label(code: code) ?? "British Sign Language")
        }
        writer.endArray()
    }

    private static func writeFunding(_ service: Service, into writer: inout JSONWriter) {
        guard let commissioner = service.commissioning.commissioner else { return }
        writer.key("funding")
        writer.beginArray()
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([service.id.rawValue, "#funding"].joined()))
        writer.key("source")
        writer.string(concatenating: "Commissioned by ", commissioner)
        writer.endObject()
        writer.endArray()
    }

    private static func writeAttributes(_ service: Service, vocabularies: Vocabularies, into writer: inout JSONWriter) {
        let id = service.id.rawValue
        func write(_ code: String, taxonomy: Taxonomy) {
            writer.beginObject()
            writer.field("id", OpenReferralID.uuid([id, "#", taxonomy.termPrefix, code].joined()))
            writer.field("taxonomy_term_id", OpenReferralID.uuid([taxonomy.termPrefix, code].joined()))
            writer.field("link_type", taxonomy.linkType)
            writer.field("link_entity", "service")
            writer.key("taxonomy_term")
            let term = vocabularies[taxonomy.vocabulary].term(code: code)
            writeTerm(
                code: code,
                term: term,
                taxonomy: taxonomy,
                withDetail: false,
                into: &writer
            )
            writer.endObject()
        }
        writer.key("attributes")
        writer.beginArray()
        for need in service.needTypes { write(need.rawValue, taxonomy: .needTypes) }
        for specialism in service.specialisms { write(specialism.rawValue, taxonomy: .specialisms) }
        writeSignpostID(id, into: &writer)
        writer.endArray()
    }

    /// The term of the attribute that keeps a service's readable Signpost id beside its UUID.
    static let signpostIDTerm = "signpost-service:id"

    /// An attribute whose `value` is the service's readable id (`SOURCE/RECORD`), which `/services/{id}` also takes.
    private static func writeSignpostID(_ id: String, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid(id + "#signpost-id"))
        writer.field("taxonomy_term_id", OpenReferralID.uuid(signpostIDTerm))
        writer.field("link_type", "signpost_id")
        writer.field("link_entity", "service")
        writer.field("value", id)
        writer.key("taxonomy_term")
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid(signpostIDTerm))
        writer.field("code", signpostIDTerm)
        writer.field("name", "Signpost service id")
        writer.field("description", "The service's readable id in Signpost: its source, a slash, and its id there.")
        writer.endObject()
        writer.endObject()
    }

    private static func writeCapacity(_ service: Service, into writer: inout JSONWriter) {
        guard let capacity = service.capacity, let available = capacity.available else { return }
        writer.key("service_capacities")
        writer.beginArray()
        writer.beginObject()
        writer.field("id", OpenReferralID.uuid([service.id.rawValue, "#capacity"].joined()))
        writer.key("unit")
        writer.beginObject()
        writer.field("id", capacity.unit.rawValue)
        writer.field("name", unitName(capacity.unit))
        writer.endObject()
        writer.field("available", available)
        writer.field("maximum", capacity.maximum)
        if let updated = capacity.updated {
            writer.key("updated")
            writer.string(concatenating: updated.description, "T00:00:00Z")
        }
        writer.endObject()
        writer.endArray()
    }

    /// A readable name for a capacity unit.
    static func unitName(_ unit: CapacityUnit) -> String {
        switch unit {
        case .cases: "Open cases"
        case .referralsPerWeek: "New referrals a week"
        case .places: "Bed spaces"
        case .sessionsPerWeek: "Sessions a week"
        }
    }
}
