/// When a recurring job next runs for a tenant × toolkit category.
///
/// Persisted so that a restart neither skips nor doubles a run.
public struct Schedule: Sendable, Hashable, Codable {
    public var tenantID: TenantID
    public var job: ScheduleJob
    /// Composio toolkit category (e.g. `crm`); empty for jobs that are not per category.
    public var category: String
    public var nextRunAt: Timestamp
    public var lastRunAt: Timestamp?
    /// One line on how the last run went (`ok: 12 signals`, `429: backing off`).
    public var lastOutcome: String?
    public var updatedAt: Timestamp

    public init(
        tenantID: TenantID, job: ScheduleJob, category: String, nextRunAt: Timestamp,
        lastRunAt: Timestamp? = nil, lastOutcome: String? = nil, updatedAt: Timestamp
    ) {
        self.tenantID = tenantID
        self.job = job
        self.category = category
        self.nextRunAt = nextRunAt
        self.lastRunAt = lastRunAt
        self.lastOutcome = lastOutcome
        self.updatedAt = updatedAt
    }
}
