/// Finds services that two sources both list: likely duplicates, for a person to look at. Nothing is merged.
///
/// The rule. Two services are a likely pair when all of these hold:
/// 1. they come from **different sources** (duplicates within one source are that source's own business: its list is
///    what it is, and a re-import of it replaces it);
/// 2. neither is closed (withdrawn services are no longer in the catalog at all);
/// 3. they share at least one **key**: their providers' charity number, a phone number (compared as national
///    digits, so `+44 (0)113 245 0000` is `0113 2450000`; short codes such as 116 123 are not keys), or the postcode of a location (public locations with
///    public ones, confidential ones only with confidential ones, and a confidential postcode is never reported);
/// 4. their **names** are alike: at least `nameThreshold` (60%) when they have a need type in common and are both
///    national or both local; or at least `closeNameThreshold` (85%) whatever their need types and reach, since two
///    lists may file the same service under different need types (`idva` and `domestic-abuse`), and a commissioner
///    may list a national helpline as covering its own area (while a charity's national line and its local services,
///    with names alike only in what they do, are different services);
/// 5. their coverage does not lie clearly apart: two services that each cover only force areas (or only local
///    authorities, or only postcode areas and districts) with none in common are different services, however alike
///    their names (a charity running the same service for two commissioners).
///
/// The work is near-linear, never every pair: services are put in buckets by (key, word of the name), using only
/// keys that two sources share, and only the rarest words of each name — as few as any pair reaching
/// `nameThreshold` must share (prefix filtering) — so that one large charity's hundreds of services sharing its
/// charity number are not all compared with one another. Only pairs in a common bucket are scored.
public enum DuplicateFinder {
    /// The least name similarity for a likely pair that has a need type in common and the same reach (both national or
    /// both local). 60% asks for most of the distinctive words to be shared: "Aire Valley Women's Aid" and "Aire
    /// Valley Womens Aid Outreach" score 80% (four of five words), "Leeds IDVA Service" and "Leeds IDVA Outreach
    /// Service" 69%, while names sharing only a town or common words ("Leeds Domestic Abuse Service" and "Leeds
    /// Sexual Violence Service", 23%; "Victim Support West Yorkshire" and "Victim Support North Yorkshire", 42%) do
    /// not qualify.
    public static let nameThreshold = 0.6
    /// The least name similarity for a likely pair whatever their need types, and for a national service paired with
    /// a local one.
    public static let closeNameThreshold = 0.85

    /// The likely duplicate pairs among `services`, ordered by `first` then `second`.
    ///
    /// - Parameters:
    ///   - services: the services to look through; for an import report, the catalog's current services including
    ///     the ones just imported.
    ///   - newIDs: when given, only pairs with at least one service in this set (the services just imported), so that
    ///     an import reports what it added without listing every old pair again. Ids not in `services` are ignored.
    public static func likelyDuplicates(
        in services: [Service],
        among newIDs: Set<ServiceID>? = nil
    ) -> [LikelyDuplicate] {
        likelyDuplicates(in: services.map(DuplicateCandidate.init), among: newIDs)
    }

