import DeckCore
import DeckEngine
import DeckStore
import Synchronization

/// The in-memory store with a change feed that reports what `announce()` is told, as
/// PostgreSQL's `NOTIFY` reports another process's commits: for tests of what a worker does
/// when woken by the feed rather than by its own polling.
final class FeedStore: WorkerStore, ChangeFeed {
    let base: InMemoryStore
    private let followers = Mutex<[Int: @Sendable (ChangeFeedEvent) -> Void]>([:])
    private let nextFollower = Mutex(0)

    init(_ base: InMemoryStore) {
        self.base = base
    }

    /// How many follow the feed now.
    var followerCount: Int { followers.withLock { $0.count } }

    /// Reports `event` to every follower.
    func announce(_ event: ChangeFeedEvent = .changed) {
        for handle in followers.withLock({ Array($0.values) }) { handle(event) }
    }

    func followChanges(_ handle: @escaping @Sendable (ChangeFeedEvent) -> Void) async {
        let id = nextFollower.withLock { value -> Int in
            value += 1
            return value
        }
        followers.withLock { $0[id] = handle }
        handle(.listening)
        // Until cancelled.
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(60)) }
        followers.withLock { $0[id] = nil }
    }

    func claim(_ request: ClaimRequest) async throws -> ClaimResult { try await base.claim(request) }

    func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope] {
        try await base.rescueExpiredLeases(policy: policy, limit: limit, actor: actor)
    }
    func nextRunAt() async throws -> Timestamp? { try await base.nextRunAt() }
    func deadCount() async throws -> Int { try await base.deadCount() }
    func changeToken() async throws -> Int64 { try await base.changeToken() }
    func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt {
        try await base.submit(drafts, in: scope, actor: actor)
    }
    func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope? { try await base.envelope(id, in: scope) }
    func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope> {
        try await base.envelopes(query, in: scope)
    }
    func envelopeCount(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Int { try await base.envelopeCount(query, in: scope) }
    func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int] { try await base.statusCounts(in: scope) }
    func activeCountsByTenant(in scope: TenantScope) async throws -> [TenantID: [EnvelopeStatus: Int]] {
        try await base.activeCountsByTenant(in: scope)
    }
    func heldCounts(in scope: TenantScope) async throws -> [DriftAlertID: Int] { try await base.heldCounts(in: scope) }
    func apply(_ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode) async throws -> TransitionReport {
        try await base.apply(changes, in: scope, actor: actor, mode: mode)
    }
    func recordHeartbeat(_ heartbeat: WorkerHeartbeat) async throws { try await base.recordHeartbeat(heartbeat) }
    func heartbeats(seenSince instant: Timestamp) async throws -> [WorkerHeartbeat] { try await base.heartbeats(seenSince: instant) }
    func removeHeartbeat(_ id: WorkerID) async throws { try await base.removeHeartbeat(id) }
    func removeHeartbeats(seenBefore instant: Timestamp) async throws -> [WorkerID] { try await base.removeHeartbeats(seenBefore: instant) }
}
