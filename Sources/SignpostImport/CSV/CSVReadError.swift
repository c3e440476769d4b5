/// A CSV input that could not be read at all: not a regular file, not readable, or failing part-way.
public struct CSVReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path (or a name for other inputs).
    public var path: String
    /// What is wrong, without the path: `is not a regular file but a named pipe (FIFO)...`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