    /// The likely duplicate pairs among `candidates` (services reduced to what the rule reads), ordered by `first`
    /// then `second`: for callers that cannot hold whole services in memory (an import of a million rows).
    public static func likelyDuplicates(
        in services: [DuplicateCandidate],
        among newIDs: Set<ServiceID>? = nil
    ) -> [LikelyDuplicate] {
        let index = DuplicateIndex(services: services)
        let pairs = index.candidatePairs(among: newIDs)
        var found: [LikelyDuplicate] = []
        for pair in pairs {
            if let duplicate = index.judge(Int(pair >> 32), Int(pair & 0xFFFF_FFFF)) { found.append(duplicate) }
        }
        return found.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    /// A charity number reduced to what identifies it: the first run of at least five digits, with an `SC` (Scotland)
    /// or `NIC` (Northern Ireland) prefix kept; `Reg. charity no. 1123456` is `1123456`, `SC 012345` is `SC012345`,
    /// `1123456-1` (a linked charity) is `1123456`. `nil` when there is no such number.
    public static func normalisedCharityNumber(_ text: String) -> String? {
        let bytes = Array(text.utf8).map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
        var start = 0
        while start < bytes.count {
            guard bytes[start].isASCIIDigit else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, bytes[end].isASCIIDigit { end += 1 }
            if end - start >= 5 {
                var before = String(decoding: bytes[..<start], as: UTF8.self)
                while before.last == " " { before.removeLast() }
                let prefix = before.hasSuffix("NIC") ? "NIC" : before.hasSuffix("SC") ? "SC" : ""
                return prefix + String(decoding: bytes[start..<end], as: UTF8.self)
            }
            start = end
        }
        return nil
    }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}

/// A key two services may share.
private enum DuplicateKey: Hashable {
    case charity(String)
    case phone(PhoneNumber)
    case postcode(Postcode)
    case confidentialPostcode(Postcode)
}

/// The services prepared for comparison: keys and name words interned as small integers.
private struct DuplicateIndex {
    struct Entry {
        var service: Int
        var source: Int32
        /// Interned keys, ascending.
        var keys: [Int32]
        /// Word ranks (rarest first), ascending.
        var words: [Int32]
        /// How many of `words`, from the start, go into buckets.
        var prefix: Int
    }

    let services: [DuplicateCandidate]
    var entries: [Entry] = []
    var keys: [DuplicateKey] = []
    /// Each word rank's weight.
    var weights: [Double] = []

    init(services: [DuplicateCandidate]) {
        self.services = services
        var sources: [SourceName: Int32] = [:]
        var keyIDs: [DuplicateKey: Int32] = [:]
        /// Per key: the first source seen, and whether a second source has it too.
        var keySources: [(source: Int32, shared: Bool)] = []
        var wordLists: [[String]] = []
        var documentFrequency: [String: Int32] = [:]
        keyIDs.reserveCapacity(services.count * 2)
        documentFrequency.reserveCapacity(services.count)
        entries.reserveCapacity(services.count)
        // Services are read field by field, never copied whole: a `Service` is large.
        for position in services.indices where !services[position].isClosed {
            let source: Int32
            if let known = sources[services[position].source] {
                source = known
            } else {
                source = Int32(sources.count)
                sources[services[position].source] = source
            }
            var serviceKeys: [DuplicateKey] = []
            if let number = services[position].charityNumber { serviceKeys.append(.charity(number)) }
            serviceKeys += services[position].phones.map(DuplicateKey.phone)
            serviceKeys += services[position].postcodes.map(DuplicateKey.postcode)
            serviceKeys += services[position].confidentialPostcodes.map(DuplicateKey.confidentialPostcode)
            var ids: [Int32] = []
            for key in serviceKeys {
                let id: Int32
                if let known = keyIDs[key] {
                    id = known
                    if keySources[Int(id)].source != source { keySources[Int(id)].shared = true }
                } else {
                    id = Int32(keys.count)
                    keyIDs[key] = id
                    keys.append(key)
                    keySources.append((source, false))
                }
                if !ids.contains(id) { ids.append(id) }
            }
            let words = NameSimilarity.words(of: services[position].name)
            for word in words { documentFrequency[word, default: 0] += 1 }
            wordLists.append(words)
            entries.append(Entry(service: position, source: source, keys: ids.sorted(), words: [], prefix: 0))
        }
        // Keys only one source has cannot pair anything: drop them now.
        for index in entries.indices { entries[index].keys.removeAll { !keySources[Int($0)].shared } }

        // Words ranked rarest first, so that each name's prefix holds its rarest words.
        let ranked = documentFrequency.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        var rank: [String: Int32] = [:]
        rank.reserveCapacity(ranked.count)
        for (position, word) in ranked.enumerated() { rank[word] = Int32(position) }
        weights = ranked.map(NameSimilarity.weight(of:))
        for index in entries.indices {
            let words = wordLists[index].compactMap { rank[$0] }.sorted()
            entries[index].words = words
            // Any name scoring at least the threshold with this one shares a word in the shortest prefix whose
            // remainder weighs less than threshold x total weight; a little slack keeps rounding on the safe side.
            let total = words.reduce(0.0) { $0 + weights[Int($1)] }
            var remainder = total
            var prefix = 0
            while prefix < words.count, remainder >= DuplicateFinder.nameThreshold * total - 1e-9 {
                remainder -= weights[Int(words[prefix])]
                prefix += 1
            }
            entries[index].prefix = prefix
        }
    }

