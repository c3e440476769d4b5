public import Foundation
public import SignpostCore

// Records every store keeps beside its services.

/// The postcode geography held by a catalog: what was imported, from where, when.
public struct GeographySummary: Hashable, Codable, Sendable {
    /// The file imported (an ONS NSPL or ONSPD CSV).
    public var file: String
    public var importedAt: Date
    /// Postcodes stored, live and terminated.
    public var postcodes: Int
    /// Of those, terminated ones.
    public var terminated: Int
    /// Of those, ones with a point.
    public var located: Int
    /// Postcode districts derived (`LS1`).
    public var districts: Int
    /// Postcode sectors derived (`LS1 4`).
    public var sectors: Int

    public init(
        file: String,
        importedAt: Date,
        postcodes: Int,
        terminated: Int,
        located: Int,
        districts: Int,
        sectors: Int
    ) {
        self.file = file
        self.importedAt = importedAt
        self.postcodes = postcodes
        self.terminated = terminated
        self.located = located
        self.districts = districts
        self.sectors = sectors
    }
}

/// A gap report kept in the catalog: which analysis it was, when it was made, against which import, and its cells'
/// statuses (as the JSON an earlier report is read from; no victim data).
public struct KeptGapReport: Sendable, Hashable {
    public var id: Int64
    public var madeAt: Date
    /// The analysis: its level, areas, need types and split, as one key (reports of the same key compare).
    public var analysis: String
    /// The latest import when it was made.
    public var importID: ImportID?
    public var statuses: Data

    public init(id: Int64 = 0, madeAt: Date, analysis: String, importID: ImportID?, statuses: Data) {
        self.id = id
        self.madeAt = madeAt
        self.analysis = analysis
        self.importID = importID
        self.statuses = statuses
    }
}
