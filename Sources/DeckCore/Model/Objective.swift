/// A value objective a tenant wants reached, e.g. "qualified_leads to 40 by 2026-Q4".
public struct Objective: Sendable, Hashable, Identifiable, Codable {
    public var id: ObjectiveID
    public var tenantID: TenantID
    /// What is measured, e.g. `qualified_leads`.
    public var metric: String
    /// The value to reach.
    public var target: Double
    /// The latest measured value (progress = current / target).
    public var current: Double
    /// By when, free text (`2026-Q4`, `30d`).
    public var horizon: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: ObjectiveID, tenantID: TenantID, metric: String, target: Double, current: Double = 0,
        horizon: String, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.metric = metric
        self.target = target
        self.current = current
        self.horizon = horizon
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Progress towards the target, 0…1 (1 when the target is zero or reached).
    public var progress: Double {
        guard target != 0 else { return 1 }
        return min(1, max(0, current / target))
    }
}
