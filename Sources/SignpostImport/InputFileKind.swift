#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, found without opening it: opening a named pipe that has no writer would wait for ever.
public enum InputFileKind: Hashable, Sendable {
    case regularFile
    case folder
    /// Nothing there (or it cannot be looked at).
    case missing
    /// A named pipe, device or socket; the words say which (`a named pipe (FIFO)`).
    case other(String)

    /// The kind of `path`, following symbolic links.
    public init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        self = InputFileKind(mode: UInt32(info.st_mode))
    }

    init(mode: UInt32) {
        switch mode & 0o170_000 {
        case 0o100_000: self = .regularFile
        case 0o040_000: self = .folder
        case 0o010_000: self = .other("a named pipe (FIFO)")
        case 0o020_000: self = .other("a character device")
        case 0o060_000: self = .other("a block device")
        case 0o140_000: self = .other("a socket")
        default: self = .other("an unknown kind of file")
        }
    }

    /// The message for a path that is not a regular file: `is not a regular file but a named pipe (FIFO); ...`.
    public static func notRegularMessage(_ what: String) -> String {
        "is not a regular file but \(what); give the path of a file saved on disk"
    }
}
