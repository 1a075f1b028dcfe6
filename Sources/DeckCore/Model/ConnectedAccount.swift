/// A tenant's authorised link to one toolkit through Composio.
public struct ConnectedAccount: Sendable, Hashable, Identifiable, Codable {
    /// Composio's id for the account.
    public var id: ConnectedAccountID
    public var tenantID: TenantID
    /// The toolkit slug (the seed's `provider`), e.g. `gmail`.
    public var provider: String
    public var status: AccountStatus
    /// Why Composio put the account in its status, when it says.
    public var statusReason: String?
    /// OAuth scopes granted.
    public var scopes: [String]
    /// When a warm scan last read this account's signals.
    public var lastScanAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: ConnectedAccountID, tenantID: TenantID, provider: String, status: AccountStatus,
        statusReason: String? = nil, scopes: [String] = [], lastScanAt: Timestamp? = nil,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.provider = provider
        self.status = status
        self.statusReason = statusReason
        self.scopes = scopes
        self.lastScanAt = lastScanAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
