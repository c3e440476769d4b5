import Foundation
import Hummingbird
public import SignpostCatalog
public import SignpostCore
public import SignpostMatching
import SignpostOpenReferral
public import SignpostWorkflows
import Synchronization

/// A request's query parameters, repeated or comma-separated.
struct QueryParameters {
    private var values: [String: [String]] = [:]

    /// Reads the query as HTML forms, Python and JavaScript write it: `+` is a space, then percent-escapes are decoded
    /// (once).
    init(_ request: Request) {
        guard let query = request.uri.query else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[Self.decode(parts[0]), default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        URLText.decode(text, plusIsSpace: true) ?? String(text.replacing("+", with: " "))
    }

    init(_ pairs: [(String, String)]) {
        for (key, value) in pairs { values[key, default: []].append(value) }
    }

    /// The parameters in one spelling whatever their order, repetition or grouping (`b=2&a=1,1` and `a=1&b=2` alike),
    /// for caching answers.
    var canonical: String {
        values.keys.sorted().map { key in key + "=" + all(key).sorted().joined(separator: ",") }
            .joined(separator: "&")
    }

    func first(_ name: String) -> String? { values[name]?.first.flatMap { $0.isEmpty ? nil : $0 } }

    /// Every value, splitting comma-separated lists, each once (in the order first given): `language=pl,pl,pl`
    /// asks for Polish once.
    func all(_ name: String) -> [String] {
        var seen = Set<String>()
        return (values[name] ?? []).flatMap { $0.split(separator: ",") }.map { String(URLText.trimmed($0)) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = first(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
            )
        }
        return value
    }

    func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = first(name) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw Problem.badRequest("\(name) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let text = first(name) else { return nil }
        guard let date = CalendarDate(iso: text.prefix(10)) else {
            throw Problem.badRequest(
                "\(name) must be a date from 1900 to 2200 as YYYY-MM-DD (or an ISO 8601 time), not '\(text)'"
            )
        }
        return date
    }

    /// `page` (from 1) and `per_page` (1 to 500, default 50).
    func paging() throws -> (page: Int, perPage: Int) {
        let page = try integer("page", in: 1...1_000_000) ?? 1
        let perPage = try integer("per_page", in: 1...500) ?? 50
        return (page, perPage)
    }

    /// A vocabulary code from its code, label or alias, or a 400 with a did-you-mean.
    func code(_ text: String, in vocabulary: Vocabulary, parameter: String) throws -> String {
        guard let term = vocabulary.term(for: text) else {
            throw Problem.badRequest("\(parameter): \(vocabulary.unknownMessage(text))")
        }
        return term.code
    }
}

/// Resolved locations kept in memory (never written anywhere), so that repeated lookups of a postcode do not go to the
/// catalog's geography tables each time. Emptied when the geography changes.
public final class LocationCache: Sendable {
    private let entries = Mutex<[LocationQuery: ResolvedLocation]>([:])
    private let limit: Int

    public init(limit: Int = 50_000) { self.limit = limit }

    func resolve(_ query: LocationQuery?, with lookup: LocationLookup) async throws -> ResolvedLocation {
        guard let query else { return try await lookup.resolve(nil) }
        if let known = entries.withLock({ $0[query] }) { return known }
        let resolved = try await lookup.resolve(query)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[query] = resolved
        }
        return resolved
    }

    func removeAll() { entries.withLock { $0.removeAll() } }
}

/// The filters of `GET /services`, checked before any work is done.
struct ServiceFilter: Sendable {
    var location: ResolvedLocation?
    var proximityKilometres: Double?
    var needs: [NeedType] = []
    var specialisms: [String] = []
    var languages: [String] = []
    var taxonomy: String?
    var organization: String?
    var modifiedAfter: CalendarDate?
    var minimumAge: Int?
    var maximumAge: Int?
    var search: String?

