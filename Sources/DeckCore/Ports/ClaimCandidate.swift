/// A due envelope as a claim first sees it: only what guardrails, drift holds and tenant
/// caps decide on. Stores read the whole envelope only for the ones a claim changes.
public struct ClaimCandidate: Sendable, Hashable {
    public var id: EnvelopeID
    public var tenantID: TenantID
    public var toolSlug: ToolSlug
    public var toolkit: String
    public var risk: RiskTier
    /// An operator approved it, so it passes the autonomy guardrail.
    public var approved: Bool

    public init(id: EnvelopeID, tenantID: TenantID, toolSlug: ToolSlug, toolkit: String, risk: RiskTier, approved: Bool) {
        self.id = id
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.risk = risk
        self.approved = approved
    }

    /// The candidate view of a whole envelope.
    public init(_ envelope: Envelope) {
        self.init(
            id: envelope.id, tenantID: envelope.tenantID, toolSlug: envelope.toolSlug, toolkit: envelope.toolkit,
            risk: envelope.risk, approved: envelope.approvedBy != nil)
    }
}
