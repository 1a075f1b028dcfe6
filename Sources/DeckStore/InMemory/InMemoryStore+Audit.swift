import DeckCore

extension InMemoryStore {
    public func append(_ entry: AuditEntry, in scope: TenantScope) async throws -> AuditEvent {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            if let tenant = entry.tenantID {
                try state.visibleTenant(tenant, in: scope)
            } else if scope != .allTenants {
                throw .notFound("operator-wide audit scope")
            }
            state.appendAudit(entry, at: now)
            return state.audit[state.audit.count - 1]
        }
    }

    public func auditEvents(_ query: AuditQuery, in scope: TenantScope) async throws -> Page<AuditEvent> {
        try locked { state in
            let matches = state.audit.lazy.filter { scope.admits($0.tenantID) && query.matches($0) }
            return KeysetPage.page(matches, order: query.order, after: query.after, limit: query.limit)
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        let rows = try locked { state in state.audit }
        var verifier = AuditHasher.verifier()
        for event in rows where !verifier.check(event.record) { break }
        return verifier.result
    }
}