    /// Pairs of entry positions (lower one in the high 32 bits) that share a key and a prefix word and come from
    /// different sources; with `newIDs`, only pairs touching one of them.
    func candidatePairs(among newIDs: Set<ServiceID>?) -> Set<UInt64> {
        var buckets: [UInt64: [Int32]] = [:]
        buckets.reserveCapacity(entries.count * 2)
        for (position, entry) in entries.enumerated() where !entry.keys.isEmpty {
            for key in entry.keys {
                for word in entry.words[..<entry.prefix] {
                    buckets[UInt64(UInt32(key)) << 32 | UInt64(UInt32(word)), default: []].append(Int32(position))
                }
            }
        }
        let isNew: [Bool]? = newIDs.map { ids in entries.map { ids.contains(services[$0.service].id) } }
        var pairs: Set<UInt64> = []
        for members in buckets.values where members.count > 1 {
            for (offset, first) in members.enumerated() {
                let firstIsNew = isNew?[Int(first)] ?? true
                for second in members[(offset + 1)...] {
                    guard entries[Int(first)].source != entries[Int(second)].source,
                        firstIsNew || isNew?[Int(second)] ?? true
                    else { continue }
                    pairs.insert(UInt64(UInt32(first)) << 32 | UInt64(UInt32(second)))
                }
            }
        }
        return pairs
    }

    /// The pair as a likely duplicate, or `nil` when it does not meet the rule.
    func judge(_ left: Int, _ right: Int) -> LikelyDuplicate? {
        let a = entries[left]
        let b = entries[right]
        // Name similarity: weighted Jaccard over the two ascending rank lists.
        var shared = 0.0
        var either = 0.0
        var i = 0
        var j = 0
        while i < a.words.count || j < b.words.count {
            if j == b.words.count || i < a.words.count && a.words[i] < b.words[j] {
                either += weights[Int(a.words[i])]
                i += 1
            } else if i == a.words.count || b.words[j] < a.words[i] {
                either += weights[Int(b.words[j])]
                j += 1
            } else {
                shared += weights[Int(a.words[i])]
                either += weights[Int(a.words[i])]
                i += 1
                j += 1
            }
        }
        let similarity = either > 0 ? shared / either : 0
        guard similarity >= DuplicateFinder.nameThreshold else { return nil }
        let needs = Set(services[a.service].needTypes).intersection(services[b.service].needTypes).sorted()
        let sameReach = services[a.service].coverage.isNational == services[b.service].coverage.isNational
        guard similarity >= DuplicateFinder.closeNameThreshold || !needs.isEmpty && sameReach,
            !Self.coverageLiesApart(services[a.service].coverage, services[b.service].coverage)
        else { return nil }

        var reasons: [DuplicateEvidence] = []
        for key in a.keys where b.keys.contains(key) {
            switch keys[Int(key)] {
            case .charity(let number): reasons.append(.sameCharityNumber(number))
            case .phone(let phone): reasons.append(.samePhone(phone))
            case .postcode(let postcode): reasons.append(.samePostcode(postcode))
            case .confidentialPostcode:
                if !reasons.contains(.sameConfidentialPostcode) { reasons.append(.sameConfidentialPostcode) }
            }
        }
        guard !reasons.isEmpty else { return nil }
        reasons.sort { Self.order($0) < Self.order($1) }
        reasons.append(.similarNames(percent: Int((similarity * 100 + 1e-9).rounded(.down))))
        if !needs.isEmpty { reasons.append(.sharedNeedTypes(needs)) }
        let ids = (services[a.service].id, services[b.service].id)
        let (low, high) = ids.0 < ids.1 ? ids : (ids.1, ids.0)
        return LikelyDuplicate(first: low, second: high, reasons: reasons, nameSimilarity: similarity)
    }

