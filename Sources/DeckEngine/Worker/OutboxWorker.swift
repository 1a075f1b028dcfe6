import DeckCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The headless outbox worker: claims due envelopes under leases, executes them through
/// the tool provider, writes their outcomes, rescues expired leases of dead workers and
/// keeps a heartbeat row with its telemetry.
///
/// Any number of workers, in any number of processes, may share one store: claims are
/// serialized by the store and tenant caps hold across all of them. Delivery is
/// at-least-once — a worker that dies mid-execution leaves a lease that expires and the
/// envelope runs again — except for tiers not safe to repeat, which go to the DLQ marked in
/// doubt instead. On graceful shutdown it stops claiming, lets started executions finish,
/// writes their outcomes and removes its heartbeat, so no envelope stays `running`.
public final class OutboxWorker: Service, Sendable {
    let store: any WorkerStore
    let provider: any ToolProvider
    let configuration: WorkerConfiguration
    let clock: any WallClock
    let logger: Logger
    let telemetry: @Sendable () -> JSONValue
    let executor: any TaskExecutor
    let metrics = WorkerMetrics()
    let random = Mutex(Xoshiro256(seed: SystemRandomNumberGenerator()))

    /// A worker over `store` and `provider`; `telemetry` is the snapshot its heartbeat
    /// carries (the executable's metrics backend). Executions run on `executor`: the shared
    /// cooperative pool unless told otherwise (tests give theirs a pool of its own, so suites
    /// that block cooperative threads cannot stall it).
    public init(
        store: any WorkerStore, provider: any ToolProvider, configuration: WorkerConfiguration,
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "opsdeck.worker"),
        telemetry: @escaping @Sendable () -> JSONValue = { .object([:]) },
        executor: (any TaskExecutor)? = nil
    ) {
        self.executor = executor ?? globalConcurrentExecutor
        self.store = store
        self.provider = provider
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.telemetry = telemetry
    }

    public func run() async throws {
        let state = WorkerState()
        let startedAt = clock.now()
        logger.info("worker started", metadata: configuration.metadata)
        if configuration.drain {
            // A draining worker first takes back what dead workers left, so it does not
            // exit while their expired leases still hide work.
            await rescueOnce()
        }
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { background in
                background.addTask { await self.heartbeatLoop(state, startedAt: startedAt) }
                background.addTask { await self.rescueLoop(state) }
                if let feed = store as? any ChangeFeed {
                    background.addTask { await state.changes.follow(feed, doorbell: state.doorbell) }
                }
                defer {
                    state.markFinished()
                    background.cancelAll()
                }
                // The loop on its own thread (claims may block it); executions on the shared pool.
                let loop = WorkerLoopExecutor(label: "opsdeck.worker.loop")
                try await withTaskExecutorPreference(loop) {
                    try await self.mainLoop(state, loop: loop)
                }
            }
        } onGracefulShutdown: {
            state.requestStop()
        }
        try? await store.removeHeartbeat(configuration.id)
        logger.info("worker stopped", metadata: ["worker": "\(configuration.id)"])
    }

    // MARK: - Main loop

    /// How often an idle worker reads the change token while the store's change feed is live
    /// (a notification wakes it at once; this only covers one that never came).
    static let fallbackPoll = Duration.seconds(1)

    /// Claims while there is room, starts executions, writes finished outcomes, renews
    /// leases that run low, and sleeps when there is nothing to do.
    ///
    /// Finished outcomes travel with the next claim, so one transaction both frees slots and
    /// fills them; when there is no room or nothing to claim they are written alone.
    private func mainLoop(_ state: WorkerState, loop: WorkerLoopExecutor) async throws {
        let poll = Duration.milliseconds(configuration.pollMilliseconds)
        let idle = IdleWait(poll: poll, fallback: Self.fallbackPoll)
        var leases: [EnvelopeID: Timestamp] = [:]
        var lastToken: Int64?
        var wakeAt: Timestamp?
        /// Store failures in a row (disk full, a lock held too long): they back off.
        var failures = 0
        try await withThrowingDiscardingTaskGroup { executions in
            while true {
                let finished = state.takeCompletions()
                if state.isStopping || Task.isCancelled {
                    if !finished.isEmpty { try await record(finished, state, leases: &leases) }
                    if leases.isEmpty { return }
                    await state.doorbell.wait(timeout: poll, timerExecutor: loop)
                    continue
                }
                var claimedNow = 0
                var written = finished.isEmpty
                do {
                    try await renewLeasesRunningLow(&leases)
                    let room = configuration.concurrency - leases.count + finished.count
                    var limit = 0
                    var token: Int64?
                    let now = clock.now()
                    if room > 0 {
                        // After a claim that found work, claim again at once; after an empty one,
                        // only when the cheap change token moved or the next run_at has come.
                        token = lastToken == nil ? nil : try await store.changeToken()
                        if lastToken == nil || token != lastToken || (wakeAt.map { now >= $0 } ?? false) {
                            limit = min(configuration.batchSize, room)
                        }
                    }
                    if limit > 0 || !finished.isEmpty {
                        let result = try await claim(limit: limit, finished: finished)
                        written = true
                        settle(finished, result.finished, leases: &leases)
                        for claimed in result.claimed {
                            leases[claimed.envelope.id] = claimed.envelope.leaseExpiresAt
                        }
                        // One task per claimed batch, which starts the batch's executions from
                        // the pool: the loop's thread, the worker's bottleneck at full speed,
                        // creates one task instead of one per envelope.
                        let batch = result.claimed
                        if batch.count == 1 {
                            executions.addTask(executorPreference: executor) { await self.execute(batch[0], state) }
                        } else if !batch.isEmpty {
                            executions.addTask(executorPreference: executor) {
                                await withDiscardingTaskGroup { group in
                                    for claimed in batch {
                                        group.addTask(executorPreference: self.executor) { await self.execute(claimed, state) }
                                    }
                                }
                            }
                        }
                        claimedNow = result.claimed.count
                        metrics.inFlight.record(leases.count)
                        if limit > 0, claimedNow == 0 {
                            // The token from before this claim, so a submission landing during
                            // the claim still moves it; with none read (the previous claim found
                            // work), a value no token has forces one more claim that reads it.
                            lastToken = token ?? -1
                            let next = try await store.nextRunAt()
                            wakeAt = next.flatMap { $0 > now ? $0 : nil }
                            // Draining: done once nothing is due now (later retries and
                            // deferred envelopes wait for a later run), or what is due belongs
                            // to paused tenants only (no tenant at its cap passed over).
                            let onlyPaused = result.paused > 0 && result.conflicts == 0
                            if configuration.drain, leases.isEmpty, onlyPaused || (next.map({ $0 > now }) ?? true) {
                                if onlyPaused {
                                    logger.info("drained; envelopes of paused tenants stay pending until they are resumed")
                                }
                                return
                            }
                        } else if claimedNow > 0 {
                            lastToken = nil
                        }
                    }
                } catch {
                    // Outcomes not written yet go back to the front of the queue.
                    if !written { state.requeue(finished) }
                    if Task.isCancelled { throw error }
                    // The store failed (locked too long by another process, disk trouble):
                    // keep the leases we hold, and try again, waiting longer each time (250 ms
                    // doubling to 8 s) and saying so on the 1st, 2nd, 4th, 8th… failure in a
                    // row, not ten lines a second. A stop still ends the wait at once.
                    failures += 1
                    if failures & (failures - 1) == 0 {
                        logger.error(
                            "claiming or writing outcomes failed; retrying",
                            metadata: ["error": "\(error)", "failures_in_a_row": "\(failures)"])
                    }
                    let delay = Duration.milliseconds(250 << min(failures - 1, 5))
                    await state.doorbell.wait(timeout: delay, timerExecutor: loop)
                    continue
                }
                if failures > 0 {
                    logger.notice("the store answers again", metadata: ["failures_in_a_row": "\(failures)"])
                    failures = 0
                }
                if claimedNow == 0 || leases.count >= configuration.concurrency {
                    let renewalDue = leases.values.min().map { $0.adding(milliseconds: -Int64(configuration.leaseSeconds * 500)) }
                    let timeout = idle.timeout(
                        now: clock.now(), feedLive: state.changes.isLive, wakeAt: wakeAt, renewalDue: renewalDue)
                    await state.doorbell.wait(timeout: timeout, timerExecutor: loop)
                }
            }
        }
    }

    private func claim(limit: Int, finished: [ExecutionOutcome]) async throws -> ClaimResult {
        let result = try await store.claim(ClaimRequest(
            worker: configuration.id, limit: limit, leaseMilliseconds: Int64(configuration.leaseSeconds * 1000),
            finished: finished))
        metrics.claimed.increment(by: result.claimed.count)
        if result.conflicts > 0 { metrics.conflicts.increment(by: result.conflicts) }
        metrics.guardrail("deferred", count: result.deferred)
        metrics.guardrail("held", count: result.held)
        metrics.guardrail("rejected", count: result.rejected)
        metrics.guardrail("drift_held", count: result.driftHeld)
        return result
    }

    /// Writes finished outcomes without claiming (stopping, or no room).
    private func record(_ finished: [ExecutionOutcome], _ state: WorkerState, leases: inout [EnvelopeID: Timestamp]) async throws {
        let result: ClaimResult
        do {
            result = try await claim(limit: 0, finished: finished)
        } catch {
            state.requeue(finished)
            logger.error("writing outcomes failed; retrying", metadata: ["error": "\(error)"])
            try await Task.sleep(for: .milliseconds(100))
            return
        }
        settle(finished, result.finished, leases: &leases)
    }

    /// Forgets the leases of written outcomes; outcomes that lost their lease (the rescuer
    /// took the envelope back) were dropped by the store and count as conflicts.
    private func settle(_ finished: [ExecutionOutcome], _ report: TransitionReport, leases: inout [EnvelopeID: Timestamp]) {
        guard !finished.isEmpty else { return }
        for outcome in finished { leases[outcome.envelope.id] = nil }
        if !report.skipped.isEmpty {
            metrics.conflicts.increment(by: report.skipped.count)
            logger.warning("outcomes dropped: lease lost", metadata: [
                "envelopes": "\(report.skipped.map(\.id.rawValue))",
            ])
        }
        metrics.inFlight.record(leases.count)
    }

    /// Renews, in one batch, the leases with less than half their length left.
    private func renewLeasesRunningLow(_ leases: inout [EnvelopeID: Timestamp]) async throws {
        let now = clock.now()
        let half = Int64(configuration.leaseSeconds * 500)
        let low = leases.filter { $0.value.milliseconds(since: now) < half }.map(\.key)
        guard !low.isEmpty else { return }
        let until = now.adding(seconds: configuration.leaseSeconds)
        let report = try await store.apply(
            low.map { EnvelopeChange($0, .renewLease(worker: configuration.id, leaseExpiresAt: until)) },
            in: .allTenants, actor: configuration.id.rawValue, mode: .skipIneligible)
        for envelope in report.applied { leases[envelope.id] = until }
        for skipped in report.skipped {
            // Finished meanwhile (its outcome is queued) or lost to the rescuer.
            if leases[skipped.id] != nil { leases[skipped.id] = now.adding(seconds: configuration.leaseSeconds) }
        }
    }

    // MARK: - Background loops

    private func heartbeatLoop(_ state: WorkerState, startedAt: Timestamp) async {
        while !state.isFinished, !Task.isCancelled {
            do {
                metrics.dlqSize.record(try await store.deadCount())
                try await store.recordHeartbeat(WorkerHeartbeat(
                    id: configuration.id, host: configuration.host, pid: configuration.pid, startedAt: startedAt,
                    lastSeenAt: clock.now(), telemetry: telemetry()))
            } catch where !Task.isCancelled {
                logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
            } catch {
                return
            }
            try? await Task.sleep(for: .seconds(configuration.heartbeatIntervalSeconds))
        }
    }

    private func rescueLoop(_ state: WorkerState) async {
        while !state.isFinished, !Task.isCancelled {
            await rescueOnce()
            try? await Task.sleep(for: .seconds(configuration.rescueIntervalSeconds))
        }
    }

    /// Takes back envelopes whose lease expired: pending again, or dead in doubt.
    private func rescueOnce() async {
        do {
            let rescued = try await store.rescueExpiredLeases(
                policy: configuration.retryPolicy, limit: 500, actor: configuration.id.rawValue)
            if !rescued.isEmpty {
                metrics.rescued.increment(by: rescued.count)
                logger.warning("rescued expired leases", metadata: [
                    "envelopes": "\(rescued.map(\.id.rawValue))",
                    "in_doubt": "\(rescued.filter(\.inDoubt).map(\.id.rawValue))",
                ])
            }
            // Rows of workers killed outright: a clean stop removes its own, a live one beats
            // every few seconds (and would put its row back), so five silent minutes mean gone.
            let gone = try await store.removeHeartbeats(seenBefore: clock.now().adding(milliseconds: -Self.staleHeartbeatMilliseconds))
            if !gone.isEmpty {
                logger.notice("removed the heartbeats of workers silent for 5 minutes", metadata: ["workers": "\(gone.map(\.rawValue))"])
            }
        } catch where !Task.isCancelled {
            logger.warning("rescue failed", metadata: ["error": "\(error)"])
        } catch {}
    }

    /// A heartbeat this old belongs to a worker that is gone.
    static let staleHeartbeatMilliseconds: Int64 = 5 * 60 * 1000
}
