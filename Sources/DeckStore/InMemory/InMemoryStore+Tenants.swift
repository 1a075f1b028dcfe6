import DeckCore

extension InMemoryStore {
    public func addTenant(_ draft: TenantDraft, actor: String) async throws -> Tenant {
        try await addTenants([draft], actor: actor)[0]
    }

    public func addTenants(_ drafts: [TenantDraft], actor: String) async throws -> [Tenant] {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try TenantNameRule.check(drafts.map(\.name), existing: state.tenants.values.map(\.name))
            return drafts.map { draft in
                let tenant = draft.tenant(at: now)
                state.tenants[tenant.id] = tenant
                state.guardrails[tenant.id] = .default
                state.appendAudit(StoreAudit.added(tenant, actor: actor), at: now)
                return tenant
            }
        }
    }

    public func tenants(in scope: TenantScope) async throws -> [Tenant] {
        try locked { state in
            state.tenants.values.filter { scope.admits($0.id) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
    }

    public func tenant(_ id: TenantID, in scope: TenantScope) async throws -> Tenant? {
        try locked { state in scope.admits(id) ? state.tenants[id] : nil }
    }

    public func tenant(named reference: String, in scope: TenantScope) async throws -> Tenant? {
        if let id = TenantID(parsing: reference) { return try await tenant(id, in: scope) }
        return try locked { state in
            state.tenants.values.first { $0.name == reference && scope.admits($0.id) }
        }
    }

    public func updateTenant(_ id: TenantID, _ changes: TenantChanges, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(id, in: scope)
            let before = state.tenants[id]!
            let after = changes.applied(to: before, at: now)
            if after.name != before.name {
                try TenantNameRule.check([after.name], existing: state.tenants.values.filter { $0.id != id }.map(\.name))
            }
            state.tenants[id] = after
            state.appendAudit(StoreAudit.updated(from: before, to: after, actor: actor), at: now)
            return after
        }
    }

    public func setTenantPaused(_ id: TenantID, _ paused: Bool, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(id, in: scope)
            var tenant = state.tenants[id]!
            guard tenant.isPaused != paused else { return tenant }
            tenant.pausedAt = paused ? now : nil
            tenant.pausedBy = paused ? actor : nil
            tenant.updatedAt = now
            state.tenants[id] = tenant
            state.appendAudit(StoreAudit.pausedChanged(tenant, actor: actor), at: now)
            return tenant
        }
    }

    public func guardrails(for tenant: TenantID, in scope: TenantScope) async throws -> Guardrails {
        try locked { state throws(StoreError) in
            try state.visibleTenant(tenant, in: scope)
            return state.guardrails[tenant] ?? .default
        }
    }

    public func setGuardrails(_ guardrails: Guardrails, for tenant: TenantID, in scope: TenantScope, actor: String) async throws {
        let now = clock.now()
        try locked { state throws(StoreError) in
            try state.visibleTenant(tenant, in: scope)
            let before = state.guardrails[tenant] ?? .default
            state.guardrails[tenant] = guardrails
            state.appendAudit(StoreAudit.guardrailsSet(tenant, from: before, to: guardrails, actor: actor), at: now)
        }
    }
}
