import DeckCore
import Foundation

extension InMemoryStore {
    public func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt {
        let now = clock.now()
        var random = Xoshiro256(seed: SystemRandomNumberGenerator())
        let keys = drafts.map { $0.idempotencyKey ?? IdempotencyKey.generate(at: now, using: &random) }
        return try locked { state throws(StoreError) in
            for tenant in Set(drafts.map(\.tenantID)) { try state.visibleTenant(tenant, in: scope) }
            for draft in drafts {
                if let task = draft.taskID {
                    let index = Int(task.rawValue) - 1
                    guard state.tasks.indices.contains(index), state.tasks[index].tenantID == draft.tenantID else {
                        throw .notFound("task \(task)")
                    }
                }
            }
            let plan: SubmitPlan
            do {
                plan = try SubmitPlan.plan(
                    drafts, keys: keys, firstID: EnvelopeID(Int64(state.envelopes.count + 1)),
                    catalogRisk: { tenant, tool in state.catalog[tenant]?[tool.rawValue]?.risk },
                    stored: { tenant, key in state.idempotency[tenant]?[key].map { state.envelopes[Int($0.rawValue) - 1] } })
            } catch let error as StoreError {
                throw error
            } catch {
                throw .unavailable("submission failed: \(error)")
            }
            for index in plan.fresh {
                let envelope = plan.envelope(index, at: now)
                state.envelopes.append(envelope)
                state.idempotency[envelope.tenantID, default: [:]][envelope.idempotencyKey] = envelope.id
                state.appendAudit(
                    EnvelopeAudit.submitted(envelope, actor: actor, argumentsSHA256: ArgumentsDigest.hex(envelope.argumentsJSON.text)), at: now)
            }
            return plan.receipt
        }
    }

    public func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope? {
        try locked { state in state.envelopeIndex(id, in: scope).map { state.envelopes[$0] } }
    }

    public func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope> {
        try locked { state in
            let tenants = state.tenants
            let matches = state.envelopes.lazy.filter {
                scope.admits($0.tenantID) && query.matches($0, tenantName: tenants[$0.tenantID]?.name ?? "")
            }
            return KeysetWindow(order: query.order, after: query.after, limit: query.limit).page(scanning: matches)
        }
    }

    public func envelopeCount(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Int {
        try locked { state in
            let tenants = state.tenants
            return state.envelopes.lazy.filter {
                scope.admits($0.tenantID) && query.matches($0, tenantName: tenants[$0.tenantID]?.name ?? "")
            }.prefix(10_001).count
        }
    }

    public func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int] {
        try locked { state in
            var counts: [EnvelopeStatus: Int] = [:]
            for envelope in state.envelopes where scope.admits(envelope.tenantID) {
                counts[envelope.status, default: 0] += 1
            }
            return counts
        }
    }

    public func activeCountsByTenant(in scope: TenantScope) async throws -> [TenantID: [EnvelopeStatus: Int]] {
        try locked { state in
            var counts: [TenantID: [EnvelopeStatus: Int]] = [:]
            for envelope in state.envelopes where scope.admits(envelope.tenantID) {
                switch envelope.status {
                case .pending, .running, .awaitingApproval, .dead: counts[envelope.tenantID, default: [:]][envelope.status, default: 0] += 1
                case .succeeded, .cancelled: break
                }
            }
            return counts
        }
    }

    public func heldCounts(in scope: TenantScope) async throws -> [DriftAlertID: Int] {
        try locked { state in
            var counts: [DriftAlertID: Int] = [:]
            for envelope in state.envelopes where envelope.status == .pending && scope.admits(envelope.tenantID) {
                if let alert = envelope.heldBy { counts[alert, default: 0] += 1 }
            }
            return counts
        }
    }

    public func apply(
        _ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode
    ) async throws -> TransitionReport {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.apply(changes, in: scope, actor: actor, mode: mode, at: now)
        }
    }
}

extension InMemoryStore.State {
    /// Applies changes in order under the caller's lock: everything is checked before the
    /// first row changes, so `.allOrNothing` leaves no trace when it throws.
    mutating func apply(
        _ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode, at now: Timestamp
    ) throws(StoreError) -> TransitionReport {
        var current: [EnvelopeID: Envelope] = [:]
        for change in changes where current[change.id] == nil {
            if let index = envelopeIndex(change.id, in: scope) { current[change.id] = envelopes[index] }
        }
        let plan = try TransitionPlan.applying(changes, to: current, mode: mode, at: now, by: actor)
        write(plan, actor: actor, at: now)
        return plan.report
    }

    /// Executes a plan: each changed envelope's final state, then the audit rows in order.
    mutating func write(_ plan: TransitionPlan, actor: String, at now: Timestamp) {
        for write in plan.writes {
            if let index = envelopeIndex(write.after.id, in: .allTenants) { envelopes[index] = write.after }
        }
        for step in plan.steps {
            if let entry = EnvelopeAudit.transitioned(step.transition, from: step.before, to: step.after, actor: actor) {
                appendAudit(entry, at: now)
            }
        }
    }
}
