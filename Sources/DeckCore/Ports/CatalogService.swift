/// The per-tenant cache of Composio tool definitions (the seed's `CatalogService`).
public protocol CatalogService: Sendable {
    /// Inserts or replaces tool entries; an existing risk override is kept.
    func saveTools(_ entries: [ToolCatalogEntry], in scope: TenantScope) async throws
    /// One cached tool, nil when not cached or not visible.
    func tool(_ slug: String, tenant: TenantID, in scope: TenantScope) async throws -> ToolCatalogEntry?
    /// Cached tools visible in `scope`, optionally of one toolkit, by tenant then slug.
    func tools(in scope: TenantScope, toolkit: String?) async throws -> [ToolCatalogEntry]
    /// Sets (or clears, with nil) an operator's risk override for one tool; audited.
    func setRiskOverride(_ risk: RiskTier?, for slug: String, tenant: TenantID, in scope: TenantScope, actor: String) async throws -> ToolCatalogEntry
}
