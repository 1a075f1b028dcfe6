import DeckCore
import GRDB

extension SQLiteStore {
    public func openDriftAlert(
        _ draft: DriftAlertDraft, in scope: TenantScope, actor: String
    ) async throws -> (alert: DriftAlert, opened: Bool) {
        let now = clock.now()
        let result: (DriftAlert, Bool) = try await write { db in
            try Self.requireTenant(draft.tenantID, in: scope, db)
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM drift_alerts WHERE tenant_id = ? AND fingerprint = ?",
                arguments: [draft.tenantID.rawValue, draft.fingerprint]) {
                return (try SQLiteRows.driftAlert(row), false)
            }
            try db.execute(
                sql: """
                    INSERT INTO drift_alerts (tenant_id, tool_slug, toolkit, kind, breaking, from_version, to_version, diff,
                        fingerprint, status, opened_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
                    """,
                arguments: [
                    draft.tenantID.rawValue, draft.toolSlug, draft.toolkit, draft.kind.rawValue, draft.breaking,
                    draft.fromVersion, draft.toVersion, draft.diff.canonicalText, draft.fingerprint, now.millisecondsSinceEpoch,
                ])
            let alert = DriftAlert(
                id: DriftAlertID(db.lastInsertedRowID), tenantID: draft.tenantID, toolSlug: draft.toolSlug,
                toolkit: draft.toolkit, kind: draft.kind, breaking: draft.breaking, fromVersion: draft.fromVersion,
                toVersion: draft.toVersion, diff: draft.diff, fingerprint: draft.fingerprint, openedAt: now)
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.driftOpened(alert, actor: actor))
            return (alert, true)
        }
        return (alert: result.0, opened: result.1)
    }

    public func driftAlert(_ id: DriftAlertID, in scope: TenantScope) async throws -> DriftAlert? {
        try await read { db in try Self.fetchDriftAlert(id, in: scope, db) }
    }

    public func driftAlerts(in scope: TenantScope, status: DriftAlertStatus?) async throws -> [DriftAlert] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var sql = "SELECT * FROM drift_alerts WHERE \(predicate.sql)"
            var arguments = predicate.arguments
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map(SQLiteRows.driftAlert)
        }
    }

    public func acceptDriftAlert(_ id: DriftAlertID, in scope: TenantScope, actor: String) async throws -> AcceptedDriftAlert {
        let now = clock.now()
        return try await write { db in
            guard var alert = try Self.fetchDriftAlert(id, in: scope, db) else { throw StoreError.notFound("drift alert \(id)") }
            guard alert.status == .open else { throw StoreError.conflict("drift alert \(id) is already accepted") }
            alert.status = .accepted
            alert.acceptedAt = now
            alert.acceptedBy = actor
            try db.execute(
                sql: "UPDATE drift_alerts SET status = 'accepted', accepted_at = ?, accepted_by = ? WHERE id = ?",
                arguments: [now.millisecondsSinceEpoch, actor, id.rawValue])
            let cachedVersion = try String.fetchOne(
                db, sql: "SELECT version FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?",
                arguments: [alert.tenantID.rawValue, alert.toolSlug])
            switch DriftAcceptance.catalogUpdate(for: alert, cachedVersion: cachedVersion, at: now) {
            case .upsert(let entry):
                try Self.upsertTools([entry], db)
            case .remove(let tenant, let slug):
                try db.execute(
                    sql: "DELETE FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?", arguments: [tenant.rawValue, slug])
            case .none:
                break
            }
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.driftAccepted(alert, actor: actor))
            let held = try Row.fetchAll(
                db, sql: """
                    SELECT \(SQLiteRows.envelopeColumns) FROM outbox INDEXED BY outbox_held
                    WHERE held_by = ? AND status = 'pending' ORDER BY id
                    """,
                arguments: [id.rawValue]
            ).map(SQLiteRows.envelope)
            let released = try Self.apply(
                held.map { EnvelopeChange($0.id, .releaseHold) }, in: .allTenants, actor: actor, mode: .skipIneligible,
                now: now, db, audit: &audit, known: Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0) }))
            return AcceptedDriftAlert(alert: alert, released: released.applied.map(\.id))
        }
    }

    private static func fetchDriftAlert(_ id: DriftAlertID, in scope: TenantScope, _ db: Database) throws -> DriftAlert? {
        let predicate = ScopePredicate(scope)
        var arguments: StatementArguments = [id.rawValue]
        _ = arguments.append(contentsOf: predicate.arguments)
        return try Row.fetchOne(db, sql: "SELECT * FROM drift_alerts WHERE id = ? AND \(predicate.sql)", arguments: arguments)
            .map(SQLiteRows.driftAlert)
    }
}
