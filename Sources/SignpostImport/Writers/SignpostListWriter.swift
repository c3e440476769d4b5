public import SignpostCore

/// Writes services in Signpost's canonical formats (see Docs/Formats.md), so that what Signpost writes it can read
/// back.
public enum SignpostListWriter {
    /// The CSV header: every column, in `ServiceField` order.
    public static var csvHeader: String { ServiceField.allCases.map(\.column).joined(separator: ",") }

    /// A Signpost CSV list of `services` (one location each: the first).
    public static func csv(_ services: [Service]) -> String {
        var out = csvHeader + "\n"
        for service in services {
            out += ServiceField.allCases.map { escape(value(of: $0, in: service)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Signpost XML list of `services`, by a commissioner.
    public static func xml(_ services: [Service], commissionerCode: String, commissionerName: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <serviceList xmlns="urn:signpost:list:1" version="1">
              <commissioner code="\(xmlEscape(commissionerCode))" name="\(xmlEscape(commissionerName))"/>

            """
        for service in services { out += xmlService(service) }
        return out + "</serviceList>\n"
    }

    static func value(of field: ServiceField, in service: Service) -> String {
        let location = service.locations.first
        func join<Kind>(_ codes: [VocabularyCode<Kind>]) -> String { codes.map { $0.rawValue }.joined(separator: ";") }
        func yes(_ flag: Bool) -> String { flag ? "yes" : "no" }
        switch field {
        case .sourceRecordID: return service.provenance.sourceRecordID
        case .name: return service.name
        case .description: return service.description ?? ""
        case .providerName: return service.provider.name
        case .providerID: return service.provider.id.rawValue
        case .charityNumber: return service.provider.charityNumber ?? ""
        case .providerWebsite: return service.provider.website ?? ""
        case .status: return service.status.rawValue
        case .needTypes: return join(service.needTypes)
        case .specialisms: return join(service.specialisms)
        case .minAge: return service.eligibility.minimumAge.map(String.init) ?? ""
        case .maxAge: return service.eligibility.maximumAge.map(String.init) ?? ""
        case .genders: return join(service.eligibility.genders)
        case .crimeTypes: return join(service.eligibility.crimeTypes)
        case .riskLevels: return join(service.eligibility.riskLevels)
        case .eligibilityNotes: return service.eligibility.notes ?? ""
        case .languages: return join(service.languages)
        case .interpreting: return yes(service.offersInterpreting)
        case .bsl: return yes(service.offersBSL)
        case .accessibility: return join(service.accessibility)
        case .channels: return join(service.channels)
        case .referralRoutes: return join(service.referralRoutes)
        case .coverage: return service.coverage.areas.map { $0.rawValue }.joined(separator: ";")
        case .locationName: return location?.name ?? ""
        case .address: return location?.address ?? ""
        case .town: return location?.town ?? ""
        case .postcode: return location?.postcode?.description ?? ""
        case .latitude: return location?.point.map { String($0.latitude) } ?? ""
        case .longitude: return location?.point.map { String($0.longitude) } ?? ""
        case .locationConfidential: return location.map { yes($0.isConfidential) } ?? ""
        case .capacityAvailable: return service.capacity?.available.map(String.init) ?? ""
        case .capacityMaximum: return service.capacity?.maximum.map(String.init) ?? ""
        case .capacityUnit: return service.capacity?.unit.rawValue ?? ""
        case .capacityUpdated: return service.capacity?.updated?.description ?? ""
        case .waitDays: return service.waitingTime.map { String($0.days) } ?? ""
        case .waitAsOf: return service.waitingTime?.asOf?.description ?? ""
        case .commissioner: return service.commissioning.commissioner ?? ""
        case .contractEnd: return service.commissioning.contractEnd?.description ?? ""
        case .phone: return service.contact.phone ?? ""
        case .email: return service.contact.email ?? ""
        case .website: return service.contact.website ?? ""
        case .openingHours: return service.contact.hours ?? ""
        case .lastVerified: return service.provenance.lastVerified?.description ?? ""
        }
    }

    static func escape(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    static func xmlEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func xmlService(_ service: Service) -> String {
        func element(_ name: String, _ value: String?) -> String {
            guard let value, !value.isEmpty else { return "" }
            return "<\(name)>\(xmlEscape(value))</\(name)>"
        }
        func attribute(_ name: String, _ value: String?) -> String {
            guard let value, !value.isEmpty else { return "" }
            return " \(name)=\"\(xmlEscape(value))\""
        }
        func items<Kind>(_ container: String, _ item: String, _ codes: [VocabularyCode<Kind>]) -> String {
            guard !codes.isEmpty else { return "" }
            return "<\(container)>" + codes.map { element(item, $0.rawValue) }.joined() + "</\(container)>"
        }
        let rules = service.eligibility
        var parts: [String] = [
            element("name", service.name), element("description", service.description),
            "<provider" + attribute("id", service.provider.id.rawValue) + attribute("name", service.provider.name)
                + attribute("charityNumber", service.provider.charityNumber)
                + attribute("website", service.provider.website) + "/>",
            items("needs", "need", service.needTypes), items("specialisms", "specialism", service.specialisms),
        ]
        let eligibilityBody =
            rules.genders.map { element("gender", $0.rawValue) }.joined()
            + rules.crimeTypes.map { element("crime", $0.rawValue) }.joined()
            + rules.riskLevels.map { element("risk", $0.rawValue) }.joined() + element("notes", rules.notes)
        let eligibilityAttributes =
            attribute("minAge", rules.minimumAge.map(String.init))
            + attribute("maxAge", rules.maximumAge.map(String.init))
        if !eligibilityBody.isEmpty || !eligibilityAttributes.isEmpty {
            parts.append("<eligibility\(eligibilityAttributes)>\(eligibilityBody)</eligibility>")
        }
        parts.append(
            "<languages interpreting=\"\(service.offersInterpreting)\" bsl=\"\(service.offersBSL)\">"
                + service.languages.map { element("language", $0.rawValue) }.joined() + "</languages>"
        )
        parts.append(items("accessibility", "feature", service.accessibility))
        parts.append(items("channels", "channel", service.channels))
        parts.append(items("referralRoutes", "route", service.referralRoutes))
        parts.append(
            "<coverage>"
                + service.coverage.areas.map { $0 == .national ? "<national/>" : element("area", $0.rawValue) }.joined()
                + "</coverage>"
        )
        if !service.locations.isEmpty {
            parts.append(
                "<locations>"
                    + service.locations.map { location in
                        "<location confidential=\"\(location.isConfidential)\">" + element("name", location.name)
                            + element("address", location.address) + element("town", location.town)
                            + element("postcode", location.postcode?.description)
                            + element("latitude", location.point.map { String($0.latitude) })
                            + element("longitude", location.point.map { String($0.longitude) }) + "</location>"
                    }.joined() + "</locations>"
            )
        }
        if let capacity = service.capacity {
            parts.append(
                "<capacity" + attribute("available", capacity.available.map(String.init))
                    + attribute("maximum", capacity.maximum.map(String.init))
                    + attribute("unit", capacity.unit.rawValue)
                    + attribute("updated", capacity.updated?.description) + "/>"
            )
        }
        if let wait = service.waitingTime {
            parts.append("<waitingTime days=\"\(wait.days)\"" + attribute("asOf", wait.asOf?.description) + "/>")
        }
        let commissioning = service.commissioning
        if commissioning.contractEnd != nil || commissioning.commissioner != nil {
            parts.append(
                "<contract" + attribute("ends", commissioning.contractEnd?.description)
                    + attribute("commissioner", commissioning.commissioner) + "/>"
            )
        }
        let contact = service.contact
        let contactAttributes =
            attribute("phone", contact.phone) + attribute("email", contact.email)
            + attribute("website", contact.website) + attribute("hours", contact.hours)
        if !contactAttributes.isEmpty { parts.append("<contact\(contactAttributes)/>") }
        parts.append(element("lastVerified", service.provenance.lastVerified?.description))
        return
            "  <service id=\"\(xmlEscape(service.provenance.sourceRecordID))\" status=\"\(service.status.rawValue)\">"
            + parts.joined() + "</service>\n"
    }
}
