/// What accepting a drift alert does to the tenant's catalog cache.
///
/// A drift alert's `diff` carries, under `latest`, the tool as the provider described it
/// when the alert opened (`version`, `toolkit`, `schema`, `tags`, `scopes`). Accepting the
/// alert makes that the cached definition — so the drift monitor stops reporting it and
/// envelopes of the tool run again — or removes the tool when the provider removed it.
public enum DriftAcceptance {
    /// The change to the cache.
    public enum CatalogUpdate: Sendable, Hashable {
        /// Cache this definition (an operator's risk override on the tool is kept).
        case upsert(ToolCatalogEntry)
        /// Drop the tool from the cache.
        case remove(tenantID: TenantID, slug: String)
        /// Nothing to change (no definition recorded, or the cache already holds a newer one).
        case none
    }

    /// The `latest` member of an alert's diff for `tool` (what drift checks record).
    public static func latest(_ tool: ToolDefinition) -> JSONValue {
        [
            "version": .string(tool.version), "toolkit": .string(tool.toolkit), "schema": tool.inputSchema,
            "tags": .array(tool.tags.map(JSONValue.string)), "scopes": .array(tool.scopes.map(JSONValue.string)),
        ]
    }

    /// The cache change for accepting `alert` at `now`, given the version cached now (if any).
    public static func catalogUpdate(for alert: DriftAlert, cachedVersion: String?, at now: Timestamp) -> CatalogUpdate {
        if alert.kind == .toolRemoved { return .remove(tenantID: alert.tenantID, slug: alert.toolSlug) }
        guard let latest = alert.diff["latest"]?.objectValue, case .string(let version)? = latest["version"],
              case .string(let toolkit)? = latest["toolkit"], let schema = latest["schema"]
        else { return .none }
        // Versions are YYYYMMDD_NN: text order is time order. An older alert accepted after a
        // newer one must not roll the cache back.
        if let cachedVersion, cachedVersion > version { return .none }
        let tags = latest["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let scopes = latest["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return .upsert(ToolCatalogEntry(
            tenantID: alert.tenantID, toolSlug: alert.toolSlug, toolkit: toolkit, jsonSchema: schema, version: version,
            classifiedRisk: RiskClassifier.classify(slug: alert.toolSlug, tags: tags, scopes: scopes), tags: tags,
            scopes: scopes, fetchedAt: now))
    }
}
