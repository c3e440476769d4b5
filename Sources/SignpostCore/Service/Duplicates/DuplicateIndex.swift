/// A ``DuplicatePool`` prepared for comparison: each entry's shared keys and its name's words ranked rarest first,
/// the prefix of words that go into buckets, and the entries in the order of their ids.
struct DuplicateIndex {
    let pool: DuplicatePool
    /// Shared keys of entry `i`: `keys[keyStarts[i]..<keyStarts[i + 1]]`, ascending.
    private var keyStarts: [Int32] = [0]
    private var keys: [Int32] = []
    /// Word ranks (rarest first) of entry `i`, ascending, likewise; and how many of them go into buckets.
    private var words: [Int32] = []
    private var prefixes: [Int32] = []
    /// Each word rank's weight.
    private var weights: [Double] = []
    /// Entries in the order of their service ids, and each entry's place in that order.
    private var byID: [Int32] = []
    private var rankOf: [Int32] = []

    init(_ pool: DuplicatePool) {
        self.pool = pool
        let count = pool.entryCount
        // Keys only one source has cannot pair anything: drop them now.
        keys.reserveCapacity(pool.keyList.count)
        keyStarts.reserveCapacity(count + 1)
        for entry in 0..<count {
            for key in pool.keyList[Int(pool.keyStarts[entry])..<Int(pool.keyStarts[entry + 1])]
            where pool.keyShared[Int(key)] {
                keys.append(key)
            }
            keyStarts.append(Int32(keys.count))
        }

        // Words ranked rarest first, so that each name's prefix holds its rarest words.
        let ranked = pool.words.indices.sorted {
            (pool.wordCounts[$0], pool.words[$0]) < (pool.wordCounts[$1], pool.words[$1])
        }
        var wordRank = [Int32](repeating: 0, count: ranked.count)
        for (rank, word) in ranked.enumerated() { wordRank[word] = Int32(rank) }
        weights = ranked.map { NameSimilarity.weight(of: pool.words[$0]) }
        words.reserveCapacity(pool.wordList.count)
        prefixes.reserveCapacity(count)
        for entry in 0..<count {
            let start = words.count
            words += pool.wordList[Int(pool.wordStarts[entry])..<Int(pool.wordStarts[entry + 1])].map {
                wordRank[Int($0)]
            }
            words[start...].sort()
            // Any name scoring at least the threshold with this one shares a word in the shortest prefix whose
            // remainder weighs less than threshold x total weight; a little slack keeps rounding on the safe side.
            let total = words[start...].reduce(0.0) { $0 + weights[Int($1)] }
            var remainder = total
            var prefix = 0
            while start + prefix < words.count, remainder >= DuplicateFinder.nameThreshold * total - 1e-9 {
                remainder -= weights[Int(words[start + prefix])]
                prefix += 1
            }
            prefixes.append(Int32(prefix))
        }

        byID = (0..<Int32(count)).sorted { pool.ids[Int($0)] < pool.ids[Int($1)] }
        rankOf = [Int32](repeating: 0, count: count)
        for (rank, entry) in byID.enumerated() { rankOf[Int(entry)] = Int32(rank) }
    }

    private func wordRange(_ entry: Int) -> Range<Int> {
        Int(pool.wordStarts[entry])..<Int(pool.wordStarts[entry + 1])
    }

    private func keyRange(_ entry: Int) -> Range<Int> { Int(keyStarts[entry])..<Int(keyStarts[entry + 1]) }

