public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a feed may cost and how patiently it is asked.
public struct FeedSettings: Sendable {
    /// Services asked for per page of `/services`.
    public var perPage = 100
    /// How long one request may take, from asking to the last byte.
    public var timeout: TimeInterval = 30
    /// How many times a request that failed for a reason that may pass (no connection, a timeout, 429, 5xx) is
    /// asked again.
    public var retries = 3
    /// The wait before the first retry; each later one waits twice as long (at most 30 s; a `Retry-After` of up to
    /// 30 s is honoured instead).
    public var backoff: TimeInterval = 0.5
    /// The most pages read: a feed whose paging never ends is stopped here, with a message.
    public var maximumPages = 10_000
    /// The most one answer may hold.
    public var maximumBytes = 32 << 20
    /// How many service documents are fetched at once.
    public var concurrency = 4
    /// The folder keeping what was fetched, so that a re-run asks only for what changed; `nil` for none.
    public var cacheFolder: String?
    /// Sent as `Authorization: Bearer KEY` (read from `SIGNPOST_FEED_KEY`, never a flag).
    public var apiKey: String?

    public init() {}
}

/// Why a feed could not be read: the address asked and what went wrong. Nothing of the feed is imported.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    public var address: String
    public var message: String

    public init(address: String, message: String) {
        self.address = address
        self.message = message
    }

    public var description: String { "\(address): \(message)" }
}

/// One answer from a feed.
struct FeedAnswer: Sendable {
    var status: Int
    var body: [UInt8]
    var etag: String?
    /// Seconds the feed asked to wait before asking again (`Retry-After`), when it said.
    var retryAfter: TimeInterval?
}

/// Asks a feed over HTTP(S) with URLSession: every answer bounded in size and time, and retried with backoff when
/// the failure may pass.
final class FeedFetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let settings: FeedSettings
    /// Set once, in `init` (the session needs `self` as its delegate).
    private var session: URLSession?
    private let lock = NSLock()
    /// Task id -> the answer being received and who waits for it.
    private var pending: [Int: Pending] = [:]

    private struct Pending {
        var continuation: CheckedContinuation<FeedAnswer, any Error>
        var response: HTTPURLResponse?
        var body: [UInt8] = []
        var tooLarge = false
    }

    /// Why one attempt failed.
    enum Failure: Error {
        /// No answer: the connection, the name, a timeout.
        case transport(String)
        /// The answer was larger than allowed.
        case tooLarge(Int)
    }

    init(settings: FeedSettings) {
        self.settings = settings
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout
        configuration.httpMaximumConnectionsPerHost = max(settings.concurrency, 1)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func close() { session?.finishTasksAndInvalidate() }

    /// GETs `url`, retrying what may pass; answers with any status the caller decides about (2xx, 304, 404...).
    /// - Throws: ``FeedError`` when no usable answer came after the retries.
    func get(_ url: URL, etag: String? = nil) async throws(FeedError) -> FeedAnswer {
        var attempt = 0
        while true {
            var wait = min(settings.backoff * pow(2, Double(attempt)), 30)
            let problem: String
            do {
                let answer = try await once(url, etag: etag)
                guard answer.status == 429 || answer.status >= 500 else { return answer }
                problem = "the feed answered \(answer.status) \(Self.reason(answer.status))"
                if let after = answer.retryAfter { wait = min(after, 30) }
            } catch Failure.tooLarge(let limit) {
                throw FeedError(
                    address: url.absoluteString,
                    message: "the answer is larger than \(limit >> 20) MiB, the most one answer may hold; nothing "
                        + "was imported"
                )
            } catch Failure.transport(let message) {
                problem = message
            } catch {
                problem = String(describing: error)
            }
            guard attempt < settings.retries else {
                let tries = attempt + 1
                throw FeedError(
                    address: url.absoluteString,
                    message: "\(problem) (asked \(tries) time\(tries == 1 ? "" : "s")); nothing was imported"
                )
            }
            attempt += 1
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    private func once(_ url: URL, etag: String?) async throws -> FeedAnswer {
        var request = URLRequest(
            url: url,
            cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: settings.timeout
        )
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("signpost-feed-pull", forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let key = settings.apiKey { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        guard let session else { throw Failure.transport("the feed client was closed") }
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        // The whole answer must arrive within the timeout, however slowly its bytes trickle in.
        let deadline = DispatchWorkItem { [weak task] in task?.cancel() }
        DispatchQueue.global().asyncAfter(deadline: .now() + settings.timeout, execute: deadline)
        defer { deadline.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            lock.withLock { pending[id] = Pending(continuation: continuation) }
            task.resume()
        }
    }

    // MARK: URLSessionDataDelegate

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        let length = http?.expectedContentLength ?? -1
        let tooLarge = length > Int64(settings.maximumBytes)
        lock.withLock {
            pending[dataTask.taskIdentifier]?.response = http
            if tooLarge { pending[dataTask.taskIdentifier]?.tooLarge = true }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            guard var entry = pending[dataTask.taskIdentifier] else { return false }
            if entry.body.count + data.count > settings.maximumBytes {
                entry.tooLarge = true
                pending[dataTask.taskIdentifier] = entry
                return true
            }
            entry.body.append(contentsOf: data)
            pending[dataTask.taskIdentifier] = entry
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if entry.tooLarge {
            entry.continuation.resume(throwing: Failure.tooLarge(settings.maximumBytes))
        } else if let error {
            entry.continuation.resume(throwing: Failure.transport(Self.describe(error)))
        } else if let response = entry.response {
            var answer = FeedAnswer(status: response.statusCode, body: entry.body)
            answer.etag = response.value(forHTTPHeaderField: "ETag")
            answer.retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init)
            entry.continuation.resume(returning: answer)
        } else {
            entry.continuation.resume(throwing: Failure.transport("the feed gave no HTTP answer"))
        }
    }

    /// A person's words for a transport failure.
    static func describe(_ error: any Error) -> String {
        let code = (error as? URLError)?.code
        switch code {
        case .timedOut?, .cancelled?: return "no complete answer within the timeout"
        case .cannotConnectToHost?: return "the feed refused the connection (is the address right, is it running?)"
        case .cannotFindHost?, .dnsLookupFailed?: return "the feed's host name is not known"
        case .networkConnectionLost?: return "the connection was lost before the answer ended"
        case .notConnectedToInternet?: return "there is no network"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?:
            return "the secure connection failed (certificate?)"
        default: return (error as NSError).localizedDescription
        }
    }

    /// A few words for an HTTP status.
    static func reason(_ status: Int) -> String {
        HTTPURLResponse.localizedString(forStatusCode: status)
    }
}
