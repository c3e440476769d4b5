import Foundation
import GRDB
import SignpostCore

extension SQLiteCatalog {
    /// Keeps a report, and drops the oldest of its analysis beyond the newest 24.
    public func keep(_ report: KeptGapReport) async throws(CatalogError) {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: "INSERT INTO gap_report (made_at, analysis, import_id, statuses) VALUES (?, ?, ?, ?)",
                    arguments: [
                        Timestamp.string(from: report.madeAt), report.analysis, report.importID?.rawValue,
                        report.statuses,
                    ]
                )
                try db.execute(
                    sql: """
                        DELETE FROM gap_report WHERE analysis = ? AND id NOT IN
                            (SELECT id FROM gap_report WHERE analysis = ? ORDER BY id DESC LIMIT ?)
                        """,
                    arguments: [report.analysis, report.analysis, CatalogKeys.keptReportsPerAnalysis]
                )
            }
        } catch {
            throw CatalogError(.storage, "cannot keep the gap report in the catalog: \(Self.reason(error))")
        }
    }

    /// The kept reports of an analysis, newest first.
    public func keptReports(analysis: String) async throws(CatalogError) -> [KeptGapReport] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, made_at, analysis, import_id, statuses FROM gap_report
                    WHERE analysis = ? ORDER BY id DESC
                    """,
                arguments: [analysis]
            ).map { row in
                KeptGapReport(
                    id: row[0],
                    madeAt: Timestamp.date(from: row[1]) ?? Date(timeIntervalSince1970: 0),
                    analysis: row[2],
                    importID: (row[3] as Int64?).map { ImportID($0) },
                    statuses: row[4]
                )
            }
        }
    }
}
