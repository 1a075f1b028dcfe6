import DeckEngine
import FlyingFox
import FlyingSocks
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Serves `GET /metrics` in Prometheus text format on 127.0.0.1, for the headless worker.
struct MetricsEndpoint: Service {
    let port: UInt16
    let registry: TelemetryRegistry
    let logger: Logger

    func run() async throws {
        logger.info("serving metrics", metadata: ["metrics_port": "\(port)", "url": "http://127.0.0.1:\(port)/metrics"])
        // FlyingFox's own log lines would break the one-error-line rule; failures surface
        // as the thrown error instead.
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: DisabledLogger.disabled)
        let registry = self.registry
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(registry.prometheusText().utf8))
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
