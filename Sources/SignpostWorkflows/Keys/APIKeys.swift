import Crypto
public import Foundation

/// What a caller may do. Each role may do everything the ones before it may.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Charities, victim hubs, other agencies: look services up and ask for referral suggestions.
    case partner
    /// Commissioners' offices: also the gap analysis.
    case commissioner
    /// Signpost's operators: also metrics, and confidential locations.
    case admin

    private var rank: Int {
        switch self {
        case .partner: 0
        case .commissioner: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// An API key as stored: never the key itself, only a salted SHA-256 of its secret.
public struct APIKeyRecord: Codable, Sendable, Hashable {
    /// The public part of the key (`sp_<id>_<secret>`), used to find the record.
    public var id: String
    public var name: String
    public var role: Role
    public var salt: String
    public var hash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public var isActive: Bool { revokedAt == nil }
}

/// The API keys file: created with `signpost keys create`, read by `signpost serve`.
public struct APIKeyStore: Sendable {
    public private(set) var records: [APIKeyRecord]

    public init(records: [APIKeyRecord] = []) { self.records = records }

    /// Reads the keys file; a missing file is an empty store.
    public static func load(from path: String) throws -> APIKeyStore {
        guard FileManager.default.fileExists(atPath: path) else { return APIKeyStore() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw APIKeyError("cannot read the keys file \(path)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return APIKeyStore(records: try decoder.decode([APIKeyRecord].self, from: data))
        } catch {
            throw APIKeyError("the keys file \(path) is not a Signpost keys file: \(error)")
        }
    }

    /// Writes the keys file, readable by its owner only.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let data = try encoder.encode(records)
        guard
            FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw APIKeyError("cannot write the keys file \(path)") }
    }

    /// Creates a key; returns the key to hand over (shown once) and stores only its hash.
    public mutating func create(name: String, role: Role, now: Date = Date()) -> String {
        var id = Self.randomHex(bytes: 6)
        while records.contains(where: { $0.id == id }) { id = Self.randomHex(bytes: 6) }
        let secret = Self.randomHex(bytes: 24)
        let salt = Self.randomHex(bytes: 16)
        records.append(
            APIKeyRecord(
                id: id,
                name: name,
                role: role,
                salt: salt,
                hash: Self.hash(secret: secret, salt: salt),
                createdAt: now
            )
        )
        return "sp_\(id)_\(secret)"
    }

    /// Revokes the key with this id (or whole key); false when there is none.
    public mutating func revoke(_ idOrKey: String, now: Date = Date()) -> Bool {
        let id = Self.parse(idOrKey)?.id ?? idOrKey
        guard let index = records.firstIndex(where: { $0.id == id && $0.isActive }) else { return false }
        records[index].revokedAt = now
        return true
    }

    /// The active record the key belongs to, or nil (unknown, revoked or wrong secret).
    public func verify(_ key: String) -> APIKeyRecord? {
        guard let (id, secret) = Self.parse(key),
            let record = records.first(where: { $0.id == id && $0.isActive })
        else { return nil }
        let computed = Array(Self.hash(secret: secret, salt: record.salt).utf8)
        let stored = Array(record.hash.utf8)
        guard computed.count == stored.count else { return nil }
        // Compare in constant time.
        var difference: UInt8 = 0
        for (a, b) in zip(computed, stored) { difference |= a ^ b }
        return difference == 0 ? record : nil
    }

    static func parse(_ key: String) -> (id: String, secret: String)? {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sp", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    static func hash(secret: String, salt: String) -> String {
        hex(SHA256.hash(data: Array((salt + ":" + secret).utf8)))
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Lower-case hexadecimal (without Foundation's formatting, which cost more than the hash itself).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public struct APIKeyError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
