import Foundation

/// Which layout of Open Referral tables a folder holds, as far as the reader can tell.
public enum HSDSVersion: String, Hashable, Codable, Sendable, CustomStringConvertible {
    /// An HSDS 1.1 tabular data package (`datapackage.json` plus CSVs): `physical_addresses.csv`,
    /// `services_at_location.csv`, `regular_schedules.csv`, `languages.language`, taxonomy through
    /// `services.taxonomy_ids` or `service_taxonomy.csv` into `taxonomy.csv`. The 2.0 packages that keep these tables
    /// (with `service_attributes.csv` and `taxonomy_terms.csv`) read the same way.
    case hsds11 = "1.1"
    /// HSDS 3.0, or the Open Referral UK 3.0 profile of it.
    case hsds30 = "3.0"
    /// HSDS 3.1: 3.0 with `service_capacity.csv` and `units.csv`.
    case hsds31 = "3.1"
    /// An Ohana API CSV export (Code for America's Ohana, HSDS's forerunner): `organizations.csv`, `locations.csv`
    /// (with `organization_id`), `services.csv` hanging off locations by `location_id` (and naming no organisation),
    /// `addresses.csv`, `mail_addresses.csv`, `phones.csv`, `contacts.csv`, `regular_schedules.csv`,
    /// `holiday_schedules.csv`, `programs.csv`, and Open Eligibility terms in `taxonomy.csv` (`taxonomy_id`). Its
    /// tables look like HSDS 1.1's, but services reach their organisation through their location.
    case ohana = "ohana"

    public var description: String { self == .ohana ? "Ohana API export" : "HSDS \(rawValue)" }

    /// Tables only the 1.x and 2.x data packages have.
    static let legacyTables = [
        "physical_addresses", "postal_addresses", "services_at_location", "regular_schedules", "service_taxonomy",
        "service_attributes", "eligibility",
    ]

    /// What the folder's `datapackage.json` and files say: the version, and the folder the CSVs are in (a data
    /// package may list them under a subfolder such as `data/`). A folder without a data package whose services
    /// name a `location_id` but no `organization_id` is an Ohana export.
    static func detect(folder: String) -> (version: HSDSVersion, tables: String) {
        let files = FileManager.default
        func has(_ table: String, in directory: String) -> Bool {
            files.fileExists(atPath: (directory as NSString).appendingPathComponent(table + ".csv"))
        }
        var tables = folder
        var declared: HSDSVersion?
        let packagePath = (folder as NSString).appendingPathComponent("datapackage.json")
        // Only a regular file is opened: a named pipe with no writer would block for ever.
        if InputFileKind(path: packagePath) == .regularFile, let data = files.contents(atPath: packagePath),
            let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            let resources = (package["resources"] as? [[String: Any]]) ?? []
            let paths = resources.compactMap { $0["path"] as? String }
            let names = resources.compactMap { $0["name"] as? String }
            // CSVs listed under one subfolder that holds services.csv.
            let directories = Set(paths.map { ($0 as NSString).deletingLastPathComponent })
            if directories.count == 1, let directory = directories.first, !directory.isEmpty {
                let candidate = (folder as NSString).appendingPathComponent(directory)
                if !has("services", in: folder), has("services", in: candidate) { tables = candidate }
            }
            let stems = paths.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
            if let version = package["version"] as? String {
                if version.hasPrefix("1.") || version.hasPrefix("2.") || version == "1" || version == "2" {
                    declared = .hsds11
                } else if version.hasPrefix("3.1") {
                    declared = .hsds31
                } else if version.hasPrefix("3") {
                    declared = .hsds30
                }
            }
            if declared == nil,
                stems.contains(where: legacyTables.contains)
                    || names.contains(where: {
                        ["physical_address", "service_taxonomy", "regular_schedule"].contains($0)
                    })
            {
                declared = .hsds11
            }
        }
        if let declared { return (declared, tables) }
        if let services = header(of: ["services", "service"], in: tables), services.contains("location_id"),
            !services.contains("organization_id")
        {
            return (.ohana, tables)
        }
        if legacyTables.contains(where: { has($0, in: tables) }) { return (.hsds11, tables) }
        if has("service_capacity", in: tables) || has("units", in: tables) { return (.hsds31, tables) }
        return (.hsds30, tables)
    }

    /// The column names (lower-cased) of the first of `tables` in `folder` that exists, from its header row.
    static func header(of tables: [String], in folder: String) -> Set<String>? {
        for table in tables {
            let path = (folder as NSString).appendingPathComponent(table + ".csv")
            guard InputFileKind(path: path) == .regularFile else { continue }
            guard let reader = try? CSVReader(path: path), case .record(let header)? = try? reader.next() else {
                return nil
            }
            return Set(header.fields.map { $0.trimmed.lowercased() })
        }
        return nil
    }
}
