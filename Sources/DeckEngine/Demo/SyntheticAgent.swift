import DeckCore
import Foundation
import Logging
import ServiceLifecycle

/// The demo's agent: submits `DemoTraffic` envelopes at a steady rate until shutdown.
public struct SyntheticAgent: Service {
    public let store: any ControlPlaneStore
    /// Envelopes per second.
    public let rate: Double
    public let seed: UInt64
    let logger: Logger

    public init(store: any ControlPlaneStore, rate: Double, seed: UInt64, logger: Logger) throws(InvalidInput) {
        guard rate > 0, rate <= 1_000, rate.isFinite else { throw InvalidInput("--demo-rate must be above 0 and at most 1000") }
        self.store = store
        self.rate = rate
        self.seed = seed
        self.logger = logger
    }

    public func run() async throws {
        let started = Int64(Date().timeIntervalSince1970 * 1000)
        // A key prefix per run: a reused demo database never sees the same key twice.
        var traffic = DemoTraffic(seed: seed &+ UInt64(started), keyPrefix: "demo-agent-\(started)")
        let interval = Duration.milliseconds(Int64(1000 / rate))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            do {
                let tenants = try await store.tenants(in: .allTenants)
                guard let draft = traffic.next(tenants: tenants) else { continue }
                _ = try await store.submit([draft], in: .tenant(draft.tenantID), actor: "agent:demo")
            } catch {
                logger.warning("synthetic agent: submit failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
