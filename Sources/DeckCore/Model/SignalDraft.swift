/// A signal to store; the store assigns its id.
public struct SignalDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var connectedAccountID: ConnectedAccountID?
    public var toolkit: String
    public var toolSlug: String
    public var source: SignalSource
    public var payload: JSONValue
    public var observedAt: Timestamp

    public init(
        tenantID: TenantID, connectedAccountID: ConnectedAccountID? = nil, toolkit: String, toolSlug: String,
        source: SignalSource, payload: JSONValue, observedAt: Timestamp
    ) {
        self.tenantID = tenantID
        self.connectedAccountID = connectedAccountID
        self.toolkit = toolkit
        self.toolSlug = toolSlug
        self.source = source
        self.payload = payload
        self.observedAt = observedAt
    }
}