    /// Calls `body` with each pair of entries that share a key and a prefix word and come from different sources
    /// (with `newIDs`, only pairs touching one of them), once each, in the order of their services' ids: the entry
    /// whose id sorts first, then the other. Nothing the size of the pairs is held: buckets are runs of one sorted
    /// array of (bucket, entry) memberships, and each entry's partners are gathered, sorted and judged in turn.
    /// Returns `false` when it stopped after comparing `limit` pairs.
    func forEachCandidatePair(among newIDs: Set<ServiceID>?, limit: Int, _ body: (Int, Int) -> Void) -> Bool {
        let count = pool.entryCount
        // Memberships of (key, word) buckets, eight bytes each: grouped by key (a counting sort), then each key's
        // sorted by word and, within a word, by rank. A bucket is a run of one word within one key's group.
        var groupStarts = [Int](repeating: 0, count: pool.keys.count + 1)
        for entry in 0..<count {
            for key in keys[keyRange(entry)] { groupStarts[Int(key) + 1] += Int(prefixes[entry]) }
        }
        for key in 0..<pool.keys.count { groupStarts[key + 1] += groupStarts[key] }
        var memberships = [UInt64](repeating: 0, count: groupStarts[pool.keys.count])
        var filled = groupStarts
        for entry in 0..<count {
            let rank = UInt64(UInt32(rankOf[entry]))
            let prefix = words[wordRange(entry)].prefix(Int(prefixes[entry]))
            for key in keys[keyRange(entry)] {
                for word in prefix {
                    memberships[filled[Int(key)]] = UInt64(UInt32(word)) << 32 | rank
                    filled[Int(key)] += 1
                }
            }
        }
        filled = []
        // Where each membership's bucket ends, and each rank's memberships.
        var runEnd = [Int32](repeating: 0, count: memberships.count)
        for key in 0..<pool.keys.count where groupStarts[key] < groupStarts[key + 1] {
            memberships[groupStarts[key]..<groupStarts[key + 1]].sort()
            var start = groupStarts[key]
            while start < groupStarts[key + 1] {
                var end = start + 1
                while end < groupStarts[key + 1], memberships[end] >> 32 == memberships[start] >> 32 { end += 1 }
                for position in start..<end { runEnd[position] = Int32(end) }
                start = end
            }
        }
        groupStarts = []
        var rankStarts = [Int32](repeating: 0, count: count + 1)
        for membership in memberships { rankStarts[Int(UInt32(truncatingIfNeeded: membership)) + 1] += 1 }
        for rank in 0..<count { rankStarts[rank + 1] += rankStarts[rank] }
        var ofRank = [Int32](repeating: 0, count: memberships.count)
        var next = rankStarts
        for (position, membership) in memberships.enumerated() {
            let rank = Int(UInt32(truncatingIfNeeded: membership))
            ofRank[Int(next[rank])] = Int32(position)
            next[rank] += 1
        }
        next = []

        let isNew: [Bool]? = newIDs.map { ids in byID.map { ids.contains(pool.ids[Int($0)]) } }
        var compared = 0
        var partners: [Int32] = []
        for low in 0..<count {
            let lowIsNew = isNew?[low] ?? true
            let lowSource = pool.sources[Int(byID[low])]
            partners.removeAll(keepingCapacity: true)
            for membership in ofRank[Int(rankStarts[low])..<Int(rankStarts[low + 1])] {
                for other in (Int(membership) + 1)..<Int(runEnd[Int(membership)]) {
                    let high = Int32(UInt32(truncatingIfNeeded: memberships[other]))
                    guard Int(high) != low, pool.sources[Int(byID[Int(high)])] != lowSource,
                        lowIsNew || isNew?[Int(high)] ?? true
                    else { continue }
                    partners.append(high)
                }
            }
            guard !partners.isEmpty else { continue }
            partners.sort()
            var previous: Int32 = -1
            for high in partners where high != previous {
                previous = high
                guard compared < limit else { return false }
                compared += 1
                body(Int(byID[low]), Int(byID[Int(high)]))
            }
        }
        return true
    }

    /// The pair as a likely duplicate, or `nil` when it does not meet the rule.
    func judge(_ left: Int, _ right: Int) -> LikelyDuplicate? {
        let a = words[wordRange(left)]
        let b = words[wordRange(right)]
        // Name similarity: weighted Jaccard over the two ascending rank lists.
        var shared = 0.0
        var either = 0.0
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || i < a.endIndex && a[i] < b[j] {
                either += weights[Int(a[i])]
                i += 1
            } else if i == a.endIndex || b[j] < a[i] {
                either += weights[Int(b[j])]
                j += 1
            } else {
                shared += weights[Int(a[i])]
                either += weights[Int(a[i])]
                i += 1
                j += 1
            }
        }
        let similarity = either > 0 ? shared / either : 0
        guard similarity >= DuplicateFinder.nameThreshold else { return nil }
        let leftNeeds = pool.needList[Int(pool.needStarts[left])..<Int(pool.needStarts[left + 1])]
        let rightNeeds = pool.needList[Int(pool.needStarts[right])..<Int(pool.needStarts[right + 1])]
        let needs = leftNeeds.filter(rightNeeds.contains).map { pool.needTypes[Int($0)] }.sorted()
        let leftCoverage = pool.coverageTable[Int(pool.coverages[left])]
        let rightCoverage = pool.coverageTable[Int(pool.coverages[right])]
        guard
            similarity >= DuplicateFinder.closeNameThreshold
                || !needs.isEmpty
                    && leftCoverage.isNational
                        == rightCoverage.isNational,
            !Self.coverageLiesApart(leftCoverage, rightCoverage)
        else { return nil }

        var reasons: [DuplicateEvidence] = []
        let rightKeys = keys[keyRange(right)]
        for key in keys[keyRange(left)] where rightKeys.contains(key) {
            switch pool.keys[Int(key)] {
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
        let ids = (pool.ids[left], pool.ids[right])
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
