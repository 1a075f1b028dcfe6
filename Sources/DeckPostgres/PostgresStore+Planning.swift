import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: ObjectiveRepository, TaskRepository {
    static let objectiveColumns = "id, tenant_id::text, metric, target, current, horizon, created_at, updated_at"
    static let taskColumns = "id, tenant_id::text, objective_id, title, state, evidence::text, created_at, updated_at"

    // MARK: - Objectives

    public func addObjective(_ draft: ObjectiveDraft, in scope: TenantScope, actor: String) async throws -> Objective {
        let now = clock.now()
        return try await transaction(scope) { connection in
            try await Self.requireTenant(draft.tenantID, in: scope, connection, logger: logger)
            let id = try await PostgresRows.returnedID(
                try await connection.query("""
                    INSERT INTO objectives (tenant_id, metric, target, current, horizon, created_at, updated_at)
                    VALUES (\(draft.tenantID.rawValue)::uuid, \(draft.metric), \(draft.target), \(draft.current),
                        \(draft.horizon), \(now.millisecondsSinceEpoch), \(now.millisecondsSinceEpoch))
                    RETURNING id
                    """, logger: logger),
                table: "objectives")
            let objective = Objective(
                id: ObjectiveID(id), tenantID: draft.tenantID, metric: draft.metric, target: draft.target,
                current: draft.current, horizon: draft.horizon, createdAt: now, updatedAt: now)
            try await PostgresAuditWriter.stage(
                [StoreAudit.objectiveAdded(objective, actor: actor)], at: now, on: connection, logger: logger)
            return objective
        }
    }

    public func objectives(in scope: TenantScope) async throws -> [Objective] {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            let condition = PostgresRows.scopeCondition(scope, &binds)
            return try await Self.fetchObjectives(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.objectiveColumns) FROM objectives WHERE \(condition) ORDER BY id", binds: binds),
                connection, logger: logger)
        }
    }

    public func recordProgress(_ current: Double, for objective: ObjectiveID, in scope: TenantScope) async throws -> Objective {
        guard current.isFinite else { throw StoreError.invalid(InvalidInput("objective progress must be a finite number")) }
        let now = clock.now()
        return try await transaction(scope) { connection in
            var binds = PostgresBindings()
            binds.append(current)
            binds.append(now.millisecondsSinceEpoch)
            binds.append(objective.rawValue)
            let condition = PostgresRows.scopeCondition(scope, &binds)
            let updated = try await Self.fetchObjectives(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE objectives SET current = $1, updated_at = $2 WHERE id = $3 AND \(condition)
                        RETURNING \(Self.objectiveColumns)
                        """,
                    binds: binds),
                connection, logger: logger)
            guard let row = updated.first else { throw StoreError.notFound("objective \(objective)") }
            return row
        }
    }

    // MARK: - Tasks

    public func addTask(_ draft: TaskDraft, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try await transaction(scope) { connection in
            try await Self.requireTenant(draft.tenantID, in: scope, connection, logger: logger)
            if let objective = draft.objectiveID {
                var found = false
                for try await _ in try await connection.query(
                    "SELECT 1 FROM objectives WHERE id = \(objective.rawValue) AND tenant_id = \(draft.tenantID.rawValue)::uuid",
                    logger: logger
                ).decode(Int32.self) { found = true }
                guard found else { throw StoreError.notFound("objective \(objective)") }
            }
            let id = try await PostgresRows.returnedID(
                try await connection.query("""
                    INSERT INTO tasks (tenant_id, objective_id, title, state, evidence, created_at, updated_at)
                    VALUES (\(draft.tenantID.rawValue)::uuid, \(draft.objectiveID?.rawValue), \(draft.title),
                        \(draft.state.rawValue), '[]'::jsonb, \(now.millisecondsSinceEpoch), \(now.millisecondsSinceEpoch))
                    RETURNING id
                    """, logger: logger),
                table: "tasks")
            let task = AgentTask(
                id: TaskID(id), tenantID: draft.tenantID, objectiveID: draft.objectiveID, title: draft.title,
                state: draft.state, createdAt: now, updatedAt: now)
            try await PostgresAuditWriter.stage(
                [StoreAudit.taskAdded(task, actor: actor)], at: now, on: connection, logger: logger)
            return task
        }
    }

    public func task(_ id: TaskID, in scope: TenantScope) async throws -> AgentTask? {
        try await transaction(scope) { connection in
            try await Self.fetchTask(id, in: scope, connection, logger: logger, lock: false)
        }
    }

    public func tasks(in scope: TenantScope, state: TaskState?) async throws -> [AgentTask] {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            var sql = "SELECT \(Self.taskColumns) FROM tasks WHERE \(PostgresRows.scopeCondition(scope, &binds))"
            if let state {
                binds.append(state.rawValue)
                sql += " AND state = $\(binds.count)"
            }
            return try await Self.fetchTasks(PostgresQuery(unsafeSQL: sql + " ORDER BY id", binds: binds), connection, logger: logger)
        }
    }

    public func setTaskState(_ state: TaskState, for task: TaskID, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try await transaction(scope) { connection in
            // Locked, so two hosts moving the same task audit each move from the state it left.
            guard var current = try await Self.fetchTask(task, in: scope, connection, logger: logger, lock: true) else {
                throw StoreError.notFound("task \(task)")
            }
            let old = current.state
            current.state = state
            current.updatedAt = now
            try await connection.query(
                "UPDATE tasks SET state = \(state.rawValue), updated_at = \(now.millisecondsSinceEpoch) WHERE id = \(task.rawValue)",
                logger: logger)
            if old != state {
                try await PostgresAuditWriter.stage(
                    [StoreAudit.taskStateChanged(current, from: old, actor: actor)], at: now, on: connection, logger: logger)
            }
            return current
        }
    }

    public func attachEvidence(_ signals: [SignalID], to task: TaskID, in scope: TenantScope) async throws -> AgentTask {
        let now = clock.now()
        return try await transaction(scope) { connection in
            guard var current = try await Self.fetchTask(task, in: scope, connection, logger: logger, lock: true) else {
                throw StoreError.notFound("task \(task)")
            }
            let wanted = signals.filter { !current.evidence.contains($0) }
            var owned = Set<SignalID>()
            if !wanted.isEmpty {
                var binds = PostgresBindings()
                binds.append(Array(Set(wanted.map(\.rawValue))).sorted())
                binds.append(current.tenantID.rawValue)
                for try await id in try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT id FROM signals WHERE id = ANY($1) AND tenant_id = $2::uuid", binds: binds),
                    logger: logger
                ).decode(Int64.self) { owned.insert(SignalID(id)) }
            }
            // In the caller's order, as SQLite: the first signal not the task tenant's is the one reported.
            for signal in wanted where !current.evidence.contains(signal) {
                guard owned.contains(signal) else { throw StoreError.notFound("signal \(signal)") }
                current.evidence.append(signal)
            }
            current.updatedAt = now
            let evidence = JSONValue.array(current.evidence.map { .integer($0.rawValue) }).canonicalText
            try await connection.query(
                "UPDATE tasks SET evidence = \(evidence)::jsonb, updated_at = \(now.millisecondsSinceEpoch) WHERE id = \(task.rawValue)",
                logger: logger)
            return current
        }
    }

    // MARK: Reads inside a transaction

    static func fetchObjectives(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [Objective] {
        var objectives: [Objective] = []
        for try await (id, tenant, metric, target, current, horizon, created, updated) in try await connection.query(
            query, logger: logger
        ).decode((Int64, String, String, Double, Double, String, Int64, Int64).self) {
            objectives.append(Objective(
                id: ObjectiveID(id), tenantID: TenantID(rawValue: tenant), metric: metric, target: target, current: current,
                horizon: horizon, createdAt: PostgresRows.timestamp(created), updatedAt: PostgresRows.timestamp(updated)))
        }
        return objectives
    }

    /// One task the scope sees, or nil; `lock` holds its row until the transaction ends.
    static func fetchTask(
        _ id: TaskID, in scope: TenantScope, _ connection: PostgresConnection, logger: Logger, lock: Bool
    ) async throws -> AgentTask? {
        var binds = PostgresBindings()
        binds.append(id.rawValue)
        let condition = PostgresRows.scopeCondition(scope, &binds)
        return try await fetchTasks(
            PostgresQuery(
                unsafeSQL: "SELECT \(taskColumns) FROM tasks WHERE id = $1 AND \(condition)" + (lock ? " FOR UPDATE" : ""),
                binds: binds),
            connection, logger: logger
        ).first
    }

    static func fetchTasks(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [AgentTask] {
        var tasks: [AgentTask] = []
        for try await (id, tenant, objective, title, state, evidence, created, updated) in try await connection.query(
            query, logger: logger
        ).decode((Int64, String, Int64?, String, String, String, Int64, Int64).self) {
            let signals = try (PostgresRows.json(evidence, column: "evidence").arrayValue ?? []).compactMap { value -> SignalID? in
                if case .integer(let id) = value { return SignalID(id) }
                return nil
            }
            tasks.append(AgentTask(
                id: TaskID(id), tenantID: TenantID(rawValue: tenant), objectiveID: objective.map(ObjectiveID.init(rawValue:)),
                title: title, state: try PostgresRows.enumValue(state, column: "state"), evidence: signals,
                createdAt: PostgresRows.timestamp(created), updatedAt: PostgresRows.timestamp(updated)))
        }
        return tasks
    }
}
