import ArgumentParser
import DeckComposio
import DeckCore
import DeckEngine
import DeckStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// `opsdeck worker`: the headless outbox worker.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the outbox worker: claim due envelopes, execute them, retry, dead-letter.",
        discussion: """
            Any number of workers may share one database; tenant caps (tenant add|set \
            --max-running) hold across all of them. SIGTERM, SIGINT or SIGHUP: stop claiming, finish \
            the executions already started, write their outcomes and exit 0. A worker killed \
            outright leaves leases that other workers rescue after --lease-seconds: the \
            envelope runs again, except for tiers not safe to repeat (critical by default), \
            which go to the DLQ marked in doubt.

            Retry policy per risk tier (defaults low 5 attempts, medium 3, high 2, critical 1; \
            backoff 1 s doubling to 300 s with full jitter): --tier-policy TIER:ATTEMPTS:BASE:MAX[:safe|unsafe].
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var providerOptions: ProviderOptions
    @Option(help: "Most envelopes executing at once.") var concurrency = 32
    @Option(help: "Most envelopes leased per claim.") var batch = 32
    @Option(help: "Lease length in seconds (renewed while an execution runs).") var leaseSeconds = 30.0
    @Option(help: "How often an idle worker checks for work, in milliseconds.") var pollMs = 5
    @Flag(help: "Exit 0 once nothing is due.") var drain = false
    @Option(help: "How often to look for expired leases of dead workers, in seconds.") var rescueSeconds = 5.0
    @Option(help: "How often to write the heartbeat row, in seconds.") var heartbeatSeconds = 2.0
    @Option(help: "Serve Prometheus metrics on 127.0.0.1:PORT/metrics.") var metricsPort: UInt16?
    @Option(help: ArgumentHelp("Retry policy of one tier (repeatable).", valueName: "tier:attempts:base:max[:safe|unsafe]"))
    var tierPolicy: [String] = []
    @OptionGroup var checkpointOptions: CheckpointOptions
    @OptionGroup var logOptions: LogOptions

    func run() async throws {
        let level = try logOptions.level()
        let settings = try global.settings()
        let signer = try checkpointOptions.signer(databasePath: global.databasePath)
        let policy = try TierPolicyOption.policy(from: tierPolicy, base: settings.retryPolicy())
        let process = WorkerConfiguration.currentProcess
        let configuration = try WorkerConfiguration(
            id: WorkerConfiguration.makeID(host: process.host, pid: process.pid), host: process.host, pid: process.pid,
            concurrency: concurrency, batchSize: batch, leaseSeconds: leaseSeconds, pollMilliseconds: pollMs,
            rescueIntervalSeconds: rescueSeconds, heartbeatIntervalSeconds: heartbeatSeconds, drain: drain,
            retryPolicy: policy)
        let store = try await StoreOpening.open(global.databasePath, mode: .existing)
        let provider = try await providerOptions.makeProvider(store: store, settings: settings)

        LogOptions.bootstrap(level)
        let registry = TelemetryRegistry()
        // With --metrics-port, swift-prometheus records every metric too, as real histograms.
        let prometheus = metricsPort.map { _ in MetricsEndpoint.factory() }
        if let prometheus {
            MetricsSystem.bootstrap(MultiplexMetricsHandler(factories: [registry, prometheus.factory]))
        } else {
            MetricsSystem.bootstrap(registry)
        }
        let logger = Logger(label: "opsdeck.worker")
        let worker = OutboxWorker(
            store: store, provider: provider, configuration: configuration, logger: logger,
            telemetry: { registry.snapshot().json })
        logger.info("provider", metadata: ProviderOptions.metadata(provider))
        // The checkpoint service first: the group stops services in reverse order, so its
        // last checkpoint follows the worker's last outcomes.
        var services: [any Service] = []
        if let signer { services.append(signer.service(store: store, logger: logger)) }
        services.append(worker)
        if let metricsPort, let prometheus {
            services.append(MetricsEndpoint(port: metricsPort, registry: prometheus.registry, logger: logger))
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint, .sighup], logger: logger))
        try await group.run()
        await ProviderOptions.release(provider)
    }
}
