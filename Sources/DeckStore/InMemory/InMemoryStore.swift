import DeckCore
import Foundation
import Synchronization

/// The in-memory adapter of every control-plane port: a complete implementation behind a
/// `Mutex`, with the same rules, scoping and audit chain as the SQLite store.
///
/// Used by tests, by `--memory` runs and as the reference the contract suite holds the
/// SQLite store to. Every operation validates first and mutates after, so a refused call
/// leaves nothing half-done.
public final class InMemoryStore: ControlPlaneStore {
    struct State {
        var tenants: [TenantID: Tenant] = [:]
        var guardrails: [TenantID: Guardrails] = [:]
        var objectives: [Objective] = []
        var accounts: [ConnectedAccountID: ConnectedAccount] = [:]
        var catalog: [TenantID: [String: ToolCatalogEntry]] = [:]
        var tasks: [AgentTask] = []
        var signals: [Signal] = []
        var schedules: [ScheduleKey: Schedule] = [:]
        var driftAlerts: [DriftAlert] = []
        var heartbeats: [WorkerID: WorkerHeartbeat] = [:]
        /// Envelope `n` is at index `n - 1`: ids are dense and rows are never deleted.
        var envelopes: [Envelope] = []
        var idempotency: [TenantID: [String: EnvelopeID]] = [:]
        /// Audit row `n` is at index `n - 1`.
        var audit: [AuditEvent] = []

        func visibleTenant(_ id: TenantID, in scope: TenantScope) throws(StoreError) {
            guard scope.admits(id), tenants[id] != nil else { throw .notFound("tenant \(id)") }
        }

        func envelopeIndex(_ id: EnvelopeID, in scope: TenantScope) -> Int? {
            let index = Int(id.rawValue) - 1
            guard envelopes.indices.contains(index), scope.admits(envelopes[index].tenantID) else { return nil }
            return index
        }

        mutating func appendAudit(_ entry: AuditEntry, at now: Timestamp) {
            let prevHash = audit.last?.hash ?? AuditChain.genesisHash
            let (event, _) = AuditEvent.sealing(entry, id: Int64(audit.count + 1), at: now, prevHash: prevHash)
            audit.append(event)
        }
    }

    struct ScheduleKey: Hashable {
        var tenantID: TenantID
        var job: ScheduleJob
        var category: String
    }

    let state = Mutex(State())
    let clock: any WallClock

    /// An empty store stamping rows with `clock`.
    public init(clock: any WallClock = SystemClock()) {
        self.clock = clock
    }

    /// Runs `body` under the lock.
    func locked<T>(_ body: (inout State) throws(StoreError) -> T) throws(StoreError) -> T {
        try state.withLock { (state: inout State) throws(StoreError) -> T in try body(&state) }
    }
}
