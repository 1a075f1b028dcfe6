import DeckCore
import GRDB

extension SQLiteStore {
    public func addTenant(_ draft: TenantDraft, actor: String) async throws -> Tenant {
        try await addTenants([draft], actor: actor)[0]
    }

    public func addTenants(_ drafts: [TenantDraft], actor: String) async throws -> [Tenant] {
        let now = clock.now()
        let tenants = drafts.map { $0.tenant(at: now) }
        guard !tenants.isEmpty else { return [] }
        return try await write { db in
            try TenantNameRule.check(tenants.map(\.name), existing: try String.fetchAll(db, sql: "SELECT name FROM tenants"))
            let insert = try db.cachedStatement(sql: """
                INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var audit = try SQLiteAuditWriter(db, now: now)
            for tenant in tenants {
                try insert.execute(arguments: [
                    tenant.id.rawValue, tenant.name, tenant.plan, tenant.timeZone, tenant.maxRunning,
                    tenant.composioUserID, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
                ])
                try Self.writeGuardrails(.default, for: tenant.id, actor: actor, now: now, db)
                try audit.append(StoreAudit.added(tenant, actor: actor))
            }
            return tenants
        }
    }

    public func tenants(in scope: TenantScope) async throws -> [Tenant] {
        try await read { db in
            let predicate = ScopePredicate(scope, column: "id")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM tenants WHERE \(predicate.sql) ORDER BY name", arguments: predicate.arguments
            ).map(SQLiteRows.tenant)
        }
    }

    public func tenant(_ id: TenantID, in scope: TenantScope) async throws -> Tenant? {
        guard scope.admits(id) else { return nil }
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [id.rawValue]).map(SQLiteRows.tenant)
        }
    }

    public func tenant(named reference: String, in scope: TenantScope) async throws -> Tenant? {
        if let id = TenantID(parsing: reference) { return try await tenant(id, in: scope) }
        return try await read { db in
            let predicate = ScopePredicate(scope, column: "id")
            var arguments: StatementArguments = [reference]
            _ = arguments.append(contentsOf: predicate.arguments)
            return try Row.fetchOne(
                db, sql: "SELECT * FROM tenants WHERE name = ? AND \(predicate.sql)", arguments: arguments
            ).map(SQLiteRows.tenant)
        }
    }

    public func updateTenant(_ id: TenantID, _ changes: TenantChanges, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try await write { db in
            try Self.requireTenant(id, in: scope, db)
            let before = try SQLiteRows.tenant(Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [id.rawValue])!)
            let after = changes.applied(to: before, at: now)
            if after.name != before.name {
                try TenantNameRule.check(
                    [after.name], existing: try String.fetchAll(db, sql: "SELECT name FROM tenants WHERE id != ?", arguments: [id.rawValue]))
            }
            try db.execute(
                sql: """
                    UPDATE tenants SET name = ?, plan = ?, time_zone = ?, max_running = ?, composio_user_id = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    after.name, after.plan, after.timeZone, after.maxRunning, after.composioUserID,
                    now.millisecondsSinceEpoch, id.rawValue,
                ])
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.updated(from: before, to: after, actor: actor))
            return after
        }
    }

    public func setTenantPaused(_ id: TenantID, _ paused: Bool, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try await write { db in
            try Self.requireTenant(id, in: scope, db)
            var tenant = try SQLiteRows.tenant(Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [id.rawValue])!)
            guard tenant.isPaused != paused else { return tenant }
            tenant.pausedAt = paused ? now : nil
            tenant.pausedBy = paused ? actor : nil
            tenant.updatedAt = now
            try db.execute(
                sql: "UPDATE tenants SET paused_at = ?, paused_by = ?, updated_at = ? WHERE id = ?",
                arguments: [tenant.pausedAt?.millisecondsSinceEpoch, tenant.pausedBy, now.millisecondsSinceEpoch, id.rawValue])
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.pausedChanged(tenant, actor: actor))
            return tenant
        }
    }

    public func guardrails(for tenant: TenantID, in scope: TenantScope) async throws -> Guardrails {
        try await read { db in
            try Self.requireTenant(tenant, in: scope, db)
            return try Self.readGuardrails(for: tenant, db)
        }
    }

    public func setGuardrails(_ guardrails: Guardrails, for tenant: TenantID, in scope: TenantScope, actor: String) async throws {
        let now = clock.now()
        try await write { db in
            try Self.requireTenant(tenant, in: scope, db)
            let before = try Self.readGuardrails(for: tenant, db)
            try Self.writeGuardrails(guardrails, for: tenant, actor: actor, now: now, db)
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.guardrailsSet(tenant, from: before, to: guardrails, actor: actor))
        }
    }

    static func readGuardrails(for tenant: TenantID, _ db: Database) throws -> Guardrails {
        try GuardrailsCache.shared.guardrails(
            config: try String.fetchOne(db, sql: "SELECT config FROM guardrails WHERE tenant_id = ?", arguments: [tenant.rawValue]))
    }

    static func writeGuardrails(_ guardrails: Guardrails, for tenant: TenantID, actor: String, now: Timestamp, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO guardrails (tenant_id, config, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT(tenant_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                """,
            arguments: [tenant.rawValue, try JSONValue(encoding: guardrails).canonicalText, now.millisecondsSinceEpoch, actor])
    }
}
