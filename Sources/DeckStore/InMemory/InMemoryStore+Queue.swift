import DeckCore

extension InMemoryStore {
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            var running: [TenantID: Int] = [:]
            var due: [Envelope] = []
            for envelope in state.envelopes {
                if envelope.status == .running { running[envelope.tenantID, default: 0] += 1 }
                if envelope.status == .pending, envelope.runAt <= now { due.append(envelope) }
            }
            var held: [TenantID: [String: DriftAlertID]] = [:]
            for alert in state.driftAlerts where alert.status == .open && alert.breaking {
                held[alert.tenantID, default: [:]][alert.toolSlug] = alert.id
            }
            var tenants: [TenantID: ClaimDecider.TenantContext] = [:]
            for (id, tenant) in state.tenants {
                tenants[id] = ClaimDecider.TenantContext(
                    maxRunning: tenant.maxRunning, running: running[id] ?? 0, timeZone: tenant.timeZone,
                    guardrails: state.guardrails[id] ?? .default, userID: tenant.composioUserID, heldTools: held[id] ?? [:])
            }
            let saturated = Set(tenants.filter { $0.value.running >= $0.value.maxRunning }.map(\.key))
            let saturatedConflicts = Set(due.filter { saturated.contains($0.tenantID) }.map(\.tenantID)).count
            let candidates = Array(
                due.filter { !saturated.contains($0.tenantID) }
                    .sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
                    .prefix(request.limit * request.windowFactor))
            let outcome = ClaimDecider.decide(
                candidates: candidates, tenants: tenants, saturatedConflicts: saturatedConflicts, request: request, at: now)
            let report = try state.apply(
                outcome.changes, in: .allTenants, actor: request.worker.rawValue, mode: .allOrNothing, at: now)
            let claimedIDs = Set(outcome.claimed)
            return ClaimResult(
                claimed: report.applied.filter { claimedIDs.contains($0.id) }.map {
                    ClaimedEnvelope(
                        envelope: $0, userID: tenants[$0.tenantID]?.userID ?? $0.tenantID.rawValue,
                        pinnedVersion: $0.version ?? state.catalog[$0.tenantID]?[$0.toolSlug]?.version)
                },
                conflicts: outcome.conflicts, deferred: outcome.deferred, held: outcome.held, rejected: outcome.rejected)
        }
    }

    public func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope] {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let expired = state.envelopes
                .filter { $0.status == .running && ($0.leaseExpiresAt.map { $0 <= now } ?? true) }
                .sorted { ($0.leaseExpiresAt ?? now, $0.id) < ($1.leaseExpiresAt ?? now, $1.id) }
                .prefix(max(1, limit))
            return try state.apply(
                expired.map { EnvelopeChange($0.id, policy.rescue($0, at: now)) }, in: .allTenants, actor: actor,
                mode: .skipIneligible, at: now
            ).applied
        }
    }

    public func nextRunAt() async throws -> Timestamp? {
        try locked { state in state.envelopes.lazy.filter { $0.status == .pending }.map(\.runAt).min() }
    }

    public func deadCount() async throws -> Int {
        try locked { state in state.envelopes.lazy.filter { $0.status == .dead }.count }
    }

    public func changeToken() async throws -> Int64 {
        try locked { state in Int64(state.audit.count) }
    }
}
