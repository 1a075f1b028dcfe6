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
            return outcome.result(applied: report.applied, finished: finished) { envelope in
                state.catalog[envelope.tenantID]?[envelope.toolSlug.rawValue]?.version
            }
        }
    }

    /// A claim's reads from the in-memory state (under the store's lock).
    private struct Reads: ClaimReads {
        let state: State
        let now: Timestamp
        /// Tools held by open breaking alerts, by tenant (read once per claim).
        let held: [TenantID: [ToolSlug: DriftAlertID]]

        init(state: State, now: Timestamp) {
            self.state = state
            self.now = now
            var held: [TenantID: [ToolSlug: DriftAlertID]] = [:]
            for alert in state.driftAlerts where alert.status == .open && alert.breaking {
                held[alert.tenantID, default: [:]][ToolSlug(rawValue: alert.toolSlug)] = alert.id
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
        var plan = TransitionPlan.finishing(outcomes, worker: worker, at: now)
        // The guarded write: only rows still running under the worker's lease.
        var written = Set<EnvelopeID>()
        for write in plan.writes {
            if let index = envelopeIndex(write.after.id, in: .allTenants), envelopes[index].status == .running,
               envelopes[index].leaseOwner == worker {
                written.insert(write.after.id)
            }
        }
        plan = plan.confirmingWritten(written)
        write(plan, actor: worker.rawValue, at: now)
        return plan.report
    }
}
