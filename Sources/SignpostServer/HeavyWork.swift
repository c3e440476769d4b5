import Dispatch
import Foundation
import HTTPTypes
import Synchronization

/// Heavy work (gap reports) on threads of its own, never on the request event loops nor on Swift's shared pool (two
/// threads on two cores: one report there stalls every route, `/healthz` included). At most `width` jobs run at once
/// and `queue` more wait; beyond that a request is refused at once with 503 and `Retry-After`. A caller that stops
/// waiting (its deadline, its client gone) sets the job's stop flag, which the work reads at its loops.
final class HeavyWork: Sendable {
    let width: Int
    let queue: Int
    private let admitted = Mutex(0)
    private let running: DispatchSemaphore

    init(width: Int = 1, queue: Int = 2) {
        self.width = max(1, width)
        self.queue = max(0, queue)
        running = DispatchSemaphore(value: max(1, width))
    }

    /// Jobs running or waiting.
    var load: Int { admitted.withLock { $0 } }

    /// Whether a job should stop: set once, read by the work.
    final class StopFlag: Sendable {
        private let value = Atomic(false)
        func stop() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    /// Runs `work` on a thread of its own once a slot is free; throws 503 when too many jobs are admitted, and
    /// CancellationError when the calling task is cancelled (the work is told to stop and its result dropped).
    func run<Value: Sendable>(_ work: @escaping @Sendable (StopFlag) throws -> Value) async throws -> Value {
        let accepted = admitted.withLock { count in
            guard count < width + queue else { return false }
            count += 1
            return true
        }
        guard accepted else {
            throw Problem(
                .serviceUnavailable,
                "Busy",
                detail: "\(width + queue) reports are already running or waiting; try again shortly",
                headers: [.retryAfter: "5"]
            )
        }
        let flag = StopFlag()
        let once = ResumeOnce<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                let thread = Thread { [self] in
                    running.wait()
                    defer {
                        running.signal()
                        admitted.withLock { $0 -= 1 }
                    }
                    guard !flag.isSet else { return once.resume(with: .failure(CancellationError())) }
                    once.resume(with: Result { try work(flag) })
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            // The caller's answer first, then the work told to stop: its own result, if it still gives one, is
            // dropped.
            once.resume(with: .failure(CancellationError()))
            flag.stop()
        }
    }
}

/// Resumes a continuation once, with whichever result comes first (the work, or the caller giving up).
final class ResumeOnce<Value: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Value, any Error>?, early: Result<Value, any Error>?)>(
        (nil, nil)
    )

    func set(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func resume(with result: Result<Value, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard let continuation = state.continuation else {
                if state.early == nil { state.early = result }
                return nil
            }
            state.continuation = nil
            state.early = result
            return continuation
        }
        waiting?.resume(with: result)
    }
}

/// Answers kept for the catalog they were computed from: the same report asked again (a board pack refreshed, two
/// commissioners on one link), or the same page of services (a victim hub's usual search), is served from memory until
/// the catalog changes. At most `limit` answers and `byteLimit` bytes are kept; the oldest goes first. Only memory:
/// nothing is written anywhere.
final class AnswerCache: Sendable {
    private let limit: Int
    private let byteLimit: Int
    private let state = Mutex<(answers: [String: [UInt8]], order: [String], bytes: Int)>(([:], [], 0))

    init(limit: Int = 32, byteLimit: Int = 64 << 20) {
        self.limit = max(1, limit)
        self.byteLimit = max(1, byteLimit)
    }

    func answer(for key: String) -> [UInt8]? { state.withLock { $0.answers[key] } }

    func keep(_ answer: [UInt8], for key: String) {
        guard answer.count <= byteLimit else { return }
        state.withLock { state in
            if let previous = state.answers.updateValue(answer, forKey: key) {
                state.bytes -= previous.count
            } else {
                state.order.append(key)
            }
            state.bytes += answer.count
            while state.order.count > limit || state.bytes > byteLimit {
                let oldest = state.order.removeFirst()
                state.bytes -= state.answers.removeValue(forKey: oldest)?.count ?? 0
            }
        }
    }
}
