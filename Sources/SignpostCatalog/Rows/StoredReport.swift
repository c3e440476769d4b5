import Foundation
import SignpostCore

/// A service's own report of its figures as a store holds it, read beside the fingerprints when its list is imported
/// again, so that the list does not silently overwrite a newer figure.
struct StoredReport {
    var report: AvailabilityReport
    var figures: AvailabilityFigures

    /// The columns `init(_:from:)` reads, in order, after the id and fingerprint.
    static let columns = "reported_at, reported_by, capacity_available, capacity_maximum, wait_days, status"

    /// Reads ``columns`` starting at column `first`; nil when the service has no report of its own.
    init?(_ row: some ColumnValues, from first: Int) {
        guard let at = row.text(first).flatMap({ Timestamp.date(from: $0) }) else { return nil }
        report = AvailabilityReport(reportedAt: at, reportedBy: row.text(first + 1) ?? "")
        figures = AvailabilityFigures(
            capacityAvailable: row.integer(first + 2),
            capacityMaximum: row.integer(first + 3),
            waitDays: row.integer(first + 4),
            status: ServiceStatus(rawValue: row.text(first + 5) ?? "") ?? .accepting
        )
    }

    /// `listed` as its list brings it, with this report's figures kept when the report is the newer
    /// (``AvailabilityReport/standsOver(_:)``); nil when the list's figures win.
    func kept(over listed: Service) -> Service? {
        report.standsOver(listed) ? figures.applied(to: listed, report: report) : nil
    }
}

/// Records of availability changes as both stores keep them: the figures as JSON text.
enum AvailabilityText {
    static func encode(_ figures: AvailabilityFigures) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(figures)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String?) -> AvailabilityFigures {
        (try? JSONDecoder().decode(AvailabilityFigures.self, from: Data((text ?? "").utf8)))
            ?? AvailabilityFigures(status: .accepting)
    }

    /// A report's moment, to the second (as the stores keep it), so that what is returned equals what is read back.
    static func second(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}

/// A report of availability, worked out the same way by both stores before they write it.
struct AvailabilityWrite {
    let updated: Service
    let change: AvailabilityChange

    /// The columns ``encode(into:)`` writes, in order, for `UPDATE service SET ... WHERE id = ?`.
    static let columns = [
        "capacity_available", "capacity_maximum", "capacity_unit", "capacity_updated", "wait_days", "wait_as_of",
        "status", "reported_at", "reported_by", "fingerprint",
    ]

    /// - Throws: `.notFound` when `current` is nil, `.invalid` for figures that cannot be.
    init(_ update: AvailabilityUpdate, of id: ServiceID, current: Service?, by: String, at: Date) throws(CatalogError) {
        guard let current else {
            throw CatalogError(.notFound, "no service has the id '\(id.rawValue)'")
        }
        let old = AvailabilityFigures(of: current)
        let new: AvailabilityFigures
        do {
            new = try update.applied(to: old)
        } catch {
            throw CatalogError(.invalid, error.description, field: error.field)
        }
        let moment = AvailabilityText.second(at)
        updated = new.applied(to: current, report: AvailabilityReport(reportedAt: moment, reportedBy: by))
        change = AvailabilityChange(serviceID: id, changedAt: moment, changedBy: by, old: old, new: new)
    }

    /// The values of ``columns``.
    func encode(into sink: inout some RowSink) {
        ServiceRowEncoder.encodeFigures(updated, into: &sink)
        sink.text(updated.status.rawValue)
        ServiceRowEncoder.encodeReport(updated, into: &sink)
        sink.integer(Int(ServiceRowEncoder.fingerprint(updated)))
    }
}
