#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in chunks. Only regular files are opened: a named pipe, device or socket is refused before it is
/// opened (a pipe with no writer would block for ever), and the file is checked again once open.
public final class CSVFileSource: CSVByteSource {
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: ``CSVReadError`` when the path is missing, not a regular file, or cannot be opened.
    public init(path: String) throws(CSVReadError) {
        self.path = path
        switch InputFileKind(path: path) {
        case .regularFile: break
        case .folder:
            throw CSVReadError(path: path, message: "is a folder, not a file")
        case .missing:
            throw CSVReadError(path: path, message: "cannot read the file: it does not exist or is not readable")
        case .other(let what):
            throw CSVReadError(path: path, message: InputFileKind.notRegularMessage(what))
        }
        // Non-blocking, so that a path swapped for a pipe since the check cannot hang the open.
        let opened = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else {
            throw CSVReadError(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(opened, &info) == 0, InputFileKind(mode: UInt32(info.st_mode)) == .regularFile else {
            let kind = InputFileKind(mode: UInt32(info.st_mode))
            close(opened)
            if case .other(let what) = kind {
                throw CSVReadError(path: path, message: InputFileKind.notRegularMessage(what))
            }
            throw CSVReadError(path: path, message: "is not a regular file")
        }
        let flags = fcntl(opened, F_GETFL)
        if flags >= 0 { _ = fcntl(opened, F_SETFL, flags & ~O_NONBLOCK) }
        descriptor = opened
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(CSVReadError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, base, buffer.count)
            #else
            let count = Darwin.read(descriptor, base, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CSVReadError(path: path, message: "reading failed: \(String(cString: strerror(errno)))")
        }
    }

    public func rewind() throws(CSVReadError) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw CSVReadError(path: path, message: "cannot go back to the start: \(String(cString: strerror(errno)))")
        }
    }

    /// The whole of a small regular file (a vocabulary, a table), refusing anything that is not a regular file.
    public static func contents(of path: String) throws(CSVReadError) -> [UInt8] {
        let source = try CSVFileSource(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { buffer throws(CSVReadError) in
                try source.read(into: buffer)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
