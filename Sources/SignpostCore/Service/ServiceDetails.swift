/// Who funds a service and until when.
public struct Commissioning: Hashable, Codable, Sendable {
    public var commissioner: String?
    public var contractEnd: CalendarDate?

    public init(commissioner: String? = nil, contractEnd: CalendarDate? = nil) {
        self.commissioner = commissioner
        self.contractEnd = contractEnd
    }
}

/// A service's public contact details.
public struct Contact: Hashable, Codable, Sendable {
    public var phone: String?
    public var email: String?
    public var website: String?
    /// Opening hours as text (`Mon-Fri 09:00-17:00`).
    public var hours: String?

    public init(phone: String? = nil, email: String? = nil, website: String? = nil, hours: String? = nil) {
        self.phone = phone
        self.email = email
        self.website = website
        self.hours = hours
    }
}

/// Where a service record came from and how fresh it is.
public struct Provenance: Hashable, Codable, Sendable {
    public var source: SourceName
    /// The record's id in its source.
    public var sourceRecordID: String
    /// The import that last wrote the record (set by the catalog).
    public var importID: ImportID?
    /// When the source last checked the record.
    public var lastVerified: CalendarDate?
    /// When the service itself last reported its capacity, wait and status (set by the catalog); `nil` when they
    /// are its list's.
    public var availabilityReport: AvailabilityReport?

    public init(
        source: SourceName,
        sourceRecordID: String,
        importID: ImportID? = nil,
        lastVerified: CalendarDate? = nil,
        availabilityReport: AvailabilityReport? = nil
    ) {
        self.source = source
        self.sourceRecordID = sourceRecordID
        self.importID = importID
        self.lastVerified = lastVerified
        self.availabilityReport = availabilityReport
    }
}

/// Which areas a service serves. A national service serves all of England and Wales.
public struct Coverage: Hashable, Codable, Sendable {
    public var areas: [AreaCode]

    public init(areas: [AreaCode]) { self.areas = areas }

    /// Whether the service serves all of England and Wales.
    public var isNational: Bool { areas.contains(.national) }
}
