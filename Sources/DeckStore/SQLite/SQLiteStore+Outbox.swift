import DeckCore
import Foundation
import GRDB

extension SQLiteStore {
    public func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt {
        guard !drafts.isEmpty else { return SubmitReceipt(ids: [], duplicates: 0) }
        let now = clock.now()
        var random = Xoshiro256(seed: SystemRandomNumberGenerator())
        let keys = drafts.map { $0.idempotencyKey ?? IdempotencyKey.generate(at: now, using: &random) }
        return try await write { db in
            for tenant in Set(drafts.map(\.tenantID)) { try Self.requireTenant(tenant, in: scope, db) }
            var checkedTasks: [TaskID: TenantID] = [:]
            for draft in drafts {
                guard let task = draft.taskID, checkedTasks[task] != draft.tenantID else { continue }
                guard try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM tasks WHERE id = ? AND tenant_id = ?", arguments: [task.rawValue, draft.tenantID.rawValue]
                ) == true
                else { throw StoreError.notFound("task \(task)") }
                checkedTasks[task] = draft.tenantID
            }

            // Risk and idempotency keys resolved by the core's rules; new envelopes get
            // consecutive ids after the current maximum (what SQLite would choose itself:
            // outbox rows are never deleted). We hold the write lock, so nobody else can take them.
            let catalogRisk = try db.cachedStatement(
                sql: "SELECT coalesce(risk_override, risk) FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?")
            let existing = try SQLiteRawStatement(db, sql: "SELECT id FROM outbox WHERE tenant_id = ? AND idempotency_key = ?")
            let firstID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM outbox") ?? 1
            let plan = try SubmitPlan.plan(
                drafts, keys: keys, firstID: EnvelopeID(firstID),
                catalogRisk: { tenant, tool in
                    try String.fetchOne(catalogRisk, arguments: [tenant.rawValue, tool.rawValue]).flatMap(RiskTier.init(rawValue:))
                },
                stored: { tenant, key in
                    existing.bind(1, tenant.rawValue)
                    existing.bind(2, key)
                    guard let id = try existing.run() else { return nil }
                    return try Self.fetchEnvelope(EnvelopeID(id), in: .allTenants, db)
                })
            let drafts = plan.drafts
            let ids = plan.ids
            let fresh = plan.fresh

            // The hot path of bulk submission: multi-row inserts with raw binds. Any failure
            // rolls the whole transaction back, so statements need no statement journal of
            // their own: OR FAIL and deferred foreign keys let SQLite skip it.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let stamp = now.millisecondsSinceEpoch
            var outbox = SQLiteBulkInsert(
                db, head: """
                    INSERT OR FAIL INTO outbox (id, tenant_id, envelope, status, attempts, tool_slug, toolkit, version,
                        connected_account_id, task_id, risk, run_at, idempotency_key, created_at, updated_at) VALUES
                    """,
                tuple: "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", parametersPerRow: 15)
            // The lifecycle's initial status and attempts, not literals of their own.
            let status = EnvelopeLifecycle.submittedStatus.rawValue
            let attempts = Int64(EnvelopeLifecycle.submittedAttempts)
            try outbox.insert(count: fresh.count) { statement, row, first in
                let index = fresh[row]
                let draft = drafts[index]
                statement.bind(first, ids[index].rawValue)
                statement.bind(first + 1, draft.tenantID.rawValue)
                statement.bind(first + 2, draft.argumentsJSON.text)
                statement.bind(first + 3, status)
                statement.bind(first + 4, attempts)
                statement.bind(first + 5, draft.toolSlug.rawValue)
                statement.bind(first + 6, draft.toolkit)
                statement.bind(first + 7, draft.version)
                statement.bind(first + 8, draft.connectedAccountID?.rawValue)
                statement.bind(first + 9, draft.taskID?.rawValue)
                statement.bind(first + 10, draft.risk.rawValue)
                statement.bind(first + 11, (draft.runAt ?? now).millisecondsSinceEpoch)
                statement.bind(first + 12, keys[index])
                statement.bind(first + 13, stamp)
                statement.bind(first + 14, stamp)
            }
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.appendAll(
                category: AuditCategory.envelope.rawValue, action: "submitted", actor: actor,
                rows: fresh.map { index in
                    let digest = ArgumentsDigest.hex(drafts[index].argumentsJSON.text)
                    return (
                        drafts[index].tenantID.rawValue, ids[index].rawValue,
                        plan.submittedPayloadText(index, at: now, actor: actor, argumentsSHA256: digest))
                },
                db: db)
            return plan.receipt
        }
    }

    public func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope? {
        try await read { db in try Self.fetchEnvelope(id, in: scope, db) }
    }

    public func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope> {
        try await read { db in
            let (sql, arguments) = Self.listingSQL(query, in: scope)
            return Page(fetched: try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteRows.envelope), limit: query.limit)
        }
    }

    public func envelopeCount(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Int {
        var counted = query
        counted.after = nil
        counted.limit = 10_000
        let (sql, arguments) = Self.listingSQL(counted, in: scope, columns: "1")
        return try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))", arguments: arguments) ?? 0 }
    }

    /// The SELECT behind `envelopes(_:in:)` (one row more than the page, to know if another
    /// page follows).
    ///
    /// Listings of one attention status across all tenants — the DLQ, the approval queue,
    /// the cancelled — read their partial index in id order; held envelopes are found
    /// through `outbox_held`; one tenant's rows through `outbox_by_tenant`.
    static func listingSQL(
        _ query: EnvelopeQuery, in scope: TenantScope, columns: String = SQLiteRows.envelopeColumns
    ) -> (String, StatementArguments) {
        let predicate = ScopePredicate(scope)
        var clauses = [predicate.sql]
        var arguments = predicate.arguments
        func values(_ column: String, _ list: [String]) {
            clauses.append("\(column) IN (\(Array(repeating: "?", count: list.count).joined(separator: ",")))")
            _ = arguments.append(contentsOf: StatementArguments(list))
        }
        var source = "outbox"
        if let statuses = query.statuses {
            if statuses.count == 1, let status = statuses.first, scope == .allTenants,
               query.heldBy == nil,
               let index = [
                   EnvelopeStatus.dead: "outbox_dead", .awaitingApproval: "outbox_awaiting_approval", .cancelled: "outbox_cancelled",
               ][status] {
                source = "outbox INDEXED BY \(index)"
                clauses.append("status = '\(status.rawValue)'")
            } else {
                values("status", statuses.map(\.rawValue).sorted())
            }
        }
        if let risks = query.risks { values("risk", risks.map(\.rawValue).sorted()) }
        if let tool = query.toolSlug {
            clauses.append("tool_slug = ?")
            _ = arguments.append(contentsOf: [tool.rawValue])
        }
        for word in query.search {
            // LIKE ignores ASCII case, as `EnvelopeQuery.contains` does; % and _ typed are literal.
            let pattern = "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            clauses.append("""
                (tool_slug LIKE ? ESCAPE '\\' OR coalesce(last_error, '') LIKE ? ESCAPE '\\'
                 OR tenant_id IN (SELECT id FROM tenants WHERE name LIKE ? ESCAPE '\\'))
                """)
            _ = arguments.append(contentsOf: [pattern, pattern, pattern])
        }
        if let inDoubt = query.inDoubt {
            clauses.append("in_doubt = ?")
            _ = arguments.append(contentsOf: [inDoubt])
        }
        if let heldBy = query.heldBy {
            clauses.append("held_by = ?")
            _ = arguments.append(contentsOf: [heldBy.rawValue])
        }
        let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
        if let comparison = window.keyComparison, let after = window.cursor {
            clauses.append("id \(comparison) ?")
            _ = arguments.append(contentsOf: [after.rawValue])
        }
        _ = arguments.append(contentsOf: [window.fetchLimit])
        return (
            "SELECT \(columns) FROM \(source) WHERE \(clauses.joined(separator: " AND ")) ORDER BY id \(window.sortDirection) LIMIT ?",
            arguments)
    }

    /// Across all tenants, each active status is counted on its partial index and
    /// `succeeded` is the rest of the table (there is no index over every status: the hot
    /// path would pay for it on every transition); one tenant's rows are counted through
    /// `outbox_by_tenant`.
    public func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int] {
        try await read { db in
            var counts: [EnvelopeStatus: Int] = [:]
            switch scope {
            case .allTenants:
                let partial: [EnvelopeStatus] = [.pending, .running, .dead, .awaitingApproval, .cancelled]
                let row = try Row.fetchOne(db, sql: "SELECT (SELECT count(*) FROM outbox), " + partial.map {
                    "(SELECT count(*) FROM outbox WHERE status = '\($0.rawValue)')"
                }.joined(separator: ", "))!
                var rest: Int = row[0]
                for (index, status) in partial.enumerated() {
                    let count: Int = row[index + 1]
                    counts[status] = count
                    rest -= count
                }
                counts[.succeeded] = rest
            case .tenant(let tenant):
                for row in try Row.fetchAll(
                    db, sql: "SELECT status, count(*) AS n FROM outbox WHERE tenant_id = ? GROUP BY status",
                    arguments: [tenant.rawValue]) {
                    counts[try SQLiteRows.enumValue(row, "status")] = row["n"]
                }
            }
            return counts.filter { $0.value > 0 }
        }
    }

    /// Each status counted on its partial index, which carries `tenant_id`.
    public func activeCountsByTenant(in scope: TenantScope) async throws -> [TenantID: [EnvelopeStatus: Int]] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var counts: [TenantID: [EnvelopeStatus: Int]] = [:]
            // Named, or SQLite's planner would walk every row in tenant order for the GROUP BY.
            let indexes: [(EnvelopeStatus, String)] = [
                (.pending, "outbox_ready"), (.running, "outbox_running"), (.awaitingApproval, "outbox_awaiting_approval"),
                (.dead, "outbox_dead"),
            ]
            for (status, index) in indexes {
                for row in try Row.fetchAll(
                    db, sql: """
                        SELECT tenant_id, count(*) FROM outbox INDEXED BY \(index)
                        WHERE status = '\(status.rawValue)' AND \(predicate.sql) GROUP BY tenant_id
                        """,
                    arguments: predicate.arguments) {
                    counts[TenantID(rawValue: row[0]), default: [:]][status] = row[1]
                }
            }
            return counts
        }
    }

    public func heldCounts(in scope: TenantScope) async throws -> [DriftAlertID: Int] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var counts: [DriftAlertID: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: """
                    SELECT held_by, count(*) FROM outbox INDEXED BY outbox_held
                    WHERE held_by IS NOT NULL AND status = 'pending' AND \(predicate.sql) GROUP BY held_by
                    """,
                arguments: predicate.arguments) {
                counts[DriftAlertID(row[0] as Int64)] = row[1]
            }
            return counts
        }
    }

    public func apply(
        _ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode
    ) async throws -> TransitionReport {
        let now = clock.now()
        return try await write { db in
            var audit = try SQLiteAuditWriter(db, now: now)
            return try Self.apply(changes, in: scope, actor: actor, mode: mode, now: now, db, audit: &audit)
        }
    }

    /// Applies changes inside the caller's transaction, auditing each transition.
    /// `known` holds envelopes already read in this transaction (a claim's candidates), so
    /// they are not read again.
    static func apply(
        _ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode, now: Timestamp,
        _ db: Database, audit: inout SQLiteAuditWriter, known: [EnvelopeID: Envelope] = [:]
    ) throws -> TransitionReport {
        var current = known
        // Read every envelope not already known in one statement: a list of ids bound one by
        // one (a claim's batch), else a JSON array of them.
        let missing = Set(changes.map(\.id)).filter { current[$0] == nil }
        if !missing.isEmpty {
            let scopeSQL: String
            switch scope {
            case .allTenants: scopeSQL = ""
            case .tenant: scopeSQL = " AND tenant_id = ?"
            }
            let statement: SQLiteRawStatement
            var next: Int32
            if missing.count <= 64 {
                statement = try SQLiteRawStatement.cached(db, sql: """
                    SELECT \(SQLiteRows.envelopeColumns) FROM outbox
                    WHERE id IN (\(Array(repeating: "?", count: missing.count).joined(separator: ",")))\(scopeSQL)
                    """)
                next = 1
                for id in missing {
                    statement.bind(next, id.rawValue)
                    next += 1
                }
            } else {
                statement = try SQLiteRawStatement.cached(db, sql: """
                    SELECT \(SQLiteRows.envelopeColumns) FROM outbox WHERE id IN (SELECT value FROM json_each(?))\(scopeSQL)
                    """)
                statement.bind(1, JSONValue.array(missing.map { .integer($0.rawValue) }).canonicalText)
                next = 2
            }
            if case .tenant(let tenant) = scope { statement.bind(next, tenant.rawValue) }
            defer { statement.done() }
            while try statement.next() {
                let envelope = try SQLiteRows.envelope(statement)
                current[envelope.id] = envelope
            }
        }
        // Decide every change first (a later change of an envelope sees the earlier one's
        // result), then write each changed envelope's final state with set-based statements,
        // then the audit rows in order.
        let plan = try TransitionPlan.applying(changes, to: current, mode: mode, at: now, by: actor)
        var writer = OutboxRowWriter()
        for write in plan.writes { writer.add(write.after, from: write.before) }
        if !writer.isEmpty { _ = try writer.run(db) }
        for step in plan.steps { try audit.append(step.transition, from: step.before, to: step.after, actor: actor) }
        return plan.report
    }

    static func fetchEnvelope(_ id: EnvelopeID, in scope: TenantScope, _ db: Database) throws -> Envelope? {
        let predicate = ScopePredicate(scope)
        var arguments: StatementArguments = [id.rawValue]
        _ = arguments.append(contentsOf: predicate.arguments)
        let statement = try db.cachedStatement(
            sql: "SELECT \(SQLiteRows.envelopeColumns) FROM outbox WHERE id = ? AND \(predicate.sql)")
        return try Row.fetchOne(statement, arguments: arguments).map(SQLiteRows.envelope)
    }
}
