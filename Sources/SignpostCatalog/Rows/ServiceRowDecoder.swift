import Foundation
import SignpostCore

/// A row's values by column position, as each store's driver gives them.
protocol ColumnValues {
    func text(_ index: Int) -> String?
    func integer(_ index: Int) -> Int?
    func real(_ index: Int) -> Double?
}

/// Reads a service back from a row of ``ServiceColumns/names`` (37) followed by `import_id` and the provider's name,
/// charity number and website, whichever store it came from.
enum ServiceRowDecoder {
    private static func codes<Kind>(_ text: String?) -> [VocabularyCode<Kind>] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ";").map { VocabularyCode<Kind>(String($0)) }
    }

    private static func date(_ text: String?) -> CalendarDate? { text.flatMap { CalendarDate(iso: $0) } }

    static func service(from row: some ColumnValues) -> Service {
        var capacity: Capacity?
        let available = row.integer(22)
        let maximum = row.integer(23)
        if available != nil || maximum != nil {
            capacity = Capacity(
                available: available,
                maximum: maximum,
                unit: row.text(24).flatMap(CapacityUnit.init(rawValue:)) ?? .cases,
                updated: date(row.text(25))
            )
        }
        let waitingTime = row.integer(26).map { WaitingTime(days: $0, asOf: date(row.text(27))) }
        let source = SourceName(rawValue: row.text(1) ?? "")
        let coverage = (row.text(21) ?? "").split(separator: ";").map { AreaCode(String($0)) }
        return Service(
            id: ServiceID(row.text(0) ?? ""),
            name: row.text(4) ?? "",
            description: row.text(5),
            provider: Provider(
                id: ProviderID(row.text(3) ?? ""),
                name: row.text(38) ?? "",
                charityNumber: row.text(39),
                website: row.text(40)
            ),
            status: ServiceStatus(rawValue: row.text(6) ?? "") ?? .accepting,
            needTypes: codes(row.text(7)),
            specialisms: codes(row.text(8)),
            eligibility: Eligibility(
                minimumAge: row.integer(9),
                maximumAge: row.integer(10),
                genders: codes(row.text(11)),
                crimeTypes: codes(row.text(12)),
                riskLevels: codes(row.text(13)),
                notes: row.text(14)
            ),
            languages: codes(row.text(15)),
            offersInterpreting: row.integer(16) == 1,
            offersBSL: row.integer(17) == 1,
            accessibility: codes(row.text(18)),
            channels: codes(row.text(19)),
            referralRoutes: codes(row.text(20)),
            coverage: Coverage(areas: coverage),
            capacity: capacity,
            waitingTime: waitingTime,
            commissioning: Commissioning(commissioner: row.text(28), contractEnd: date(row.text(29))),
            contact: Contact(phone: row.text(30), email: row.text(31), website: row.text(32), hours: row.text(33)),
            provenance: Provenance(
                source: source,
                sourceRecordID: row.text(2) ?? "",
                importID: ImportID(Int64(row.integer(37) ?? 0)),
                lastVerified: date(row.text(34)),
                availabilityReport: row.text(35).flatMap { Timestamp.date(from: $0) }.map {
                    AvailabilityReport(reportedAt: $0, reportedBy: row.text(36) ?? "")
                }
            )
        )
    }
}
