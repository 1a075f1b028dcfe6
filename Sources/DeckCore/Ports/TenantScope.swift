/// Whose rows a read or write may touch. Every tenant-owned operation takes one.
///
/// Stores turn it into a predicate; a row of another tenant behaves exactly like a row that
/// does not exist. `allTenants` is the operator-wide view and must be asked for by name.
public enum TenantScope: Sendable, Hashable, CustomStringConvertible {
    /// Only this tenant's rows.
    case tenant(TenantID)
    /// Every tenant's rows: the operator console and the worker.
    case allTenants

    /// True when a row owned by `tenant` is visible in this scope.
    public func admits(_ tenant: TenantID) -> Bool {
        switch self {
        case .tenant(let id): id == tenant
        case .allTenants: true
        }
    }

    /// True when a row owned by no tenant (an operator-wide audit row) is visible.
    public func admits(_ tenant: TenantID?) -> Bool {
        guard let tenant else { return self == .allTenants }
        return admits(tenant)
    }

    /// The single tenant, when scoped to one.
    public var tenantID: TenantID? {
        if case .tenant(let id) = self { return id }
        return nil
    }

    public var description: String {
        switch self {
        case .tenant(let id): "tenant \(id)"
        case .allTenants: "all tenants"
        }
    }
}
