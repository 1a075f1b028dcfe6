/// An audit row to append; the log assigns id, time and the hash chain.
public struct AuditEntry: Sendable, Hashable {
    /// The tenant the event concerns; nil for operator-wide events.
    public var tenantID: TenantID?
    public var category: AuditCategory
    /// What happened, a short snake_case verb (`submitted`, `approved`, `lease_expired`).
    public var action: String
    public var envelopeID: EnvelopeID?
    /// Who did it: an operator's name or a worker's id.
    public var actor: String
    /// Details, as JSON.
    public var payload: JSONValue

    public init(
        tenantID: TenantID?, category: AuditCategory, action: String, envelopeID: EnvelopeID? = nil,
        actor: String, payload: JSONValue = .object([:])
    ) {
        self.tenantID = tenantID
        self.category = category
        self.action = action
        self.envelopeID = envelopeID
        self.actor = actor
        self.payload = payload
    }
}
