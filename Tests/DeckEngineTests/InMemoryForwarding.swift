import DeckCore
import DeckEngine
import DeckStore

/// A test store in front of the in-memory store: every port forwards to `base` unless the
/// conforming type says otherwise (`FlakyStore` refuses claims, `FeedStore` adds a feed).
protocol InMemoryForwarding: WorkerStore {
    var base: InMemoryStore { get }
}

extension InMemoryForwarding {
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
