import DeckCore
import GRDB

extension SQLiteStore {
    public func addObjective(_ draft: ObjectiveDraft, in scope: TenantScope, actor: String) async throws -> Objective {
        let now = clock.now()
        return try await write { db in
            try Self.requireTenant(draft.tenantID, in: scope, db)
            try db.execute(
                sql: """
                    INSERT INTO objectives (tenant_id, metric, target, current, horizon, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.tenantID.rawValue, draft.metric, draft.target, draft.current, draft.horizon,
                    now.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
                ])
            let objective = Objective(
                id: ObjectiveID(db.lastInsertedRowID), tenantID: draft.tenantID, metric: draft.metric, target: draft.target,
                current: draft.current, horizon: draft.horizon, createdAt: now, updatedAt: now)
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.objectiveAdded(objective, actor: actor))
            return objective
        }
    }

    public func objectives(in scope: TenantScope) async throws -> [Objective] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM objectives WHERE \(predicate.sql) ORDER BY id", arguments: predicate.arguments
            ).map(SQLiteRows.objective)
        }
    }

    public func recordProgress(_ current: Double, for objective: ObjectiveID, in scope: TenantScope) async throws -> Objective {
        guard current.isFinite else { throw StoreError.invalid(InvalidInput("objective progress must be a finite number")) }
        let now = clock.now()
        return try await write { db in
            let predicate = ScopePredicate(scope)
            var arguments: StatementArguments = [current, now.millisecondsSinceEpoch, objective.rawValue]
            _ = arguments.append(contentsOf: predicate.arguments)
            guard let row = try Row.fetchOne(
                db, sql: "UPDATE objectives SET current = ?, updated_at = ? WHERE id = ? AND \(predicate.sql) RETURNING *",
                arguments: arguments)
            else { throw StoreError.notFound("objective \(objective)") }
            return SQLiteRows.objective(row)
        }
    }
}
