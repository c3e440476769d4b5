/// A summary of a catalog: how many services, from where, for which needs and areas, and how fresh.
public struct CatalogStatistics: Hashable, Codable, Sendable {
    public struct Count: Hashable, Codable, Sendable {
        public var code: String
        public var label: String
        public var services: Int
    }

    public var services: Int
    public var providers: Int
    public var sources: [Count]
    public var byStatus: [Count]
    /// Services covering each force area (national services included), in force-area order.
    public var byForceArea: [Count]
    /// Services meeting each need type, in vocabulary order.
    public var byNeedType: [Count]
    /// Services covering all of England and Wales.
    public var nationalServices: Int
    /// The oldest `last verified` date, and the service it belongs to.
    public var oldestVerification: CalendarDate?
    public var oldestVerifiedService: ServiceID?
    /// Services never verified, or not verified in the 12 months before `asOf`.
    public var notVerifiedIn12Months: Int
    public var asOf: CalendarDate

    /// Computes the statistics of `services` as of a date.
    public init(services: [Service], vocabularies: Vocabularies, asOf: CalendarDate) {
        self.services = services.count
        self.asOf = asOf
        providers = Set(services.map(\.provider.id)).count

        var sourceCounts: [SourceName: Int] = [:]
        var statusCounts: [ServiceStatus: Int] = [:]
        var needCounts: [NeedType: Int] = [:]
        var forceCounts: [AreaCode: Int] = [:]
        var national = 0
        var stale = 0
        var oldest: (CalendarDate, ServiceID)?
        let staleBefore = CalendarDate(
            year: asOf.year - 1,
            month: asOf.month,
            day: min(asOf.day, 28)
        )
        for service in services {
            sourceCounts[service.provenance.source, default: 0] += 1
            statusCounts[service.status, default: 0] += 1
            for need in service.needTypes { needCounts[need, default: 0] += 1 }
            if service.coverage.isNational { national += 1 }
            var forces = Set<AreaCode>()
            for area in service.coverage.areas { forces.formUnion(vocabularies.forceAreas(covering: area)) }
            for force in forces { forceCounts[force, default: 0] += 1 }
            if let verified = service.provenance.lastVerified {
                if let staleBefore, verified < staleBefore { stale += 1 }
                if oldest == nil || (verified, service.id) < (oldest?.0 ?? verified, oldest?.1 ?? service.id) {
                    oldest = (verified, service.id)
                }
            } else {
                stale += 1
            }
        }
        sources = sourceCounts.sorted { $0.key < $1.key }.map {
            Count(code: $0.key.rawValue, label: $0.key.rawValue, services: $0.value)
        }
        byStatus = ServiceStatus.allCases.map {
            Count(code: $0.rawValue, label: $0.rawValue, services: statusCounts[$0] ?? 0)
        }
        byForceArea = vocabularies[.policeForceAreas].terms.map {
            Count(code: $0.code, label: $0.label, services: forceCounts[AreaCode($0.code)] ?? 0)
        }
        byNeedType = vocabularies[.needTypes].terms.map {
            Count(code: $0.code, label: $0.label, services: needCounts[NeedType($0.code)] ?? 0)
        }
        nationalServices = national
        oldestVerification = oldest?.0
        oldestVerifiedService = oldest?.1
        notVerifiedIn12Months = stale
    }
}
