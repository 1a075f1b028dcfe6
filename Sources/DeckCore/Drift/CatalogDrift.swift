/// Compares a tenant's cached tool catalog with the provider's latest one — the core of the
/// catalog drift monitor.
///
/// Pure: the monitor lists the latest tools, calls `compare`, and opens one alert per
/// returned drift (deduplicated by fingerprint).
public enum CatalogDrift {
    /// One drift per tool that differs, sorted by slug (UTF-8 bytes): a tool only in
    /// `latest` is `tool_added`; only in `cached`, `tool_removed` (breaking); in both with
    /// a different schema, `schema_changed` with its classified changes and both versions;
    /// with the same schema but another version, `version_changed` (not breaking).
    /// Identical catalogs give no drifts. A slug listed twice on one side counts once, by
    /// its first entry.
    public static func compare(cached: [CatalogTool], latest: [CatalogTool]) -> [ToolDrift] {
        let before = index(cached), after = index(latest)
        var drifts: [ToolDrift] = []
        for slug in SchemaDiff.sortedNames(Array(before.keys) + Array(after.keys)) {
            switch (before[slug], after[slug]) {
            case (let old?, nil):
                drifts.append(ToolDrift(slug: old.slug, toolkit: old.toolkit, kind: .toolRemoved, fromVersion: old.version))
            case (nil, let new?):
                drifts.append(ToolDrift(slug: new.slug, toolkit: new.toolkit, kind: .toolAdded, toVersion: new.version))
            case (let old?, let new?):
                if !SchemaDiff.same(old.schema, new.schema) {
                    drifts.append(ToolDrift(
                        slug: new.slug, toolkit: new.toolkit, kind: .schemaChanged, fromVersion: old.version,
                        toVersion: new.version, changes: SchemaDiff.diff(from: old.schema, to: new.schema)))
                } else if !old.version.utf8.elementsEqual(new.version.utf8) {
                    drifts.append(ToolDrift(
                        slug: new.slug, toolkit: new.toolkit, kind: .versionChanged, fromVersion: old.version,
                        toVersion: new.version))
                }
            case (nil, nil):
                break
            }
        }
        return drifts
    }

    /// Tools by slug, the first entry of a repeated slug winning.
    private static func index(_ tools: [CatalogTool]) -> [String: CatalogTool] {
        Dictionary(tools.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
