import ArgumentParser
import DeckConfig
import DeckCore
import DeckEngine
import DeckStore
import Foundation
import Logging
import ServiceLifecycle

/// The scheduler options shared by `opsdeck scheduler` and `opsdeck drift check`.
struct SchedulerOptions: ParsableArguments {
    @Option(help: "Seconds between account syncs of a tenant (default 30; config scheduler.account_sync_seconds).")
    var accountSyncSeconds: Double?
    @Option(help: "Seconds between catalog drift checks of a tenant (default 300; config scheduler.drift_check_seconds).")
    var driftCheckSeconds: Double?
    @Option(help: "Shortest interval between trickle refreshes, in minutes (default 30).") var trickleMinMinutes: Double?
    @Option(help: "Longest interval between trickle refreshes, in minutes (default 60).") var trickleMaxMinutes: Double?
    @Option(help: "Rate bucket per toolkit: burst size (default 10; config rate_buckets.capacity).") var bucketCapacity: Double?
    @Option(help: "Rate bucket per toolkit: tokens added per second (default 1).") var bucketRefill: Double?
    @Option(help: "Seconds between scheduler passes (default 1).") var tickSeconds: Double?

    /// The scheduler's settings: flags, else the configuration file, else the defaults.
    func configuration(actor: String, settings: Settings) throws -> SchedulerConfiguration {
        try SchedulerConfiguration(
            actor: actor, accountSyncSeconds: settings.double("scheduler.account_sync_seconds", flag: accountSyncSeconds),
            driftCheckSeconds: settings.double("scheduler.drift_check_seconds", flag: driftCheckSeconds),
            trickleInterval: try RefreshInterval(
                minimumSeconds: settings.double("scheduler.trickle_min_minutes", flag: trickleMinMinutes) * 60,
                maximumSeconds: settings.double("scheduler.trickle_max_minutes", flag: trickleMaxMinutes) * 60),
            bucketCapacity: settings.double("rate_buckets.capacity", flag: bucketCapacity),
            bucketRefillPerSecond: settings.double("rate_buckets.refill_per_second", flag: bucketRefill),
            tickSeconds: settings.double("scheduler.tick_seconds", flag: tickSeconds))
    }

    /// The audit actor of this scheduler process.
    static var actor: String {
        let process = ProcessInfo.processInfo
        return "scheduler@\(process.hostName):\(process.processIdentifier)"
    }
}

/// `opsdeck scheduler [--once]`: account sync and warm scans, trickle refresh, drift checks.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run the schedulers: account sync with warm scans, trickle refresh, catalog drift checks.",
        discussion: """
            Schedules live in the database (one row per tenant and job, and per tenant and toolkit \
            category for trickle refreshes), so a restart neither skips nor doubles a run. --once \
            runs every job that is due once and exits — on a fresh database: account sync (with \
            the warm scans of ACTIVE accounts) and a drift check of every tenant.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var providerOptions: ProviderOptions
    @OptionGroup var schedulerOptions: SchedulerOptions
    @Flag(help: "Run every due job once and exit.") var once = false
    @Flag(help: "Print the --once report as JSON.") var json = false
    @OptionGroup var checkpointOptions: CheckpointOptions
    @OptionGroup var logOptions: LogOptions

    func run() async throws {
        let level = try logOptions.level()
        let settings = try global.settings()
        let configuration = try schedulerOptions.configuration(actor: SchedulerOptions.actor, settings: settings)
        let signer = try checkpointOptions.signer(databasePath: global.databasePath)
        if once, signer != nil { throw CLIError(.badInput, "--checkpoint-key signs while the scheduler runs; with --once use audit checkpoint") }
        let store = try await StoreOpening.open(global.databasePath, mode: .existing)
        let provider = try await providerOptions.makeProvider(store: store, settings: settings)
        LogOptions.bootstrap(level)
        let logger = Logger(label: "opsdeck.scheduler")
        let scheduler = try SchedulerService(store: store, provider: provider, configuration: configuration, logger: logger)
        logger.info("provider", metadata: ProviderOptions.metadata(provider))
        if once {
            let report = try await scheduler.runOnce()
            await ProviderOptions.release(provider)
            print(Self.describe(report, json: json))
            return
        }
        // The checkpoint service first: the group stops services in reverse order.
        var services: [any Service] = []
        if let signer { services.append(signer.service(store: store, logger: logger)) }
        services.append(scheduler)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint, .sighup], logger: logger))
        try await group.run()
        await ProviderOptions.release(provider)
    }

    static func describe(_ report: SchedulerReport, json: Bool) -> String {
        if json {
            return JSONValue.object([
                "jobs_run": .integer(Int64(report.jobsRun)), "accounts_synced": .integer(Int64(report.accountsSynced)),
                "accounts_activated": .integer(Int64(report.accountsActivated)), "warm_scans": .integer(Int64(report.warmScans)),
                "trickle_refreshes": .integer(Int64(report.trickleRefreshes)), "reads": .integer(Int64(report.reads)),
                "signals": .integer(Int64(report.signals)), "rate_limited": .integer(Int64(report.rateLimited)),
                "drift_checks": .integer(Int64(report.driftChecks)), "alerts_opened": .integer(Int64(report.alertsOpened)),
                "failures": .integer(Int64(report.failures)),
            ]).prettyText
        }
        return "ran \(report.jobsRun) jobs: \(report.accountsSynced) accounts synced (\(report.accountsActivated) became active), "
            + "\(report.warmScans) warm scans, \(report.trickleRefreshes) trickle refreshes, \(report.reads) reads, "
            + "\(report.signals) signals, \(report.rateLimited) reads postponed by rate limits, \(report.driftChecks) drift checks, "
            + "\(report.alertsOpened) drift alerts opened, \(report.failures) failures"
    }
}
