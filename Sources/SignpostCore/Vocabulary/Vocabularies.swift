/// The full set of Signpost's vocabularies, loaded once at start-up, with lookups from any spelling to a code.
public struct Vocabularies: Sendable {
    private let byName: [VocabularyName: Vocabulary]
    /// The shipped postcode-district table (`postcode-districts.csv`): read by code only, so kept apart from the
    /// vocabularies, which are looked up by any spelling.
    public let postcodeDistricts: PostcodeDistrictTable

    /// Takes one vocabulary of each name and the postcode-district table; throws when a vocabulary is missing.
    public init(
        _ vocabularies: [Vocabulary],
        postcodeDistricts: PostcodeDistrictTable = PostcodeDistrictTable([])
    ) throws(VocabularyError) {
        self.postcodeDistricts = postcodeDistricts
        var byName: [VocabularyName: Vocabulary] = [:]
        for vocabulary in vocabularies { byName[vocabulary.name] = vocabulary }
        for name in VocabularyName.allCases where byName[name] == nil {
            throw VocabularyError(vocabulary: name, message: "the vocabulary is missing")
        }
        self.byName = byName
    }

    /// The vocabulary called `name`.
    public subscript(name: VocabularyName) -> Vocabulary {
        guard let vocabulary = byName[name] else { preconditionFailure("Vocabularies.init checks every name") }
        return vocabulary
    }

    /// The code that `text` names in the vocabulary of `Kind`, by code, label or alias.
    public func resolve<Kind>(_ text: some StringProtocol, as type: VocabularyCode<Kind>.Type) -> VocabularyCode<Kind>?
    {
        self[Kind.vocabulary].term(for: text).map { VocabularyCode<Kind>($0.code) }
    }

    /// The area that `text` names: `national`, a country, a police force area (code or name), a local authority (code
    /// or name), a postcode area or a postcode district. `nil` when it names none.
    public func resolveArea(_ text: some StringProtocol) -> AreaCode? {
        // Fast path: a code written as a code (the common case in large lists).
        let exact = AreaCode(String(text))
        switch exact.kind {
        case .national, .country, .localAuthority: return exact
        case .policeForceArea: if self[.policeForceAreas].contains(code: exact.rawValue) { return exact }
        case .postcodeArea, .postcodeDistrict:
            if let area = exact.postcodeArea, self[.postcodeAreas].contains(code: area.rawValue) { return exact }
        case .unknown: break
        }
        let normal = Vocabulary.normalise(text)
        switch normal {
        case "national", "england and wales", "e and w", "england wales", "all": return .national
        case "england": return .england
        case "wales", "cymru": return .wales
        default: break
        }
        let upper = String(text).uppercased().filter { $0 != " " }
        let code = AreaCode(upper)
        switch code.kind {
        case .country, .localAuthority:
            return code
        case .policeForceArea:
            return self[.policeForceAreas].term(code: upper) == nil ? nil : code
        case .postcodeArea, .postcodeDistrict:
            if let area = code.postcodeArea, self[.postcodeAreas].term(code: area.rawValue) != nil { return code }
        case .national, .unknown:
            break
        }
        if let force = self[.policeForceAreas].term(for: text) { return AreaCode(force.code) }
        if let authority = self[.localAuthorities].term(for: text) { return AreaCode(authority.code) }
        return nil
    }

    /// The police force areas a postcode area falls in, most of its postcodes first.
    public func forceAreas(ofPostcodeArea area: AreaCode) -> [AreaCode] {
        guard let term = self[.postcodeAreas].term(code: area.rawValue) else { return [] }
        return (term.attributes["force_areas"] ?? "").split(separator: ";").map {
            AreaCode($0.filter { $0 != " " })
        }
    }

    /// A readable name for an area code (`West Yorkshire` for `E23000010`), or the code itself.
    public func label(ofArea area: AreaCode) -> String {
        switch area.kind {
        case .national: return "England and Wales"
        case .country: return area == .wales ? "Wales" : "England"
        case .policeForceArea: return self[.policeForceAreas].term(code: area.rawValue)?.label ?? area.rawValue
        case .postcodeArea:
            return self[.postcodeAreas].term(code: area.rawValue).map { "\(area.rawValue) (\($0.label))" }
                ?? area.rawValue
        case .localAuthority: return self[.localAuthorities].term(code: area.rawValue)?.label ?? area.rawValue
        case .postcodeDistrict, .unknown: return area.rawValue
        }
    }
}

extension Vocabularies {
    /// The police force areas an area lies in or overlaps: a force area itself; the forces of a postcode area or
    /// district (from the postcode-areas vocabulary); every force of a country, or of England and Wales; the force of
    /// a local authority (from the local-authorities vocabulary; empty for an authority it does not list).
    public func forceAreas(covering area: AreaCode) -> [AreaCode] {
        switch area.kind {
        case .policeForceArea:
            return [area]
        case .postcodeArea, .postcodeDistrict:
            return area.postcodeArea.map { forceAreas(ofPostcodeArea: $0) } ?? []
        case .national:
            return self[.policeForceAreas].terms.map { AreaCode($0.code) }
        case .country:
            let country = area == .wales ? "Wales" : "England"
            return self[.policeForceAreas].terms.filter { $0.attributes["country"] == country }.map {
                AreaCode($0.code)
            }
        case .localAuthority:
            guard let force = self[.localAuthorities].term(code: area.rawValue)?.attributes["force_area"] else {
                return []
            }
            return [AreaCode(force)]
        case .unknown:
            return []
        }
    }
}
