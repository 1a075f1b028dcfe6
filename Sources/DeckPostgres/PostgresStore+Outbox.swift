import DeckCore
import DeckStore
import Foundation
import PostgresNIO

extension PostgresStore: OutboxRepository {
    public func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt {
        guard !drafts.isEmpty else { return SubmitReceipt(ids: [], duplicates: 0) }
        let now = clock.now()
        var random = Xoshiro256(seed: SystemRandomNumberGenerator())
        let keys = drafts.map { $0.idempotencyKey ?? IdempotencyKey.generate(at: now, using: &random) }
        return try await transaction(scope) { connection in
            for tenant in Set(drafts.map(\.tenantID)) { try await Self.requireTenant(tenant, in: scope, connection, logger: logger) }
            var checkedTasks: [TaskID: TenantID] = [:]
            for draft in drafts {
                guard let task = draft.taskID, checkedTasks[task] != draft.tenantID else { continue }
                var found = false
                for try await _ in try await connection.query(
                    "SELECT 1 FROM tasks WHERE id = \(task.rawValue) AND tenant_id = \(draft.tenantID.rawValue)::uuid", logger: logger
                ).decode(Int32.self) { found = true }
                guard found else { throw StoreError.notFound("task \(task)") }
                checkedTasks[task] = draft.tenantID
            }
            // Ids come from the identity, reserved up front in the drafts' order: `max(id)`
            // would see only this scope's rows under row-level security.
            var risks: [String: RiskTier?] = [:]
            var stored: [String: Envelope?] = [:]
            for draft in drafts where !draft.riskIsExplicit {
                let key = draft.tenantID.rawValue + " " + draft.toolSlug.rawValue
                guard risks[key] == nil else { continue }
                var tier: RiskTier?
                for try await text in try await connection.query("""
                    SELECT coalesce(risk_override, risk) FROM tool_catalog
                    WHERE tenant_id = \(draft.tenantID.rawValue)::uuid AND tool_slug = \(draft.toolSlug.rawValue)
                    """, logger: logger).decode(String.self) { tier = RiskTier(rawValue: text) }
                risks[key] = .some(tier)
            }
            for (draft, key) in zip(drafts, keys) where draft.idempotencyKey != nil {
                let scoped = draft.tenantID.rawValue + " " + key
                guard stored[scoped] == nil else { continue }
                var query = PostgresQuery(unsafeSQL: "SELECT \(Self.envelopeColumns) FROM outbox WHERE tenant_id = $1::uuid AND idempotency_key = $2")
                query.binds.append(draft.tenantID.rawValue)
                query.binds.append(key)
                stored[scoped] = .some(try await Self.fetchEnvelopes(query, connection, logger: logger).first)
            }
            // New envelopes take consecutive ids: count them with a first plan, reserve that
            // many from the identity's sequence while holding the submissions' advisory lock
            // ('OPSD', 2: nobody else draws from it meanwhile), and plan again from the first.
            func plan(from firstID: Int64) throws -> SubmitPlan {
                try SubmitPlan.plan(
                    drafts, keys: keys, firstID: EnvelopeID(firstID),
                    catalogRisk: { tenant, tool in risks[tenant.rawValue + " " + tool.rawValue] ?? nil },
                    stored: { tenant, key in stored[tenant.rawValue + " " + key] ?? nil })
            }
            let fresh = try plan(from: 1).fresh.count
            var firstID: Int64 = 1
            if fresh > 0 {
                try await connection.query("SELECT pg_advisory_xact_lock(1330664260, 2)", logger: logger)
                var ids: [Int64] = []
                for try await id in try await connection.query(
                    "SELECT nextval(pg_get_serial_sequence('outbox', 'id')) FROM generate_series(1, \(fresh))", logger: logger
                ).decode(Int64.self) { ids.append(id) }
                guard let first = ids.min(), ids.max() == first + Int64(fresh) - 1 else {
                    throw StoreError.unavailable("the outbox id sequence did not give \(fresh) consecutive ids")
                }
                firstID = first
            }
            let plan = try plan(from: firstID)
            var entries: [AuditEntry] = []
            for index in plan.fresh {
                let envelope = plan.envelope(index, at: now)
                try await Self.insert(envelope, connection, logger: logger)
                entries.append(EnvelopeAudit.submitted(
                    envelope, actor: actor, argumentsSHA256: ArgumentsDigest.hex(envelope.argumentsJSON.text)))
            }
            try await PostgresAuditWriter.stage(entries, at: now, on: connection, logger: logger)
            return plan.receipt
        }
    }

