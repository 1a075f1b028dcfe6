import DeckCore
import Foundation
import GRDB

extension SQLiteStore {
    public func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt {
        guard !drafts.isEmpty else { return SubmitReceipt(ids: [], duplicates: 0) }
        let now = clock.now()
        let keys = drafts.map { $0.idempotencyKey ?? IdempotencyKey.generate(at: now) }
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
            // The hot path of bulk submission: raw binds, one insert per envelope and audit row.
            let insert = try SQLiteRawStatement(db, sql: """
                INSERT INTO outbox (tenant_id, envelope, status, attempts, tool_slug, toolkit, version,
                    connected_account_id, task_id, risk, run_at, idempotency_key, created_at, updated_at)
                VALUES (?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(tenant_id, idempotency_key) DO NOTHING
                RETURNING id
                """)
            let existing = try SQLiteRawStatement(db, sql: "SELECT id FROM outbox WHERE tenant_id = ? AND idempotency_key = ?")
            var audit = try SQLiteAuditWriter(db, now: now)
            var ids: [EnvelopeID] = []
            ids.reserveCapacity(drafts.count)
            var duplicates = 0
            let stamp = now.millisecondsSinceEpoch
            for (draft, key) in zip(drafts, keys) {
                let runAt = draft.runAt ?? now
                insert.bind(1, draft.tenantID.rawValue)
                insert.bind(2, draft.argumentsText)
                insert.bind(3, draft.toolSlug)
                insert.bind(4, draft.toolkit)
                insert.bind(5, draft.version)
                insert.bind(6, draft.connectedAccountID?.rawValue)
                insert.bind(7, draft.taskID?.rawValue)
                insert.bind(8, draft.risk.rawValue)
                insert.bind(9, runAt.millisecondsSinceEpoch)
                insert.bind(10, key)
                insert.bind(11, stamp)
                insert.bind(12, stamp)
                if let id = try insert.run() {
                    let payloadText = runAt > now
                        ? EnvelopeAudit.submitted(
                            EnvelopeLifecycle.submit(draft, id: EnvelopeID(id), idempotencyKey: key, at: now), actor: actor
                        ).payload.canonicalText
                        : EnvelopeAudit.submittedPayloadText(toolSlug: draft.toolSlug, risk: draft.risk)
                    _ = try audit.append(
                        tenantID: draft.tenantID.rawValue, category: AuditCategory.envelope.rawValue, action: "submitted",
                        envelopeID: id, actor: actor, payloadText: payloadText)
                    ids.append(EnvelopeID(id))
                } else {
                    existing.bind(1, draft.tenantID.rawValue)
                    existing.bind(2, key)
                    guard let id = try existing.run() else { throw StoreError.unavailable("idempotency key vanished during submit") }
                    ids.append(EnvelopeID(id))
                    duplicates += 1
                }
            }
            return SubmitReceipt(ids: ids, duplicates: duplicates)
        }
    }

    public func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope? {
        try await read { db in try Self.fetchEnvelope(id, in: scope, db) }
    }

    public func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope> {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var clauses = [predicate.sql]
            var arguments = predicate.arguments
            func values(_ column: String, _ list: [String]) {
                clauses.append("\(column) IN (\(Array(repeating: "?", count: list.count).joined(separator: ",")))")
                _ = arguments.append(contentsOf: StatementArguments(list))
            }
            if let statuses = query.statuses { values("status", statuses.map(\.rawValue).sorted()) }
            if let risks = query.risks { values("risk", risks.map(\.rawValue).sorted()) }
            if let tool = query.toolSlug {
                clauses.append("tool_slug = ?")
                _ = arguments.append(contentsOf: [tool])
            }
            if let inDoubt = query.inDoubt {
                clauses.append("in_doubt = ?")
                _ = arguments.append(contentsOf: [inDoubt])
            }
            if let after = query.after {
                clauses.append(query.order == .newestFirst ? "id < ?" : "id > ?")
                _ = arguments.append(contentsOf: [after.rawValue])
            }
            let direction = query.order == .newestFirst ? "DESC" : "ASC"
            _ = arguments.append(contentsOf: [query.limit + 1])
            var items = try Row.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE \(clauses.joined(separator: " AND ")) ORDER BY id \(direction) LIMIT ?",
                arguments: arguments
            ).map(SQLiteRows.envelope)
            var next: EnvelopeID?
            if items.count > query.limit {
                items.removeLast()
                next = items.last?.id
            }
            return Page(items: items, nextCursor: next)
        }
    }

    public func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var counts: [EnvelopeStatus: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT status, count(*) AS n FROM outbox WHERE \(predicate.sql) GROUP BY status",
                arguments: predicate.arguments) {
                counts[try SQLiteRows.enumValue(row, "status")] = row["n"]
            }
            return counts
        }
    }

    public func apply(
        _ transition: EnvelopeTransition, to ids: [EnvelopeID], in scope: TenantScope, actor: String, mode: BatchMode
    ) async throws -> TransitionReport {
        let now = clock.now()
        var seen = Set<EnvelopeID>()
        let unique = ids.filter { seen.insert($0).inserted }
        return try await write { db in
            var report = TransitionReport()
            var audit = try SQLiteAuditWriter(db, now: now)
            for id in unique {
                guard let before = try Self.fetchEnvelope(id, in: scope, db) else {
                    if mode == .allOrNothing { throw StoreError.notFound("envelope \(id)") }
                    report.skipped.append(.init(id: id, reason: "not found"))
                    continue
                }
                let after: Envelope
                do throws(EnvelopeTransitionError) {
                    after = try EnvelopeLifecycle.apply(transition, to: before, at: now, by: actor)
                } catch {
                    if mode == .allOrNothing { throw StoreError.transition(id, error) }
                    report.skipped.append(.init(id: id, reason: error.description))
                    continue
                }
                try Self.update(after, db)
                if let entry = EnvelopeAudit.transitioned(transition, from: before, to: after, actor: actor) {
                    try audit.append(entry)
                }
                report.applied.append(after)
            }
            return report
        }
    }

    static func fetchEnvelope(_ id: EnvelopeID, in scope: TenantScope, _ db: Database) throws -> Envelope? {
        let predicate = ScopePredicate(scope)
        var arguments: StatementArguments = [id.rawValue]
        _ = arguments.append(contentsOf: predicate.arguments)
        return try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ? AND \(predicate.sql)", arguments: arguments)
            .map(SQLiteRows.envelope)
    }

    /// Writes every mutable column of `envelope` back to its row.
    static func update(_ envelope: Envelope, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE outbox SET status = ?, attempts = ?, run_at = ?, lease_owner = ?, lease_expires_at = ?,
                last_error = ?, status_reason = ?, external_id = ?, result = ?, result_truncated = ?, in_doubt = ?,
                approved_by = ?, updated_at = ?
            WHERE id = ?
            """)
        try statement.execute(arguments: [
            envelope.status.rawValue, envelope.attempts, envelope.runAt.millisecondsSinceEpoch,
            envelope.leaseOwner?.rawValue, envelope.leaseExpiresAt?.millisecondsSinceEpoch, envelope.lastError,
            envelope.statusReason, envelope.externalID, envelope.result, envelope.resultTruncated, envelope.inDoubt,
            envelope.approvedBy, envelope.updatedAt.millisecondsSinceEpoch, envelope.id.rawValue,
        ])
    }
}
