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
            try versions.refresh(db)
            return try outcome.result(applied: report.applied, finished: finished) { envelope in
                try versions.version(of: envelope.toolSlug.rawValue, for: envelope.tenantID, db)
            }
        }
    }

    /// Writes a worker's finished executions without reading them again: each is still
    /// exactly as the worker claimed it while it runs under the worker's lease, which the
    /// guarded, set-based update checks (`RETURNING` names the rows it wrote); one whose lease
    /// was lost is skipped.
    static func finish(
        _ outcomes: [ExecutionOutcome], worker: WorkerID, now: Timestamp, _ db: Database, audit: inout SQLiteAuditWriter
    ) throws -> TransitionReport {
        guard !outcomes.isEmpty else { return TransitionReport() }
        var plan = TransitionPlan.finishing(outcomes, worker: worker, at: now)
        var writer = OutboxRowWriter()
        for write in plan.writes { writer.add(write.after, from: write.before) }
        if !writer.isEmpty { plan = plan.confirmingWritten(try writer.run(db, onlyIfLeasedTo: worker)) }
        for step in plan.steps { try audit.append(step.transition, from: step.before, to: step.after, actor: worker.rawValue) }
        return plan.report
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
