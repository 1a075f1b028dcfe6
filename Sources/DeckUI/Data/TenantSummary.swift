import DeckCore

/// One tenant with what the tenants view shows beside it.
public struct TenantSummary: Sendable, Hashable {
    public var tenant: Tenant
    public var guardrails: Guardrails
    public var objectives: [Objective]
    /// Task counts by state.
    public var tasks: [TaskState: Int]
    /// Envelope counts by status.
    public var envelopes: [EnvelopeStatus: Int]
    /// True when the tenant is inside its quiet hours now.
    public var inQuietHours: Bool

    public init(
        tenant: Tenant, guardrails: Guardrails, objectives: [Objective] = [], tasks: [TaskState: Int] = [:],
        envelopes: [EnvelopeStatus: Int] = [:], inQuietHours: Bool = false
    ) {
        self.tenant = tenant
        self.guardrails = guardrails
        self.objectives = objectives
        self.tasks = tasks
        self.envelopes = envelopes
        self.inQuietHours = inQuietHours
    }
}
