/// Tenants' Composio connected accounts.
public protocol ConnectedAccountRepository: Sendable {
    /// Inserts or updates an account (keyed by Composio's id); returns the status it had
    /// before (nil when new), so callers can see it become ACTIVE. Status changes are audited.
    func saveAccount(_ account: ConnectedAccount, in scope: TenantScope, actor: String) async throws -> AccountStatus?
    /// One account, nil when not visible.
    func account(_ id: ConnectedAccountID, in scope: TenantScope) async throws -> ConnectedAccount?
    /// Accounts visible in `scope` (optionally of one status), by tenant then id.
    func accounts(in scope: TenantScope, status: AccountStatus?) async throws -> [ConnectedAccount]
    /// Stamps the account's last warm scan.
    func markScanned(_ id: ConnectedAccountID, at instant: Timestamp, in scope: TenantScope) async throws
}
