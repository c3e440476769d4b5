import Foundation
public import SignpostCore

/// The catalog prepared for matching, built once per catalog load: services in id order, each need type as a bit,
/// candidate lists by (area, need type), and face-to-face locations on a coarse grid for distance searches.
public struct MatchIndex: Sendable {
    public let services: [Service]
    let needBits: [NeedType: Int]
    /// Whether each service is closed (never a candidate).
    let isClosed: [Bool]
    /// Each service reduced to numbers and masks, for judging candidates quickly.
    let profiles: [ServiceProfile]
    /// The languages each service speaks in-house, apart from its profile (see `ServiceProfile`).
    let languages: [SpokenLanguages]
    let bits: ProfileBits
    /// What the rules read from the vocabularies (groups, child variants, steering), as bits.
    let tables: RuleTables
    /// The genders vocabulary's codes, in order.
    let genderCodes: [Gender]
    /// Every area named by some service's coverage, numbered.
    let areaNumbers: [AreaCode: Int32]
    /// The areas by number.
    let areaCodes: [AreaCode]
    /// Each service's coverage as area numbers: the one rule for whether a service covers a place.
    let coverage: CoverageTable
    let byAreaAndNeed: [AreaNeedKey: [Int32]]
    /// Non-confidential locations with a point, of services that meet people in person, by grid cell.
    let grid: LocationGrid
    /// The same locations by service, for the distance from the victim to a candidate.
    let points: PointTable

    struct AreaNeedKey: Hashable {
        var area: AreaCode
        var need: Int
    }

    /// Channels that mean the service meets people in person.
    static let inPerson: Set<Channel> = ["face-to-face", "outreach"]

    public init(services: [Service], vocabularies: Vocabularies) {
        self.services = services.sorted { $0.id < $1.id }
        var bits: [NeedType: Int] = [:]
        for (position, term) in vocabularies[.needTypes].terms.prefix(64).enumerated() {
            bits[NeedType(term.code)] = position
        }
        needBits = bits
        var masks: [UInt64] = []
        var byAreaAndNeed: [AreaNeedKey: [Int32]] = [:]
        var gridEntries: [LocationGrid.Entry] = []
        var pointList: [GeoPoint] = []
        var pointStart: [Int32] = [0]
        for (position, service) in self.services.enumerated() {
            var mask: UInt64 = 0
            for need in service.needTypes { if let bit = bits[need] { mask |= 1 << UInt64(bit) } }
            masks.append(mask)
            for area in Set(service.coverage.areas) {
                for need in Set(service.needTypes) {
                    guard let bit = bits[need] else { continue }
                    byAreaAndNeed[AreaNeedKey(area: area, need: bit), default: []].append(Int32(position))
                }
            }
            if service.status != .closed, service.channels.contains(where: { Self.inPerson.contains($0) }) {
                for location in service.locations where !location.isConfidential {
                    if let point = location.point {
                        gridEntries.append(LocationGrid.Entry(service: Int32(position), needs: mask, point: point))
                        pointList.append(point)
                    }
                }
            }
            pointStart.append(Int32(pointList.count))
        }
        isClosed = self.services.map { $0.status == .closed }
        let profileBits = ProfileBits(vocabularies)
        let tables = RuleTables(vocabularies: vocabularies, needBits: bits, bits: profileBits)
        self.tables = tables
        genderCodes = vocabularies[.genders].terms.map { Gender($0.code) }
        profiles = zip(self.services, masks).map {
            ServiceProfile($0, needs: $1, bits: profileBits, tables: tables)
        }
        languages = self.services.map { SpokenLanguages($0, bits: profileBits) }
        self.bits = profileBits
        var numbers: [AreaCode: Int32] = [:]
        var coverageAreas: [Int32] = []
        var coverageSpecificity: [Int8] = []
        var coverageStart: [Int32] = [0]
        for service in self.services {
            for area in service.coverage.areas {
                let number = numbers[area] ?? Int32(numbers.count)
                numbers[area] = number
                coverageAreas.append(number)
                coverageSpecificity.append(Int8(Place.specificity(area)))
            }
            coverageStart.append(Int32(coverageAreas.count))
        }
        coverage = CoverageTable(areas: coverageAreas, specificity: coverageSpecificity, start: coverageStart)
        areaNumbers = numbers
        var codes = [AreaCode](repeating: .national, count: numbers.count)
        for (area, number) in numbers { codes[Int(number)] = area }
        areaCodes = codes
        self.byAreaAndNeed = byAreaAndNeed
        grid = LocationGrid(gridEntries)
        points = PointTable(points: pointList, start: pointStart)
    }

