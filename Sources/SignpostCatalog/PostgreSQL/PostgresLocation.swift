public import Foundation

/// Where a PostgreSQL catalog is: `postgres://USER@HOST:PORT/DATABASE`, optionally `?schema=NAME` (its tables in
/// that schema, created if missing) and `?sslmode=disable|require`. The password is never part of it: it comes from
/// `PGPASSWORD` or a `.pgpass` file (`PGPASSFILE`, else `~/.pgpass`), as for `psql`, so that it shows neither in the
/// process list nor in a shell's history.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// The schema the catalog's tables are in (`nil`: the user's search path, normally `public`).
    public var schema: String?
    /// Whether to insist on TLS. Off by default on the loopback interface, on elsewhere.
    public var requiresTLS: Bool

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// - Parameter environment: where `PGUSER` (the user when the URL names none) is read.
    public init(
        url text: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(CatalogError)
    {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw CatalogError(
                .cannotOpen,
                "'\(text)' is not a PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE"
            )
        }
        if components.password != nil {
            throw CatalogError(
                .cannotOpen,
                "the PostgreSQL URL carries a password, which would show in the process list and the shell's "
                    + "history: remove it from the URL and set PGPASSWORD, or add a line to ~/.pgpass "
                    + "(HOST:PORT:DATABASE:USER:PASSWORD, mode 0600)"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw CatalogError(.cannotOpen, "the PostgreSQL URL '\(text)' names no host")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? NSUserName()
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        let query = components.queryItems ?? []
        schema = query.first { $0.name == "schema" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        if let schema,
            !schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || schema.first?.isNumber == true
        {
            throw CatalogError(
                .cannotOpen,
                "the schema '\(schema)' in the PostgreSQL URL must be letters, digits and _ (not first a digit)"
            )
        }
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
        switch query.first(where: { $0.name == "sslmode" })?.value?.lowercased() {
        case nil: requiresTLS = !loopback
        case "disable": requiresTLS = false
        case "require", "verify-full": requiresTLS = true
        case let other?:
            throw CatalogError(
                .cannotOpen,
                "sslmode '\(other)' in the PostgreSQL URL is not one Signpost knows: use disable or require"
            )
        }
    }

    /// The URL, as a person would write it (no password: it never has one).
    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        if let schema { text += "?schema=\(schema)" }
        return text
    }

    /// The NOTIFY channel a store of this location announces its changes on (one per schema, so that catalogs in
    /// two schemas of a database do not wake each other's servers).
    var channel: String { "signpost_catalog" + (schema.map { "_\($0.lowercased())" } ?? "") }

    /// The password: `PGPASSWORD`, else the first matching line of the `.pgpass` file, else none (trust or peer
    /// authentication). A `.pgpass` that others can read is ignored, as `psql` ignores it; `note` says so.
    func password(environment: [String: String]) -> (password: String?, note: String?) {
        if let password = environment["PGPASSWORD"] { return (password, nil) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let file = environment["PGPASSFILE"] ?? "\(home)/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return (nil, nil) }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            return (nil, "\(file) was ignored: others can read it (chmod 600 \(file))")
        }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return (fields[4], nil) }
        }
        return (nil, nil)
    }

    /// A `.pgpass` line's fields: split at `:`, where `\:` and `\\` stand for themselves.
    static func pgpassFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
