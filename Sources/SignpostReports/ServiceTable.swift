import Foundation
public import SignpostCore

/// Services as tables and as a readable detail page.
public enum ServiceTable {
    /// One row per service: id, name, status, needs, coverage, wait and capacity.
    public static func summary(_ services: [Service], vocabularies: Vocabularies) -> Table {
        Table(
            columns: [
                .init("id"), .init("name", minimumWidth: 16), .init("status"),
                .init("needs", minimumWidth: 12, dropOrder: 3), .init("covers", minimumWidth: 10, dropOrder: 4),
                .init("wait (d)", alignment: .right, dropOrder: 5),
                .init("capacity", alignment: .right, dropOrder: 2), .init("verified", dropOrder: 1),
            ],
            rows: services.map { service in
                [
                    service.id.rawValue,
                    service.name,
                    service.status.rawValue,
                    service.needTypes.map(\.rawValue).joined(separator: ", "),
                    service.coverage.areas.map { vocabularies.label(ofArea: $0) }.joined(separator: ", "),
                    service.waitingTime.map { String($0.days) } ?? "",
                    capacityText(service.capacity),
                    service.provenance.lastVerified?.description ?? "",
                ]
            }
        )
    }

    /// Who last gave the capacity, wait and status: the service itself (and when), or its list.
    static func figuresSource(_ service: Service) -> String {
        guard let report = service.provenance.availabilityReport else { return "its list" }
        return "the service itself, reported \(report.reportedAt.formatted(.iso8601)) (\(report.reportedBy))"
    }

    /// One row per availability change, newest first.
    public static func history(_ changes: [AvailabilityChange]) -> Table {
        func figures(_ figures: AvailabilityFigures) -> String {
            var parts = [figures.status.rawValue]
            if figures.capacityAvailable != nil || figures.capacityMaximum != nil {
                let available = figures.capacityAvailable.map(String.init) ?? "?"
                let maximum = figures.capacityMaximum.map(String.init) ?? "?"
                parts.append("\(available)/\(maximum) free")
            }
            if let wait = figures.waitDays { parts.append("wait \(wait) d") }
            return parts.joined(separator: ", ")
        }
        return Table(
            columns: [
                .init("when"), .init("by", minimumWidth: 10), .init("before", minimumWidth: 12, dropOrder: 1),
                .init("after", minimumWidth: 12),
            ],
            rows: changes.map { change in
                [change.changedAt.formatted(.iso8601), change.changedBy, figures(change.old), figures(change.new)]
            }
        )
    }

    static func capacityText(_ capacity: Capacity?) -> String {
        guard let capacity else { return "" }
        switch (capacity.available, capacity.maximum) {
        case (let available?, let maximum?): return "\(available)/\(maximum) \(capacity.unit.rawValue)"
        case (let available?, nil): return "\(available) \(capacity.unit.rawValue)"
        case (nil, let maximum?): return "max \(maximum) \(capacity.unit.rawValue)"
        case (nil, nil): return ""
        }
    }

    /// Every field of one service, labelled, one per line.
    public static func detail(_ service: Service, vocabularies: Vocabularies) -> String {
        let lines = details(service, vocabularies: vocabularies)
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + Table.clean($0.1) }
            .joined(separator: "\n") + "\n"
    }

    /// Every field of one service with a value, as (label, value) pairs in reading order.
    public static func details(_ service: Service, vocabularies: Vocabularies) -> [(String, String)] {
        func labels<Kind>(_ codes: [VocabularyCode<Kind>]) -> String {
            codes.map { vocabularies[Kind.vocabulary].term(code: $0.rawValue)?.label ?? $0.rawValue }
                .joined(separator: ", ")
        }
        var lines: [(String, String)] = [
            ("id", service.id.rawValue),
            ("name", service.name),
            ("provider", service.provider.name + (service.provider.charityNumber.map { " (charity \($0))" } ?? "")),
            ("status", service.status.rawValue),
            ("need types", labels(service.needTypes)),
            ("specialisms", labels(service.specialisms)),
        ]
        let eligibility = service.eligibility
        var ages = ""
        switch (eligibility.minimumAge, eligibility.maximumAge) {
        case (let low?, let high?): ages = "\(low) to \(high)"
        case (let low?, nil): ages = "\(low) and over"
        case (nil, let high?): ages = "up to \(high)"
        case (nil, nil): ages = "any"
        }
        lines += [
            ("ages", ages),
            ("genders", eligibility.genders.isEmpty ? "any" : labels(eligibility.genders)),
            ("crime types", eligibility.crimeTypes.isEmpty ? "any" : labels(eligibility.crimeTypes)),
            ("risk levels", eligibility.riskLevels.isEmpty ? "any" : labels(eligibility.riskLevels)),
            ("eligibility notes", eligibility.notes ?? ""),
            ("languages", labels(service.languages)),
            ("interpreting", service.offersInterpreting ? "yes" : "no"),
            ("BSL", service.offersBSL ? "yes" : "no"),
            ("accessibility", labels(service.accessibility)),
            ("channels", labels(service.channels)),
            ("referral routes", labels(service.acceptedReferralRoutes)),
            ("covers", service.coverage.areas.map { vocabularies.label(ofArea: $0) }.joined(separator: ", ")),
        ]
        for location in service.locations {
            if location.isConfidential, location.postcode == nil, location.point == nil {
                lines.append(("location", "confidential (withheld)" + (location.town.map { ", \($0)" } ?? "")))
                continue
            }
            let parts = [location.name, location.address, location.town, location.postcode?.description].compactMap {
                $0
            }
            var text = parts.joined(separator: ", ")
            if let point = location.point { text += " (\(point.latitude), \(point.longitude))" }
            if location.isConfidential { text += " [CONFIDENTIAL]" }
            lines.append(("location", text))
        }
        lines += [
            ("capacity", capacityText(service.capacity) + (service.capacity?.updated.map { " as of \($0)" } ?? "")),
            (
                "waiting time",
                service.waitingTime.map { "\($0.days) days" + ($0.asOf.map { " as of \($0)" } ?? "") } ?? ""
            ),
            ("figures from", figuresSource(service)),
            ("commissioner", service.commissioning.commissioner ?? ""),
            ("contract ends", service.commissioning.contractEnd?.description ?? ""),
            ("phone", service.contact.phone ?? ""),
            ("email", service.contact.email ?? ""),
            ("website", service.contact.website ?? ""),
            ("hours", service.contact.hours ?? ""),
            ("description", service.description ?? ""),
            ("source", "\(service.provenance.source) record \(service.provenance.sourceRecordID)"),
            ("import", service.provenance.importID.map { "#\($0)" } ?? ""),
            ("last verified", service.provenance.lastVerified?.description ?? "never"),
        ]
        return lines.filter { !$0.1.isEmpty }
    }
}
