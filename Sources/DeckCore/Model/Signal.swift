/// What a read-only tool returned for a tenant: the evidence tasks are planned on.
public struct Signal: Sendable, Hashable, Identifiable, Codable {
    public var id: SignalID
    public var tenantID: TenantID
    public var connectedAccountID: ConnectedAccountID?
    public var toolkit: String
    public var toolSlug: String
    public var source: SignalSource
    /// The tool's answer.
    public var payload: JSONValue
    public var observedAt: Timestamp

    public init(
        id: SignalID, tenantID: TenantID, connectedAccountID: ConnectedAccountID? = nil, toolkit: String,
        toolSlug: String, source: SignalSource, payload: JSONValue, observedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.connectedAccountID = connectedAccountID
        self.toolkit = toolkit
        self.toolSlug = toolSlug
        self.source = source
        self.payload = payload
        self.observedAt = observedAt
    }
}