    public var count: Int { services.count }

    /// Positions (in `services`) of the open services that cover `location` and meet any of `needs` (every need type
    /// when empty), by the matcher's coverage rule, in position order.
    public func positions(covering location: ResolvedLocation, needs: [NeedType] = []) -> [Int32] {
        let wanted = needs.isEmpty ? Array(needBits.keys) : needs
        let place = areaNumbers(of: location)
        return candidates(areas: location.areas, needs: wanted, extra: EmptyCollection()).filter {
            !isClosed[Int($0)] && coverage.specificity(of: $0, in: place) > 0
        }
    }

    /// Positions of the open services meeting people in person at a public location within `kilometres` of `point`,
    /// with that distance.
    public func positions(within kilometres: Double, of point: GeoPoint) -> [Int32: Double] {
        nearby(point, kilometres: kilometres, mask: ~0)
    }

    /// A place's areas as this index numbers them (areas no service names are left out: nothing covers them).
    func areaNumbers(of location: ResolvedLocation) -> [Int32] {
        location.areas.compactMap { areaNumbers[$0] }
    }

    /// The open services (not closed) that cover `location` and meet `need`, in position order: the services whose
    /// coverage names one of the place's areas, by the same rule the matcher filters on.
    func covering(_ location: ResolvedLocation, need: NeedType) -> [Int32] {
        let place = areaNumbers(of: location)
        return candidates(areas: location.areas, needs: [need], extra: EmptyCollection()).filter {
            !isClosed[Int($0)] && coverage.specificity(of: $0, in: place) > 0
        }
    }

    /// The bit of one need type (0 when the type is not in the vocabulary).
    func mask(of need: NeedType) -> UInt64 {
        needBits[need].map { 1 << UInt64($0) } ?? 0
    }

    /// The bit mask of a set of need types.
    func mask(of needs: [NeedType]) -> UInt64 {
        var mask: UInt64 = 0
        for need in needs { if let bit = needBits[need] { mask |= 1 << UInt64(bit) } }
        return mask
    }

    /// Services covering any of `areas` and meeting any need in `needs`, plus `extra`, in position order without
    /// repeats.
    func candidates(areas: Set<AreaCode>, needs: [NeedType], extra: some Sequence<Int32>) -> [Int32] {
        candidates(areas: areas, needMask: mask(of: needs), extra: extra)
    }

    /// Services covering any of `areas` and meeting any need type in `needMask`, plus `extra`, in position order
    /// without repeats (marked in a bitset: cheaper than a set for the few thousand candidates of a national
    /// catalog).
    func candidates(areas: Set<AreaCode>, needMask: UInt64, extra: some Sequence<Int32>) -> [Int32] {
        var bits = [UInt64](repeating: 0, count: (services.count + 63) / 64)
        var count = 0
        func mark(_ position: Int32) {
            let word = Int(position) >> 6
            let bit: UInt64 = 1 << UInt64(position & 63)
            if bits[word] & bit == 0 {
                bits[word] |= bit
                count += 1
            }
        }
        for area in areas {
            var remaining = needMask
            while remaining != 0 {
                let need = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                guard let list = byAreaAndNeed[AreaNeedKey(area: area, need: need)] else { continue }
                for position in list { mark(position) }
            }
        }
        for position in extra { mark(position) }
        var found: [Int32] = []
        found.reserveCapacity(count)
        for (word, value) in bits.enumerated() where value != 0 {
            var remaining = value
            while remaining != 0 {
                let offset = remaining.trailingZeroBitCount
                found.append(Int32(word << 6 + offset))
                remaining &= remaining - 1
            }
        }
        return found
    }

    /// In-person services meeting a need in `mask` with a public location within `kilometres` of `point`, with the
    /// distance to their nearest such location.
    func nearby(_ point: GeoPoint, kilometres: Double, mask: UInt64) -> [Int32: Double] {
        var found: [Int32: Double] = [:]
        visitNearby(point, kilometres: kilometres, mask: mask) { service, location in
            let distance = Distance.kilometres(point, location)
            if distance <= kilometres, distance < found[service] ?? .infinity { found[service] = distance }
        }
        return found
    }

