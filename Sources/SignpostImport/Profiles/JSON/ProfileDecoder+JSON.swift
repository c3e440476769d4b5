extension ImportProfile.Layout {
    /// Whether the layout is JSON, whose fields are read by ``JSONPath`` (kept as ``FieldSource/column(_:)`` with
    /// the path's text, so that the profile's rules are shared with CSV).
    var isJSON: Bool {
        if case .json = self { true } else { false }
    }
}

extension ProfileDecoder {
    /// The `json` section: `records` (where the list is) and `location` (where a record's locations are).
    func jsonLayout(_ object: Any?) throws(ProfileError) -> JSONLayout {
        guard let object else { return JSONLayout() }
        let section = try dictionary(object, at: "json")
        try onlyKeys(section, ["records", "location", "comment"], at: "json")
        var layout = JSONLayout()
        if let text = try text(section["records"], at: "json.records") {
            do { layout.records = try JSONPath(text) } catch { throw ProfileError(error.message, at: "json.records") }
        }
        if let text = try text(section["location"], at: "json.location") {
            do { layout.location = try JSONPath(text) } catch { throw ProfileError(error.message, at: "json.location") }
        }
        return layout
    }

    /// Every field of a JSON profile is read by path: each path must parse, and positions mean nothing.
    func checkJSONPaths(_ fields: [FieldRule]) throws(ProfileError) {
        for rule in fields {
            let place = "fields.\(rule.field.column)"
            for source in rule.sources {
                switch source {
                case .column(let text):
                    do { _ = try JSONPath(text) } catch { throw ProfileError(error.message, at: place) }
                case .position:
                    throw ProfileError(
                        "a JSON record has no column positions; give a path such as contact.phone",
                        at: place
                    )
                case .path, .constant: break
                }
            }
        }
    }

    /// Refuses a layout section (`json`, `xlsx`) given with another format.
    func checkLayoutSections(_ top: [String: Any], format: String) throws(ProfileError) {
        for section in ["json", "xlsx"] where top[section] != nil {
            let matches =
                section == "xlsx" ? ["xlsx", "excel"].contains(format.lowercased()) : format.lowercased() == section
            if !matches {
                throw ProfileError(
                    "a\(section == "xlsx" ? "n" : "") \(section) section is given but the format is \(format)",
                    at: section
                )
            }
        }
    }
}
