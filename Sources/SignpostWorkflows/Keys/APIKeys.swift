import Crypto
public import Foundation
public import SignpostCatalog

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
    public mutating func create(
        name: String,
        role: Role,
        scope: APIKeyRecord.Scope? = nil,
        now: Date = Date()
    ) -> String {
        let (key, record) = Self.newKey(name: name, role: role, scope: scope, now: now) { id in
            records.contains { $0.id == id }
        }
        records.append(record)
        return key
    }

    /// A new key and the record that stores only its hash; `taken` tells an id already in use.
    public static func newKey(
        name: String,
        role: Role,
        scope: APIKeyRecord.Scope? = nil,
        now: Date = Date(),
        taken: (String) -> Bool = { _ in false }
    ) -> (key: String, record: APIKeyRecord) {
        var id = randomHex(bytes: 6)
        while taken(id) { id = randomHex(bytes: 6) }
        let secret = randomHex(bytes: 24)
        let salt = randomHex(bytes: 16)
        let record = APIKeyRecord(
            id: id,
            name: name,
            role: role,
            salt: salt,
            hash: hash(secret: secret, salt: salt),
            createdAt: now,
            scope: scope
        )
        return ("sp_\(id)_\(secret)", record)
    }

    /// The id of a key given whole (`sp_<id>_<secret>`) or by its id.
    public static func id(of idOrKey: String) -> String { parse(idOrKey)?.id ?? idOrKey }

    /// Revokes the key with this id (or whole key); false when there is none.
    public mutating func revoke(_ idOrKey: String, now: Date = Date()) -> Bool {
        let id = Self.id(of: idOrKey)
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
