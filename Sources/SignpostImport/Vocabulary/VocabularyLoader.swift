import Foundation
public import SignpostCore

/// Loads Signpost's vocabularies from `catalog/vocabularies/` (one CSV file each, see its README).
public enum VocabularyLoader {
    /// Reads every vocabulary from `directory`.
    /// - Throws: ``VocabularyError`` naming the file and line of the first problem.
    public static func load(from directory: String) throws(VocabularyError) -> Vocabularies {
        var vocabularies: [Vocabulary] = []
        for name in VocabularyName.allCases {
            let path = (directory as NSString).appendingPathComponent(name.fileName)
            let data: [UInt8]
            do {
                data = try CSVFileSource.contents(of: path)
            } catch {
                throw VocabularyError(vocabulary: name, message: "cannot read \(path): \(error.message)")
            }
            vocabularies.append(try parse(data, name: name))
        }
        let districtsPath = (directory as NSString).appendingPathComponent(districtsFile)
        let districts: [UInt8]
        do {
            districts = try CSVFileSource.contents(of: districtsPath)
        } catch {
            throw VocabularyError(
                vocabulary: .postcodeAreas,
                message: "cannot read \(districtsPath), the postcode-district table that places postcodes: "
                    + error.message
            )
        }
        return try Vocabularies(vocabularies, postcodeDistricts: try parseDistricts(districts))
    }

    /// The postcode-district table's file, beside the vocabularies (see catalog/vocabularies/README.md).
    public static let districtsFile = "postcode-districts.csv"

    /// Parses the postcode-district table: `code,label,country,local_authority,force_areas,latitude,longitude,...`.
    public static func parseDistricts(_ bytes: [UInt8]) throws(VocabularyError) -> PostcodeDistrictTable {
        let records = try records(of: bytes, vocabulary: .postcodeAreas, file: districtsFile)
        guard let header = records.first else {
            throw VocabularyError(vocabulary: .postcodeAreas, message: "\(districtsFile) is empty")
        }
        let columns = header.fields.map { $0.trimmed.lowercased() }
        func column(_ name: String) throws(VocabularyError) -> Int {
            guard let index = columns.firstIndex(of: name) else {
                throw VocabularyError(vocabulary: .postcodeAreas, message: "\(districtsFile) has no column '\(name)'")
            }
            return index
        }
        let code = try column("code")
        let label = try column("label")
        let country = try column("country")
        let authority = try column("local_authority")
        let forces = try column("force_areas")
        let latitude = try column("latitude")
        let longitude = try column("longitude")
        var districts: [ShippedPostcodeDistrict] = []
        districts.reserveCapacity(records.count)
        for record in records.dropFirst() {
            func cell(_ index: Int) -> String { index < record.fields.count ? record.fields[index].trimmed : "" }
            let text = cell(code)
            guard !text.isEmpty else { continue }
            var centroid: GeoPoint?
            if let north = Double(cell(latitude)), let east = Double(cell(longitude)) {
                centroid = GeoPoint(latitude: north, longitude: east)
            }
            let authorityCode = cell(authority)
            districts.append(
                ShippedPostcodeDistrict(
                    code: text,
                    town: cell(label),
                    country: PostcodeCountry(rawValue: cell(country)),
                    localAuthority: authorityCode.isEmpty ? nil : AreaCode(authorityCode),
                    forceAreas: cell(forces).split(separator: ";").map { AreaCode(String($0)) },
                    centroid: centroid
                )
            )
        }
        return PostcodeDistrictTable(districts)
    }

    /// Parses one vocabulary file's bytes.
    public static func parse(_ bytes: [UInt8], name: VocabularyName) throws(VocabularyError) -> Vocabulary {
        let records = try records(of: bytes, vocabulary: name)
        guard let header = records.first else { throw VocabularyError(vocabulary: name, message: "the file is empty") }
        let columns = header.fields.map { $0.trimmed.lowercased() }
        guard let codeColumn = columns.firstIndex(of: "code"), let labelColumn = columns.firstIndex(of: "label") else {
            throw VocabularyError(vocabulary: name, message: "line \(header.line): the header needs 'code' and 'label'")
        }
        let aliasColumn = columns.firstIndex(of: "aliases")
        let descriptionColumn = columns.firstIndex(of: "description")
        var terms: [VocabularyTerm] = []
        var codes = Set<String>()
        for record in records.dropFirst() {
            func cell(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmed
            }
            let code = cell(codeColumn)
            guard !code.isEmpty else {
                throw VocabularyError(vocabulary: name, message: "line \(record.line): a term has no code")
            }
            guard codes.insert(code).inserted else {
                throw VocabularyError(vocabulary: name, message: "line \(record.line): code '\(code)' appears twice")
            }
            var aliases = cell(aliasColumn).split(separator: ";").map(\.trimmed).filter { !$0.isEmpty }
            var attributes: [String: String] = [:]
            for (index, column) in columns.enumerated()
            where ![codeColumn, labelColumn, aliasColumn, descriptionColumn].contains(index) {
                let value = cell(index)
                guard !value.isEmpty else { continue }
                attributes[column] = value
                if column.hasPrefix("iso639"), value != code, !aliases.contains(value) { aliases.append(value) }
            }
            let description = cell(descriptionColumn)
            terms.append(
                VocabularyTerm(
                    code: code,
                    label: cell(labelColumn),
                    aliases: aliases,
                    description: description.isEmpty ? nil : description,
                    attributes: attributes
                )
            )
        }
        if let limit = name.maximumTerms, terms.count > limit {
            throw VocabularyError(
                vocabulary: name,
                message: "has \(terms.count) terms; at most \(limit) are supported (the matcher holds them as bits)"
            )
        }
        return try Vocabulary(name: name, terms: terms)
    }

    /// The records of a vocabulary file (comma-separated); a record that cannot be read fails the vocabulary.
    private static func records(
        of bytes: [UInt8],
        vocabulary: VocabularyName,
        file: String? = nil
    ) throws(VocabularyError) -> [CSVRecord] {
        do {
            return try CSVDocument(raw: bytes, delimiter: UInt8(ascii: ",")).records()
        } catch {
            let place = file.map { "\($0) " } ?? ""
            throw VocabularyError(vocabulary: vocabulary, message: "\(place)line \(error.line): \(error.problem)")
        }
    }
}
