import DeckEngine
import FlyingFox
import Foundation
import ServiceLifecycle

/// Serves `GET /metrics` in Prometheus text format on 127.0.0.1, for the headless worker.
struct MetricsEndpoint: Service {
    let port: UInt16
    let registry: TelemetryRegistry

    func run() async throws {
        let server = HTTPServer(address: .loopback(port: port))
        let registry = self.registry
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(registry.prometheusText().utf8))
        }
        try await cancelWhenGracefulShutdown {
            try await server.run()
        }
    }
}
