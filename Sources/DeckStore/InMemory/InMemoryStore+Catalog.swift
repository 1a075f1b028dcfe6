import DeckCore

extension InMemoryStore {
    public func saveAccount(_ account: ConnectedAccount, in scope: TenantScope, actor: String) async throws -> AccountStatus? {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(account.tenantID, in: scope)
            let existing = state.accounts[account.id]
            if let existing, existing.tenantID != account.tenantID {
                throw .conflict("connected account \(account.id) belongs to another tenant")
            }
            var saved = account
            saved.createdAt = existing?.createdAt ?? now
            saved.updatedAt = now
            saved.lastScanAt = account.lastScanAt ?? existing?.lastScanAt
            state.accounts[account.id] = saved
            if existing?.status != account.status {
                state.appendAudit(StoreAudit.accountSaved(saved, previous: existing?.status, actor: actor), at: now)
            }
            return existing?.status
        }
    }

    public func account(_ id: ConnectedAccountID, in scope: TenantScope) async throws -> ConnectedAccount? {
        try locked { state in state.accounts[id].flatMap { scope.admits($0.tenantID) ? $0 : nil } }
    }

    public func accounts(in scope: TenantScope, status: AccountStatus?) async throws -> [ConnectedAccount] {
        try locked { state in
            state.accounts.values
                .filter { scope.admits($0.tenantID) && (status == nil || $0.status == status) }
                .sorted { ($0.tenantID, $0.id) < ($1.tenantID, $1.id) }
        }
    }

    public func markScanned(_ id: ConnectedAccountID, at instant: Timestamp, in scope: TenantScope) async throws {
        try locked { state throws(StoreError) in
            guard let account = state.accounts[id], scope.admits(account.tenantID) else {
                throw .notFound("connected account \(id)")
            }
            state.accounts[id]?.lastScanAt = instant
        }
    }

    public func saveTools(_ entries: [ToolCatalogEntry], in scope: TenantScope) async throws {
        try locked { state throws(StoreError) in
            for tenant in Set(entries.map(\.tenantID)) { try state.visibleTenant(tenant, in: scope) }
            for entry in entries {
                var saved = entry
                if let existing = state.catalog[entry.tenantID]?[entry.toolSlug] {
                    saved.riskOverride = existing.riskOverride
                }
                state.catalog[entry.tenantID, default: [:]][entry.toolSlug] = saved
            }
        }
    }

    public func tool(_ slug: String, tenant: TenantID, in scope: TenantScope) async throws -> ToolCatalogEntry? {
        try locked { state in scope.admits(tenant) ? state.catalog[tenant]?[slug] : nil }
    }

    public func tools(in scope: TenantScope, toolkit: String?) async throws -> [ToolCatalogEntry] {
        try locked { state in
            state.catalog.filter { scope.admits($0.key) }.values.flatMap(\.values)
                .filter { toolkit == nil || $0.toolkit == toolkit }
                .sorted { ($0.tenantID.rawValue, $0.toolSlug) < ($1.tenantID.rawValue, $1.toolSlug) }
        }
    }

    public func setRiskOverride(
        _ risk: RiskTier?, for slug: String, tenant: TenantID, in scope: TenantScope, actor: String
    ) async throws -> ToolCatalogEntry {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            guard scope.admits(tenant), let before = state.catalog[tenant]?[slug] else { throw .notFound("tool \(slug)") }
            var after = before
            after.riskOverride = risk
            state.catalog[tenant]?[slug] = after
            state.appendAudit(StoreAudit.riskOverridden(after, from: before.riskOverride, actor: actor), at: now)
            return after
        }
    }
}
