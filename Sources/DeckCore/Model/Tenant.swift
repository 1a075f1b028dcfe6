/// A company the agent works for; every other row belongs to one.
public struct Tenant: Sendable, Hashable, Identifiable, Codable {
    public var id: TenantID
    /// Unique, chosen by an operator; may contain any printable text.
    public var name: String
    /// Commercial plan, free text (`free`, `pro`, …).
    public var plan: String
    /// IANA time zone used for quiet hours, e.g. `Europe/Berlin`.
    public var timeZone: String
    /// The tenant lock: at most this many of its envelopes run at once, across all workers.
    public var maxRunning: Int
    /// The Composio `user_id` this tenant's accounts belong to.
    public var composioUserID: String
    /// When an operator paused the tenant's queue (no envelope of it is claimed until it is
    /// resumed; running ones finish); nil while it runs.
    public var pausedAt: Timestamp?
    /// Who paused it.
    public var pausedBy: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: TenantID, name: String, plan: String, timeZone: String, maxRunning: Int,
        composioUserID: String, pausedAt: Timestamp? = nil, pausedBy: String? = nil, createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.plan = plan
        self.timeZone = timeZone
        self.maxRunning = maxRunning
        self.composioUserID = composioUserID
        self.pausedAt = pausedAt
        self.pausedBy = pausedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// True while an operator holds the tenant's queue.
    public var isPaused: Bool { pausedAt != nil }
}
