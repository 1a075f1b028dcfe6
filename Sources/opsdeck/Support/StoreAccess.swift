import DeckCore
import DeckStore

/// Opening the database and resolving what people type into ids.
struct StoreAccess {
    let store: any ControlPlaneStore
    let operatorName: String

    /// Opens the database of `global`, which must exist and be migrated; `readOnly` for
    /// commands that only read (on SQLite they then work on a file or folder they cannot
    /// write, such as an evidence copy, and leave nothing beside it). A `postgres://` URL opens
    /// the PostgreSQL store.
    static func open(_ global: GlobalOptions, readOnly: Bool = false) async throws -> StoreAccess {
        StoreAccess(
            store: try await StoreOpening.open(global.databasePath, mode: readOnly ? .readOnly : .existing),
            operatorName: try global.operatorName())
    }

    private init(store: any ControlPlaneStore, operatorName: String) {
        self.store = store
        self.operatorName = operatorName
    }

    /// A fresh in-memory store (`--memory`): the same rules as SQLite, nothing written to
    /// disk, everything gone when the process exits.
    init(memory global: GlobalOptions) throws {
        if global.db != nil { throw CLIError(.badInput, "--memory keeps nothing on disk; it cannot be combined with --db") }
        operatorName = try global.operatorName()
        store = InMemoryStore()
    }

    /// The tenant named by id or name; unknown names are a refusal naming the input.
    func tenant(_ reference: String) async throws -> Tenant {
        guard let tenant = try await store.tenant(named: reference, in: .allTenants) else {
            throw CLIError(.refused, "tenant '\(reference)' not found")
        }
        return tenant
    }

    /// The scope for `--tenant`: that tenant, or all tenants when not given.
    func scope(_ reference: String?) async throws -> TenantScope {
        guard let reference else { return .allTenants }
        return .tenant(try await tenant(reference).id)
    }

    /// Tenant names by id, for tables.
    func tenantNames() async throws -> [TenantID: String] {
        Dictionary(uniqueKeysWithValues: try await store.tenants(in: .allTenants).map { ($0.id, $0.name) })
    }
}
