import Foundation
import GRDB
import SignpostCore

/// The `service` table's columns, in the order the writer binds them and the reader selects them.
enum ServiceColumns {
    static let names = [
        "id", "source", "source_record_id", "provider_id", "name", "description", "status", "need_types",
        "specialisms", "min_age", "max_age", "genders", "crime_types", "risk_levels", "eligibility_notes", "languages",
        "interpreting", "bsl", "accessibility", "channels", "referral_routes", "coverage", "capacity_available",
        "capacity_maximum", "capacity_unit", "capacity_updated", "wait_days", "wait_as_of", "commissioner",
        "contract_end", "phone", "email", "website", "opening_hours", "last_verified",
    ]
    /// Plus `import_id` and `fingerprint`, which the writer appends.
    static var insertSQL: String {
        let all = names + ["import_id", "fingerprint"]
        return "INSERT INTO service (\(all.joined(separator: ", "))) VALUES (\(SQLiteCatalog.placeholders(all.count)))"
    }
}

/// Receives a row's values in column order: the same sequence feeds the fingerprint and the statement binding, so
/// the two can never disagree.
protocol RowSink {
    mutating func text(_ value: String?)
    mutating func integer(_ value: Int?)
    mutating func real(_ value: Double?)
}

extension RowSink {
    mutating func boolean(_ value: Bool) { integer(value ? 1 : 0) }
}

/// Writes services as rows, column by column, without intermediate arrays.
enum ServiceRowEncoder {
    static func joined<Kind>(_ codes: [VocabularyCode<Kind>]) -> String {
        switch codes.count {
        case 0: return ""
        case 1: return codes[0].rawValue
        default: return codes.map { $0.rawValue }.joined(separator: ";")
        }
    }

    /// The `service` row's values in ``ServiceColumns/names`` order.
    static func encode(_ service: Service, into sink: inout some RowSink) {
        let eligibility = service.eligibility
        sink.text(service.id.rawValue)
        sink.text(service.provenance.source.rawValue)
        sink.text(service.provenance.sourceRecordID)
        sink.text(service.provider.id.rawValue)
        sink.text(service.name)
        sink.text(service.description)
        sink.text(service.status.rawValue)
        sink.text(joined(service.needTypes))
        sink.text(joined(service.specialisms))
        sink.integer(eligibility.minimumAge)
        sink.integer(eligibility.maximumAge)
        sink.text(joined(eligibility.genders))
        sink.text(joined(eligibility.crimeTypes))
        sink.text(joined(eligibility.riskLevels))
        sink.text(eligibility.notes)
        sink.text(joined(service.languages))
        sink.boolean(service.offersInterpreting)
        sink.boolean(service.offersBSL)
        sink.text(joined(service.accessibility))
        sink.text(joined(service.channels))
        sink.text(joined(service.referralRoutes))
        sink.text(service.coverage.areas.map { $0.rawValue }.joined(separator: ";"))
        sink.integer(service.capacity?.available)
        sink.integer(service.capacity?.maximum)
        sink.text(service.capacity?.unit.rawValue)
        sink.text(service.capacity?.updated?.description)
        sink.integer(service.waitingTime?.days)
        sink.text(service.waitingTime?.asOf?.description)
        sink.text(service.commissioning.commissioner)
        sink.text(service.commissioning.contractEnd?.description)
        sink.text(service.contact.phone)
        sink.text(service.contact.email)
        sink.text(service.contact.website)
        sink.text(service.contact.hours)
        sink.text(service.provenance.lastVerified?.description)
    }

    /// A location row's values after `service_id`: position, name, address, town, postcode, latitude, longitude,
    /// confidential.
    static func encode(_ location: ServiceLocation, position: Int, into sink: inout some RowSink) {
        sink.integer(position)
        sink.text(location.name)
        sink.text(location.address)
        sink.text(location.town)
        sink.text(location.postcode?.description)
        sink.real(location.point?.latitude)
        sink.real(location.point?.longitude)
        sink.boolean(location.isConfidential)
    }

    /// A 64-bit FNV-1a hash of everything stored about a service, its locations and its provider, to tell an
    /// unchanged record from a changed one without reading it back.
    static func fingerprint(_ service: Service) -> Int64 {
        var hash = FNV1a()
        encode(service, into: &hash)
        for (position, location) in service.locations.enumerated() {
            hash.separator()
            encode(location, position: position, into: &hash)
        }
        hash.separator()
        hash.text(service.provider.name)
        hash.text(service.provider.charityNumber)
        hash.text(service.provider.website)
        return Int64(bitPattern: hash.value)
    }
}

struct FNV1a: RowSink {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    private mutating func byte(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }

    private mutating func word(_ word: UInt64) {
        var remaining = word
        for _ in 0..<8 {
            byte(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }

    mutating func separator() { byte(0x1E) }

    mutating func text(_ value: String?) {
        if let value {
            byte(3)
            for item in value.utf8 { byte(item) }
        } else {
            byte(0)
        }
        byte(0x1F)
    }

    mutating func integer(_ value: Int?) {
        if let value {
            byte(1)
            word(UInt64(bitPattern: Int64(value)))
        } else {
            byte(0)
        }
        byte(0x1F)
    }

    mutating func real(_ value: Double?) {
        if let value {
            byte(2)
            word(value.bitPattern)
        } else {
            byte(0)
        }
        byte(0x1F)
    }
}

/// Reads services back from rows (by column position, without Codable, which is slower).
enum ServiceRowReader {
    static func fetch(
        _ db: Database,
        where whereClause: String,
        arguments: StatementArguments,
        limit: Int?
    ) throws -> [Service] {
        let columns = ServiceColumns.names.map { "s.\($0)" }.joined(separator: ", ")
        var sql = """
            SELECT \(columns), s.import_id, p.name, p.charity_number, p.website
            FROM service s JOIN provider p ON p.id = s.provider_id
            WHERE \(whereClause) ORDER BY s.id
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        var services: [Service] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { services.append(service(from: row)) }
        guard !services.isEmpty else { return services }

        let locations = try self.locations(db, for: services, whereClause: whereClause, arguments: arguments)
        for index in services.indices {
            if let found = locations[services[index].id] { services[index].locations = found }
        }
        return services
    }

    private static func locations(
        _ db: Database,
        for services: [Service],
        whereClause: String,
        arguments: StatementArguments
    ) throws -> [ServiceID: [ServiceLocation]] {
        let sql = """
            SELECT l.service_id, l.name, l.address, l.town, l.postcode, l.latitude, l.longitude, l.confidential
            FROM service_location l
            WHERE l.service_id IN (SELECT s.id FROM service s WHERE \(whereClause))
            ORDER BY l.service_id, l.position
            """
        var result: [ServiceID: [ServiceLocation]] = [:]
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            var point: GeoPoint?
            if let latitude = row[5] as Double?, let longitude = row[6] as Double? {
                point = GeoPoint(latitude: latitude, longitude: longitude)
            }
            let location = ServiceLocation(
                name: row[1],
                address: row[2],
                town: row[3],
                postcode: (row[4] as String?).flatMap { Postcode($0) },
                point: point,
                isConfidential: row[7]
            )
            result[ServiceID(row[0]), default: []].append(location)
        }
        return result
    }

    private static func codes<Kind>(_ text: String?) -> [VocabularyCode<Kind>] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ";").map { VocabularyCode<Kind>(String($0)) }
    }

    private static func date(_ text: String?) -> CalendarDate? { text.flatMap { CalendarDate(iso: $0) } }

    static func service(from row: Row) -> Service {
        var capacity: Capacity?
        let available: Int? = row[22]
        let maximum: Int? = row[23]
        if available != nil || maximum != nil {
            capacity = Capacity(
                available: available,
                maximum: maximum,
                unit: (row[24] as String?).flatMap(CapacityUnit.init(rawValue:)) ?? .cases,
                updated: date(row[25])
            )
        }
        let waitingTime = (row[26] as Int?).map { WaitingTime(days: $0, asOf: date(row[27])) }
        let source = SourceName(rawValue: row[1] as String)
        let coverage = (row[21] as String).split(separator: ";").map { AreaCode(String($0)) }
        return Service(
            id: ServiceID(row[0] as String),
            name: row[4],
            description: row[5],
            provider: Provider(
                id: ProviderID(row[3] as String),
                name: row[36],
                charityNumber: row[37],
                website: row[38]
            ),
            status: ServiceStatus(rawValue: row[6]) ?? .accepting,
            needTypes: codes(row[7]),
            specialisms: codes(row[8]),
            eligibility: Eligibility(
                minimumAge: row[9],
                maximumAge: row[10],
                genders: codes(row[11]),
                crimeTypes: codes(row[12]),
                riskLevels: codes(row[13]),
                notes: row[14]
            ),
            languages: codes(row[15]),
            offersInterpreting: row[16],
            offersBSL: row[17],
            accessibility: codes(row[18]),
            channels: codes(row[19]),
            referralRoutes: codes(row[20]),
            coverage: Coverage(areas: coverage),
            capacity: capacity,
            waitingTime: waitingTime,
            commissioning: Commissioning(commissioner: row[28], contractEnd: date(row[29])),
            contact: Contact(phone: row[30], email: row[31], website: row[32], hours: row[33]),
            provenance: Provenance(
                source: source,
                sourceRecordID: row[2],
                importID: ImportID(row[35]),
                lastVerified: date(row[34])
            )
        )
    }
}
