public import Foundation
public import SignpostCore
public import SignpostMatching

/// Where the catalog behind a report came from.
public struct CatalogProvenance: Codable, Sendable, Hashable {
    public struct Source: Codable, Sendable, Hashable {
        public var source: String
        public var services: Int

        public init(source: String, services: Int) {
            self.source = source
            self.services = services
        }
    }

    public var services: Int
    public var sources: [Source]
    /// When the catalog last changed (the latest import), ISO 8601.
    public var lastImport: String?

    public init(services: Int, sources: [Source], lastImport: String? = nil) {
        self.services = services
        self.sources = sources
        self.lastImport = lastImport
    }

    /// Counts the services of each source.
    public init(services: [Service], lastImport: Date?) {
        var counts: [String: Int] = [:]
        for service in services { counts[service.provenance.source.rawValue, default: 0] += 1 }
        self.services = services.count
        sources = counts.sorted { $0.key < $1.key }.map { Source(source: $0.key, services: $0.value) }
        self.lastImport = lastImport.map { GapDocument.timestamp($0) }
    }
}

/// A gap analysis as a document: the findings with their labels, the parameters, the catalog's provenance and when
/// it was made. The JSON of `signpost gaps --format json` and `GET /gaps`, and the input of the HTML report.
public struct GapDocument: Encodable, Sendable {
    public struct Parameters: Encodable, Sendable {
        public var level: String
        public var areas: [String]
        public var needs: [String]
        public var by: String?
        public var byValues: [String]
        public var maxWaitDays: Int
        public var minServices: Int
        public var minCapacityPerDemand: Double
        public var unavailableShare: Double
        public var contractsEndingWithinMonths: Int
        public var staleAfterMonths: Int
        public var asOf: String
        public var demandGiven: Bool
    }

    public struct Note: Encodable, Sendable, Hashable {
        public var code: String
        public var text: String
    }

    /// Capacity in one unit (never summed across units).
    public struct Capacity: Encodable, Sendable {
        public var unit: String
        public var services: Int
        public var available: Int?
        public var maximum: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(unit, forKey: .unit)
            try container.encode(services, forKey: .services)
            try container.encode(available, forKey: .available)
            try container.encode(maximum, forKey: .maximum)
        }

