import DeckCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The schedulers: account sync (and the warm scans it triggers), trickle refresh and the
/// catalog drift monitor, driven by the `schedules` rows so a restart neither skips nor
/// doubles a run.
///
/// Each tenant has an `account_sync` and a `drift_check` row, created due the first time
/// the scheduler sees the tenant, and a `trickle_refresh` row per toolkit category of its
/// active accounts. `runOnce()` runs every row that is due; `run()` repeats that every tick
/// until graceful shutdown.
public final class SchedulerService: Service, Sendable {
    let store: any ControlPlaneStore
    let provider: any ToolProvider
    let configuration: SchedulerConfiguration
    let clock: any WallClock
    let logger: Logger
    let buckets: RateBuckets
    let random: Mutex<Xoshiro256>

    /// A scheduler over `store` and `provider`; `seed` makes its jitter replayable.
    public init(
        store: any ControlPlaneStore, provider: any ToolProvider, configuration: SchedulerConfiguration,
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "opsdeck.scheduler"), seed: UInt64? = nil
    ) throws(InvalidInput) {
        self.store = store
        self.provider = provider
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.buckets = RateBuckets(prototype: try TokenBucket(
            capacity: configuration.bucketCapacity, refillPerSecond: configuration.bucketRefillPerSecond, at: clock.now()))
        self.random = Mutex(seed.map { Xoshiro256(seed: $0) } ?? Xoshiro256(seed: SystemRandomNumberGenerator()))
    }

    public func run() async throws {
        logger.info("scheduler started", metadata: configuration.metadata)
        while !Task.isCancelledOrShuttingDown {
            do {
                let report = try await runOnce()
                if report.jobsRun > 0 {
                    logger.info("scheduler pass", metadata: Self.metadata(report))
                }
            } catch where !Task.isCancelledOrShuttingDown {
                logger.error("scheduler pass failed", metadata: ["error": "\(error)"])
            }
            let tick = Duration.milliseconds(Int64(configuration.tickSeconds * 1000))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
        }
        logger.info("scheduler stopped")
    }

    /// Runs every schedule row that is due now (creating the rows a tenant is missing), in
    /// the order account sync, trickle refresh, drift check.
    public func runOnce() async throws -> SchedulerReport {
        let now = clock.now()
        try await ensureSchedules(at: now)
        let due = try await store.dueSchedules(at: now, limit: 1_000, in: .allTenants).sorted { lhs, rhs in
            (Self.order(lhs.job), lhs.nextRunAt, lhs.tenantID.rawValue, lhs.category)
                < (Self.order(rhs.job), rhs.nextRunAt, rhs.tenantID.rawValue, rhs.category)
        }
        var report = SchedulerReport()
        var pass = SchedulerPass()
        for schedule in due {
            guard !Task.isCancelledOrShuttingDown else { break }
            guard let tenant = try await store.tenant(schedule.tenantID, in: .allTenants) else { continue }
            report.jobsRun += 1
            let outcome: JobOutcome
            switch schedule.job {
            case .accountSync: outcome = await syncAccounts(of: tenant, pass: &pass)
            case .trickleRefresh: outcome = await trickleRefresh(tenant, category: schedule.category, pass: &pass)
            case .driftCheck: outcome = await checkDrift(of: tenant, pass: &pass)
            }
            report.add(outcome.report)
            var next = schedule
            next.lastRunAt = clock.now()
            next.lastOutcome = outcome.summary
            next.nextRunAt = outcome.nextRunAt ?? nextRun(of: schedule.job, after: clock.now())
            next.updatedAt = clock.now()
            try await store.saveSchedule(next, in: .tenant(tenant.id))
        }
        return report
    }

    /// What a job did and when its row runs next (nil: the job's usual interval).
    struct JobOutcome {
        var report = SchedulerReport()
        var summary: String
        var nextRunAt: Timestamp?
    }

    private static func order(_ job: ScheduleJob) -> Int {
        switch job {
        case .accountSync: 0
        case .trickleRefresh: 1
        case .driftCheck: 2
        }
    }

    func nextRun(of job: ScheduleJob, after now: Timestamp) -> Timestamp {
        switch job {
        case .accountSync: now.adding(seconds: configuration.accountSyncSeconds)
        case .driftCheck: now.adding(seconds: configuration.driftCheckSeconds)
        case .trickleRefresh: random.withLock { configuration.trickleInterval.nextRun(after: now, using: &$0) }
        }
    }

    /// Every tenant has its account-sync and drift-check rows; missing ones are due now.
    private func ensureSchedules(at now: Timestamp) async throws {
        let existing = Set(try await store.schedules(in: .allTenants).map { "\($0.tenantID) \($0.job.rawValue) \($0.category)" })
        for tenant in try await store.tenants(in: .allTenants) {
            for job in [ScheduleJob.accountSync, .driftCheck] where !existing.contains("\(tenant.id) \(job.rawValue) ") {
                try await store.saveSchedule(
                    Schedule(tenantID: tenant.id, job: job, category: "", nextRunAt: now, updatedAt: now), in: .tenant(tenant.id))
            }
        }
    }

    /// Appends a scheduler audit row for `tenant`.
    func audit(_ tenant: Tenant, _ action: String, _ payload: [String: JSONValue]) async {
        do {
            _ = try await store.append(
                AuditEntry(tenantID: tenant.id, category: .scheduler, action: action, actor: configuration.actor,
                           payload: .object(payload)),
                in: .tenant(tenant.id))
        } catch {
            logger.error("audit append failed", metadata: ["error": "\(error)"])
        }
    }

    static func metadata(_ report: SchedulerReport) -> Logger.Metadata {
        [
            "jobs": "\(report.jobsRun)", "accounts": "\(report.accountsSynced)", "activated": "\(report.accountsActivated)",
            "warm_scans": "\(report.warmScans)", "refreshes": "\(report.trickleRefreshes)", "signals": "\(report.signals)",
            "rate_limited": "\(report.rateLimited)", "drift_checks": "\(report.driftChecks)",
            "alerts_opened": "\(report.alertsOpened)", "failures": "\(report.failures)",
        ]
    }
}

extension Task where Success == Never, Failure == Never {
    /// True when the task is cancelled or its service group is shutting down gracefully.
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
