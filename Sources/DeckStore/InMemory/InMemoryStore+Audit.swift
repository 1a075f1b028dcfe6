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
            return KeysetWindow(order: query.order, after: query.after, limit: query.limit).page(scanning: matches)
        }
    }

    public func verifyAuditChain(checkpoints: [AuditCheckpoint]) async throws -> AuditVerification {
        let (rows, envelopes) = try locked { state in (state.audit, state.envelopes) }
        var verifier = AuditHasher.verifier(checkpoints: checkpoints)
        var recorded: [Int64: (row: Int64, digest: String)] = [:]
        for event in rows {
            guard verifier.check(event.record) else { break }
            if event.action == "submitted", let id = event.envelopeID, case .string(let digest)? = event.payload["args_sha256"] {
                recorded[id.rawValue] = (event.id.rawValue, digest)
            }
        }
        guard case .intact(let count, _) = verifier.result else { return verifier.result }
        if let mismatch = ArgumentsDigest.firstMismatch(
            recorded: recorded, stored: envelopes.lazy.map { (id: $0.id.rawValue, text: $0.argumentsJSON.text) }) {
            return .broken(mismatch, checkedBefore: min(count, Int(mismatch.id) - 1))
        }
        return verifier.result
    }

    public func auditChainHead(resumingAt checkpoint: AuditCheckpoint?) async throws -> AuditVerification {
        let rows = try locked { state in state.audit }
        var verifier = AuditHasher.verifier(resumingAt: checkpoint)
        for event in rows.dropFirst(Int(verifier.nextID - 1)) {
            guard verifier.check(event.record) else { break }
        }
        return verifier.result
    }
}
