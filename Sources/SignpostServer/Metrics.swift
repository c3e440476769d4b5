import Foundation
import Hummingbird
import Logging
import Synchronization

/// Request counts and latency histograms by route and status, kept in memory and written as Prometheus text.
public final class HTTPMetrics: Sendable {
    struct Series: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    struct Histogram {
        var counts: [Int]
        var sum = 0.0
        var count = 0
    }

    struct State {
        var requests: [Series: Int] = [:]
        var durations: [String: Histogram] = [:]
    }

    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private let state = Mutex(State())

    public init() {}

    func record(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[Series(route: route, method: method, status: status), default: 0] += 1
            var histogram = state.durations[route] ?? Histogram(counts: Array(repeating: 0, count: Self.buckets.count))
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.durations[route] = histogram
        }
    }

    /// The Prometheus text exposition (version 0.0.4) of the request metrics and the catalog's size and age.
    func text(catalogServices: Int, catalogAgeSeconds: Double?) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP signpost_http_requests_total HTTP requests by route, method and status.\n"
        out += "# TYPE signpost_http_requests_total counter\n"
        for (series, count) in snapshot.requests.sorted(by: { Self.order($0.key, $1.key) }) {
            out +=
                "signpost_http_requests_total{route=\"\(Self.label(series.route))\",method=\"\(series.method)\","
                + "status=\"\(series.status)\"} \(count)\n"
        }
        out += "# HELP signpost_http_request_duration_seconds Time to answer HTTP requests, by route.\n"
        out += "# TYPE signpost_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.durations.sorted(by: { $0.key < $1.key }) {
            let name = "signpost_http_request_duration_seconds"
            let routeLabel = "route=\"\(Self.label(route))\""
            for (index, bound) in Self.buckets.enumerated() {
                out += "\(name)_bucket{\(routeLabel),le=\"\(bound)\"} \(histogram.counts[index])\n"
            }
            out += "\(name)_bucket{\(routeLabel),le=\"+Inf\"} \(histogram.count)\n"
            out += "\(name)_sum{\(routeLabel)} \(histogram.sum)\n"
            out += "\(name)_count{\(routeLabel)} \(histogram.count)\n"
        }
        out += "# HELP signpost_catalog_services Services in the catalog the server answers from.\n"
        out += "# TYPE signpost_catalog_services gauge\n"
        out += "signpost_catalog_services \(catalogServices)\n"
        if let catalogAgeSeconds {
            out += "# HELP signpost_catalog_age_seconds Seconds since the catalog last changed (its latest import).\n"
            out += "# TYPE signpost_catalog_age_seconds gauge\n"
            out += "signpost_catalog_age_seconds \(Int(catalogAgeSeconds))\n"
        }
        return out
    }

    private static func order(_ a: Series, _ b: Series) -> Bool {
        (a.route, a.method, a.status) < (b.route, b.method, b.status)
    }

    private static func label(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}

/// Counts every request and times it, by the route it matched (its template, never the path or query).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, start: start)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.record(
            route: context.endpointPath ?? "unmatched",
            method: request.method.rawValue,
            status: status,
            seconds: seconds
        )
        // The route template only: a path or query can hold a postcode, and nothing a caller sends is logged.
        context.logger.debug(
            "request",
            metadata: [
                "route": "\(context.endpointPath ?? "unmatched")", "method": "\(request.method.rawValue)",
                "status": "\(status)", "ms": "\(Int(seconds * 1000))",
            ]
        )
    }
}
