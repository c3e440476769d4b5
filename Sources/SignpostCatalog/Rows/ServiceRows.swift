import Foundation
import SignpostCore

/// The `service` table's columns, in the order the writer binds them and the reader selects them.
enum ServiceColumns {
    static let names = [
        "id", "source", "source_record_id", "provider_id", "name", "description", "status", "need_types",
        "specialisms", "min_age", "max_age", "genders", "crime_types", "risk_levels", "eligibility_notes", "languages",
        "interpreting", "bsl", "accessibility", "channels", "referral_routes", "coverage", "capacity_available",
        "capacity_maximum", "capacity_unit", "capacity_updated", "wait_days", "wait_as_of", "commissioner",
        "contract_end", "phone", "email", "website", "opening_hours", "last_verified", "reported_at", "reported_by",
    ]
    /// The columns of a `service` row as the writers store it: ``names`` plus `import_id` and `fingerprint`.
    static var stored: [String] { names + ["import_id", "fingerprint"] }
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

    /// The `service` row's values in ``ServiceColumns/names`` order. `includingReport: false` leaves out the last two
    /// columns (the service's own report of its figures), which the fingerprint of a service without one omits, so
    /// that fingerprints made before those columns existed still match.
    static func encode(_ service: Service, into sink: inout some RowSink, includingReport: Bool = true) {
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
        encodeFigures(service, into: &sink)
        sink.text(service.commissioning.commissioner)
        sink.text(service.commissioning.contractEnd?.description)
        sink.text(service.contact.phone)
        sink.text(service.contact.email)
        sink.text(service.contact.website)
        sink.text(service.contact.hours)
        sink.text(service.provenance.lastVerified?.description)
        if includingReport { encodeReport(service, into: &sink) }
    }

    /// `capacity_available` to `wait_as_of`: the figures a service may report itself.
    static func encodeFigures(_ service: Service, into sink: inout some RowSink) {
        sink.integer(service.capacity?.available)
        sink.integer(service.capacity?.maximum)
        sink.text(service.capacity?.unit.rawValue)
        sink.text(service.capacity?.updated?.description)
        sink.integer(service.waitingTime?.days)
        sink.text(service.waitingTime?.asOf?.description)
    }

    /// `reported_at` and `reported_by`.
    static func encodeReport(_ service: Service, into sink: inout some RowSink) {
        sink.text(service.provenance.availabilityReport.map { Timestamp.string(from: $0.reportedAt) })
        sink.text(service.provenance.availabilityReport?.reportedBy)
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
        encode(service, into: &hash, includingReport: service.provenance.availabilityReport != nil)
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
