public import SignpostCore
public import SignpostImport
public import SignpostMatching

/// A gap analysis as asked for, by `signpost gaps` or `GET /gaps`: both build their request the same way, so the same
/// options give the same analysis.
public struct GapRequest: Sendable {
    public var level: GapLevel
    /// The areas to look within (empty: England and Wales).
    public var areas: [AreaCode]
    /// The need types (empty: every need type).
    public var needs: [NeedType]
    public var split: GapSplit?
    /// The languages or specialisms to split by (empty: those the demand file names, else the Census languages or
    /// every specialism).
    public var splitValues: [String]
    /// How many languages the default list gives.
    public var maxLanguages: Int
    public var thresholds: GapThresholds
    /// The day the windows count from (nil: today).
    public var asOf: CalendarDate?
    /// The demand file read, and the name it was read from (for the notes).
    public var demand: DemandFile?
    public var demandName: String

    public init(
        level: GapLevel = .forceArea,
        areas: [AreaCode] = [],
        needs: [NeedType] = [],
        split: GapSplit? = nil,
        splitValues: [String] = [],
        maxLanguages: Int = 40,
        thresholds: GapThresholds = GapThresholds(),
        asOf: CalendarDate? = nil,
        demand: DemandFile? = nil,
        demandName: String = "demand"
    ) {
        self.level = level
        self.areas = areas
        self.needs = needs
        self.split = split
        self.splitValues = splitValues
        self.maxLanguages = maxLanguages
        self.thresholds = thresholds
        self.asOf = asOf
        self.demand = demand
        self.demandName = demandName
    }
}

/// Something the person asking should know about how the request was read. The words are written where it is shown.
public enum GapNote: Sendable, Hashable {
    /// The demand file gives demand by this column, but the analysis is not split by it: its rows are added up.
    case demandSplitAdded(column: String)
    /// The demand file has no `period` column: every count is taken as a year's.
    case demandTakenAsYearly
    /// A demand row that cannot be counted at the analysis's level, and why.
    case demandRowNotCounted(line: Int, area: AreaCode, placement: DemandPlacement)
    /// Demand rows that fall in areas outside the analysis.
    case demandRowsOutside(count: Int)
    /// No ONS postcode directory is imported: the districts are those the services name.
    case districtsNamedByServices(count: Int)
}

/// What was asked for, as the analysis's query, with the notes on how it was read.
public struct GapPlan: Sendable {
    public var query: GapQuery
    public var notes: [GapNote]
}

/// Why a request cannot be analysed.
public enum GapRequestError: Error, Sendable, Hashable {
    /// No area at the level lies within the areas given.
    case noAreas(level: GapLevel, within: [AreaCode])
}

/// Builds the analysis a request asks for: the areas at its level, the split values, the demand placed at the
/// level. Shared by the command line and the API.
public enum GapWorkflow {
    /// - Parameters:
    ///   - services: the catalog's services (for the districts they name, when `districts` is empty).
    ///   - districts: the postcode districts of the imported ONS directory (district level only).
    public static func plan(
        _ request: GapRequest,
        services: [Service],
        districts: [PostcodeGroupRecord],
        vocabularies: Vocabularies,
        today: CalendarDate
    ) throws(GapRequestError) -> GapPlan {
        var notes: [GapNote] = []
        let selection = GapAreaSelection(vocabularies: vocabularies)
        var known = districts
        if request.level == .postcodeDistrict, known.isEmpty {
            known = selection.districtsNamed(by: services)
            notes.append(.districtsNamedByServices(count: known.count))
        }
        let areas = selection.areas(level: request.level, within: request.areas, districts: known)
        guard !areas.isEmpty else { throw .noAreas(level: request.level, within: request.areas) }
        var demand: GapDemand?
        if let file = request.demand {
            if let column = file.splitColumn, column != request.split?.rawValue {
                notes.append(.demandSplitAdded(column: column))
            }
            if !file.hasPeriodColumn { notes.append(.demandTakenAsYearly) }
            let placed = place(file, level: request.level, areas: areas, vocabularies: vocabularies)
            demand = placed.demand
            notes += placed.notes
        }
        let values = splitValues(request, vocabularies: vocabularies)
        let query = GapQuery(
            level: request.level,
            areas: areas,
            needs: request.needs.isEmpty ? vocabularies[.needTypes].terms.map { NeedType($0.code) } : request.needs,
            split: request.split,
            splitValues: values,
            thresholds: request.thresholds,
            demand: demand,
            today: request.asOf ?? today
        )
        return GapPlan(query: query, notes: notes)
    }

    /// The most spoken main languages of England and Wales other than English and Welsh, most spoken first (the
    /// `census_2021_rank` of `languages.csv`).
    public static func censusLanguages(_ vocabularies: Vocabularies, limit: Int = 40) -> [String] {
        vocabularies[.languages].terms.compactMap { term in
            term.attributes["census_2021_rank"].flatMap { Int($0) }.map { (rank: $0, code: term.code) }
        }.sorted { $0.rank < $1.rank }.prefix(limit).map(\.code)
    }

    /// The split values: those asked for; else the demand file's; else, for languages, the Census list, and for
    /// specialisms, every one.
    static func splitValues(_ request: GapRequest, vocabularies: Vocabularies) -> [String] {
        guard let split = request.split else { return [] }
        if !request.splitValues.isEmpty { return request.splitValues }
        if let file = request.demand, file.splitColumn == split.rawValue {
            let named = Array(Set(file.rows.compactMap(\.by))).sorted()
            if !named.isEmpty { return named }
        }
        switch split {
        case .language: return censusLanguages(vocabularies, limit: request.maxLanguages)
        case .specialism: return vocabularies[.specialisms].terms.map(\.code)
        }
    }

    /// The demand table of an analysis: each row counted, as a year's, in the area it falls in at `level` (a local
    /// authority's toward its force, a district's toward its authority: ``DemandPlacement``). Rows that cannot be
    /// placed, or fall outside the areas analysed, are noted and not counted.
    static func place(
        _ file: DemandFile,
        level: GapLevel,
        areas: [GapArea],
        vocabularies: Vocabularies
    ) -> (demand: GapDemand, notes: [GapNote]) {
        var table = GapDemand()
        let analysed = Set(areas.map(\.code))
        var notes: [GapNote] = []
        var outside = 0
        for row in file.rows {
            let placement = DemandPlacement.of(row.area, at: level, vocabularies: vocabularies)
            switch placement {
            case .area(let area) where analysed.contains(area):
                table.add(row.perYear, for: GapDemand.Key(area: area, need: row.need, by: row.by))
            case .area:
                outside += 1
            case .coarser, .straddles, .unplaced:
                notes.append(.demandRowNotCounted(line: row.line, area: row.area, placement: placement))
            }
        }
        if outside > 0 { notes.append(.demandRowsOutside(count: outside)) }
        return (table, notes)
    }
}
