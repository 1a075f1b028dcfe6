import DeckCore
import DeckEngine
import DeckStore
import Foundation
import Logging
import OpsDeckTestSupport
import ServiceLifecycle
import Testing

/// The worker end to end over the in-memory store, in real (short) time.
@Suite("Outbox worker", .timeLimit(.minutes(2)))
struct OutboxWorkerTests {
    let store = InMemoryStore()

    func tenant(_ name: String, cap: Int = 1) async throws -> Tenant {
        try await store.addTenant(TenantDraft(name: name, maxRunning: cap), actor: "test")
    }

    func submit(_ count: Int, for tenant: Tenant, tool: String = "SLACK_SEND_MESSAGE", risk: RiskTier? = nil) async throws -> [EnvelopeID] {
        let drafts = try (0..<count).map { index in
            try EnvelopeDraft(tenantID: tenant.id, toolSlug: tool, arguments: ["n": .integer(Int64(index))], risk: risk)
        }
        return try await store.submit(drafts, in: .allTenants, actor: "agent").ids
    }

    func worker(
        _ provider: any ToolProvider, id: WorkerID = "w-test", drain: Bool = true, concurrency: Int = 8, batch: Int = 4,
        lease: Double = 10, policy: RetryPolicy = .standard, executor: any TaskExecutor = DedicatedExecutor()
    ) throws -> OutboxWorker {
        OutboxWorker(
            store: store, provider: provider,
            configuration: try WorkerConfiguration(
                id: id, host: "test-host", pid: 1, concurrency: concurrency, batchSize: batch, leaseSeconds: lease,
                pollMilliseconds: 1, rescueIntervalSeconds: 0.05, heartbeatIntervalSeconds: 0.05, drain: drain,
                retryPolicy: policy),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), executor: executor)
    }

    static func policy(_ attempts: Int, safe: Bool = true) throws -> RetryPolicy {
        let tier = try RiskTierPolicy(maxAttempts: attempts, baseDelay: 0, maxDelay: 0, safeToRepeat: safe)
        return RetryPolicy(tiers: Dictionary(uniqueKeysWithValues: RiskTier.allCases.map { ($0, tier) }))
    }

    @Test func drainingRunsEveryDueEnvelopeOnceWithinTenantCaps() async throws {
        let acme = try await tenant("acme", cap: 2)
        let globex = try await tenant("globex", cap: 1)
        let ids = try await submit(30, for: acme) + submit(10, for: globex)
        let provider = ScriptedProvider(latency: .milliseconds(2))
        try await DedicatedExecutor.run { try await worker(provider).run() }

        #expect(try await store.statusCounts(in: .allTenants) == [.succeeded: 40])
        #expect(Set(provider.calls.map(\.envelopeID)) == Set(ids))
        #expect(provider.calls.count == 40)
        #expect(provider.maxConcurrentPerTenant[acme.id]! <= 2)
        #expect(provider.maxConcurrentPerTenant[globex.id]! == 1)
        let envelope = try #require(try await store.envelope(ids[0], in: .allTenants))
        #expect(envelope.externalID == "log_\(ids[0])_1")
        #expect(envelope.result == #"{"ok":true}"#)
        let history = try await store.auditEvents(AuditQuery(envelopeID: ids[0], order: .oldestFirst), in: .allTenants).items
        #expect(history.map(\.action) == ["submitted", "claimed", "succeeded"])
        #expect(history.dropFirst().allSatisfy { $0.actor == "w-test" })
        #expect(try await store.heartbeats(seenSince: Timestamp(millisecondsSinceEpoch: 0)).isEmpty)
        #expect(try await store.verifyAuditChain().isIntact)
    }

    @Test func outcomesAFailedWriteCarriedAreWrittenLaterAndNothingRunsTwice() async throws {
        let acme = try await tenant("acme", cap: 4)
        let ids = try await submit(60, for: acme)
        let provider = ScriptedProvider(latency: .milliseconds(1))
        let flaky = FlakyStore(store, refusingEvery: 3)
        let worker = OutboxWorker(
            store: flaky, provider: provider,
            configuration: try WorkerConfiguration(
                id: "w-test", host: "test-host", pid: 1, concurrency: 8, batchSize: 4, leaseSeconds: 60, pollMilliseconds: 1,
                rescueIntervalSeconds: 0.05, heartbeatIntervalSeconds: 0.05, drain: true),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), executor: DedicatedExecutor())
        try await DedicatedExecutor.run { try await worker.run() }
        #expect(flaky.refused > 0)
        #expect(try await store.statusCounts(in: .allTenants) == [.succeeded: 60])
        #expect(provider.calls.count == 60, "every envelope ran exactly once")
        #expect(Set(provider.calls.map(\.envelopeID)) == Set(ids))
    }

    @Test func retryableFailuresRetryUntilOutOfAttemptsThenDie() async throws {
        let acme = try await tenant("acme", cap: 5)
        let id = try #require(try await submit(1, for: acme).first)
        let provider = ScriptedProvider { _ in .failure(ProviderError(.retryable, "HTTP 503 upstream", statusCode: 503)) }
        let policy = try Self.policy(3)
        for _ in 0..<20 where try await store.envelope(id, in: .allTenants)?.status == .pending {
            try await Task.sleep(for: .milliseconds(3))
            try await DedicatedExecutor.run { try await worker(provider, policy: policy).run() }
        }
        let envelope = try #require(try await store.envelope(id, in: .allTenants))
        #expect(envelope.status == .dead)
        #expect(envelope.attempts == 3)
        #expect(envelope.lastError?.hasPrefix("out of attempts (3 of 3)") == true)
        #expect(provider.calls.map(\.attempt) == [1, 2, 3])
        let actions = try await store.auditEvents(AuditQuery(envelopeID: id, order: .oldestFirst), in: .allTenants).items.map(\.action)
        #expect(actions == ["submitted", "claimed", "retry_scheduled", "claimed", "retry_scheduled", "claimed", "failed"])
    }

    @Test func permanentErrorsDieAtOnceAndRateLimitsWaitForRetryAfter() async throws {
        let acme = try await tenant("acme", cap: 5)
        let ids = try await submit(2, for: acme)
        let provider = ScriptedProvider { execution in
            execution.envelopeID == ids[0]
                ? .failure(ProviderError(.permanent, "invalid recipient", statusCode: 400))
                : .failure(ProviderError(.rateLimited, "Rate limit exceeded", retryAfter: 60, statusCode: 429))
        }
        let before = SystemClock().now()
        try await DedicatedExecutor.run { try await worker(provider).run() }
        let permanent = try #require(try await store.envelope(ids[0], in: .allTenants))
        #expect(permanent.status == .dead)
        #expect(permanent.attempts == 1)
        #expect(permanent.lastError == "permanent error: HTTP 400: invalid recipient")
        let limited = try #require(try await store.envelope(ids[1], in: .allTenants))
        #expect(limited.status == .pending)
        #expect(limited.runAt >= before.adding(seconds: 60))
        #expect(limited.lastError?.contains("429") == true)
        #expect(try await store.deadCount() == 1)
    }

    @Test func aDrainingWorkerRescuesDeadWorkersLeasesButNeverRepeatsUnsafeTiers() async throws {
        let acme = try await tenant("acme", cap: 10)
        let low = try await submit(1, for: acme, risk: .low)
        let critical = try await submit(1, for: acme, tool: "STRIPE_CREATE_REFUND", risk: .critical)
        try await store.setGuardrails(Guardrails(autonomy: .critical), for: acme.id, in: .allTenants, actor: "op")
        // A worker claims both and dies: its 1 ms leases expire.
        let ghost = try await store.claim(ClaimRequest(worker: "ghost", limit: 10, leaseMilliseconds: 1))
        #expect(ghost.claimed.count == 2)
        try await Task.sleep(for: .milliseconds(5))
        let provider = ScriptedProvider()
        try await DedicatedExecutor.run { try await worker(provider).run() }
        #expect(provider.calls.map(\.envelopeID) == low)
        #expect(try await store.envelope(low[0], in: .allTenants)?.status == .succeeded)
        #expect(try await store.envelope(low[0], in: .allTenants)?.attempts == 2)
        let doubtful = try #require(try await store.envelope(critical[0], in: .allTenants))
        #expect(doubtful.status == .dead && doubtful.inDoubt)
    }

    /// On an injected clock: the execution lasts until the test opens its gate, and the lease
    /// runs low only when the test moves the clock, so the test is the same on a loaded
    /// machine (it took 25-35 s and sometimes failed in wall-clock time under a busy core).
    @Test func leasesOfLongExecutionsAreRenewedSoNoRescuerTakesThem() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let store = InMemoryStore(clock: clock)
        let acme = try await store.addTenant(TenantDraft(name: "acme", maxRunning: 1), actor: "test")
        let id = try #require(try await store.submit(
            [EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", arguments: ["n": 1])],
            in: .allTenants, actor: "agent").ids.first)
        let gate = Gate()
        let provider = ScriptedProvider(gate: gate)
        let worker = OutboxWorker(
            store: store, provider: provider,
            configuration: try WorkerConfiguration(
                id: "w-test", host: "test-host", pid: 1, concurrency: 8, batchSize: 4, leaseSeconds: 3,
                pollMilliseconds: 1, rescueIntervalSeconds: 0.05, heartbeatIntervalSeconds: 0.05, drain: true),
            clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            executor: DedicatedExecutor())
        let run = Task(executorPreference: DedicatedExecutor()) { try await worker.run() }
        func lease() async throws -> Timestamp? { try await store.envelope(id, in: .allTenants)?.leaseExpiresAt }
        func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if try await condition() { return true }
                try await Task.sleep(for: .milliseconds(2))
            }
            // One last look: a starved test task may wake past the deadline after the worker
            // did its part.
            return try await condition()
        }
        #expect(try await eventually { provider.calls.count == 1 }, "the execution did not start within 30 s")
        #expect(try await lease() == start.adding(seconds: 3))
        // Two of the lease's three seconds pass: less than half is left, so the worker renews it.
        clock.advance(milliseconds: 2_000)
        let renewed = start.adding(milliseconds: 5_000)
        #expect(try await eventually { try await lease() == renewed }, "the lease was not renewed within 30 s")
        // Past the original lease: a rescuer now must find nothing expired. (The worker's own
        // rescuer runs every 50 ms: without the renewal it would take the envelope back, and
        // the execution would run twice.)
        clock.advance(milliseconds: 1_500)
        #expect(try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer").isEmpty)
        gate.open()
        try await run.value
        #expect(try await store.envelope(id, in: .allTenants)?.status == .succeeded)
        #expect(provider.calls.count == 1)
        let actions = try await store.auditEvents(AuditQuery(envelopeID: id, order: .oldestFirst), in: .allTenants).items.map(\.action)
        #expect(actions == ["submitted", "claimed", "succeeded"])
    }

    @Test func gracefulShutdownFinishesStartedWorkAndLeavesNothingRunning() async throws {
        let acme = try await tenant("acme", cap: 4)
        _ = try await submit(40, for: acme)
        let provider = ScriptedProvider(latency: .milliseconds(30))
        let worker = try worker(provider, drain: false)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [worker], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        // Started on threads of its own: a cooperative pool held by other suites cannot delay it.
        let run = Task(executorPreference: DedicatedExecutor()) { try await group.run() }
        // Stop once work has started (the provider saw a call): with a deadline, so a slow
        // machine that somehow never starts one fails this test instead of hanging the suite.
        let deadline = ContinuousClock.now + .seconds(30)
        while provider.calls.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(!provider.calls.isEmpty, "no execution started within 30 s")
        await group.triggerGracefulShutdown()
        try await run.value
        let counts = try await store.statusCounts(in: .allTenants)
        #expect(counts[.running] == nil)
        #expect(counts[.succeeded, default: 0] >= 1)
        #expect(counts[.succeeded, default: 0] + counts[.pending, default: 0] == 40)
        #expect(provider.calls.count == counts[.succeeded, default: 0])
        #expect(try await store.heartbeats(seenSince: Timestamp(millisecondsSinceEpoch: 0)).isEmpty)
    }

    @Test func theHeartbeatCarriesTheTelemetrySnapshot() async throws {
        let acme = try await tenant("acme", cap: 1)
        _ = try await submit(1, for: acme)
        let worker = OutboxWorker(
            store: store, provider: ScriptedProvider(latency: .milliseconds(200)),
            configuration: try WorkerConfiguration(
                id: "w-beat", host: "h", pid: 42, pollMilliseconds: 1, heartbeatIntervalSeconds: 0.02, drain: true),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            telemetry: { ["marker": "from-registry"] }, executor: DedicatedExecutor())
        let run = Task(executorPreference: DedicatedExecutor()) { try await worker.run() }
        // Polled on threads of its own: the heartbeat lives only while the worker runs (~200 ms).
        let store = store
        let beat = try await DedicatedExecutor.run {
            var beat: WorkerHeartbeat?
            for _ in 0..<100 where beat == nil {
                beat = try await store.heartbeats(seenSince: Timestamp(millisecondsSinceEpoch: 0)).first
                try await Task.sleep(for: .milliseconds(5))
            }
            return beat
        }
        try await run.value
        #expect(beat?.id == "w-beat")
        #expect(beat?.pid == 42)
        #expect(beat?.telemetry == ["marker": "from-registry"])
    }
}
