/// Where tools come from and run: Composio, or the deterministic simulator.
///
/// Every failure is a `ProviderError` already classified retryable, rate-limited or
/// permanent, so the worker's retry policy never looks at HTTP details.
public protocol ToolProvider: Sendable {
    /// A page of tools.
    func listTools(_ query: ToolListQuery) async throws(ProviderError) -> ProviderPage<ToolDefinition>
    /// One tool, at `version` or the latest.
    func tool(_ slug: String, version: String?) async throws(ProviderError) -> ToolDefinition
    /// Runs a tool; an app-level failure (`successful: false`) is thrown as `.permanent`.
    func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult
    /// A page of toolkits with their categories.
    func listToolkits(cursor: String?) async throws(ProviderError) -> ProviderPage<ToolkitInfo>
    /// Every toolkit category (Composio `GET /toolkits/categories`).
    func listToolkitCategories() async throws(ProviderError) -> [ToolkitInfo.Category]
    /// A page of connected accounts of the given users (all when empty).
    func listConnectedAccounts(userIDs: [String], cursor: String?) async throws(ProviderError) -> ProviderPage<ProviderAccount>
}
