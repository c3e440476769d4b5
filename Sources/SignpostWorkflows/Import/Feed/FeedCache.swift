import Crypto
import Foundation

/// What a feed pull keeps between runs, in a folder of its own per feed: each service document fetched (a file named
/// by a hash of its id) and an index of their `ETag`s and `last_modified`s. A cache that cannot be read or written is
/// passed over: the feed is then asked for everything, as on a first run.
struct FeedCache {
    struct Entry: Codable {
        var file: String
        var etag: String?
        var lastModified: String?

        enum CodingKeys: String, CodingKey {
            case file
            case etag
            case lastModified = "last_modified"
        }
    }

    private struct Index: Codable {
        var services: [String: Entry]
    }

    /// The folder, or `nil` when nothing is cached.
    let folder: String?
    private var entries: [String: Entry] = [:]
    private var changed = false

    init(folder: String?) {
        self.folder = folder
        guard let folder, let data = FileManager.default.contents(atPath: "\(folder)/index.json"),
            let index = try? JSONDecoder().decode(Index.self, from: data)
        else { return }
        entries = index.services
    }

    /// A short, stable name for `text` (a feed's address, a service's id) that is safe as a file name.
    static func key(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    func entry(_ id: String) -> Entry? { entries[id] }

    /// The cached document of service `id`, if it is there.
    func document(_ id: String) -> [UInt8]? {
        guard let folder, let entry = entries[id],
            let data = FileManager.default.contents(atPath: "\(folder)/\(entry.file)")
        else { return nil }
        return [UInt8](data)
    }

    mutating func store(_ id: String, bytes: [UInt8], etag: String?, lastModified: String?) {
        guard let folder else { return }
        let file = "services/\(Self.key(of: id)).json"
        do {
            try FileManager.default.createDirectory(atPath: "\(folder)/services", withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(file)"), options: .atomic)
        } catch {
            return
        }
        entries[id] = Entry(file: file, etag: etag, lastModified: lastModified)
        changed = true
    }

    /// Writes the index, when something was stored.
    func save() {
        guard let folder, changed, let data = try? JSONEncoder().encode(Index(services: entries)) else { return }
        try? data.write(to: URL(fileURLWithPath: "\(folder)/index.json"), options: .atomic)
    }
}
