public import Foundation

/// A one-line progress bar on standard error, by bytes read across all files. Only drawn when standard error is a
/// terminal (the caller decides).
public final class ProgressBar {
    private let total: Int
    private let files: Int
    private var lastDrawn = -1

    public init(total: Int, files: Int) {
        self.total = max(total, 1)
        self.files = files
    }

    public func update(_ done: Int, file: Int, name: String) {
        let percent = min(100, 100 * done / total)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text = "\r\u{1B}[2Kreading [\(bar)] \(percent)%  file \(file)/\(files) \(name)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    public func finish() {
        lastDrawn = -1
        update(total, file: files, name: "")
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