        enum CodingKeys: String, CodingKey { case unit, services, available, maximum }
    }

    /// Local, or national, provision of a cell.
    public struct Provision: Encodable, Sendable {
        public var services: Int
        public var accepting: Int
        public var minWaitDays: Int?
        public var medianWaitDays: Int?
        public var maxWaitDays: Int?
        public var capacity: [Capacity]
        /// The oldest capacity or waiting-time figure of the accepting services (`2026-09-14`), when dated.
        public var figuresAsOf: String?
        /// Accepting services whose figures are their own report rather than their list's.
        public var reportedByServices: Int

        init(_ provision: SignpostMatching.Provision) {
            figuresAsOf = provision.figuresAsOf?.description
            reportedByServices = provision.reportedByServices
            services = provision.services
            accepting = provision.accepting
            minWaitDays = provision.minWaitDays
            medianWaitDays = provision.medianWaitDays
            maxWaitDays = provision.maxWaitDays
            capacity = provision.capacity.map {
                Capacity(unit: $0.unit.rawValue, services: $0.services, available: $0.available, maximum: $0.maximum)
            }
        }

        /// Free capacity in one unit, when reported.
        public func available(_ unit: CapacityUnit) -> Int? {
            capacity.first { $0.unit == unit.rawValue }?.available
        }

        enum CodingKeys: String, CodingKey {
            case services, accepting, minWaitDays, medianWaitDays, maxWaitDays, capacity, figuresAsOf
            case reportedByServices
        }

        /// The waits are always present (null when unknown).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(services, forKey: .services)
            try container.encode(accepting, forKey: .accepting)
            try container.encode(minWaitDays, forKey: .minWaitDays)
            try container.encode(medianWaitDays, forKey: .medianWaitDays)
            try container.encode(maxWaitDays, forKey: .maxWaitDays)
            try container.encode(capacity, forKey: .capacity)
            try container.encode(figuresAsOf, forKey: .figuresAsOf)
            try container.encode(reportedByServices, forKey: .reportedByServices)
        }
    }

    public struct Cell: Encodable, Sendable {
        public var area: String
        public var areaName: String
        /// The police force area the area lies in (the likeliest, when it may be in several), for the tile map.
        public var forceArea: String?
        public var need: String
        public var needLabel: String
        public var by: String?
        public var byLabel: String?
        /// Every service covering the cell, local and national, and those of them accepting.
        public var services: Int
        public var accepting: Int
        /// The services the status is decided on.
        public var local: Provision
        /// National and country-wide helplines: a mitigation, not local cover.
        public var national: Provision
        /// Referrals a year.
        public var demand: Int?
        public var status: CoverageStatus
        public var reasons: [Note]
        /// How the status moved since an earlier report, when compared with one (`--compare-to`).
        public var change: CoverageChange?

        enum CodingKeys: String, CodingKey {
            case area, areaName, forceArea, need, needLabel, by, byLabel, services, accepting, local, national
            case demand, status, reasons, change
        }

        /// The figures are always present (null when unknown), so that every cell has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(area, forKey: .area)
            try container.encode(areaName, forKey: .areaName)
            try container.encodeIfPresent(forceArea, forKey: .forceArea)
            try container.encode(need, forKey: .need)
            try container.encode(needLabel, forKey: .needLabel)
            try container.encodeIfPresent(by, forKey: .by)
            try container.encodeIfPresent(byLabel, forKey: .byLabel)
            try container.encode(services, forKey: .services)
            try container.encode(accepting, forKey: .accepting)
            try container.encode(local, forKey: .local)
            try container.encode(national, forKey: .national)
            try container.encode(demand, forKey: .demand)
            try container.encode(status, forKey: .status)
            try container.encode(reasons, forKey: .reasons)
            try container.encodeIfPresent(change, forKey: .change)
        }
    }

    public struct Contract: Encodable, Sendable {
        public var serviceId: String
        public var name: String
        public var provider: String
        public var commissioner: String?
        public var contractEnd: String
        public var cellsLeftWithoutService: Int
        public var areasLeftWithoutService: [String]
    }

    public struct Stale: Encodable, Sendable {
        public var serviceId: String
        public var name: String
        public var provider: String
        public var lastVerified: String?
        public var monthsSinceVerified: Int?
    }

    /// For an analysis by language, how each language is served across the areas.
    public struct LanguageSummary: Encodable, Sendable {
        public var language: String
        public var label: String
        public var areas: Int
        /// Areas where a local service accepting referrals (for any need type) speaks it in-house.
        public var inHouse: Int
        /// Areas where local services offer it only through interpreters.
        public var interpretingOnly: Int
        /// Areas with no local service for it (at most national helplines).
        public var nothingLocal: Int
    }

    public struct Summary: Encodable, Sendable {
        public var cells: Int
        public var covered: Int
        public var atRisk: Int
        /// (By language) cells served only through interpreters.
        public var interpretingOnly: Int
        public var gap: Int
        /// The plain-English summary a commissioner reads first.
        public var text: [String]
    }

    public var generatedAt: String
    public var scope: String
    public var catalog: CatalogProvenance
    public var parameters: Parameters
    public var summary: Summary
    public var cells: [Cell]
    public var contractsEnding: [Contract]
    public var stale: [Stale]
    /// The changes since an earlier report, when compared with one.
    public var comparison: Comparison?
    /// For an analysis by language: each language's areas, those with the fewest in-house services first.
    public var languages: [LanguageSummary]?

    public init(
        findings: GapFindings,
        query: GapQuery,
        catalog: CatalogProvenance,
        vocabularies: Vocabularies,
        generatedAt: Date
    ) {
        let needLabels = Dictionary(
            vocabularies[.needTypes].terms.map { ($0.code, $0.label) },
            uniquingKeysWith: { first, _ in first }
        )
        let byVocabulary: Vocabulary? =
            switch query.split {
            case .language: vocabularies[.languages]
            case .specialism: vocabularies[.specialisms]
            case nil: nil
            }
        self.generatedAt = Self.timestamp(generatedAt)
        scope = Self.scope(of: query, vocabularies: vocabularies)
        self.catalog = catalog
        parameters = Parameters(
            level: query.level.rawValue,
            areas: query.areas.map(\.code.rawValue),
            needs: query.needs.map(\.rawValue),
            by: query.split?.rawValue,
            byValues: query.split == nil ? [] : query.splitValues,
            maxWaitDays: query.thresholds.maxWaitDays,
            minServices: query.thresholds.minServices,
            minCapacityPerDemand: query.thresholds.minCapacityPerDemand,
            unavailableShare: query.thresholds.unavailableShare,
            contractsEndingWithinMonths: query.thresholds.contractsEndingWithinMonths,
            staleAfterMonths: query.thresholds.staleAfterMonths,
            asOf: query.today.description,
            demandGiven: query.demand.map { !$0.isEmpty } ?? false
        )
        var forces: [AreaCode: String] = [:]
        for area in query.areas { forces[area.code] = area.location.forceAreas.first?.rawValue }
        cells = findings.cells.map { cell in
            Cell(
                area: cell.area.rawValue,
                areaName: cell.areaName,
                forceArea: forces[cell.area] ?? nil,
                need: cell.need.rawValue,
                needLabel: needLabels[cell.need.rawValue] ?? cell.need.rawValue,
                by: cell.by,
                byLabel: cell.by.map { byVocabulary?.label(code: $0) ?? $0 },
                services: cell.services,
                accepting: cell.accepting,
                local: Provision(cell.local),
                national: Provision(cell.national),
                demand: cell.demand,
                status: cell.status,
                reasons: cell.reasons.map { Note(code: $0.code, text: $0.text) }
            )
        }
        contractsEnding = findings.contractsEnding.map {
            Contract(
                serviceId: $0.serviceID.rawValue,
                name: $0.name,
                provider: $0.provider,
                commissioner: $0.commissioner,
                contractEnd: $0.contractEnd.description,
                cellsLeftWithoutService: $0.cellsLeftWithoutService,
                areasLeftWithoutService: $0.areasLeftWithoutService.map(\.rawValue)
            )
        }
        stale = findings.stale.map {
            Stale(
                serviceId: $0.serviceID.rawValue,
                name: $0.name,
                provider: $0.provider,
                lastVerified: $0.lastVerified?.description,
                monthsSinceVerified: $0.months
            )
        }
        let counts = findings.statusCounts
        summary = Summary(
            cells: findings.cells.count,
            covered: counts[.covered] ?? 0,
            atRisk: counts[.atRisk] ?? 0,
            interpretingOnly: counts[.interpretingOnly] ?? 0,
            gap: counts[.gap] ?? 0,
            text: []
        )
        summary.text = GapSummary.sentences(self, query: query)
        if query.split == .language {
            languages = Self.languageSummaries(cells, order: query.splitValues)
        }
    }

    /// Per language, per area, the best its cells do over the need types: a local service speaking it in-house,
    /// else interpreting only, else nothing local.
    static func languageSummaries(_ cells: [Cell], order: [String]) -> [LanguageSummary] {
        var best: [String: [String: Int]] = [:]
        var labels: [String: String] = [:]
        for cell in cells {
            guard let language = cell.by else { continue }
            labels[language] = cell.byLabel ?? language
            let interpreting = cell.reasons.contains { $0.code == "interpreter-only" }
            let level = cell.local.accepting > 0 ? (interpreting ? 1 : 2) : 0
            best[language, default: [:]][cell.area] = max(best[language]?[cell.area] ?? 0, level)
        }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return best.map { language, areas in
            LanguageSummary(
                language: language,
                label: labels[language] ?? language,
                areas: areas.count,
                inHouse: areas.values.filter { $0 == 2 }.count,
                interpretingOnly: areas.values.filter { $0 == 1 }.count,
                nothingLocal: areas.values.filter { $0 == 0 }.count
            )
        }.sorted {
            ($0.inHouse, rank[$0.language] ?? Int.max) < ($1.inHouse, rank[$1.language] ?? Int.max)
        }
    }

    /// "West Yorkshire", "3 local authorities", "England and Wales".
    static func scope(of query: GapQuery, vocabularies: Vocabularies) -> String {
        if query.areas.count == 1, let area = query.areas.first { return area.name }
        let forces = Set(query.areas.flatMap(\.location.forceAreas))
        if forces.count == 1, let force = forces.first { return vocabularies.label(ofArea: force) }
        if forces.isEmpty { return "\(query.areas.count) areas" }
        let all = vocabularies[.policeForceAreas].terms.count
        if forces.count == all { return "England and Wales" }
        return "\(forces.count) police force areas"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
