import Foundation
public import SignpostCore

/// The import profiles in a folder (`importers/` in Signpost's home): one JSON file per profile, named by its file
/// name without `.json`.
public struct ProfileLibrary: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// One profile file, read or not.
    public struct Entry: Sendable {
        public var name: String
        public var path: String
        public var profile: Result<ImportProfile, ProfileError>
    }

    /// Every profile in the folder, by name.
    public func entries() -> [Entry] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return names.map { fileName in
            let path = "\(folder)/\(fileName)"
            let name = String(fileName.dropLast(5))
            return Entry(
                name: name,
                path: path,
                profile: Result { () throws(ProfileError) in try Self.load(path: path, library: self) }
            )
        }
    }

    /// The profile `nameOrPath` names: a file path (containing `/` or ending `.json`), or a profile's name in the
    /// folder.
    public func profile(_ nameOrPath: String) throws(ProfileError) -> ImportProfile {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            return try Self.load(path: nameOrPath, library: self)
        }
        let path = "\(folder)/\(nameOrPath).json"
        guard FileManager.default.fileExists(atPath: path) else {
            let known = entries().map(\.name)
            throw ProfileError(
                "there is no profile named '\(nameOrPath)' in \(folder)"
                    + (known.isEmpty ? "" : "; the profiles are: \(known.joined(separator: ", "))")
                    + ". Give a path to a profile file, or see `signpost profiles list`"
            )
        }
        return try Self.load(path: path, library: self)
    }

    /// Reads the profile file at `path`; a profile it `extends` is looked for in `library` by name.
    public static func load(path: String, library: ProfileLibrary? = nil) throws(ProfileError) -> ImportProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProfileError("cannot read the profile: it does not exist or is not readable", file: path)
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ImportProfile.decode(json: [UInt8](data), file: path, name: name, library: library)
    }
}
