/// Tenants: the only rows that belong to nobody.
public protocol TenantRepository: Sendable {
    /// Creates a tenant (and its default guardrails); audited. Names are unique.
    func addTenant(_ draft: TenantDraft, actor: String) async throws -> Tenant
    /// Creates many tenants in one transaction, each audited: all of them, or none when a
    /// name is taken (by an existing tenant or twice in `drafts`).
    func addTenants(_ drafts: [TenantDraft], actor: String) async throws -> [Tenant]
    /// Tenants visible in `scope`, by name.
    func tenants(in scope: TenantScope) async throws -> [Tenant]
    /// One tenant by id, nil when not visible.
    func tenant(_ id: TenantID, in scope: TenantScope) async throws -> Tenant?
    /// One tenant by id (a UUID) or by exact name, nil when not visible.
    func tenant(named reference: String, in scope: TenantScope) async throws -> Tenant?
    /// Changes a tenant's settings (cap, plan, zone, Composio user id); audited.
    func updateTenant(_ id: TenantID, _ changes: TenantChanges, in scope: TenantScope, actor: String) async throws -> Tenant
    /// Pauses (`paused: true`) or resumes a tenant's queue; audited (`paused`, `resumed`).
    /// Workers claim nothing of a paused tenant; what already runs finishes. Asking for the
    /// state the tenant is already in changes and audits nothing.
    func setTenantPaused(_ id: TenantID, _ paused: Bool, in scope: TenantScope, actor: String) async throws -> Tenant
}
