import Foundation
public import SignpostCore

/// Services handed to a running import in batches, so that reading and validating the next batch overlaps storing
/// the last one. The producer calls ``send(_:)`` for each batch and then ``finish(_:)`` (or ``fail(_:)`` to roll the
/// import back); the catalog consumes the batches inside its one transaction. A bounded buffer keeps memory flat.
public final class ServiceFeed: @unchecked Sendable {
    /// What is known only once every file has been read.
    public struct Ending: Sendable {
        /// Sources whose services absent from the import are withdrawn (`--replace`).
        public var replacing: Set<SourceName>
        /// Services never withdrawn although absent: rejected records of the new files.
        public var retained: Set<ServiceID>
        /// Records rejected while reading, for the import's record.
        public var rejectedCount: Int

        public init(replacing: Set<SourceName> = [], retained: Set<ServiceID> = [], rejectedCount: Int = 0) {
            self.replacing = replacing
            self.retained = retained
            self.rejectedCount = rejectedCount
        }
    }

    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[Service]] = []
    private var ending: Result<Ending, any Error>?
    private var abandoned = false

    /// A feed buffering at most `capacity` batches.
    public init(capacity: Int = 4) { self.capacity = max(1, capacity) }

    /// A feed already holding all its services.
    public convenience init(services: [Service], ending: Ending) {
        self.init(capacity: 1)
        batches = services.isEmpty ? [] : [services]
        self.ending = .success(ending)
    }

    /// Hands over a batch, waiting while the buffer is full. Returns `false` when the import has stopped (its
    /// consumer failed): the producer should stop reading.
    @discardableResult
    public func send(_ batch: [Service]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity, !abandoned { condition.wait() }
        guard !abandoned, ending == nil else { return false }
        if !batch.isEmpty { batches.append(batch) }
        condition.broadcast()
        return true
    }

    /// Ends the feed: the import may commit.
    public func finish(_ ending: Ending) { end(.success(ending)) }

    /// Ends the feed with an error: the import rolls back and rethrows it.
    public func fail(_ error: any Error) { end(.failure(error)) }

    private func end(_ result: Result<Ending, any Error>) {
        condition.lock()
        if ending == nil { ending = result }
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for it; `nil` once the feed has finished.
    /// - Throws: the error the producer failed with.
    func next() throws -> [Service]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, ending == nil { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        switch ending {
        case .failure(let error): throw error
        case .success, .none: return nil
        }
    }

    /// How the feed ended (after ``next()`` returned `nil`).
    func finalEnding() throws -> Ending {
        condition.lock()
        defer { condition.unlock() }
        switch ending {
        case .success(let ending): return ending
        case .failure(let error): throw error
        case .none: return Ending()
        }
    }

    /// Called by the consumer when it stops early, so that a waiting producer is released.
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
    }
}
