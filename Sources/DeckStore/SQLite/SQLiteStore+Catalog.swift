import DeckCore
import GRDB

extension SQLiteStore {
    public func saveTools(_ entries: [ToolCatalogEntry], in scope: TenantScope) async throws {
        try await write { db in
            for tenant in Set(entries.map(\.tenantID)) { try Self.requireTenant(tenant, in: scope, db) }
            try Self.upsertTools(entries, db)
        }
    }

    /// Inserts or replaces catalog rows, keeping operators' risk overrides.
    static func upsertTools(_ entries: [ToolCatalogEntry], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
                INSERT INTO tool_catalog
                    (tenant_id, tool_slug, toolkit, json_schema, version, risk, risk_override, tags, scopes, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(tenant_id, tool_slug) DO UPDATE SET toolkit = excluded.toolkit,
                    json_schema = excluded.json_schema, version = excluded.version,
                    risk = excluded.risk,
                    tags = excluded.tags, scopes = excluded.scopes, fetched_at = excluded.fetched_at
                """)
        for entry in entries {
            try statement.execute(arguments: [
                entry.tenantID.rawValue, entry.toolSlug, entry.toolkit, entry.jsonSchema.canonicalText, entry.version,
                entry.classifiedRisk.rawValue, entry.riskOverride?.rawValue, SQLiteRows.jsonText(entry.tags),
                SQLiteRows.jsonText(entry.scopes), entry.fetchedAt.millisecondsSinceEpoch,
            ])
        }
    }

    public func tool(_ slug: String, tenant: TenantID, in scope: TenantScope) async throws -> ToolCatalogEntry? {
        guard scope.admits(tenant) else { return nil }
        return try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?", arguments: [tenant.rawValue, slug]
            ).map(SQLiteRows.tool)
        }
    }

    public func tools(in scope: TenantScope, toolkit: String?) async throws -> [ToolCatalogEntry] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var sql = "SELECT * FROM tool_catalog WHERE \(predicate.sql)"
            var arguments = predicate.arguments
            if let toolkit {
                sql += " AND toolkit = ?"
                _ = arguments.append(contentsOf: [toolkit])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY tenant_id, tool_slug", arguments: arguments).map(SQLiteRows.tool)
        }
    }

    public func setRiskOverride(
        _ risk: RiskTier?, for slug: String, tenant: TenantID, in scope: TenantScope, actor: String
    ) async throws -> ToolCatalogEntry {
        let now = clock.now()
        return try await write { db in
            guard scope.admits(tenant), let row = try Row.fetchOne(
                db, sql: "SELECT * FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?", arguments: [tenant.rawValue, slug])
            else { throw StoreError.notFound("tool \(slug)") }
            let before = try SQLiteRows.tool(row)
            var after = before
            after.riskOverride = risk
            try db.execute(
                sql: "UPDATE tool_catalog SET risk_override = ? WHERE tenant_id = ? AND tool_slug = ?",
                arguments: [risk?.rawValue, tenant.rawValue, slug])
            var audit = try SQLiteAuditWriter(db, now: now)
            try audit.append(StoreAudit.riskOverridden(after, from: before.riskOverride, actor: actor))
            return after
        }
    }
}