    init(
        query: QueryParameters,
        vocabularies: Vocabularies,
        catalog: any Catalog,
        locations: LocationCache
    ) async throws {
        let lookup = LocationLookup(catalog: catalog, vocabularies: vocabularies)
        // The same reading of a place as an assessment's (a postcode wins over an area).
        do {
            // As Docs/API.md says: a postcode wins over an area (the area is not read when both are given).
            let postcode = query.first("postcode")
            if let place = try LocationQuery.parse(
                postcode: postcode,
                area: postcode == nil ? query.first("area") : nil,
                vocabularies: vocabularies
            ) {
                location = try await locations.resolve(place, with: lookup)
            }
        } catch let error as AssessmentError {
            throw Problem.badRequest(error.message(forJSON: true))
        }
        if let metres = try query.number("proximity", in: 1...500_000) {
            guard let location, query.first("postcode") != nil else {
                throw Problem.badRequest("proximity needs a postcode")
            }
            guard location.point != nil else {
                throw Problem.badRequest(
                    "proximity needs the postcode's position, which is known only once the ONS postcode directory "
                        + "has been imported; leave proximity out to get the services covering the postcode"
                )
            }
            proximityKilometres = metres / 1000
        }
        needs = try query.all("need").map {
            NeedType(try query.code($0, in: vocabularies[.needTypes], parameter: "need"))
        }
        specialisms = try query.all("specialism").map {
            try query.code($0, in: vocabularies[.specialisms], parameter: "specialism")
        }
        languages = try query.all("language").map {
            try query.code($0, in: vocabularies[.languages], parameter: "language")
        }
        for given in query.all("taxonomy_term_id") {
            // A term's UUID, as the documents give it, or its readable id.
            let term = Self.readableTermID(given, vocabularies: vocabularies) ?? given
            let parts = term.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["need-types", "specialisms"].contains(parts[0]) else {
                throw Problem.badRequest(
                    "taxonomy_term_id '\(term)' is not a term id (need-types:CODE or specialisms:CODE)"
                )
            }
            if parts[0] == "need-types" {
                needs.append(
                    NeedType(try query.code(parts[1], in: vocabularies[.needTypes], parameter: "taxonomy_term_id"))
                )
            } else {
                specialisms.append(
                    try query.code(parts[1], in: vocabularies[.specialisms], parameter: "taxonomy_term_id")
                )
            }
        }
        if let given = query.first("taxonomy_id") {
            let taxonomy =
                ["need-types", "specialisms"].first { OpenReferralID.uuid($0) == given.lowercased() } ?? given
            guard ["need-types", "specialisms"].contains(taxonomy) else {
                throw Problem.badRequest("taxonomy_id '\(taxonomy)' is not a taxonomy (need-types or specialisms)")
            }
            self.taxonomy = taxonomy
        }
        // ORUK's opening-time filters: Signpost holds opening hours as the lists give them, as text, so it cannot
        // say which services are open at a time; refused with the reason rather than silently ignored.
        for name in ["start_time", "end_time", "day"] where query.first(name) != nil {
            throw Problem.badRequest(
                "\(name): Signpost cannot filter by opening times (services' hours are kept as the text their lists "
                    + "give, shown in each service's schedules); leave start_time, end_time and day out"
            )
        }
        organization = query.first("organization_id")
        modifiedAfter = try query.date("modified_after")
        minimumAge = try query.integer("minimum_age", in: 0...120)
        maximumAge = try query.integer("maximum_age", in: 0...120)
        search = query.first("search")?.lowercased()
        if let minimumAge, let maximumAge, minimumAge > maximumAge {
            throw Problem.badRequest("minimum_age (\(minimumAge)) is greater than maximum_age (\(maximumAge))")
        }
    }

    /// The positions of the matching open services in the snapshot, in id order (closed services are never listed).
    func positions(in snapshot: CatalogSnapshot) -> [Int32] {
        let index = snapshot.index
        var positions: [Int32]
        if let location, let kilometres = proximityKilometres, let point = location.point {
            positions = index.positions(within: kilometres, of: point).keys.sorted()
        } else if let location {
            positions = index.positions(covering: location, needs: needs)
        } else {
            positions = Array(0..<Int32(index.services.count))
        }
        // The usual lookup (a place and a need type) is answered by the index alone.
        let onlyIndexed =
            location != nil && proximityKilometres == nil && specialisms.isEmpty && languages.isEmpty
            && taxonomy == nil && organization == nil && modifiedAfter == nil && minimumAge == nil
            && maximumAge == nil && search == nil
        if onlyIndexed { return positions }
        // Borrow the services rather than copy each one (a copy retains every field).
        let needle = search.map { Array($0.utf8) }
        return index.services.withUnsafeBufferPointer { services in
            positions.filter { position in
                if let needle, !Self.contains(snapshot.searchText[Int(position)], needle) { return false }
                return keeps(services[Int(position)])
            }
        }
    }

    /// Whether `haystack` contains `needle`, byte for byte.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        var start = 0
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    /// `need-types:CODE` or `specialisms:CODE` for a term's UUID, or nil when `id` is no term's UUID.
    static func readableTermID(_ id: String, vocabularies: Vocabularies) -> String? {
        guard OpenReferralID.isUUID(id) else { return nil }
        let wanted = id.lowercased()
        for (prefix, vocabulary) in [("need-types:", VocabularyName.needTypes), ("specialisms:", .specialisms)] {
            for term in vocabularies[vocabulary].terms where OpenReferralID.uuid(prefix + term.code) == wanted {
                return prefix + term.code
            }
        }
        return nil
    }

