import DeckCore
import DeckStore
import Foundation
import PostgresNIO

extension PostgresStore: TenantRepository, GuardrailRepository {
    static let tenantColumns =
        "id::text, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at, paused_at, paused_by"

    public func addTenant(_ draft: TenantDraft, actor: String) async throws -> Tenant {
        try await addTenants([draft], actor: actor)[0]
    }

    public func addTenants(_ drafts: [TenantDraft], actor: String) async throws -> [Tenant] {
        let now = clock.now()
        let tenants = drafts.map { $0.tenant(at: now) }
        guard !tenants.isEmpty else { return [] }
        // Names are unique across every tenant: checked in the operator-wide scope, under a
        // lock on the table so two hosts adding the same name cannot both pass the check.
        return try await transaction(.allTenants) { connection in
            try await connection.query("LOCK TABLE tenants IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            var existing: [String] = []
            for try await name in try await connection.query("SELECT name FROM tenants", logger: logger).decode(String.self) {
                existing.append(name)
            }
            try TenantNameRule.check(tenants.map(\.name), existing: existing)
            var audit: [AuditEntry] = []
            for tenant in tenants {
                try await connection.query("""
                    INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at)
                    VALUES (\(tenant.id.rawValue)::uuid, \(tenant.name), \(tenant.plan), \(tenant.timeZone), \(tenant.maxRunning),
                        \(tenant.composioUserID), \(now.millisecondsSinceEpoch), \(now.millisecondsSinceEpoch))
                    """, logger: logger)
                try await Self.writeGuardrails(.default, for: tenant.id, actor: actor, now: now, connection, logger: logger)
                audit.append(StoreAudit.added(tenant, actor: actor))
            }
            try await PostgresAuditWriter.stage(audit, at: now, on: connection, logger: logger)
            return tenants
        }
    }

    public func tenants(in scope: TenantScope) async throws -> [Tenant] {
        try await transaction(scope) { connection in
            try await Self.fetchTenants(
                PostgresQuery(unsafeSQL: "SELECT \(Self.tenantColumns) FROM tenants ORDER BY name"), connection, logger: logger)
        }
    }

    public func tenant(_ id: TenantID, in scope: TenantScope) async throws -> Tenant? {
        guard scope.admits(id) else { return nil }
        return try await transaction(scope) { connection in try await Self.fetchTenant(id, connection, logger: logger) }
    }

    public func tenant(named reference: String, in scope: TenantScope) async throws -> Tenant? {
        if let id = TenantID(parsing: reference) { return try await tenant(id, in: scope) }
        return try await transaction(scope) { connection in
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.tenantColumns) FROM tenants WHERE name = $1")
            query.binds.append(reference)
            return try await Self.fetchTenants(query, connection, logger: logger).first
        }
    }

    public func updateTenant(_ id: TenantID, _ changes: TenantChanges, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try await transaction(scope) { connection in
            guard scope.admits(id), let before = try await Self.fetchTenant(id, connection, logger: logger, lock: true) else {
                throw StoreError.notFound("tenant \(id)")
            }
            let after = changes.applied(to: before, at: now)
            if after.name != before.name {
                // Every other tenant's name, whatever the caller's scope: names are unique across
                // tenants. Read in the operator-wide scope, for this statement's transaction only.
                try await connection.query("LOCK TABLE tenants IN SHARE ROW EXCLUSIVE MODE", logger: logger)
                let widened = scope != .allTenants
                if widened { try await connection.query("SELECT set_config('opsdeck.scope', 'all', true)", logger: logger) }
                var names: [String] = []
                for try await name in try await connection.query(
                    "SELECT name FROM tenants WHERE id <> \(id.rawValue)::uuid", logger: logger
                ).decode(String.self) { names.append(name) }
                // Back to the caller's scope for the writes that follow.
                if widened { try await connection.query("SELECT set_config('opsdeck.scope', '', true)", logger: logger) }
                try TenantNameRule.check([after.name], existing: names)
            }
            try await connection.query("""
                UPDATE tenants SET name = \(after.name), plan = \(after.plan), time_zone = \(after.timeZone),
                    max_running = \(after.maxRunning), composio_user_id = \(after.composioUserID),
                    updated_at = \(now.millisecondsSinceEpoch)
                WHERE id = \(id.rawValue)::uuid
                """, logger: logger)
            try await PostgresAuditWriter.stage(
                [StoreAudit.updated(from: before, to: after, actor: actor)], at: now, on: connection, logger: logger)
            return after
        }
    }

