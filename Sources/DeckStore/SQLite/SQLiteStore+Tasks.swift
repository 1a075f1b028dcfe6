import DeckCore
import GRDB

extension SQLiteStore {
    public func addTask(_ draft: TaskDraft, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try await write { db in
            try Self.requireTenant(draft.tenantID, in: scope, db)
            if let objective = draft.objectiveID,
               try Bool.fetchOne(
                   db, sql: "SELECT 1 FROM objectives WHERE id = ? AND tenant_id = ?",
                   arguments: [objective.rawValue, draft.tenantID.rawValue]) != true {
                throw StoreError.notFound("objective \(objective)")
            }
            try db.execute(
                sql: """
                    INSERT INTO tasks (tenant_id, objective_id, title, state, evidence, created_at, updated_at)
                    VALUES (?, ?, ?, ?, '[]', ?, ?)
                    """,
                arguments: [
                    draft.tenantID.rawValue, draft.objectiveID?.rawValue, draft.title, draft.state.rawValue,
                    now.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
                ])
            let task = AgentTask(
                id: TaskID(db.lastInsertedRowID), tenantID: draft.tenantID, objectiveID: draft.objectiveID,
                title: draft.title, state: draft.state, createdAt: now, updatedAt: now)
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.taskAdded(task, actor: actor))
            return task
        }
    }

    public func task(_ id: TaskID, in scope: TenantScope) async throws -> AgentTask? {
        try await read { db in
            do {
                return try Self.fetchTask(id, in: scope, db)
            } catch StoreError.notFound {
                return nil
            }
        }
    }

    public func tasks(in scope: TenantScope, state: TaskState?) async throws -> [AgentTask] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var sql = "SELECT * FROM tasks WHERE \(predicate.sql)"
            var arguments = predicate.arguments
            if let state {
                sql += " AND state = ?"
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(SQLiteRows.task)
        }
    }

    public func setTaskState(_ state: TaskState, for task: TaskID, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try await write { db in
            var before = try Self.fetchTask(task, in: scope, db)
            let old = before.state
            before.state = state
            before.updatedAt = now
            try db.execute(
                sql: "UPDATE tasks SET state = ?, updated_at = ? WHERE id = ?",
                arguments: [state.rawValue, now.millisecondsSinceEpoch, task.rawValue])
            if old != state {
                var audit = try SQLiteAuditWriter(db, now: now)
                try audit.append(StoreAudit.taskStateChanged(before, from: old, actor: actor))
            }
            return before
        }
    }

    public func attachEvidence(_ signals: [SignalID], to task: TaskID, in scope: TenantScope) async throws -> AgentTask {
        let now = clock.now()
        return try await write { db in
            var current = try Self.fetchTask(task, in: scope, db)
            for signal in signals where !current.evidence.contains(signal) {
                guard try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM signals WHERE id = ? AND tenant_id = ?",
                    arguments: [signal.rawValue, current.tenantID.rawValue]) == true
                else { throw StoreError.notFound("signal \(signal)") }
                current.evidence.append(signal)
            }
            current.updatedAt = now
            let evidence = JSONValue.array(current.evidence.map { .integer($0.rawValue) }).canonicalText
            try db.execute(
                sql: "UPDATE tasks SET evidence = ?, updated_at = ? WHERE id = ?",
                arguments: [evidence, now.millisecondsSinceEpoch, task.rawValue])
            return current
        }
    }

    private static func fetchTask(_ id: TaskID, in scope: TenantScope, _ db: Database) throws -> AgentTask {
        let predicate = ScopePredicate(scope)
        var arguments: StatementArguments = [id.rawValue]
        _ = arguments.append(contentsOf: predicate.arguments)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tasks WHERE id = ? AND \(predicate.sql)", arguments: arguments)
        else { throw StoreError.notFound("task \(id)") }
        return try SQLiteRows.task(row)
    }
}
