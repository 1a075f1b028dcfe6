/// A connected account as the provider reports it (Composio's connected account item).
public struct ProviderAccount: Sendable, Hashable {
    public var id: ConnectedAccountID
    public var status: AccountStatus
    public var statusReason: String?
    public var toolkit: String
    public var userID: String
    public var scopes: [String]

    public init(
        id: ConnectedAccountID, status: AccountStatus, statusReason: String? = nil, toolkit: String, userID: String,
        scopes: [String] = []
    ) {
        self.id = id
        self.status = status
        self.statusReason = statusReason
        self.toolkit = toolkit
        self.userID = userID
        self.scopes = scopes
    }
}
