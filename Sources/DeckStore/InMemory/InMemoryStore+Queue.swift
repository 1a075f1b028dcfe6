import DeckCore

extension InMemoryStore {
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let finished = state.finish(request.finished, worker: request.worker, at: now)
            guard request.limit > 0 else { return ClaimResult(finished: finished) }
            let outcome: ClaimDecider.Outcome
            do {
                outcome = try ClaimDecider.decide(request, at: now, reads: Reads(state: state, now: now))
            } catch {
                throw .unavailable("claim failed: \(error)")
            }
            let report = try state.apply(
                outcome.changes, in: .allTenants, actor: request.worker.rawValue, mode: .allOrNothing, at: now)
            let claimedIDs = Set(outcome.claimed)
            return ClaimResult(
                claimed: report.applied.filter { claimedIDs.contains($0.id) }.map {
                    ClaimedEnvelope(
                        envelope: $0, userID: outcome.userIDs[$0.tenantID] ?? $0.tenantID.rawValue,
                        pinnedVersion: $0.version ?? state.catalog[$0.tenantID]?[$0.toolSlug]?.version)
                },
                conflicts: outcome.conflicts, deferred: outcome.deferred, held: outcome.held, rejected: outcome.rejected,
                driftHeld: outcome.driftHeld, paused: outcome.paused, finished: finished)
        }
    }

    /// A claim's reads from the in-memory state (under the store's lock).
    private struct Reads: ClaimReads {
        let state: State
        let now: Timestamp
        /// Tools held by open breaking alerts, by tenant (read once per claim).
        let held: [TenantID: [String: DriftAlertID]]

        init(state: State, now: Timestamp) {
            self.state = state
            self.now = now
            var held: [TenantID: [String: DriftAlertID]] = [:]
            for alert in state.driftAlerts where alert.status == .open && alert.breaking {
                held[alert.tenantID, default: [:]][alert.toolSlug] = alert.id
            }
            self.held = held
        }

        func runningCounts() -> [TenantID: Int] {
            var running: [TenantID: Int] = [:]
            for envelope in state.envelopes where envelope.status == .running { running[envelope.tenantID, default: 0] += 1 }
            return running
        }

        func context(of tenant: TenantID) -> ClaimDecider.TenantContext? {
            guard let record = state.tenants[tenant] else { return nil }
            return ClaimDecider.TenantContext(
                maxRunning: record.maxRunning, timeZone: record.timeZone, guardrails: state.guardrails[tenant] ?? .default,
                userID: record.composioUserID, heldTools: held[tenant] ?? [:])
        }

        func pausedTenants() -> Set<TenantID> {
            Set(state.tenants.values.lazy.filter(\.isPaused).map(\.id))
        }

        func dueCandidates(limit: Int, excluding: Set<TenantID>) -> [ClaimCandidate] {
            Array(
                state.envelopes
                    .filter { $0.status == .pending && $0.runAt <= now && !excluding.contains($0.tenantID) }
                    .sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
                    .prefix(limit)
                    .map(ClaimCandidate.init))
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
        try locked { state in
            state.envelopes.lazy.filter { $0.status == .pending && $0.heldBy == nil }.map(\.runAt).min()
        }
    }

    public func deadCount() async throws -> Int {
        try locked { state in state.envelopes.lazy.filter { $0.status == .dead }.count }
    }

    public func changeToken() async throws -> Int64 {
        try locked { state in Int64(state.audit.count) }
    }
}

extension InMemoryStore.State {
    /// A worker's finished executions, each applied only while the envelope still runs under
    /// that worker's lease (the same rule as SQLite's guarded update).
    mutating func finish(_ outcomes: [ExecutionOutcome], worker: WorkerID, at now: Timestamp) -> TransitionReport {
        var report = TransitionReport()
        for outcome in outcomes {
            let id = outcome.envelope.id
            guard let index = envelopeIndex(id, in: .allTenants), envelopes[index].status == .running,
                  envelopes[index].leaseOwner == worker
            else {
                report.skipped.append(.init(id: id, reason: "lease lost (the envelope was taken back)"))
                continue
            }
            let before = envelopes[index]
            do throws(EnvelopeTransitionError) {
                let after = try EnvelopeLifecycle.apply(outcome.transition, to: before, at: now, by: worker.rawValue)
                envelopes[index] = after
                if let entry = EnvelopeAudit.transitioned(outcome.transition, from: before, to: after, actor: worker.rawValue) {
                    appendAudit(entry, at: now)
                }
                report.applied.append(after)
            } catch {
                report.skipped.append(.init(id: id, reason: error.description))
            }
        }
        return report
    }
}