    public func setTenantPaused(_ id: TenantID, _ paused: Bool, in scope: TenantScope, actor: String) async throws -> Tenant {
        let now = clock.now()
        return try await transaction(scope) { connection in
            guard scope.admits(id), var tenant = try await Self.fetchTenant(id, connection, logger: logger, lock: true) else {
                throw StoreError.notFound("tenant \(id)")
            }
            guard tenant.isPaused != paused else { return tenant }
            tenant.pausedAt = paused ? now : nil
            tenant.pausedBy = paused ? actor : nil
            tenant.updatedAt = now
            try await connection.query("""
                UPDATE tenants SET paused_at = \(tenant.pausedAt?.millisecondsSinceEpoch), paused_by = \(tenant.pausedBy),
                    updated_at = \(now.millisecondsSinceEpoch)
                WHERE id = \(id.rawValue)::uuid
                """, logger: logger)
            try await PostgresAuditWriter.stage(
                [StoreAudit.pausedChanged(tenant, actor: actor)], at: now, on: connection, logger: logger)
            return tenant
        }
    }

    public func guardrails(for tenant: TenantID, in scope: TenantScope) async throws -> Guardrails {
        try await transaction(scope) { connection in
            try await Self.requireTenant(tenant, in: scope, connection, logger: logger)
            return try await Self.readGuardrails(for: tenant, connection, logger: logger)
        }
    }

    public func setGuardrails(_ guardrails: Guardrails, for tenant: TenantID, in scope: TenantScope, actor: String) async throws {
        let now = clock.now()
        try await transaction(scope) { connection in
            try await Self.requireTenant(tenant, in: scope, connection, logger: logger)
            let before = try await Self.readGuardrails(for: tenant, connection, logger: logger)
            try await Self.writeGuardrails(guardrails, for: tenant, actor: actor, now: now, connection, logger: logger)
            try await PostgresAuditWriter.stage(
                [StoreAudit.guardrailsSet(tenant, from: before, to: guardrails, actor: actor)], at: now, on: connection,
                logger: logger)
        }
    }

    // MARK: Reads and writes inside a transaction

    /// Refuses a tenant the scope does not admit or row-level security hides: not found.
    static func requireTenant(_ tenant: TenantID, in scope: TenantScope, _ connection: PostgresConnection, logger: Logger) async throws {
        guard scope.admits(tenant) else { throw StoreError.notFound("tenant \(tenant)") }
        var found = false
        for try await _ in try await connection.query(
            "SELECT 1 FROM tenants WHERE id = \(tenant.rawValue)::uuid", logger: logger
        ).decode(Int32.self) { found = true }
        guard found else { throw StoreError.notFound("tenant \(tenant)") }
    }

    static func fetchTenant(
        _ id: TenantID, _ connection: PostgresConnection, logger: Logger, lock: Bool = false
    ) async throws -> Tenant? {
        var query = PostgresQuery(
            unsafeSQL: "SELECT \(tenantColumns) FROM tenants WHERE id = $1::uuid" + (lock ? " FOR UPDATE" : ""))
        query.binds.append(id.rawValue)
        return try await fetchTenants(query, connection, logger: logger).first
    }

    static func fetchTenants(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [Tenant] {
        var tenants: [Tenant] = []
        for try await (id, name, plan, zone, cap, user, created, updated, pausedAt, pausedBy) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, String, Int, String, Int64, Int64, Int64?, String?).self) {
            tenants.append(Tenant(
                id: TenantID(rawValue: id), name: name, plan: plan, timeZone: zone, maxRunning: cap, composioUserID: user,
                pausedAt: pausedAt.map(Timestamp.init(millisecondsSinceEpoch:)), pausedBy: pausedBy,
                createdAt: Timestamp(millisecondsSinceEpoch: created), updatedAt: Timestamp(millisecondsSinceEpoch: updated)))
        }
        return tenants
    }

    static func readGuardrails(for tenant: TenantID, _ connection: PostgresConnection, logger: Logger) async throws -> Guardrails {
        var config: String?
        for try await text in try await connection.query(
            "SELECT config::text FROM guardrails WHERE tenant_id = \(tenant.rawValue)::uuid", logger: logger
        ).decode(String.self) { config = text }
        return try GuardrailsCache.shared.guardrails(config: config)
    }

    static func writeGuardrails(
        _ guardrails: Guardrails, for tenant: TenantID, actor: String, now: Timestamp, _ connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let config = try JSONValue(encoding: guardrails).canonicalText
        try await connection.query("""
            INSERT INTO guardrails (tenant_id, config, updated_at, updated_by)
            VALUES (\(tenant.rawValue)::uuid, \(config)::jsonb, \(now.millisecondsSinceEpoch), \(actor))
            ON CONFLICT (tenant_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """, logger: logger)
    }
}
