import DeckCore
import GRDB

extension SQLiteStore {
    /// Runs its transaction on the calling thread, blocking it instead of suspending: a
    /// worker calls this in a loop from a thread of its own (`OutboxWorker`), and between
    /// two claims no hop to the store's queue and back is left to wait for a busy pool.
    /// (Blocking never waits for the cooperative pool: only for SQLite's write lock.)
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let now = clock.now()
        let cache = claimContexts
        let versions = catalogVersions
        return try writeBlocking { db in
            var audit = try SQLiteAuditWriter(db, now: now, batched: true)
            let finished = try Self.finish(request.finished, worker: request.worker, now: now, db, audit: &audit)
            guard request.limit > 0 else {
                try audit.flush()
                return ClaimResult(finished: finished)
            }
            let tenants = try cache.contexts(db)
            let reads = SQLiteClaimReads(db: db, now: now, contexts: tenants.contexts, paused: tenants.paused)
            let outcome = try ClaimDecider.decide(request, at: now, reads: reads)
            let report = outcome.changes.isEmpty ? TransitionReport() : try Self.apply(
                outcome.changes, in: .allTenants, actor: request.worker.rawValue, mode: .allOrNothing, now: now, db,
                audit: &audit)
            try audit.flush()
            let claimedIDs = Set(outcome.claimed)
            try versions.refresh(db)
            var claimed: [ClaimedEnvelope] = []
            claimed.reserveCapacity(outcome.claimed.count)
            for envelope in report.applied where claimedIDs.contains(envelope.id) {
                let pinned = try envelope.version ?? versions.version(of: envelope.toolSlug, for: envelope.tenantID, db)
                claimed.append(ClaimedEnvelope(
                    envelope: envelope, userID: outcome.userIDs[envelope.tenantID] ?? envelope.tenantID.rawValue,
                    pinnedVersion: pinned))
            }
            return ClaimResult(
                claimed: claimed, conflicts: outcome.conflicts, deferred: outcome.deferred, held: outcome.held,
                rejected: outcome.rejected, driftHeld: outcome.driftHeld, paused: outcome.paused, finished: finished)
        }
    }

    /// Writes a worker's finished executions without reading them again: each is still
    /// exactly as the worker claimed it while it runs under the worker's lease, which the
    /// guarded, set-based update checks (`RETURNING` names the rows it wrote); one whose lease
    /// was lost is skipped.
    static func finish(
        _ outcomes: [ExecutionOutcome], worker: WorkerID, now: Timestamp, _ db: Database, audit: inout SQLiteAuditWriter
    ) throws -> TransitionReport {
        var report = TransitionReport()
        guard !outcomes.isEmpty else { return report }
        var writer = OutboxRowWriter()
        var steps: [(transition: EnvelopeTransition, before: Envelope, after: Envelope)] = []
        steps.reserveCapacity(outcomes.count)
        var seen = Set<EnvelopeID>()
        for outcome in outcomes {
            let before = outcome.envelope
            let after: Envelope
            do throws(EnvelopeTransitionError) {
                guard before.status == .running, before.leaseOwner == worker else {
                    throw .notLeaseOwner(worker: worker, owner: before.leaseOwner)
                }
                guard seen.insert(before.id).inserted else { throw .illegal(transition: outcome.transition.name, from: .running) }
                after = try EnvelopeLifecycle.apply(outcome.transition, to: before, at: now, by: worker.rawValue)
            } catch {
                report.skipped.append(.init(id: before.id, reason: error.description))
                continue
            }
            writer.add(after, from: before)
            steps.append((outcome.transition, before, after))
        }
        let written = writer.isEmpty ? [] : try writer.run(db, onlyIfLeasedTo: worker)
        report.applied.reserveCapacity(steps.count)
        for step in steps {
            guard written.contains(step.after.id) else {
                report.skipped.append(.init(id: step.after.id, reason: "lease lost (the envelope was taken back)"))
                continue
            }
            try audit.append(step.transition, from: step.before, to: step.after, actor: worker.rawValue)
            report.applied.append(step.after)
        }
        return report
    }

    public func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope] {
        let now = clock.now()
        return try await write { db in
            let expired = try Row.fetchAll(
                try db.cachedStatement(sql: """
                    SELECT \(SQLiteRows.envelopeColumns) FROM outbox WHERE status = 'running' AND lease_expires_at <= ?
                    ORDER BY lease_expires_at LIMIT ?
                    """),
                arguments: [now.millisecondsSinceEpoch, max(1, limit)]
            ).map(SQLiteRows.envelope)
            guard !expired.isEmpty else { return [] }
            var audit = try SQLiteAuditWriter(db, now: now)
            return try Self.apply(
                expired.map { EnvelopeChange($0.id, policy.rescue($0, at: now)) }, in: .allTenants, actor: actor,
                mode: .skipIneligible, now: now, db, audit: &audit,
                known: Dictionary(uniqueKeysWithValues: expired.map { ($0.id, $0) })
            ).applied
        }
    }

    public func nextRunAt() async throws -> Timestamp? {
        try await read { db in
            // Held envelopes wait at `Timestamp.held`: never a time to wake for.
            try Int64.fetchOne(db, sql: "SELECT min(run_at) FROM outbox WHERE status = 'pending'")
                .flatMap { $0 >= Timestamp.held.millisecondsSinceEpoch ? nil : Timestamp(millisecondsSinceEpoch: $0) }
        }
    }

    public func deadCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = 'dead'") ?? 0 }
    }

    public func changeToken() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0 }
    }
}
