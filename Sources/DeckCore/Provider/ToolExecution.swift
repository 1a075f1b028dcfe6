/// One execution of a tool, as the worker asks the provider for it.
public struct ToolExecution: Sendable, Hashable {
    public var envelopeID: EnvelopeID
    public var tenantID: TenantID
    public var toolSlug: String
    public var toolkit: String
    /// The pinned version; providers that require one refuse an unpinned call.
    public var version: String?
    public var arguments: JSONObjectText
    /// The Composio connected account to act through, when chosen.
    public var connectedAccountID: ConnectedAccountID?
    /// The Composio `user_id` the tenant maps to.
    public var userID: String
    /// The key the provider can deduplicate on; the same for every attempt of the envelope.
    public var idempotencyKey: String
    /// Which attempt this is (1 for the first).
    public var attempt: Int

    public init(
        envelopeID: EnvelopeID, tenantID: TenantID, toolSlug: String, toolkit: String, version: String?,
        arguments: JSONObjectText, connectedAccountID: ConnectedAccountID?, userID: String, idempotencyKey: String,
        attempt: Int
    ) {
        self.envelopeID = envelopeID
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.version = version
        self.arguments = arguments
        self.connectedAccountID = connectedAccountID
        self.userID = userID
        self.idempotencyKey = idempotencyKey
        self.attempt = attempt
    }
}