    public func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope? {
        try await transaction(scope) { connection in
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.envelopeColumns) FROM outbox WHERE id = $1")
            query.binds.append(id.rawValue)
            return try await Self.fetchEnvelopes(query, connection, logger: logger).first
        }
    }

    public func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope> {
        try await transaction(scope) { connection in
            let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
            var (whereSQL, binds) = Self.filterSQL(query)
            if let comparison = window.keyComparison, let after = window.cursor {
                whereSQL += " AND id \(comparison) $\(binds.count + 1)"
                binds.append(after.rawValue)
            }
            return window.page(try await Self.fetchEnvelopes(PostgresQuery(
                unsafeSQL: "SELECT \(Self.envelopeColumns) FROM outbox WHERE \(whereSQL) ORDER BY id \(window.sortDirection) LIMIT \(window.fetchLimit)",
                binds: binds), connection, logger: logger))
        }
    }

    public func envelopeCount(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Int {
        try await transaction(scope) { connection in
            let (whereSQL, binds) = Self.filterSQL(query)
            var count = 0
            for try await value in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM (SELECT 1 FROM outbox WHERE \(whereSQL) LIMIT 10001) AS matching", binds: binds),
                logger: logger
            ).decode(Int.self) { count = value }
            return count
        }
    }

    public func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int] {
        try await transaction(scope) { connection in
            var counts: [EnvelopeStatus: Int] = [:]
            for try await (status, count) in try await connection.query(
                "SELECT status, count(*)::int FROM outbox GROUP BY status", logger: logger
            ).decode((String, Int).self) {
                if let status = EnvelopeStatus(rawValue: status), count > 0 { counts[status] = count }
            }
            return counts
        }
    }

    public func activeCountsByTenant(in scope: TenantScope) async throws -> [TenantID: [EnvelopeStatus: Int]] {
        try await transaction(scope) { connection in
            var counts: [TenantID: [EnvelopeStatus: Int]] = [:]
            for try await (tenant, status, count) in try await connection.query("""
                SELECT tenant_id::text, status, count(*)::int FROM outbox
                WHERE status IN ('pending', 'running', 'awaiting_approval', 'dead') GROUP BY tenant_id, status
                """, logger: logger).decode((String, String, Int).self) {
                if let status = EnvelopeStatus(rawValue: status) { counts[TenantID(rawValue: tenant), default: [:]][status] = count }
            }
            return counts
        }
    }

    public func heldCounts(in scope: TenantScope) async throws -> [DriftAlertID: Int] {
        try await transaction(scope) { connection in
            var counts: [DriftAlertID: Int] = [:]
            for try await (alert, count) in try await connection.query(
                "SELECT held_by, count(*)::int FROM outbox WHERE held_by IS NOT NULL AND status = 'pending' GROUP BY held_by",
                logger: logger
            ).decode((Int64, Int).self) { counts[DriftAlertID(rawValue: alert)] = count }
            return counts
        }
    }

    public func apply(
        _ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode
    ) async throws -> TransitionReport {
        let now = clock.now()
        return try await transaction(scope) { connection in
            try await Self.apply(changes, actor: actor, mode: mode, now: now, connection, logger: logger)
        }
    }

    /// Applies changes inside the caller's transaction: the rows named are read and locked
    /// (row-level security leaves out what the scope may not see: not found), the core plans,
    /// each changed row is written once, then the audit rows.
    static func apply(
        _ changes: [EnvelopeChange], actor: String, mode: BatchMode, now: Timestamp, _ connection: PostgresConnection,
        logger: Logger, known: [EnvelopeID: Envelope] = [:]
    ) async throws -> TransitionReport {
        let (report, audit) = try await applyWithoutAudit(
            changes, actor: actor, mode: mode, now: now, connection, logger: logger, known: known)
        try await PostgresAuditWriter.stage(audit, at: now, on: connection, logger: logger)
        return report
    }

    /// `apply` up to its audit rows, which it returns for the caller to append with its own
    /// (a claim appends the finished executions' and the claims' rows at once, last).
    static func applyWithoutAudit(
        _ changes: [EnvelopeChange], actor: String, mode: BatchMode, now: Timestamp, _ connection: PostgresConnection,
        logger: Logger, known: [EnvelopeID: Envelope]
    ) async throws -> (TransitionReport, [AuditEntry]) {
        var current = known
        let missing = Array(Set(changes.map(\.id)).filter { current[$0] == nil }).map(\.rawValue)
        if !missing.isEmpty {
            var binds = PostgresBindings()
            binds.append(missing)
            let rows = try await connection.prepared(LockEnvelopes.self, binds, logger: logger)
            for envelope in try await envelopes(rows) { current[envelope.id] = envelope }
        }
        let plan = try TransitionPlan.applying(changes, to: current, mode: mode, at: now, by: actor)
        _ = try await PostgresEnvelopeWrites.write(plan.writes.map(\.after), onlyIfLeasedTo: nil, connection, logger: logger)
        let audit = plan.steps.compactMap { EnvelopeAudit.transitioned($0.transition, from: $0.before, to: $0.after, actor: actor) }
        return (plan.report, audit)
    }

    // MARK: Rows

    static let envelopeColumns = """
        id, tenant_id::text, envelope, status, attempts, external_id, tool_slug, toolkit, version, connected_account_id, \
        task_id, risk, run_at, lease_owner, lease_expires_at, last_error, status_reason, result, result_truncated, in_doubt, \
        idempotency_key, approved_by, created_at, updated_at, held_by
        """

    /// The envelopes of the ids in `$1`, each row locked.
    private enum LockEnvelopes: PostgresStatementText {
        static let name = "outbox_lock"
        static let sql = "SELECT \(envelopeColumns) FROM outbox WHERE id = ANY($1) FOR UPDATE"
    }

    static func fetchEnvelopes(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [Envelope] {
        try await envelopes(try await connection.query(query, logger: logger))
    }

    /// `envelopeColumns` of `outbox AS o`, for statements that join it.
    static let qualifiedEnvelopeColumns = envelopeColumns.split(separator: ",")
        .map { "o." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    /// Decodes rows of `envelopeColumns`.
    static func envelopes<Rows: AsyncSequence>(_ rows: Rows) async throws -> [Envelope] where Rows.Element == PostgresRow {
        var envelopes: [Envelope] = []
        for try await row in rows { envelopes.append(try envelope(row.makeRandomAccess())) }
        return envelopes
    }

    /// The envelope in the first columns of `r`, `envelopeColumns` in order.
    static func envelope(_ r: PostgresRandomAccessRow) throws -> Envelope {
        let statusText = try r[3].decode(String.self)
        let riskText = try r[11].decode(String.self)
        guard let status = EnvelopeStatus(rawValue: statusText) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(statusText))' in column status")
        }
        guard let risk = RiskTier(rawValue: riskText) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(riskText))' in column risk")
        }
        func time(_ index: Int) throws -> Timestamp { Timestamp(millisecondsSinceEpoch: try r[index].decode(Int64.self)) }
        return Envelope(
            id: EnvelopeID(try r[0].decode(Int64.self)), tenantID: TenantID(rawValue: try r[1].decode(String.self)),
            toolSlug: ToolSlug(rawValue: try r[6].decode(String.self)), toolkit: try r[7].decode(String.self),
            version: try r[8].decode(String?.self),
            connectedAccountID: try r[9].decode(String?.self).map(ConnectedAccountID.init(rawValue:)),
            taskID: try r[10].decode(Int64?.self).map(TaskID.init(rawValue:)),
            argumentsJSON: JSONObjectText(storedText: try r[2].decode(String.self)), risk: risk, status: status,
            attempts: try r[4].decode(Int.self), runAt: try time(12),
            leaseOwner: try r[13].decode(String?.self).map(WorkerID.init(rawValue:)),
            leaseExpiresAt: try r[14].decode(Int64?.self).map(Timestamp.init(millisecondsSinceEpoch:)),
            lastError: try r[15].decode(String?.self), statusReason: try r[16].decode(String?.self),
            externalID: try r[5].decode(String?.self), result: try r[17].decode(String?.self),
            resultTruncated: try r[18].decode(Bool.self), inDoubt: try r[19].decode(Bool.self),
            idempotencyKey: try r[20].decode(String.self), approvedBy: try r[21].decode(String?.self),
            heldBy: try r[24].decode(Int64?.self).map(DriftAlertID.init(rawValue:)), createdAt: try time(22),
            updatedAt: try time(23))
    }

    static func insert(_ envelope: Envelope, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO outbox (id, tenant_id, envelope, status, attempts, tool_slug, toolkit, version, connected_account_id,
                task_id, risk, run_at, idempotency_key, created_at, updated_at)
            VALUES (\(envelope.id.rawValue), \(envelope.tenantID.rawValue)::uuid, \(envelope.argumentsJSON.text),
                \(envelope.status.rawValue), \(envelope.attempts), \(envelope.toolSlug.rawValue), \(envelope.toolkit),
                \(envelope.version), \(envelope.connectedAccountID?.rawValue), \(envelope.taskID?.rawValue),
                \(envelope.risk.rawValue), \(envelope.runAt.millisecondsSinceEpoch), \(envelope.idempotencyKey),
                \(envelope.createdAt.millisecondsSinceEpoch), \(envelope.updatedAt.millisecondsSinceEpoch))
            """, logger: logger)
    }

    /// The WHERE clause of a listing's filters (not its cursor) and its bindings.
    static func filterSQL(_ query: EnvelopeQuery) -> (String, PostgresBindings) {
        var clauses = ["true"]
        var binds = PostgresBindings()
        if let statuses = query.statuses {
            clauses.append("status = ANY($\(binds.count + 1))")
            binds.append(statuses.map(\.rawValue).sorted())
        }
        if let tool = query.toolSlug {
            clauses.append("tool_slug = $\(binds.count + 1)")
            binds.append(tool.rawValue)
        }
        if let risks = query.risks {
            clauses.append("risk = ANY($\(binds.count + 1))")
            binds.append(risks.map(\.rawValue).sorted())
        }
        for word in query.search {
            // ILIKE over ASCII case, as `EnvelopeQuery.contains`; % and _ typed are literal.
            let pattern = "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let index = binds.count + 1
            clauses.append("""
                (tool_slug ILIKE $\(index) OR coalesce(last_error, '') ILIKE $\(index)
                 OR tenant_id IN (SELECT id FROM tenants WHERE name ILIKE $\(index)))
                """)
            binds.append(pattern)
        }
        if let inDoubt = query.inDoubt {
            clauses.append("in_doubt = $\(binds.count + 1)")
            binds.append(inDoubt)
        }
        if let heldBy = query.heldBy {
            clauses.append("held_by = $\(binds.count + 1)")
            binds.append(heldBy.rawValue)
        }
        return (clauses.joined(separator: " AND "), binds)
    }
}
