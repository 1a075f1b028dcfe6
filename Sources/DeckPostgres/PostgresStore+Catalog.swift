import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: CatalogService {
    static let toolColumns =
        "tenant_id::text, tool_slug, toolkit, json_schema::text, version, risk, risk_override, tags::text, scopes::text, fetched_at"

    public func saveTools(_ entries: [ToolCatalogEntry], in scope: TenantScope) async throws {
        try await transaction(scope) { connection in
            for tenant in Set(entries.map(\.tenantID)) { try await Self.requireTenant(tenant, in: scope, connection, logger: logger) }
            try await Self.upsertTools(entries, connection, logger: logger)
        }
    }

    /// Inserts or replaces catalog rows, keeping operators' risk overrides.
    static func upsertTools(_ entries: [ToolCatalogEntry], _ connection: PostgresConnection, logger: Logger) async throws {
        for entry in entries {
            try await connection.query("""
                INSERT INTO tool_catalog
                    (tenant_id, tool_slug, toolkit, json_schema, version, risk, risk_override, tags, scopes, fetched_at)
                VALUES (\(entry.tenantID.rawValue)::uuid, \(entry.toolSlug), \(entry.toolkit), \(entry.jsonSchema.canonicalText)::jsonb,
                    \(entry.version), \(entry.classifiedRisk.rawValue), \(entry.riskOverride?.rawValue),
                    \(JSONValue.array(entry.tags.map(JSONValue.string)).canonicalText)::jsonb,
                    \(JSONValue.array(entry.scopes.map(JSONValue.string)).canonicalText)::jsonb, \(entry.fetchedAt.millisecondsSinceEpoch))
                ON CONFLICT (tenant_id, tool_slug) DO UPDATE SET toolkit = excluded.toolkit,
                    json_schema = excluded.json_schema, version = excluded.version, risk = excluded.risk,
                    tags = excluded.tags, scopes = excluded.scopes, fetched_at = excluded.fetched_at
                """, logger: logger)
        }
    }

    public func tool(_ slug: String, tenant: TenantID, in scope: TenantScope) async throws -> ToolCatalogEntry? {
        guard scope.admits(tenant) else { return nil }
        return try await transaction(scope) { connection in
            try await Self.fetchTool(slug, tenant: tenant, connection, logger: logger)
        }
    }

    public func tools(in scope: TenantScope, toolkit: String?) async throws -> [ToolCatalogEntry] {
        try await transaction(scope) { connection in
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.toolColumns) FROM tool_catalog")
            if let toolkit {
                query.sql += " WHERE toolkit = $1"
                query.binds.append(toolkit)
            }
            query.sql += " ORDER BY tenant_id::text, tool_slug"
            return try await Self.fetchTools(query, connection, logger: logger)
        }
    }

    public func setRiskOverride(
        _ risk: RiskTier?, for slug: String, tenant: TenantID, in scope: TenantScope, actor: String
    ) async throws -> ToolCatalogEntry {
        let now = clock.now()
        return try await transaction(scope) { connection in
            guard scope.admits(tenant), let before = try await Self.fetchTool(slug, tenant: tenant, connection, logger: logger)
            else { throw StoreError.notFound("tool \(slug)") }
            var after = before
            after.riskOverride = risk
            try await connection.query("""
                UPDATE tool_catalog SET risk_override = \(risk?.rawValue)
                WHERE tenant_id = \(tenant.rawValue)::uuid AND tool_slug = \(slug)
                """, logger: logger)
            try await PostgresAuditWriter.stage(
                [StoreAudit.riskOverridden(after, from: before.riskOverride, actor: actor)], at: now, on: connection, logger: logger)
            return after
        }
    }

    static func fetchTool(_ slug: String, tenant: TenantID, _ connection: PostgresConnection, logger: Logger) async throws -> ToolCatalogEntry? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(toolColumns) FROM tool_catalog WHERE tenant_id = $1::uuid AND tool_slug = $2 FOR UPDATE")
        query.binds.append(tenant.rawValue)
        query.binds.append(slug)
        return try await fetchTools(query, connection, logger: logger).first
    }

    static func fetchTools(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [ToolCatalogEntry] {
        var tools: [ToolCatalogEntry] = []
        for try await (tenant, slug, toolkit, schema, version, risk, override, tags, scopes, fetched) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, String, String, String, String?, String, String, Int64).self) {
            guard let classified = RiskTier(rawValue: risk) else {
                throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(risk))' in column risk")
            }
            func strings(_ text: String) throws -> [String] {
                (try JSONValue(parsing: text).arrayValue ?? []).compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            tools.append(ToolCatalogEntry(
                tenantID: TenantID(rawValue: tenant), toolSlug: slug, toolkit: toolkit, jsonSchema: try JSONValue(parsing: schema),
                version: version, classifiedRisk: classified, riskOverride: override.flatMap(RiskTier.init(rawValue:)),
                tags: try strings(tags), scopes: try strings(scopes), fetchedAt: Timestamp(millisecondsSinceEpoch: fetched)))
        }
        return tools
    }
}
