import DeckCore
import DeckEngine
import DeckStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The worker and the schedulers, run inside the console process as background services
/// (the default; `--no-engine` only observes).
final class ConsoleServices: Sendable {
    private let group: ServiceGroup
    private let provider: any ToolProvider

    init(
        store: any ControlPlaneStore, provider: any ToolProvider, scheduler configuration: SchedulerConfiguration, concurrency: Int,
        retryPolicy: RetryPolicy = .standard, agent: (rate: Double, seed: UInt64)? = nil
    ) throws {
        let process = WorkerConfiguration.currentProcess
        let workerConfiguration = try WorkerConfiguration(
            id: WorkerConfiguration.makeID(host: process.host, pid: process.pid), host: process.host, pid: process.pid,
            concurrency: concurrency, batchSize: min(32, concurrency), pollMilliseconds: 25, retryPolicy: retryPolicy)
        let registry = TelemetryRegistry()
        MetricsSystem.bootstrap(registry)
        let logger = Logger(label: "opsdeck.console.engine")
        let worker = OutboxWorker(
            store: store, provider: provider, configuration: workerConfiguration, logger: logger,
            telemetry: { registry.snapshot().json })
        let scheduler = try SchedulerService(store: store, provider: provider, configuration: configuration, logger: logger)
        var services = [
            ServiceGroupConfiguration.ServiceConfiguration(service: worker),
            ServiceGroupConfiguration.ServiceConfiguration(service: scheduler),
        ]
        if let agent {
            services.append(ServiceGroupConfiguration.ServiceConfiguration(
                service: try SyntheticAgent(store: store, rate: agent.rate, seed: agent.seed, logger: logger)))
        }
        group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services,
            logger: logger))
        // One line in the console's log file with every setting the engine runs with.
        var metadata = workerConfiguration.metadata.merging(configuration.metadata) { worker, _ in worker }
        metadata.merge(ProviderOptions.metadata(provider)) { first, _ in first }
        if let agent {
            metadata["demo_rate"] = "\(agent.rate)"
            metadata["demo_seed"] = "\(agent.seed)"
        }
        logger.notice("console engine started", metadata: metadata)
        self.provider = provider
    }

    /// Runs the services until `stop()`.
    func run() async throws {
        try await group.run()
    }

    /// Stops claiming, lets running executions finish and record their outcomes.
    func stop() async {
        await group.triggerGracefulShutdown()
    }

    func release() async {
        await ProviderOptions.release(provider)
    }
}
