import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: OutboxQueue {
    /// One transaction: the finished executions' outcomes (each only while it still runs
    /// under the worker's lease), then the core's decision over the reads — taken with the
    /// claim's tenants held (`PostgresClaimReads`: so tenant caps hold across hosts, while claims
    /// of different tenants go on side by side) — its writes, and the audit rows, which the
    /// database seals into the chain when the transaction commits.
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let now = clock.now()
        return try await transaction(.allTenants) { connection in
            var finished = TransitionPlan.finishing(request.finished, worker: request.worker, at: now)
            let written = try await PostgresEnvelopeWrites.write(
                finished.writes.map(\.after), onlyIfLeasedTo: request.worker, connection, logger: logger)
            finished = finished.confirmingWritten(written)
            var audit = finished.steps.compactMap {
                EnvelopeAudit.transitioned($0.transition, from: $0.before, to: $0.after, actor: request.worker.rawValue)
            }
            guard request.limit > 0 else {
                try await PostgresAuditWriter.stage(audit, at: now, on: connection, logger: logger)
                return ClaimResult(finished: finished.report)
            }
            let reads = try await PostgresClaimReads.load(request, at: now, cache: claimContexts, connection, logger: logger)
            var outcome = try ClaimDecider.decide(request, at: now, reads: reads)
            // Tenants left out of the hold as paused or at their cap, as the decider reports
            // them from its window.
            outcome.paused += reads.blockedPaused
            outcome.conflicts += reads.blockedAtCap
            var report = TransitionReport()
            // Versions to pin from the tenants' catalogs, for claimed envelopes without one,
            // read with the rows the claim changes.
            var versions: [String: String] = [:]
            if !outcome.changes.isEmpty {
                var known: [EnvelopeID: Envelope] = [:]
                var binds = PostgresBindings()
                binds.append(outcome.changes.map(\.id.rawValue))
                for try await row in try await connection.prepared(LockForClaim.self, binds, logger: logger) {
                    let r = row.makeRandomAccess()
                    let envelope = try Self.envelope(r)
                    known[envelope.id] = envelope
                    if let version = try r[LockForClaim.versionColumn].decode(String?.self) {
                        versions[envelope.tenantID.rawValue + " " + envelope.toolSlug.rawValue] = version
                    }
                }
                // The window was read unlocked (`PostgresClaimReads.candidates`): a row another
                // writer changed since (an operator cancelled or deferred it), or holds locked
                // now (skipped: a claim never waits on a row), is left for a later claim.
                let changes = outcome.changes.filter { change in
                    known[change.id].map { $0.status == .pending && $0.runAt <= now } ?? false
                }
                let actor = request.worker.rawValue
                let plan = try TransitionPlan.applying(changes, to: known, mode: .allOrNothing, at: now, by: actor)
                report = plan.report
                audit += plan.steps.compactMap {
                    EnvelopeAudit.transitioned($0.transition, from: $0.before, to: $0.after, actor: actor)
                }
                // The claim's writes and every audit row of the transaction in one statement.
                _ = try await PostgresEnvelopeWrites.write(
                    plan.writes.map(\.after), onlyIfLeasedTo: nil, staging: (audit, now), connection, logger: logger)
            } else {
                try await PostgresAuditWriter.stage(audit, at: now, on: connection, logger: logger)
            }
            return outcome.result(applied: report.applied, finished: finished.report) { envelope in
                versions[envelope.tenantID.rawValue + " " + envelope.toolSlug.rawValue]
            }
        }
    }

    /// The envelopes a claim changes (ids in `$1`), each row locked (those another
    /// transaction holds locked are skipped), each with its tenant catalog's version of its
    /// tool when the envelope has none pinned.
    private enum LockForClaim: PostgresStatementText {
        static let name = "claim_lock"
        static let sql = """
            SELECT \(qualifiedEnvelopeColumns), c.version FROM outbox AS o
            LEFT JOIN tool_catalog AS c ON o.version IS NULL AND c.tenant_id = o.tenant_id AND c.tool_slug = o.tool_slug
            WHERE o.id = ANY($1) FOR UPDATE OF o SKIP LOCKED
            """
        /// The catalog's version, after `envelopeColumns`.
        static let versionColumn = envelopeColumns.split(separator: ",").count
    }

    public func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope] {
        let now = clock.now()
        return try await transaction(.allTenants) { connection in
            var query = PostgresQuery(unsafeSQL: """
                SELECT \(Self.envelopeColumns) FROM outbox WHERE status = 'running' AND lease_expires_at <= $1
                ORDER BY lease_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
                """)
            query.binds.append(now.millisecondsSinceEpoch)
            query.binds.append(max(1, limit))
            let expired = try await Self.fetchEnvelopes(query, connection, logger: logger)
            guard !expired.isEmpty else { return [] }
            return try await Self.apply(
                expired.map { EnvelopeChange($0.id, policy.rescue($0, at: now)) }, actor: actor, mode: .skipIneligible, now: now,
                connection, logger: logger, known: Dictionary(uniqueKeysWithValues: expired.map { ($0.id, $0) })
            ).applied
        }
    }

    public func nextRunAt() async throws -> Timestamp? {
        try await transaction(.allTenants) { connection in
            var next: Int64?
            for try await value in try await connection.query(
                "SELECT min(run_at) FROM outbox WHERE status = 'pending'", logger: logger
            ).decode(Int64?.self) { next = value }
            // Held envelopes wait at `Timestamp.held`: never a time to wake for.
            return next.flatMap { $0 >= Timestamp.held.millisecondsSinceEpoch ? nil : Timestamp(millisecondsSinceEpoch: $0) }
        }
    }

    public func deadCount() async throws -> Int {
        try await transaction(.allTenants) { connection in
            var count = 0
            for try await value in try await connection.query(
                "SELECT count(*)::int FROM outbox WHERE status = 'dead'", logger: logger
            ).decode(Int.self) { count = value }
            return count
        }
    }

    /// The audit chain's head id: every change writes an audit row.
    public func changeToken() async throws -> Int64 {
        try await transaction(.allTenants) { connection in
            var token: Int64 = 0
            for try await value in try await connection.query(
                "SELECT last_id FROM audit_chain_head", logger: logger
            ).decode(Int64.self) { token = value }
            return token
        }
    }
}
