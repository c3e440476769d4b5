import Foundation

/// A JSON Schema validator limited to the keywords the HSDS 3.0 compiled schemas (with the ORUK profile applied) use:
/// `type` (one or a list), `properties`, `required`, `items`, `enum`, `additionalProperties` (false), `minimum`,
/// `maximum`, and `format` for `uuid`, `uri`, `email`, `date` and `date-time`. Any other keyword is refused when the
/// schema is loaded, so a schema that needs more is never half-checked.
/// Sendable by hand: the schema is a tree of immutable Foundation values, only read.
struct JSONSchemaValidator: @unchecked Sendable {
    let schema: [String: Any]

    static let keywords: Set<String> = [
        "type", "properties", "required", "items", "enum", "additionalProperties", "minimum", "maximum", "format",
    ]

    struct UnsupportedKeyword: Error, CustomStringConvertible {
        let path: String
        let keyword: String
        var description: String { "\(path): the validator does not support the keyword '\(keyword)'" }
    }

    /// One way a document breaks the schema.
    struct Failure: CustomStringConvertible, Equatable {
        let path: String
        let message: String
        var description: String { "\(path): \(message)" }
    }

    init(schema: [String: Any]) throws {
        try Self.check(schema, path: "#")
        self.schema = schema
    }

    init(data: Data) throws {
        guard let schema = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UnsupportedKeyword(path: "#", keyword: "(not an object)")
        }
        try self.init(schema: schema)
    }

    private static func check(_ schema: [String: Any], path: String) throws {
        for (key, value) in schema {
            guard keywords.contains(key) else { throw UnsupportedKeyword(path: path, keyword: key) }
            if key == "properties", let properties = value as? [String: Any] {
                for (name, inner) in properties {
                    if let inner = inner as? [String: Any] { try check(inner, path: "\(path)/properties/\(name)") }
                }
            }
            if key == "items", let inner = value as? [String: Any] { try check(inner, path: "\(path)/items") }
        }
    }

    /// Every failure of `document` (parsed by JSONSerialization), with its JSON path (`$.organization.description`).
    func validate(_ document: Any) -> [Failure] {
        var failures: [Failure] = []
        Self.validate(document, against: schema, path: "$", into: &failures)
        return failures
    }

    func validate(json data: Data) -> [Failure] {
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return [Failure(path: "$", message: "not JSON")]
        }
        return validate(document)
    }

    /// The JSON type of a value JSONSerialization made.
    static func kind(of value: Any) -> String {
        if value is NSNull { return "null" }
        if value is String { return "string" }
        if value is [Any] { return "array" }
        if value is [String: Any] { return "object" }
        if let number = value as? NSNumber {
            // Foundation gives JSON's true and false as NSNumbers of a C char (`is Bool` also holds for 0 and 1).
            let code = String(cString: number.objCType)
            if code == "c" || code == "B" { return "boolean" }
            return code == "d" || code == "f" ? "number" : "integer"
        }
        return "unknown"
    }

    private static func validate(
        _ value: Any,
        against schema: [String: Any],
        path: String,
        into failures: inout [Failure]
    ) {
        let kind = kind(of: value)
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            let fits = allowed.contains(kind) || (kind == "integer" && allowed.contains("number"))
            if !fits {
                failures.append(Failure(path: path, message: "is \(kind), not \(allowed.joined(separator: " or "))"))
                return
            }
        }
        if let options = schema["enum"] as? [Any] {
            let text = value as? String
            if text == nil || !options.contains(where: { ($0 as? String) == text }) {
                failures.append(Failure(path: path, message: "'\(value)' is not one of \(options)"))
            }
        }
        if let text = value as? String, let format = schema["format"] as? String, !Self.conforms(text, to: format) {
            failures.append(Failure(path: path, message: "'\(text)' is not a \(format)"))
        }
        if let number = value as? NSNumber, kind != "boolean" {
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < minimum {
                failures.append(Failure(path: path, message: "\(number) is below the minimum \(minimum)"))
            }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > maximum {
                failures.append(Failure(path: path, message: "\(number) is above the maximum \(maximum)"))
            }
        }
        if let object = value as? [String: Any] {
            for name in (schema["required"] as? [String]) ?? [] where object[name] == nil {
                failures.append(Failure(path: "\(path).\(name)", message: "is required and missing"))
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (name, inner) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] as? [String: Any] {
                    validate(inner, against: property, path: "\(path).\(name)", into: &failures)
                } else if (schema["additionalProperties"] as? Bool) == false {
                    failures.append(Failure(path: "\(path).\(name)", message: "is not allowed"))
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() {
                validate(item, against: items, path: "\(path)[\(index)]", into: &failures)
            }
        }
    }

    /// Whether `text` is written as `format` says (the formats the HSDS schemas name).
    static func conforms(_ text: String, to format: String) -> Bool {
        func matches(_ pattern: String) -> Bool {
            text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
        switch format {
        case "uuid": return matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        case "uri": return matches("^[a-z][a-z0-9+.-]*:[^\\s]+$")
        case "email": return matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
        case "date": return matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        case "date-time":
            return matches(
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
            )
        default: return true
        }
    }
}
