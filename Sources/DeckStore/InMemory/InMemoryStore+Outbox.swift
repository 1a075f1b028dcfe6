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
            // A key reused for a different request refuses the whole submission, before anything
            // is stored (the same rule as SQLite's).
            var seen: [TenantID: [String: Int]] = [:]
            for (index, (draft, key)) in zip(drafts, keys).enumerated() where draft.idempotencyKey != nil {
                if let existing = state.idempotency[draft.tenantID]?[key] {
                    if let difference = draft.requestDifference(from: state.envelopes[Int(existing.rawValue) - 1]) {
                        throw .conflict(EnvelopeDraft.reusedKey(key, envelope: existing, difference: difference))
                    }
                } else if let earlier = seen[draft.tenantID]?[key] {
                    if let difference = draft.requestDifference(from: drafts[earlier]) {
                        throw .conflict(EnvelopeDraft.reusedKey(key, envelope: nil, difference: difference))
                    }
                } else {
                    seen[draft.tenantID, default: [:]][key] = index
                }
            }
            var ids: [EnvelopeID] = []
            ids.reserveCapacity(drafts.count)
            var duplicates = 0
            for (submitted, key) in zip(drafts, keys) {
                var draft = submitted
                if !draft.riskIsExplicit, let cached = state.catalog[draft.tenantID]?[draft.toolSlug] {
                    draft.risk = cached.risk
                }
                if let existing = state.idempotency[draft.tenantID]?[key] {
                    ids.append(existing)
                    duplicates += 1
                    continue
                }
                let id = EnvelopeID(Int64(state.envelopes.count + 1))
                let envelope = EnvelopeLifecycle.submit(draft, id: id, idempotencyKey: key, at: now)
                state.envelopes.append(envelope)
                state.idempotency[draft.tenantID, default: [:]][key] = id
                state.appendAudit(
                    EnvelopeAudit.submitted(envelope, actor: actor, argumentsSHA256: ArgumentsDigest.hex(envelope.argumentsJSON.text)), at: now)
                ids.append(id)
            }
            return SubmitReceipt(ids: ids, duplicates: duplicates)
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
            return KeysetPage.page(matches, order: query.order, after: query.after, limit: query.limit)
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
        var report = TransitionReport()
        var pending: [Int: Envelope] = [:]
        var steps: [(index: Int, change: EnvelopeChange, before: Envelope, after: Envelope)] = []
        for change in changes {
            guard let index = envelopeIndex(change.id, in: scope) else {
                if mode == .allOrNothing { throw .notFound("envelope \(change.id)") }
                report.skipped.append(.init(id: change.id, reason: "not found"))
                continue
            }
            let before = pending[index] ?? envelopes[index]
            do throws(EnvelopeTransitionError) {
                let after = try EnvelopeLifecycle.apply(change.transition, to: before, at: now, by: actor)
                pending[index] = after
                steps.append((index, change, before, after))
            } catch {
                if mode == .allOrNothing { throw .transition(change.id, error) }
                report.skipped.append(.init(id: change.id, reason: error.description))
            }
        }
        for step in steps {
            envelopes[step.index] = step.after
            if let entry = EnvelopeAudit.transitioned(step.change.transition, from: step.before, to: step.after, actor: actor) {
                appendAudit(entry, at: now)
            }
            report.applied.append(step.after)
        }
        return report
    }
}