    /// Sorts evidence: charity number, phones, postcodes, confidential postcodes; each by value.
    private static func order(_ evidence: DuplicateEvidence) -> (Int, String) {
        switch evidence {
        case .sameCharityNumber(let number): return (0, number)
        case .samePhone(let phone): return (1, phone.digits)
        case .samePostcode(let postcode): return (2, postcode.description)
        case .sameConfidentialPostcode: return (3, "")
        case .similarNames, .sharedNeedTypes: return (4, "")
        }
    }

    /// Whether two coverages clearly name different places: both only force areas, or both only local authorities,
    /// or both only postcode areas and districts (compared by postcode area), with nothing in common. Coverage of
    /// mixed kinds, national or a whole country is never called apart: telling would need the geography.
    static func coverageLiesApart(_ first: Coverage, _ second: Coverage) -> Bool {
        func footprint(_ coverage: Coverage) -> (kind: AreaKind, codes: Set<AreaCode>)? {
            guard let kind = coverage.areas.first?.kind else { return nil }
            switch kind {
            case .policeForceArea, .localAuthority:
                guard coverage.areas.allSatisfy({ $0.kind == kind }) else { return nil }
                return (kind, Set(coverage.areas))
            case .postcodeArea, .postcodeDistrict:
                let areas = coverage.areas.map(\.postcodeArea)
                guard areas.allSatisfy({ $0 != nil }) else { return nil }
                return (.postcodeArea, Set(areas.compactMap { $0 }))
            case .national, .country, .unknown:
                return nil
            }
        }
        guard let a = footprint(first), let b = footprint(second), a.kind == b.kind else { return false }
        return a.codes.isDisjoint(with: b.codes)
    }
}

/// A service reduced to what the duplicate rule reads: small enough to hold a million of in memory, where whole
/// services would not fit.
public struct DuplicateCandidate: Sendable {
    public var id: ServiceID
    public var name: String
    public var source: SourceName
    public var isClosed: Bool
    /// The provider's charity number, normalised (``DuplicateFinder/normalisedCharityNumber(_:)``).
    public var charityNumber: String?
    public var phones: [PhoneNumber]
    /// The postcodes of public locations, and of confidential ones (kept apart: never shown).
    public var postcodes: [Postcode]
    public var confidentialPostcodes: [Postcode]
    public var needTypes: [NeedType]
    public var coverage: Coverage

    /// The candidate of a whole service.
    public init(_ service: Service) {
        self.init(
            id: service.id,
            name: service.name,
            source: service.provenance.source,
            isClosed: service.status == .closed,
            charityNumber: service.provider.charityNumber,
            phone: service.contact.phone,
            locations: service.locations.compactMap { location in
                location.postcode.map { ($0, location.isConfidential) }
            },
            needTypes: service.needTypes,
            coverage: service.coverage
        )
    }

    /// The candidate of a service read field by field (from a catalog's tables).
    public init(
        id: ServiceID,
        name: String,
        source: SourceName,
        isClosed: Bool,
        charityNumber: String?,
        phone: String?,
        locations: [(postcode: Postcode, isConfidential: Bool)],
        needTypes: [NeedType],
        coverage: Coverage
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.isClosed = isClosed
        self.charityNumber = charityNumber.flatMap(DuplicateFinder.normalisedCharityNumber)
        phones = phone.map { PhoneNumber.all(in: $0) } ?? []
        postcodes = locations.filter { !$0.isConfidential }.map(\.postcode)
        confidentialPostcodes = locations.filter(\.isConfidential).map(\.postcode)
        self.needTypes = needTypes
        self.coverage = coverage
    }
}
