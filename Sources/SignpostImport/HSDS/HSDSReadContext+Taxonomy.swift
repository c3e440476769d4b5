import SignpostCore

/// The taxonomy ids and term codes of Signpost's own HSDS export (written by SignpostOpenReferral's
/// `HSDSTableBuilder`; the round-trip tests hold the two together).
///
/// A taxonomy counts as Signpost's when its id is one of these and its name (in `taxonomies.csv`, else the term's
/// `taxonomy` column) starts with "Signpost", so another publisher's taxonomy that happens to be called `channels` is
/// read the ordinary way.
enum HSDSSignpostTerms {
    /// The taxonomy of single values HSDS has no column for; an attribute's `value` holds the value.
    static let detailsTaxonomy = "signpost-service"
    /// The term, in ``detailsTaxonomy``, of a location attribute that marks the location confidential.
    static let confidential = "confidential"

    /// Signpost vocabularies published as taxonomies (id: the vocabulary's name), and the list field each fills.
    static let listFields: [VocabularyName: ServiceField] = [
        .needTypes: .needTypes, .specialisms: .specialisms, .genders: .genders, .crimeTypes: .crimeTypes,
        .riskLevels: .riskLevels, .channels: .channels, .referralRoutes: .referralRoutes,
        .accessibility: .accessibility, .languages: .languages,
    ]

    /// Terms of ``detailsTaxonomy``: the field whose value a service attribute holds.
    static let detailFields: [String: ServiceField] = [
        "status": .status, "interpreting": .interpreting, "bsl": .bsl, "wait-days": .waitDays,
        "wait-as-of": .waitAsOf, "contract-end": .contractEnd,
    ]
}

extension HSDSReadContext {
    /// Links services to taxonomy terms: 3.0 `attributes.csv` (+ `taxonomy_terms.csv`), 2.0 `service_attributes.csv`,
    /// 1.1 `service_taxonomy.csv` and `services.taxonomy_ids` (+ `taxonomy.csv`). Terms become need types and
    /// specialisms through the vocabularies' aliases; terms of Signpost's own taxonomies fill the field they name.
    mutating func readTaxonomy(services: HSDSTable) {
        let termNames =
            version == .hsds11 || version == .ohana
            ? ["taxonomy_terms", "taxonomy_term", "taxonomy"] : ["taxonomy_terms", "taxonomy_term"]
        let termTable = load(names: termNames)
        var terms: [String: HSDSRow] = [:]
        for row in termTable?.rows ?? [] {
            // Ohana's Open Eligibility terms are keyed by taxonomy_id.
            let id = version == .ohana ? row.first("id", "taxonomy_id") : row["id"]
            if let id, terms[id] == nil { terms[id] = row }
        }
        let termFile = termTable?.files.first ?? "\(termNames[0]).csv"
        var taxonomyNames: [String: String] = [:]
        for row in taxonomies?.rows ?? [] {
            if let id = row["id"], let name = row["name"], taxonomyNames[id] == nil { taxonomyNames[id] = name }
        }
        let knowledge = TermKnowledge(terms: terms, file: termFile, taxonomyNames: taxonomyNames)

        if let attributes = load("attributes", "attribute") {
            for row in attributes.rows {
                guard let linkID = row["link_id"], let termID = row["taxonomy_term_id"] else { continue }
                // Signpost's API publishes UUIDs and keeps the readable id in an attribute: the record keeps it.
                if row["link_type"] == "signpost_id", let readable = row["value"], let position = recordIndex[linkID] {
                    records[position][.sourceRecordID] = readable
                    continue
                }
                let entity = row["link_entity"]?.lowercased()
                if entity == "location" || entity == "locations" {
                    linkLocation(row, locationID: linkID, termID: termID, knowledge: knowledge)
                    continue
                }
                guard entity == nil || entity == "service" || entity == "services" else { continue }
                guard let position = recordIndex[linkID] else {
                    orphan(row, column: "link_id", id: linkID, kind: "service in \(tables.services).csv")
                    continue
                }
                guard let term = terms[termID] else {
                    orphan(row, column: "taxonomy_term_id", id: termID, kind: "term in \(termFile)")
                    continue
                }
                apply(term: term, spellings: [], value: row["value"], to: [position], row: row, knowledge: knowledge)
            }
        }
        // HSDS 1.1 services.taxonomy_ids: comma-separated term ids.
        for row in services.rows {
            guard let ids = row["taxonomy_ids"], let id = row["id"], let position = recordIndex[id],
                records[position].line == row.line
            else { continue }
            for termID in ids.split(whereSeparator: { $0 == "," || $0 == ";" }).map({ $0.trimmed })
            where !termID.isEmpty {
                link(termID: termID, to: [position], row: row, column: "taxonomy_ids", knowledge: knowledge)
            }
        }
        // Ohana services.keywords: comma-separated words, read as terms' names.
        if services.columns.contains("keywords") {
            for row in services.rows {
                guard let text = row["keywords"], let position = position(of: row) else { continue }
                for keyword in Self.splitOutsideBrackets(text) {
                    apply(term: nil, spellings: [keyword], value: nil, to: [position], row: row, knowledge: knowledge)
                }
            }
        }
        // HSDS 2.0 service_attributes.csv and 1.1 service_taxonomy.csv: one row per service and term.
        for (names, column) in [
            (["service_attributes", "service_attribute"], "taxonomy_term_id"), (["service_taxonomy"], "taxonomy_id"),
        ] {
            guard let table = load(names: names) else { continue }
            for row in table.rows {
                guard let termID = row[column] ?? row.first("taxonomy_term_id", "taxonomy_id") else { continue }
                let owners = owners(of: row)
                guard !owners.isEmpty else { continue }
                link(termID: termID, to: owners, row: row, column: column, knowledge: knowledge)
            }
        }
    }

