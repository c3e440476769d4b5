import Foundation
public import SignpostCore
import SignpostImport

/// What every fuzz target shares: the vocabularies, loaded once, and ways to cut the input up.
public enum FuzzInput {
    /// Signpost's home: `SIGNPOST_HOME` (which `scripts/fuzz.sh` sets), else the first folder holding
    /// `catalog/vocabularies` above the executable or the current folder.
    public static let home: String = {
        if let home = ProcessInfo.processInfo.environment["SIGNPOST_HOME"], !home.isEmpty { return home }
        var starts = [FileManager.default.currentDirectoryPath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.insert(executable.deletingLastPathComponent().path, at: 0)
        }
        for start in starts {
            var folder = URL(fileURLWithPath: start)
            while folder.path != "/" {
                let vocabularies = folder.appendingPathComponent("catalog/vocabularies").path
                if FileManager.default.fileExists(atPath: vocabularies) { return folder.path }
                folder.deleteLastPathComponent()
            }
        }
        fatalError("cannot find catalog/vocabularies: set SIGNPOST_HOME to the Signpost checkout")
    }()

    /// The vocabularies of `catalog/vocabularies`, loaded on first use (libFuzzer calls the target before
    /// any input, so this happens once, outside the timed runs).
    public static let vocabularies: Vocabularies = {
        do {
            return try VocabularyLoader.load(from: home + "/catalog/vocabularies")
        } catch {
            fatalError("cannot load the vocabularies from \(home)/catalog/vocabularies: \(error)")
        }
    }()

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input cut at its first NUL byte: the part before and the part after (`nil` when there is no NUL).
    public static func split(_ bytes: [UInt8]) -> (head: [UInt8], tail: [UInt8]?) {
        guard let nul = bytes.firstIndex(of: 0) else { return (bytes, nil) }
        return (Array(bytes[..<nul]), Array(bytes[(nul + 1)...]))
    }
}
