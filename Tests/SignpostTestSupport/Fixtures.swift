import Foundation
public import SignpostCore

/// Fixture builders shared by the test targets.
public enum Fixtures {
    /// The project's root folder (the one holding Package.swift), found from this source file.
    public static var projectRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The path of one of the package's built executables (`signpost`, `signpost-server`), found beside the test
    /// bundle in the build folder; nil when it has not been built.
    public static func executable(_ name: String) -> String? {
        var folder = Bundle.main.bundleURL.resolvingSymlinksInPath()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs a built executable with `arguments` and returns its exit status and standard error. The wait is on a
    /// thread of its own: a test blocking one of Swift's two shared threads for a program's run kept other suites'
    /// timers waiting for tens of seconds.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> (status: Int32, error: String) {
        try await offThePool { try runWaiting(executable, arguments, environment: environment) }
    }

    /// Runs a built executable with `arguments` and returns its exit status, standard output and standard error, the
    /// wait on a thread of its own (see ``run(_:_:environment:)``).
    public static func capture(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> (status: Int32, output: String, error: String) {
        try await offThePool { try captureWaiting(executable, arguments, environment: environment) }
    }

    /// Runs `body` on a thread of its own and waits for it without holding one of Swift's shared threads.
    static func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    static func runWaiting(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]
    ) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    static func captureWaiting(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error is read on a thread of its own, so that neither pipe fills while the other is read.
        let errorText = OSAllocatedText()
        let reader = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorText.isSet { usleep(1_000) }
        return (process.terminationStatus, String(decoding: text, as: UTF8.self), errorText.text)
    }

    /// The folder of the project's vocabulary files.
    public static var vocabularyFolder: String { "\(projectRoot)/catalog/vocabularies" }

    /// A service with realistic defaults; change what a test needs.
    public static func service(
        source: String = "test-list",
        recordID: String = "T-001",
        name: String = "Leeds Domestic Abuse Outreach",
        needTypes: [NeedType] = ["domestic-abuse"],
        coverage: [AreaCode] = [AreaCode("E23000010")],
        status: ServiceStatus = .accepting
    ) -> Service {
        let sourceName = SourceName(source)
        return Service(
            id: ServiceID(source: sourceName, recordID: recordID),
            name: name,
            description: "Outreach and safety planning.",
            provider: Provider(
                id: ProviderID("charity-9000001"),
                name: "Aire Valley Support (sample)",
                charityNumber: "9000001"
            ),
            status: status,
            needTypes: needTypes,
            specialisms: ["women-only"],
            eligibility: Eligibility(minimumAge: 16, genders: ["female"]),
            languages: ["en", "pl"],
            offersInterpreting: true,
            channels: ["phone", "outreach"],
            referralRoutes: ["police", "self"],
            coverage: Coverage(areas: coverage),
            locations: [
                ServiceLocation(
                    name: "Leeds hub",
                    town: "Leeds",
                    postcode: Postcode("LS1 4AP"),
                    point: GeoPoint(latitude: 53.7965, longitude: -1.5478)
                )
            ],
            capacity: Capacity(available: 6, maximum: 40, unit: .cases, updated: CalendarDate(iso: "2026-11-01")),
            waitingTime: WaitingTime(days: 9, asOf: CalendarDate(iso: "2026-11-01")),
            commissioning: Commissioning(
                commissioner: "West Yorkshire (sample)",
                contractEnd: CalendarDate(iso: "2027-03-31")
            ),
            contact: Contact(phone: "0113 496 0000"),
            provenance: Provenance(
                source: sourceName,
                sourceRecordID: recordID,
                lastVerified: CalendarDate(iso: "2026-10-01")
            )
        )
    }
}

/// Text handed from a reading thread.
private final class OSAllocatedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ data: Data) { lock.withLock { self.data = data } }
    var isSet: Bool { lock.withLock { data != nil } }
    var text: String { lock.withLock { String(decoding: data ?? Data(), as: UTF8.self) } }
}
