import DeckCore

extension InMemoryStore {
    public func addObjective(_ draft: ObjectiveDraft, in scope: TenantScope, actor: String) async throws -> Objective {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(draft.tenantID, in: scope)
            let objective = Objective(
                id: ObjectiveID(Int64(state.objectives.count + 1)), tenantID: draft.tenantID, metric: draft.metric,
                target: draft.target, current: draft.current, horizon: draft.horizon, createdAt: now, updatedAt: now)
            state.objectives.append(objective)
            state.appendAudit(StoreAudit.objectiveAdded(objective, actor: actor), at: now)
            return objective
        }
    }

    public func objectives(in scope: TenantScope) async throws -> [Objective] {
        try locked { state in state.objectives.filter { scope.admits($0.tenantID) } }
    }

    public func recordProgress(_ current: Double, for objective: ObjectiveID, in scope: TenantScope) async throws -> Objective {
        guard current.isFinite else { throw StoreError.invalid(InvalidInput("objective progress must be a finite number")) }
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let index = Int(objective.rawValue) - 1
            guard state.objectives.indices.contains(index), scope.admits(state.objectives[index].tenantID) else {
                throw .notFound("objective \(objective)")
            }
            state.objectives[index].current = current
            state.objectives[index].updatedAt = now
            return state.objectives[index]
        }
    }

    public func addTask(_ draft: TaskDraft, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(draft.tenantID, in: scope)
            if let objective = draft.objectiveID {
                let index = Int(objective.rawValue) - 1
                guard state.objectives.indices.contains(index), state.objectives[index].tenantID == draft.tenantID else {
                    throw .notFound("objective \(objective)")
                }
            }
            let task = AgentTask(
                id: TaskID(Int64(state.tasks.count + 1)), tenantID: draft.tenantID, objectiveID: draft.objectiveID,
                title: draft.title, state: draft.state, createdAt: now, updatedAt: now)
            state.tasks.append(task)
            state.appendAudit(StoreAudit.taskAdded(task, actor: actor), at: now)
            return task
        }
    }

    public func task(_ id: TaskID, in scope: TenantScope) async throws -> AgentTask? {
        try locked { state in
            let index = Int(id.rawValue) - 1
            guard state.tasks.indices.contains(index), scope.admits(state.tasks[index].tenantID) else { return nil }
            return state.tasks[index]
        }
    }

    public func tasks(in scope: TenantScope, state wanted: TaskState?) async throws -> [AgentTask] {
        try locked { state in
            state.tasks.filter { scope.admits($0.tenantID) && (wanted == nil || $0.state == wanted) }
        }
    }

    public func setTaskState(_ newState: TaskState, for task: TaskID, in scope: TenantScope, actor: String) async throws -> AgentTask {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let index = try Self.taskIndex(task, in: scope, state)
            let old = state.tasks[index].state
            state.tasks[index].state = newState
            state.tasks[index].updatedAt = now
            if old != newState {
                state.appendAudit(StoreAudit.taskStateChanged(state.tasks[index], from: old, actor: actor), at: now)
            }
            return state.tasks[index]
        }
    }

    public func attachEvidence(_ signals: [SignalID], to task: TaskID, in scope: TenantScope) async throws -> AgentTask {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let index = try Self.taskIndex(task, in: scope, state)
            var evidence = state.tasks[index].evidence
            for signal in signals where !evidence.contains(signal) {
                let signalIndex = Int(signal.rawValue) - 1
                guard state.signals.indices.contains(signalIndex),
                      state.signals[signalIndex].tenantID == state.tasks[index].tenantID
                else { throw .notFound("signal \(signal)") }
                evidence.append(signal)
            }
            state.tasks[index].evidence = evidence
            state.tasks[index].updatedAt = now
            return state.tasks[index]
        }
    }

    private static func taskIndex(_ task: TaskID, in scope: TenantScope, _ state: State) throws(StoreError) -> Int {
        let index = Int(task.rawValue) - 1
        guard state.tasks.indices.contains(index), scope.admits(state.tasks[index].tenantID) else {
            throw .notFound("task \(task)")
        }
        return index
    }

    public func addSignals(_ drafts: [SignalDraft], in scope: TenantScope) async throws -> [Signal] {
        try locked { state throws(StoreError) in
            for tenant in Set(drafts.map(\.tenantID)) { try state.visibleTenant(tenant, in: scope) }
            return drafts.map { draft in
                let signal = Signal(
                    id: SignalID(Int64(state.signals.count + 1)), tenantID: draft.tenantID,
                    connectedAccountID: draft.connectedAccountID, toolkit: draft.toolkit, toolSlug: draft.toolSlug,
                    source: draft.source, payload: draft.payload, observedAt: draft.observedAt)
                state.signals.append(signal)
                return signal
            }
        }
    }

    public func signals(_ query: SignalQuery, in scope: TenantScope) async throws -> Page<Signal> {
        try locked { state in
            let matches = state.signals.lazy.filter { signal in
                scope.admits(signal.tenantID) && (query.toolkit == nil || signal.toolkit == query.toolkit)
            }
            return KeysetWindow(order: query.order, after: query.after, limit: query.limit).page(scanning: matches)
        }
    }
}
