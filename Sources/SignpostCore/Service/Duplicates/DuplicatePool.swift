/// The services a duplicate search looks through, held compactly: each service's id, name and source, and its keys,
/// name words, need types and coverage as small interned numbers in flat arrays. A service costs a couple of hundred
/// bytes here, so an import of a million services can be checked against a catalog of a million more. Closed services
/// are counted but not kept (they never pair).
public struct DuplicatePool: Sendable {
    /// The most keys (charity number, phones, postcodes) of one service that count.
    public static let maxKeys = 32

    /// How many services were added, closed ones included.
    public private(set) var count = 0

    /// The ids of the open services, in the order added.
    public private(set) var ids: [ServiceID] = []
    // One entry per open service, in the order added.
    var names: [String] = []
    var sources: [Int32] = []
    var coverages: [Int32] = []
    /// Interned keys, ascending, of entry `i`: `keyList[keyStarts[i]..<keyStarts[i + 1]]`; likewise words (in name
    /// order) and need types (ascending by code).
    var keyStarts: [Int32] = [0]
    var keyList: [Int32] = []
    var wordStarts: [Int32] = [0]
    var wordList: [Int32] = []
    var needStarts: [Int32] = [0]
    var needList: [Int32] = []

    // The interned values.
    var sourceNames: [SourceName] = []
    private var sourceIDs: [SourceName: Int32] = [:]
    var keys: [DuplicateKey] = []
    private var keyIDs: [DuplicateKey: Int32] = [:]
    /// Per key: the first source seen with it, and whether another source has it too (only shared keys can pair).
    var keyFirstSource: [Int32] = []
    var keyShared: [Bool] = []
    var words: [String] = []
    private var wordIDs: [String: Int32] = [:]
    /// Per word: how many names have it.
    var wordCounts: [Int32] = []
    var needTypes: [NeedType] = []
    private var needIDs: [NeedType: Int32] = [:]
    var coverageTable: [Coverage] = []
    private var coverageIDs: [Coverage: Int32] = [:]

    public init() {}

    /// The open services held.
    public var entryCount: Int { ids.count }

    /// How many sources the services added come from.
    public var sourceCount: Int { sourceNames.count }

    public mutating func add(_ candidate: DuplicateCandidate) {
        count += 1
        guard !candidate.isClosed else { return }
        let source = Self.intern(candidate.source, &sourceIDs, &sourceNames)

        var serviceKeys: [DuplicateKey] = []
        if let number = candidate.charityNumber { serviceKeys.append(.charity(number)) }
        serviceKeys += candidate.phones.map(DuplicateKey.phone)
        serviceKeys += candidate.postcodes.map(DuplicateKey.postcode)
        serviceKeys += candidate.confidentialPostcodes.map(DuplicateKey.confidentialPostcode)
        var ownKeys: [Int32] = []
        for key in serviceKeys.prefix(Self.maxKeys) {
            let id: Int32
            if let known = keyIDs[key] {
                id = known
                if keyFirstSource[Int(id)] != source { keyShared[Int(id)] = true }
            } else {
                id = Int32(keys.count)
                keyIDs[key] = id
                keys.append(key)
                keyFirstSource.append(source)
                keyShared.append(false)
            }
            if !ownKeys.contains(id) { ownKeys.append(id) }
        }
        keyList += ownKeys.sorted()
        keyStarts.append(Int32(keyList.count))

        for word in NameSimilarity.words(of: candidate.name) {
            let id = Self.intern(word, &wordIDs, &words)
            if Int(id) == wordCounts.count { wordCounts.append(0) }
            wordCounts[Int(id)] += 1
            wordList.append(id)
        }
        wordStarts.append(Int32(wordList.count))

        needList += Set(candidate.needTypes).map { Self.intern($0, &needIDs, &needTypes) }.sorted()
        needStarts.append(Int32(needList.count))

        ids.append(candidate.id)
        names.append(candidate.name)
        sources.append(source)
        coverages.append(Self.intern(candidate.coverage, &coverageIDs, &coverageTable))
    }

    public mutating func add(contentsOf candidates: some Sequence<DuplicateCandidate>) {
        for candidate in candidates { add(candidate) }
    }

    /// Adds every service of `other` (closed ones counted).
    public mutating func add(contentsOf other: DuplicatePool) {
        for entry in 0..<other.entryCount { add(other.candidate(entry)) }
        count += other.count - other.entryCount
    }

    /// Entry `entry` as a candidate again.
    func candidate(_ entry: Int) -> DuplicateCandidate {
        var candidate = DuplicateCandidate(
            id: ids[entry],
            name: names[entry],
            source: sourceNames[Int(sources[entry])],
            isClosed: false,
            charityNumber: nil,
            phone: nil,
            locations: [],
            needTypes: needList[Int(needStarts[entry])..<Int(needStarts[entry + 1])].map { needTypes[Int($0)] },
            coverage: coverageTable[Int(coverages[entry])]
        )
        for key in keyList[Int(keyStarts[entry])..<Int(keyStarts[entry + 1])] {
            switch keys[Int(key)] {
            case .charity(let number): candidate.charityNumber = number
            case .phone(let phone): candidate.phones.append(phone)
            case .postcode(let postcode): candidate.postcodes.append(postcode)
            case .confidentialPostcode(let postcode): candidate.confidentialPostcodes.append(postcode)
            }
        }
        return candidate
    }

    /// The name and source of each open service whose id is in `wanted` (for showing the pairs found).
    public func describe(_ wanted: Set<ServiceID>) -> [ServiceID: (name: String, source: SourceName)] {
        var found: [ServiceID: (name: String, source: SourceName)] = [:]
        guard !wanted.isEmpty else { return found }
        for index in ids.indices where wanted.contains(ids[index]) {
            found[ids[index]] = (names[index], sourceNames[Int(sources[index])])
        }
        return found
    }

    /// The ids of the open services from `source`.
    public func ids(from source: SourceName) -> [ServiceID] {
        guard let wanted = sourceIDs[source] else { return [] }
        return ids.indices.filter { sources[$0] == wanted }.map { ids[$0] }
    }

    private static func intern<Value: Hashable>(
        _ value: Value,
        _ table: inout [Value: Int32],
        _ values: inout [Value]
    ) -> Int32 {
        if let id = table[value] { return id }
        let id = Int32(values.count)
        table[value] = id
        values.append(value)
        return id
    }
}

/// A key two services may share.
enum DuplicateKey: Hashable, Sendable {
    case charity(String)
    case phone(PhoneNumber)
    case postcode(Postcode)
    case confidentialPostcode(Postcode)
}
