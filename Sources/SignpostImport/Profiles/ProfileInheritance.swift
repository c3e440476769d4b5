import Foundation

/// `"extends": "NAME"`: a profile that starts from another and adds or overrides what it says.
///
/// The parent is found as `--profile` finds one: a path (containing `/` or ending `.json`, relative to the
/// extending profile's folder), or a name in the profile library (else beside the extending file). It is read whole
/// (its own `extends` first) and checked on its own, so a mistake in it names its file; then the child's JSON is laid
/// over the parent's:
/// - `fields`: a field the child names is added, or merged into the parent's rule key by key. When the child's rule
///   says where the value comes from (`column`, `columns`, `position`, `path`, `paths` or `constant`) the parent's
///   sources are dropped, so the child's replace them; other keys (`default`, `fallback`, `map`...) are added or
///   override. A field set to `null` is removed.
/// - `maps`: entries are added to the parent's map of the same name, or override its keys.
/// - `csv`, `xml`: merged key by key; lists (such as `skip`) are replaced.
/// - anything else the child gives replaces the parent's; `name`, `title`, `description` and `comment` are never
///   inherited.
/// Cycles (`a` extends `b` extends `a`) and unknown names are refused, at `extends`.
struct ProfileInheritance {
    let library: ProfileLibrary?

    /// The keys that say where a field's value comes from.
    static let sourceKeys: Set<String> = ["column", "columns", "position", "path", "paths", "constant"]
    /// Top-level keys never inherited.
    static let ownKeys: Set<String> = ["name", "title", "description", "comment", "extends"]

    /// `object` (the JSON of the profile `name` in `file`) with what it extends laid under it.
    func resolve(_ object: Any, file: String, name: String) throws(ProfileError) -> Any {
        try resolve(object, file: file, chain: [Self.key(file)], names: [name])
    }

    private func resolve(_ object: Any, file: String, chain: [String], names: [String]) throws(ProfileError) -> Any {
        guard let child = object as? [String: Any], let reference = child["extends"] else { return object }
        guard let parentName = reference as? String, !parentName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProfileError(
                "give the name of a profile (such as hsds or airs) or the path of a profile file",
                file: file,
                at: "extends"
            )
        }
        let parentPath = try locate(parentName, from: file)
        let parentKey = Self.key(parentPath)
        if chain.contains(parentKey) {
            throw ProfileError(
                "the profiles extend each other in a circle: \((names + [parentName]).joined(separator: " → "))",
                file: file,
                at: "extends"
            )
        }
        guard let data = FileManager.default.contents(atPath: parentPath) else {
            throw ProfileError("cannot read the profile it extends, \(parentPath)", file: file, at: "extends")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw ProfileError("is not valid JSON: \((error as NSError).localizedDescription)", file: parentPath)
        }
        let parentObject = try resolve(
            parsed,
            file: parentPath,
            chain: chain + [parentKey],
            names: names + [parentName]
        )
        // Checked on its own, so that a mistake in the parent names the parent's file.
        do {
            _ = try ProfileDecoder(file: parentPath).profile(parentObject, name: parentName)
        } catch var error {
            error.file = error.file ?? parentPath
            throw error
        }
        guard let parent = parentObject as? [String: Any] else { return object }
        return Self.merged(parent: parent, child: child)
    }

    /// The file `reference` names, seen from the profile in `file`.
    private func locate(_ reference: String, from file: String) throws(ProfileError) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        if reference.contains("/") || reference.hasSuffix(".json") {
            if reference.hasPrefix("/") { return reference }
            return folder.isEmpty ? reference : "\(folder)/\(reference)"
        }
        var places: [String] = []
        if let library { places.append(library.folder) }
        places.append(folder.isEmpty ? "." : folder)
        for place in places {
            let path = "\(place)/\(reference).json"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        let known = library?.entries().map(\.name) ?? []
        throw ProfileError(
            "there is no profile named '\(reference)' to extend"
                + (known.isEmpty ? "" : "; the profiles are: \(known.joined(separator: ", "))"),
            file: file,
            at: "extends"
        )
    }

    /// A path as compared for cycles.
    private static func key(_ path: String) -> String { (path as NSString).standardizingPath }

    // MARK: Merging

    static func merged(parent: [String: Any], child: [String: Any]) -> [String: Any] {
        var out = parent.filter { !ownKeys.contains($0.key) }
        let format = ((child["format"] ?? parent["format"]) as? String)?.lowercased() ?? "csv"
        for (key, value) in child where key != "extends" {
            if key == "fields", let fields = value as? [String: Any] {
                out[key] = mergedFields(parent: out[key] as? [String: Any] ?? [:], child: fields, format: format)
            } else if let inner = value as? [String: Any], let under = out[key] as? [String: Any] {
                out[key] = deepMerged(under, inner)
            } else {
                out[key] = value
            }
        }
        return out
    }

    private static func mergedFields(parent: [String: Any], child: [String: Any], format: String) -> [String: Any] {
        var out = parent
        for (field, rule) in child {
            if rule is NSNull {
                out[field] = nil
                continue
            }
            guard let override = rule as? [String: Any], let inherited = out[field] else {
                out[field] = rule
                continue
            }
            var base = expanded(inherited, format: format)
            if override.keys.contains(where: sourceKeys.contains) {
                base = base.filter { !sourceKeys.contains($0.key) }
            }
            out[field] = deepMerged(base, override)
        }
        return out
    }

    /// A rule in its long form: a shorthand column name (a path in XML) or position becomes an object.
    private static func expanded(_ rule: Any, format: String) -> [String: Any] {
        if let object = rule as? [String: Any] { return object }
        if let text = rule as? String { return [format == "xml" ? "path" : "column": text] }
        return ["position": rule]
    }

    private static func deepMerged(_ base: [String: Any], _ over: [String: Any]) -> [String: Any] {
        var out = base
        for (key, value) in over {
            if let inner = value as? [String: Any], let under = out[key] as? [String: Any] {
                out[key] = deepMerged(under, inner)
            } else {
                out[key] = value
            }
        }
        return out
    }
}