    private func keeps(_ service: Service) -> Bool {
        if service.status == .closed { return false }
        if !needs.isEmpty, !needs.contains(where: service.needTypes.contains) { return false }
        if !specialisms.isEmpty, !specialisms.contains(where: { service.specialisms.contains(Specialism($0)) }) {
            return false
        }
        if !languages.isEmpty, !languages.contains(where: { service.languages.contains(LanguageCode($0)) }) {
            return false
        }
        switch taxonomy {
        case "need-types": if service.needTypes.isEmpty { return false }
        case "specialisms": if service.specialisms.isEmpty { return false }
        default: break
        }
        if let organization, service.provider.id.rawValue != organization,
            OpenReferralID.organization(service.provider.id.rawValue) != organization.lowercased()
        {
            return false
        }
        if let modifiedAfter {
            guard let verified = service.provenance.lastVerified, modifiedAfter < verified else { return false }
        }
        // The ages asked for must overlap the ages the service takes.
        if let minimumAge, minimumAge > (service.eligibility.maximumAge ?? 120) { return false }
        if let maximumAge, maximumAge < (service.eligibility.minimumAge ?? 0) { return false }
        return true
    }
}

/// The parameters of `GET /gaps`, as `signpost gaps` takes them.
struct GapParameters {
    let level: GapLevel
    let areas: [AreaCode]
    let needs: [NeedType]
    let split: GapSplit?
    let values: [String]
    let thresholds: GapThresholds
    let asOf: CalendarDate?
    let vocabularies: Vocabularies
    let districts: [PostcodeGroupRecord]

    init(query: QueryParameters, vocabularies: Vocabularies, catalog: any Catalog) async throws {
        self.vocabularies = vocabularies
        let levelText = query.first("level") ?? "pfa"
        guard let level = GapLevel(rawValue: levelText) else {
            throw Problem.badRequest("level must be pfa, lad or district, not '\(levelText)'")
        }
        self.level = level
        areas = try query.all("area").map { text in
            guard let area = vocabularies.resolveArea(text) else {
                throw Problem.badRequest("area '\(text)' is not a known area")
            }
            return area
        }
        needs = try query.all("need").map {
            NeedType(try query.code($0, in: vocabularies[.needTypes], parameter: "need"))
        }
        if let by = query.first("by") {
            guard let split = GapSplit(rawValue: by) else {
                throw Problem.badRequest("by must be language or specialism, not '\(by)'")
            }
            self.split = split
        } else {
            split = nil
        }
        switch split {
        case .language:
            values = try query.all("language").map {
                try query.code($0, in: vocabularies[.languages], parameter: "language")
            }
        case .specialism:
            values = try query.all("specialism").map {
                try query.code($0, in: vocabularies[.specialisms], parameter: "specialism")
            }
        case nil:
            values = []
        }
        var thresholds = GapThresholds()
        thresholds.maxWaitDays = try query.integer("max_wait_days", in: 0...3650) ?? thresholds.maxWaitDays
        thresholds.minServices = try query.integer("min_services", in: 1...1000) ?? thresholds.minServices
        thresholds.minCapacityPerDemand =
            try query.number("min_capacity_per_demand", in: 0...1000) ?? thresholds.minCapacityPerDemand
        thresholds.contractsEndingWithinMonths =
            try query.integer("contracts_ending_within_months", in: 0...120) ?? thresholds.contractsEndingWithinMonths
        thresholds.staleAfterMonths =
            try query.integer("stale_after_months", in: 0...240) ?? thresholds.staleAfterMonths
        self.thresholds = thresholds
        asOf = try query.date("as_of")
        districts = level == .postcodeDistrict ? try await catalog.postcodeDistricts() : []
    }

    /// The analysis, built by the same workflow as `signpost gaps`.
    func query(services: [Service], today: CalendarDate) throws -> GapQuery {
        let request = GapRequest(
            level: level,
            areas: areas,
            needs: needs,
            split: split,
            splitValues: values,
            thresholds: thresholds,
            asOf: asOf
        )
        do {
            return try GapWorkflow.plan(
                request,
                services: services,
                districts: districts,
                vocabularies: vocabularies,
                today: today
            ).query
        } catch GapRequestError.noAreas {
            throw Problem.badRequest("no \(level.pluralNoun) are within the areas given")
        }
    }
}
