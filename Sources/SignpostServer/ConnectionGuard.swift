import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Open connections by client address, shared by every connection's ``ConnectionGuard``.
final class ConnectionCounts: Sendable {
    /// Connections one address may hold open (0: no limit).
    let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection from `address`; false when that takes the address over the limit. (It is counted
    /// either way, and uncounted when it closes.)
    func open(_ address: String) -> Bool {
        counts.withLock { counts in
            let count = (counts[address] ?? 0) + 1
            counts[address] = count
            return limit <= 0 || count <= limit
        }
    }

    func close(_ address: String) {
        counts.withLock { counts in
            guard let count = counts[address] else { return }
            counts[address] = count > 1 ? count - 1 : nil
        }
    }

    /// Connections open from `address`.
    func open(from address: String) -> Int { counts.withLock { $0[address] ?? 0 } }
}

/// Guards one connection, in the pipeline after HTTP decoding:
/// - a connection that takes its address over ``ConnectionCounts/limit`` is answered 503 with `Retry-After` and
///   closed, and never reaches the router;
/// - a request must arrive whole (head and body) within `requestTimeout` of its head: a body that trickles in is
///   answered 408 and the connection closed (or only closed, when an answer has already begun). A head that never
///   ends is the idle timeout's, as it produces nothing to read.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let counts: ConnectionCounts
    private let requestTimeout: TimeAmount
    private var address: String?
    private var refused = false
    private var reading = false
    private var answering = false
    private var deadline: Scheduled<Void>?

    init(counts: ConnectionCounts, requestTimeout: TimeAmount) {
        self.counts = counts
        self.requestTimeout = requestTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        self.address = address
        refused = !counts.open(address)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if let address { counts.close(address) }
        address = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if refused {
            if case .head = part, !answering {
                answer(
                    context,
                    Problem(
                        .serviceUnavailable,
                        "Too many connections",
                        detail: "this address has \(counts.limit) connections open already; reuse or close them",
                        headers: [.retryAfter: "5"]
                    )
                )
            }
            return
        }
        switch part {
        case .head(let head):
            reading = true
            answering = false
            deadline?.cancel()
            deadline = nil
            // Only a request with a body can trickle (a head arrives whole or not at all); most have none, and a
            // timer a request would cost more than the rest of this handler.
            let length = head.headerFields[.contentLength]
            if head.headerFields[.transferEncoding] != nil || (length != nil && length != "0") {
                let loop = context.eventLoop.assumeIsolated()
                deadline = loop.scheduleTask(in: requestTimeout) { [weak self] in self?.timedOut(context) }
            }
        case .body:
            break
        case .end:
            reading = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head = unwrapOutboundIn(data) { answering = true }
        context.write(data, promise: promise)
    }

    private func timedOut(_ context: ChannelHandlerContext) {
        deadline = nil
        guard reading else { return }
        guard !answering else {
            context.close(promise: nil)
            return
        }
        answer(
            context,
            Problem(
                .requestTimeout,
                "Request timeout",
                detail:
                    "the request did not arrive whole within \(requestTimeout.nanoseconds / 1_000_000) ms of its head"
            )
        )
    }

    /// Writes `problem` as the answer, with `Connection: close`, and closes the connection once it is sent.
    private func answer(_ context: ChannelHandlerContext, _ problem: Problem) {
        answering = true
        let document = problem.document(instance: nil)
        var headers = problem.headers
        headers[.contentType] = "application/problem+json"
        headers[.contentLength] = String(document.count)
        headers[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: document))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
