public import Foundation

/// Capacity, waiting time and status as the service itself last reported them (through the partner API with a
/// provider key, or by staff with `signpost services set-availability`), between imports of its list.
public struct AvailabilityReport: Hashable, Codable, Sendable {
    public var reportedAt: Date
    /// Who reported: an API key's id (`key:3f9a...`) or `staff:NAME`.
    public var reportedBy: String

    public init(reportedAt: Date, reportedBy: String) {
        self.reportedAt = reportedAt
        self.reportedBy = reportedBy
    }

    /// Whether this report stands over the figures `list` brings: the newer date wins. A list's figures are dated by
    /// day (the later of its capacity and waiting-time dates); a report on the same day or later is kept, as is a
    /// report over a list that dates neither figure. A list that closes the service always wins.
    public func standsOver(_ list: Service) -> Bool {
        guard list.status != .closed else { return false }
        let dates = [list.capacity?.updated, list.waitingTime?.asOf].compactMap { $0 }
        guard let listDay = dates.max() else { return true }
        return CalendarDate(inLondonAt: reportedAt) >= listDay
    }
}

/// The figures a service reports about itself.
public struct AvailabilityFigures: Hashable, Codable, Sendable {
    public var capacityAvailable: Int?
    public var capacityMaximum: Int?
    public var waitDays: Int?
    public var status: ServiceStatus

    public init(capacityAvailable: Int? = nil, capacityMaximum: Int? = nil, waitDays: Int? = nil, status: ServiceStatus)
    {
        self.capacityAvailable = capacityAvailable
        self.capacityMaximum = capacityMaximum
        self.waitDays = waitDays
        self.status = status
    }

    /// The service's figures now.
    public init(of service: Service) {
        capacityAvailable = service.capacity?.available
        capacityMaximum = service.capacity?.maximum
        waitDays = service.waitingTime?.days
        status = service.status
    }

    enum CodingKeys: String, CodingKey {
        case capacityAvailable, capacityMaximum, waitDays, status
    }

    /// Every figure written, an unknown one as null, so that a reader sees what is not reported.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacityAvailable, forKey: .capacityAvailable)
        try container.encode(capacityMaximum, forKey: .capacityMaximum)
        try container.encode(waitDays, forKey: .waitDays)
        try container.encode(status, forKey: .status)
    }

    /// `service` with these figures, dated `day`, reported by `report`.
    public func applied(to service: Service, report: AvailabilityReport) -> Service {
        var service = service
        let day = CalendarDate(inLondonAt: report.reportedAt)
        if capacityAvailable != nil || capacityMaximum != nil {
            service.capacity = Capacity(
                available: capacityAvailable,
                maximum: capacityMaximum,
                unit: service.capacity?.unit ?? .cases,
                updated: day
            )
        } else {
            service.capacity = nil
        }
        service.waitingTime = waitDays.map { WaitingTime(days: $0, asOf: day) }
        service.status = status
        service.provenance.availabilityReport = report
        return service
    }
}

/// A change a service (or staff) asks for: only the figures given change.
public struct AvailabilityUpdate: Hashable, Codable, Sendable {
    public var capacityAvailable: Int?
    public var capacityMaximum: Int?
    public var waitDays: Int?
    public var status: ServiceStatus?

    public init(
        capacityAvailable: Int? = nil,
        capacityMaximum: Int? = nil,
        waitDays: Int? = nil,
        status: ServiceStatus? = nil
    ) {
        self.capacityAvailable = capacityAvailable
        self.capacityMaximum = capacityMaximum
        self.waitDays = waitDays
        self.status = status
    }

    /// The most a figure may be (a caseload of 100,000; ten years' wait).
    public static let largestCapacity = 100_000
    public static let longestWaitDays = 3_650

    /// `current` with this update applied, or why it cannot be.
    public func applied(to current: AvailabilityFigures) throws(AvailabilityError) -> AvailabilityFigures {
        if capacityAvailable == nil, capacityMaximum == nil, waitDays == nil, status == nil {
            throw AvailabilityError(
                field: nil,
                "nothing to change: give capacity_available, capacity_maximum, wait_days or status"
            )
        }
        for (field, value, limit) in [
            ("capacity_available", capacityAvailable, Self.largestCapacity),
            ("capacity_maximum", capacityMaximum, Self.largestCapacity),
            ("wait_days", waitDays, Self.longestWaitDays),
        ] {
            if let value, !(0...limit).contains(value) {
                throw AvailabilityError(field: field, "\(field) must be from 0 to \(limit), not \(value)")
            }
        }
        if let status, ![.accepting, .waitlist, .paused].contains(status) {
            throw AvailabilityError(
                field: "status",
                "status must be accepting, waitlist or paused (a service is closed by its commissioner's list)"
            )
        }
        var figures = current
        if let capacityAvailable { figures.capacityAvailable = capacityAvailable }
        if let capacityMaximum { figures.capacityMaximum = capacityMaximum }
        if let waitDays { figures.waitDays = waitDays }
        if let status { figures.status = status }
        if let available = figures.capacityAvailable, let maximum = figures.capacityMaximum, available > maximum {
            throw AvailabilityError(
                field: capacityAvailable != nil ? "capacity_available" : "capacity_maximum",
                "capacity_available (\(available)) cannot be more than capacity_maximum (\(maximum))"
            )
        }
        return figures
    }
}

/// One change of a service's figures, as kept in the catalog's history (no victim data).
public struct AvailabilityChange: Hashable, Codable, Sendable {
    public var serviceID: ServiceID
    public var changedAt: Date
    /// An API key's id (`key:...`) or `staff:NAME`.
    public var changedBy: String
    public var old: AvailabilityFigures
    public var new: AvailabilityFigures

    public init(
        serviceID: ServiceID,
        changedAt: Date,
        changedBy: String,
        old: AvailabilityFigures,
        new: AvailabilityFigures
    ) {
        self.serviceID = serviceID
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.old = old
        self.new = new
    }
}

/// Why an availability update cannot be made, naming the field.
public struct AvailabilityError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var description: String

    public init(field: String?, _ description: String) {
        self.field = field
        self.description = description
    }
}