    /// What is known about the terms of the folder.
    struct TermKnowledge {
        let terms: [String: HSDSRow]
        let file: String
        let taxonomyNames: [String: String]

        /// The Signpost taxonomy a term belongs to, if it belongs to one.
        func signpostTaxonomy(of term: HSDSRow) -> String? {
            guard let id = term["taxonomy_id"] else { return nil }
            let known =
                id == HSDSSignpostTerms.detailsTaxonomy
                || VocabularyName(rawValue: id).flatMap { HSDSSignpostTerms.listFields[$0] } != nil
            guard known, (taxonomyNames[id] ?? term["taxonomy"])?.hasPrefix("Signpost") == true else { return nil }
            return id
        }
    }

    /// Links the services at `positions` to the term `termID`: a term of the terms table, or, when the folder has no
    /// terms table at all, the id itself read as a term's name or code.
    private mutating func link(
        termID: String,
        to positions: [Int],
        row: HSDSRow,
        column: String,
        knowledge: TermKnowledge
    ) {
        if let term = knowledge.terms[termID] {
            apply(term: term, spellings: [], value: nil, to: positions, row: row, knowledge: knowledge)
        } else if knowledge.terms.isEmpty {
            apply(term: nil, spellings: [termID], value: nil, to: positions, row: row, knowledge: knowledge)
        } else {
            orphan(row, column: column, id: termID, kind: "term in \(knowledge.file)")
        }
    }

    /// Adds what `term` (or, without one, `spellings`) says to the services at `positions`.
    private mutating func apply(
        term: HSDSRow?,
        spellings given: [String],
        value: String?,
        to positions: [Int],
        row: HSDSRow,
        knowledge: TermKnowledge
    ) {
        if let term, let taxonomy = knowledge.signpostTaxonomy(of: term) {
            if taxonomy == HSDSSignpostTerms.detailsTaxonomy {
                guard let code = term["code"], let field = HSDSSignpostTerms.detailFields[code] else {
                    if let text = term.first("code", "name") { unmapped.add(text, field: "Signpost detail", row: row) }
                    return
                }
                guard let value else { return }
                for position in positions { records[position][field] = value }
                return
            }
            if let name = VocabularyName(rawValue: taxonomy), let field = HSDSSignpostTerms.listFields[name] {
                let vocabulary = vocabularies[name]
                let code = [term["code"], term["name"]].compactMap { $0 }.lazy.compactMap { vocabulary.code(for: $0) }
                    .first
                guard let code else {
                    if let text = term.first("code", "name") { unmapped.add(text, field: name.rawValue, row: row) }
                    return
                }
                for position in positions { records[position].append(code, to: field, line: row.line) }
                return
            }
        }
        let spellings = term.map { [$0["name"], $0["term"], $0["code"]].compactMap { $0 } } ?? given
        let vocabularies = self.vocabularies
        if let termMap, let codes = spellings.lazy.compactMap({ termMap.codes(for: $0) }).first {
            if !codes.contains(where: { vocabularies.resolve($0, as: NeedType.self) != nil }) {
                noteUnmapped(.needTypes, at: positions)
            }
            for code in codes {
                let need = vocabularies.resolve(code, as: NeedType.self)
                let specialism = need == nil ? vocabularies.resolve(code, as: Specialism.self) : nil
                for position in positions {
                    if let need { records[position].append(need.rawValue, to: .needTypes, line: row.line) }
                    if let specialism {
                        records[position].append(specialism.rawValue, to: .specialisms, line: row.line)
                    }
                }
            }
            return
        }
        let need = spellings.lazy.compactMap { vocabularies.resolve($0, as: NeedType.self) }.first
        let specialism = spellings.lazy.compactMap { vocabularies.resolve($0, as: Specialism.self) }.first
        for position in positions {
            if let need { records[position].append(need.rawValue, to: .needTypes, line: row.line) }
            if let specialism { records[position].append(specialism.rawValue, to: .specialisms, line: row.line) }
        }
        if need == nil, specialism == nil, let text = spellings.first {
            unmapped.add(text, field: "need type or specialism", row: row)
        }
        if need == nil { noteUnmapped(.needTypes, at: positions) }
    }

    /// A location attribute: Signpost's `confidential` mark. Other location attributes are not read.
    private mutating func linkLocation(_ row: HSDSRow, locationID: String, termID: String, knowledge: TermKnowledge) {
        guard let term = knowledge.terms[termID],
            knowledge.signpostTaxonomy(of: term) == HSDSSignpostTerms.detailsTaxonomy,
            term["code"] == HSDSSignpostTerms.confidential
        else { return }
        guard let slots = locationSlots[locationID] else {
            orphan(row, column: "link_id", id: locationID, kind: "location offering a service")
            return
        }
        for slot in slots {
            records[slot.position].locations[slot.index].values[.locationConfidential] = row["value"] ?? "yes"
        }
    }
}