    /// In-person services meeting a need in `mask` with a public location about `kilometres` of `point` (measured
    /// flat, without trigonometry per location: enough to choose candidates), each once, in no order.
    func nearbyPositions(_ point: GeoPoint, kilometres: Double, mask: UInt64) -> [Int32] {
        let origin = Distance.Origin(point)
        var found: [Int32] = []
        var last: Int32 = -1
        visitNearby(point, kilometres: kilometres, mask: mask) { service, location in
            // A service's locations in a cell are listed together: skip its repeats cheaply (the candidates'
            // bitset drops the rest).
            if service != last, origin.kilometres(to: location) <= kilometres {
                found.append(service)
                last = service
            }
        }
        return found
    }

    /// Calls `body` with each in-person location about `point` of a service meeting a need in `mask`.
    private func visitNearby(
        _ point: GeoPoint,
        kilometres: Double,
        mask: UInt64,
        _ body: (Int32, GeoPoint) -> Void
    ) {
        grid.visit(near: point, kilometres: kilometres, mask: mask) { body($0.service, $0.point) }
    }
}

/// Great-circle distances.
public enum Distance {
    /// A point to measure many short distances from: the local scale of a degree of longitude is worked out once.
    struct Origin {
        let point: GeoPoint
        let longitudeScale: Double

        init(_ point: GeoPoint) {
            self.point = point
            longitudeScale = cos(point.latitude * .pi / 180)
        }

        /// Kilometres to `other`, treating the earth as flat around the origin (equirectangular).
        @inline(__always)
        func kilometres(to other: GeoPoint) -> Double {
            let north = (other.latitude - point.latitude) * 111.195
            let east = (other.longitude - point.longitude) * 111.195 * longitudeScale
            return (north * north + east * east).squareRoot()
        }
    }

    /// Kilometres between two points (haversine, mean Earth radius).
    public static func kilometres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians
        let dLon = (b.longitude - a.longitude) * radians
        let sinLat: Double = sin(dLat / 2)
        let sinLon: Double = sin(dLon / 2)
        let cosines: Double = cos(a.latitude * radians) * cos(b.latitude * radians)
        let h: Double = sinLat * sinLat + cosines * sinLon * sinLon
        return 2 * 6371.0 * asin(min(1, h.squareRoot()))
    }
}

/// Every service's coverage as area numbers, with how closely each names a place (see `Place.specificity`),
/// flattened: service `i` has entries `start[i]..<start[i + 1]`.
struct CoverageTable: Sendable {
    let areas: [Int32]
    let specificity: [Int8]
    let start: [Int32]

    /// The entries of the service at `position`.
    func entries(of position: Int32) -> Range<Int> { Int(start[Int(position)])..<Int(start[Int(position) + 1]) }

    /// How closely the service's coverage names the place whose areas are `place`: the most specific of its areas
    /// that the place has, or 0 when it names none of them (the service does not cover the place). This is the rule
    /// for "covers", shared by the matcher and the gap analysis.
    func specificity(of position: Int32, in place: [Int32]) -> Int {
        var best: Int8 = 0
        for entry in entries(of: position) where specificity[entry] > best && place.contains(areas[entry]) {
            best = specificity[entry]
        }
        return Int(best)
    }

    /// The number of the most specific of the service's areas that the place has, or nil when it has none.
    func bestArea(of position: Int32, in place: [Int32]) -> Int32? {
        var best: Int8 = 0
        var area: Int32?
        for entry in entries(of: position) where specificity[entry] > best && place.contains(areas[entry]) {
            best = specificity[entry]
            area = areas[entry]
        }
        return area
    }

    /// Whether the service's coverage names `area` itself.
    func names(_ area: Int32, at position: Int32) -> Bool { areas[entries(of: position)].contains(area) }
}

/// Each service's public in-person locations' points, flattened: service `i` has `points[start[i]..<start[i + 1]]`.
struct PointTable: Sendable {
    let points: [GeoPoint]
    let start: [Int32]

    /// Kilometres from `origin` to the nearest public in-person location of the service at `position`, or nil when
    /// it has none. On the scale of a police force area the flat-earth distance (`Distance.Origin`) is within a
    /// fraction of a per cent of the great-circle one, and needs no trigonometry per location.
    func nearest(_ position: Int32, to origin: Distance.Origin) -> Double? {
        let range = Int(start[Int(position)])..<Int(start[Int(position) + 1])
        guard !range.isEmpty else { return nil }
        var best = Double.infinity
        for index in range { best = min(best, origin.kilometres(to: points[index])) }
        return best
    }
}
