/// Planned tasks and their evidence.
public protocol TaskRepository: Sendable {
    /// Creates a task; its objective, when given, must be the same tenant's. Audited.
    func addTask(_ draft: TaskDraft, in scope: TenantScope, actor: String) async throws -> AgentTask
    /// One task, nil when not visible.
    func task(_ id: TaskID, in scope: TenantScope) async throws -> AgentTask?
    /// Tasks visible in `scope` (optionally in one state), oldest first.
    func tasks(in scope: TenantScope, state: TaskState?) async throws -> [AgentTask]
    /// Moves a task to another state; audited.
    func setTaskState(_ state: TaskState, for task: TaskID, in scope: TenantScope, actor: String) async throws -> AgentTask
    /// Appends signals (of the task's tenant) to the task's evidence, skipping ones already there.
    func attachEvidence(_ signals: [SignalID], to task: TaskID, in scope: TenantScope) async throws -> AgentTask
}
