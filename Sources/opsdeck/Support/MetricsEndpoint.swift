import FlyingFox
import FlyingSocks
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// Serves `GET /metrics` in Prometheus text format on 127.0.0.1, for the headless worker:
/// swift-prometheus' registry, fed by the same swift-metrics calls as the heartbeat's.
struct MetricsEndpoint: Service {
    let port: UInt16
    let registry: PrometheusCollectorRegistry
    let logger: Logger

    /// A Prometheus registry and the swift-metrics factory that records into it, with
    /// duration buckets from 1 ms to 1 hour (provider calls take milliseconds to a minute; an
    /// envelope held by quiet hours waits hours to start).
    static func factory() -> (registry: PrometheusCollectorRegistry, factory: PrometheusMetricsFactory) {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300), .seconds(1800), .seconds(3600),
        ]
        return (registry, factory)
    }

    func run() async throws {
        logger.info("serving metrics", metadata: ["metrics_port": "\(port)", "url": "http://127.0.0.1:\(port)/metrics"])
        // FlyingFox's own log lines would break the one-error-line rule; failures surface
        // as the thrown error instead.
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: DisabledLogger.disabled)
        let registry = self.registry
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(registry.emitToBuffer()))
        }
        let stopping = Mutex(false)
        do {
            try await withGracefulShutdownHandler {
                try await server.run()
            } onGracefulShutdown: {
                stopping.withLock { $0 = true }
                Task { await server.stop(timeout: 1) }
            }
        } catch {
            // Stopping the server ends `run()` with a disconnection error: that is the goal.
            if stopping.withLock({ $0 }) || Task.isCancelled { return }
            throw CLIError(.refused, "cannot serve metrics on 127.0.0.1:\(port): \(error)")
        }
    }
}
