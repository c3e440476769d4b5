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
/// charity number are not all compared with one another. Only pairs in a common bucket are scored. Services are held
/// in a compact ``DuplicatePool`` (a few hundred bytes each), not whole; a name counts its first 64 words
/// (``NameSimilarity/maxWords``) and a service its first 32 keys (``DuplicatePool/maxKeys``).
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
    /// The most pairs of services compared in one search (a few seconds' work). Only lists where thousands of
    /// services share both a phone number or postcode and the rarest words of their names come near it; past it the
    /// search stops, keeps what it found and says that it stopped.
    public static let maxComparisons = 50_000_000

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
    /// then `second`.
    public static func likelyDuplicates(
        in candidates: [DuplicateCandidate],
        among newIDs: Set<ServiceID>? = nil
    ) -> [LikelyDuplicate] {
        var pool = DuplicatePool()
        for candidate in candidates { pool.add(candidate) }
        return findings(in: pool, among: newIDs, keeping: Int.max).pairs
    }

    /// The first `keeping` likely duplicate pairs in `pool`, in the order of ``likelyDuplicates(in:among:)``, and
    /// how many there are in all. Memory stays bounded however many pairs there are (a generated catalog whose
    /// services share a few thousand phone numbers has a million), and so does the work: at most `pairLimit` pairs
    /// are compared, after which the search stops and says so (``DuplicateFindings/isComplete``).
    public static func findings(
        in pool: DuplicatePool,
        among newIDs: Set<ServiceID>? = nil,
        keeping limit: Int,
        comparingAtMost pairLimit: Int = maxComparisons
    ) -> DuplicateFindings {
        let index = DuplicateIndex(pool)
        var findings = DuplicateFindings()
        findings.isComplete = index.forEachCandidatePair(among: newIDs, limit: pairLimit) { left, right in
            guard let duplicate = index.judge(left, right) else { return }
            findings.total += 1
            if findings.pairs.count < limit { findings.pairs.append(duplicate) }
        }
        return findings
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
