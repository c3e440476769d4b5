import Foundation
import SignpostCore

/// The public in-person locations of the catalog's services on a grid of 0.25° cells (about 28 by 17 km in England),
/// stored cell after cell in flat arrays: the locations near a point are a few contiguous runs, one per row of cells,
/// read without hashing or pointer chasing.
struct LocationGrid: Sendable {
    /// One location: its service, its point and the service's need types (to skip services meeting no need).
    struct Entry: Sendable {
        var service: Int32
        var needs: UInt64
        var point: GeoPoint
    }

    static let cellSize = 0.25

    private let entries: [Entry]
    /// Where each cell's entries start in `entries` (cell `i` has `start[i]..<start[i + 1]`).
    private let start: [Int32]
    private let firstRow: Int
    private let firstColumn: Int
    private let rows: Int
    private let columns: Int

    static func row(_ latitude: Double) -> Int { Int((latitude / cellSize).rounded(.down)) }
    static func column(_ longitude: Double) -> Int { Int((longitude / cellSize).rounded(.down)) }

    init(_ locations: [Entry]) {
        guard !locations.isEmpty else {
            entries = []
            start = [0]
            (firstRow, firstColumn, rows, columns) = (0, 0, 0, 0)
            return
        }
        let rowsOf = locations.map { Self.row($0.point.latitude) }
        let columnsOf = locations.map { Self.column($0.point.longitude) }
        firstRow = rowsOf.min() ?? 0
        firstColumn = columnsOf.min() ?? 0
        rows = (rowsOf.max() ?? 0) - firstRow + 1
        columns = (columnsOf.max() ?? 0) - firstColumn + 1
        var counts = [Int32](repeating: 0, count: rows * columns + 1)
        var cells: [Int] = []
        cells.reserveCapacity(locations.count)
        for index in locations.indices {
            let cell = (rowsOf[index] - firstRow) * columns + (columnsOf[index] - firstColumn)
            cells.append(cell)
            counts[cell + 1] += 1
        }
        for cell in 0..<(rows * columns) { counts[cell + 1] += counts[cell] }
        start = counts
        var next = counts
        var sorted = locations
        for index in locations.indices {
            sorted[Int(next[cells[index]])] = locations[index]
            next[cells[index]] += 1
        }
        entries = sorted
    }

    /// Calls `body` with every entry in the cells within about `kilometres` of `point` whose service meets a need
    /// in `mask` (a superset of the circle: the caller measures).
    @inline(__always)
    func visit(near point: GeoPoint, kilometres: Double, mask: UInt64, _ body: (Entry) -> Void) {
        guard rows > 0 else { return }
        let latitudeSpan = kilometres / 111.0
        let longitudeSpan = kilometres / max(1, 111.0 * cos(point.latitude * .pi / 180))
        let low = max(Self.row(point.latitude - latitudeSpan) - firstRow, 0)
        let high = min(Self.row(point.latitude + latitudeSpan) - firstRow, rows - 1)
        let west = max(Self.column(point.longitude - longitudeSpan) - firstColumn, 0)
        let east = min(Self.column(point.longitude + longitudeSpan) - firstColumn, columns - 1)
        guard low <= high, west <= east else { return }
        entries.withUnsafeBufferPointer { entries in
            for row in low...high {
                let from = Int(start[row * columns + west])
                let to = Int(start[row * columns + east + 1])
                for index in from..<to where entries[index].needs & mask != 0 { body(entries[index]) }
            }
        }
    }
}
