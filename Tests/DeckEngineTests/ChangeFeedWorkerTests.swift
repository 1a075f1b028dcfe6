import DeckCore
import DeckStore
import Foundation
import Logging
import OpsDeckTestSupport
import Testing
@testable import DeckEngine

/// What the worker does with a store's change feed: a notification wakes an idle worker at
/// once, however long its poll interval; while the feed is live it reads the token only at
/// the fallback rate; its wait never passes a due `run_at` or a lease's renewal.
@Suite("Worker and the change feed", .timeLimit(.minutes(3)))
struct ChangeFeedWorkerTests {
    let base = InMemoryStore()

    @Test("with a 10 s poll interval, a notified submission starts at once; the worker follows the feed while it runs")
    func aNotificationWakesAnIdleWorker() async throws {
        let store = FeedStore(base)
        let tenant = try await base.addTenant(TenantDraft(name: "acme"), actor: "test")
        let provider = ScriptedProvider(latency: .milliseconds(1))
        let worker = OutboxWorker(
            store: store, provider: provider,
            configuration: try WorkerConfiguration(
                id: "w-feed", host: "test-host", pid: 1, concurrency: 4, batchSize: 4, pollMilliseconds: 10_000, drain: false),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), executor: DedicatedExecutor())
        let running = Task { try await worker.run() }
        defer { running.cancel() }
        // The worker's first claim finds nothing; then it waits on its doorbell.
        // A loaded machine may start the worker's tasks late: wait for it (within the limit).
        let deadline = ContinuousClock.now + .seconds(150)
        while store.followerCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try #require(store.followerCount == 1)
        try await Task.sleep(for: .milliseconds(100))
        let submitted = ContinuousClock.now
        let ids = try await base.submit(
            [try EnvelopeDraft(tenantID: tenant.id, toolSlug: "SLACK_SEND_MESSAGE", arguments: [:])], in: .allTenants, actor: "agent").ids
        store.announce()
        let done = ContinuousClock.now + .seconds(9)
        while try await base.envelope(ids[0], in: .allTenants)?.status != .succeeded, ContinuousClock.now < done {
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - submitted
        #expect(try await base.envelope(ids[0], in: .allTenants)?.status == .succeeded)
        // Milliseconds on an idle machine; polling alone would take 10 s.
        #expect(elapsed < .seconds(5), "started after \(elapsed); polling alone would have taken 10 s")
        running.cancel()
        _ = try? await running.value
        #expect(store.followerCount == 0, "the worker stopped following when it stopped")
    }

    @Test("the idle wait: poll without a feed, fallback with one, never past run_at or a lease's renewal")
    func idleWait() {
        let wait = IdleWait(poll: .milliseconds(5), fallback: .seconds(1))
        let now = Timestamp(millisecondsSinceEpoch: 1_000_000)
        #expect(wait.timeout(now: now, feedLive: false, wakeAt: nil, renewalDue: nil) == .milliseconds(5))
        #expect(wait.timeout(now: now, feedLive: true, wakeAt: nil, renewalDue: nil) == .seconds(1))
        #expect(wait.timeout(now: now, feedLive: true, wakeAt: now.adding(milliseconds: 300), renewalDue: nil) == .milliseconds(300))
        #expect(wait.timeout(now: now, feedLive: true, wakeAt: now.adding(milliseconds: -50), renewalDue: nil) == .milliseconds(1))
        #expect(wait.timeout(now: now, feedLive: true, wakeAt: nil, renewalDue: now.adding(milliseconds: 400)) == .milliseconds(400))
        // A renewal already due waits one poll, not zero (no spinning).
        #expect(wait.timeout(now: now, feedLive: true, wakeAt: nil, renewalDue: now.adding(milliseconds: -10)) == .milliseconds(5))
        // A poll interval longer than the fallback is kept.
        let slow = IdleWait(poll: .seconds(10), fallback: .seconds(1))
        #expect(slow.timeout(now: now, feedLive: true, wakeAt: nil, renewalDue: nil) == .seconds(10))
    }

    @Test("the watch: live after listening, polling again after lost; every event rings the doorbell")
    func watch() async {
        let watch = ChangeWatch()
        let doorbell = Doorbell()
        #expect(watch.pollInterval(polling: .milliseconds(250), fallback: .seconds(1)) == .milliseconds(250))
        watch.handle(.listening, doorbell: doorbell)
        #expect(watch.isLive)
        #expect(watch.pollInterval(polling: .milliseconds(250), fallback: .seconds(1)) == .seconds(1))
        watch.handle(.changed, doorbell: doorbell)
        watch.handle(.lost, doorbell: doorbell)
        #expect(!watch.isLive)
        #expect(watch.wakeCount == 3)
        // Rung: the wait returns at once, well before its 30 s timeout.
        let started = ContinuousClock.now
        await doorbell.wait(timeout: .seconds(30))
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
