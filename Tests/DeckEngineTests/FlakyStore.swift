import DeckCore
import DeckEngine
import DeckStore
import Synchronization

/// The in-memory store behind a wall that refuses some claims, as a database locked too long
/// by another process would: for tests of what the worker does when a write fails.
final class FlakyStore: WorkerStore {
    let base: InMemoryStore
    /// Refuse every n-th claim that carries finished outcomes.
    let every: Int
    private let calls = Mutex(0)
    private let refusals = Mutex(0)

    init(_ base: InMemoryStore, refusingEvery every: Int) {
        self.base = base
        self.every = every
    }

    var refused: Int { refusals.withLock { $0 } }

    func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        if !request.finished.isEmpty {
            let refuse = calls.withLock { count -> Bool in
                count += 1
                return count % every == 0
            }
            if refuse {
                refusals.withLock { $0 += 1 }
                throw StoreError.unavailable("database is locked (test)")
            }
        }
        return try await base.claim(request)
    }

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
