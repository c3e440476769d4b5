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

/// Turns services into row values (and a fingerprint of them) for the writer.
enum ServiceRowEncoder {
    static func joined<Kind>(_ codes: [VocabularyCode<Kind>]) -> String {
        codes.map(\.rawValue).joined(separator: ";")
    }

    /// The `service` row's values in ``ServiceColumns/names`` order.
    static func values(of service: Service) -> [DatabaseValue] {
        let eligibility = service.eligibility
        return [
            service.id.rawValue.databaseValue,
            service.provenance.source.rawValue.databaseValue,
            service.provenance.sourceRecordID.databaseValue,
            service.provider.id.rawValue.databaseValue,
            service.name.databaseValue,
            service.description.databaseValue,
            service.status.rawValue.databaseValue,
            joined(service.needTypes).databaseValue,
            joined(service.specialisms).databaseValue,
            eligibility.minimumAge.databaseValue,
            eligibility.maximumAge.databaseValue,
            joined(eligibility.genders).databaseValue,
            joined(eligibility.crimeTypes).databaseValue,
            joined(eligibility.riskLevels).databaseValue,
            eligibility.notes.databaseValue,
            joined(service.languages).databaseValue,
            service.offersInterpreting.databaseValue,
            service.offersBSL.databaseValue,
            joined(service.accessibility).databaseValue,
            joined(service.channels).databaseValue,
            joined(service.referralRoutes).databaseValue,
            service.coverage.areas.map(\.rawValue).joined(separator: ";").databaseValue,
            service.capacity?.available.databaseValue ?? .null,
            service.capacity?.maximum.databaseValue ?? .null,
            service.capacity?.unit.rawValue.databaseValue ?? .null,
            service.capacity?.updated?.description.databaseValue ?? .null,
            service.waitingTime?.days.databaseValue ?? .null,
            service.waitingTime?.asOf?.description.databaseValue ?? .null,
            service.commissioning.commissioner.databaseValue,
            service.commissioning.contractEnd?.description.databaseValue ?? .null,
            service.contact.phone.databaseValue,
            service.contact.email.databaseValue,
            service.contact.website.databaseValue,
            service.contact.hours.databaseValue,
            service.provenance.lastVerified?.description.databaseValue ?? .null,
        ]
    }

    /// The values of each location row after `service_id`: position, name, address, town, postcode, latitude,
    /// longitude, confidential.
    static func locationValues(of service: Service) -> [[DatabaseValue]] {
        service.locations.enumerated().map { position, location in
            [
                position.databaseValue,
                location.name.databaseValue,
                location.address.databaseValue,
                location.town.databaseValue,
                location.postcode?.description.databaseValue ?? .null,
                location.point?.latitude.databaseValue ?? .null,
                location.point?.longitude.databaseValue ?? .null,
                location.isConfidential.databaseValue,
            ]
        }
    }

    /// A 64-bit FNV-1a hash of everything stored about a service and its provider, to tell an unchanged record
    /// from a changed one without reading it back.
    static func fingerprint(_ values: [DatabaseValue], locations: [[DatabaseValue]], provider: Provider) -> Int64 {
        var hash = FNV1a()
        for value in values { hash.add(value) }
        for row in locations {
            hash.addSeparator()
            for value in row { hash.add(value) }
        }
        hash.addSeparator()
        hash.add(provider.name.databaseValue)
        hash.add(provider.charityNumber.databaseValue)
        hash.add(provider.website.databaseValue)
        return Int64(bitPattern: hash.value)
    }
}

struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func byte(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func addSeparator() { byte(0x1E) }

    mutating func add(_ value: DatabaseValue) {
        switch value.storage {
        case .null:
            byte(0)
        case .int64(let number):
            byte(1)
            withUnsafeBytes(of: number.littleEndian) { for item in $0 { byte(item) } }
        case .double(let number):
            byte(2)
            withUnsafeBytes(of: number.bitPattern.littleEndian) { for item in $0 { byte(item) } }
        case .string(let text):
            byte(3)
            for item in text.utf8 { byte(item) }
        case .blob(let data):
            byte(4)
            for item in data { byte(item) }
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
        let source = SourceName(row[1] as String)
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
