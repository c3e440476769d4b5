/// Where a CSV reader gets its bytes, a chunk at a time: a file (``CSVFileSource``) or bytes in memory
/// (``CSVMemorySource``). The encoding is detected in a first pass, so a source must be able to start again.
public protocol CSVByteSource {
    /// Reads the next bytes into `buffer` (at most its count) and returns how many were read; 0 at the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(CSVReadError) -> Int
    /// Goes back to the first byte.
    mutating func rewind() throws(CSVReadError)
}

/// Bytes already in memory, read as a CSV source (tests and small inputs).
public struct CSVMemorySource: CSVByteSource, Sendable {
    public let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
            to.update(from: from + position, count: count)
        }
        position += count
        return count
    }

    public mutating func rewind() { position = 0 }
}
