/// A task to create.
public struct TaskDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var objectiveID: ObjectiveID?
    public var title: String
    public var state: TaskState

    /// Refuses an empty or over-long title.
    public init(tenantID: TenantID, objectiveID: ObjectiveID? = nil, title: String, state: TaskState = .planned) throws(InvalidInput) {
        guard !title.isEmpty, title.count <= 500 else { throw InvalidInput("task title must be 1 to 500 characters") }
        self.tenantID = tenantID
        self.objectiveID = objectiveID
        self.title = title
        self.state = state
    }
}
