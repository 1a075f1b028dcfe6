/// A planned action towards an objective; signals attach to it as evidence.
///
/// Named `AgentTask` because `Task` is Swift's concurrency type.
public struct AgentTask: Sendable, Hashable, Identifiable, Codable {
    public var id: TaskID
    public var tenantID: TenantID
    public var objectiveID: ObjectiveID?
    public var title: String
    public var state: TaskState
    /// Signals that support or motivate the task, oldest first.
    public var evidence: [SignalID]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: TaskID, tenantID: TenantID, objectiveID: ObjectiveID? = nil, title: String,
        state: TaskState = .planned, evidence: [SignalID] = [], createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.objectiveID = objectiveID
        self.title = title
        self.state = state
        self.evidence = evidence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
