public import Foundation
public import SignpostMatching

/// An earlier gap report (the JSON of `signpost gaps --format json` or `GET /gaps`), read for what a comparison
/// needs: each cell's status, and when and at what level the report was made.
public struct EarlierGapReport: Sendable {
    public struct Key: Hashable, Sendable {
        public var area: String
        public var need: String
        public var by: String?
    }

    public var generatedAt: String?
    public var level: String?
    public var statuses: [Key: CoverageStatus]

    /// The report in `data`.
    /// - Throws: ``GapReportReadError`` naming what is missing or malformed.
    public static func read(_ data: Data) throws(GapReportReadError) -> EarlierGapReport {
        struct Document: Decodable {
            struct Parameters: Decodable { var level: String? }
            struct Cell: Decodable {
                var area: String
                var need: String
                var by: String?
                var status: CoverageStatus
            }
            var generatedAt: String?
            var parameters: Parameters?
            var cells: [Cell]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let document: Document
        do {
            document = try decoder.decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw GapReportReadError(reason: Self.describe(error))
        } catch {
            throw GapReportReadError(reason: "\(error)")
        }
        var statuses: [Key: CoverageStatus] = [:]
        for cell in document.cells { statuses[Key(area: cell.area, need: cell.need, by: cell.by)] = cell.status }
        return EarlierGapReport(
            generatedAt: document.generatedAt,
            level: document.parameters?.level,
            statuses: statuses
        )
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "it has no \(path): is it the JSON of `signpost gaps --format json`?"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "it is not JSON" : "\(path) is not what a gap report holds"
        @unknown default:
            return "it cannot be read"
        }
    }
}

/// Why an earlier gap report could not be read.
public struct GapReportReadError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

extension GapDocument {
    /// What changed since an earlier report: how many cells became gaps, recovered and so on.
    public struct Comparison: Encodable, Sendable {
        /// When the earlier report was made.
        public var earlierGeneratedAt: String?
        public var becameGap: Int
        public var becameAtRisk: Int
        public var improved: Int
        public var recovered: Int
        public var new: Int
    }

    /// Marks each cell with its change since `earlier` and counts the changes.
    public mutating func compare(with earlier: EarlierGapReport) {
        var counts: [CoverageChange: Int] = [:]
        for index in cells.indices {
            let cell = cells[index]
            let before = earlier.statuses[EarlierGapReport.Key(area: cell.area, need: cell.need, by: cell.by)]
            let change = CoverageChange.from(before, to: cell.status)
            cells[index].change = change
            if let change { counts[change, default: 0] += 1 }
        }
        comparison = Comparison(
            earlierGeneratedAt: earlier.generatedAt,
            becameGap: counts[.becameGap] ?? 0,
            becameAtRisk: counts[.becameAtRisk] ?? 0,
            improved: counts[.improved] ?? 0,
            recovered: counts[.recovered] ?? 0,
            new: counts[.new] ?? 0
        )
    }
}

extension GapDocument {
    /// What a later report compares with: when it was made, its level and each cell's status, as the JSON
    /// ``EarlierGapReport/read(_:)`` reads. Kept in the catalog by `signpost gaps`.
    public func statusesJSON() throws -> Data {
        struct Statuses: Encodable {
            struct Parameters: Encodable { var level: String }
            struct Cell: Encodable {
                var area: String
                var need: String
                var by: String?
                var status: CoverageStatus
            }
            var generatedAt: String
            var parameters: Parameters
            var cells: [Cell]
        }
        let statuses = Statuses(
            generatedAt: generatedAt,
            parameters: .init(level: parameters.level),
            cells: cells.map { .init(area: $0.area, need: $0.need, by: $0.by, status: $0.status) }
        )
        return Data(try JSONOutput.encode(statuses, compact: true).utf8)
    }

    /// The analysis a report is of, as a key: reports with the same key (level, areas, need types and split) compare
    /// cell for cell. The level in words, then a 64-bit FNV-1a hash of the rest.
    public var analysisKey: String {
        let parts = [
            parameters.areas.joined(separator: ","), parameters.needs.joined(separator: ","), parameters.by ?? "",
            parameters.byValues.joined(separator: ","),
        ]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "|").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(parameters.level):" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
