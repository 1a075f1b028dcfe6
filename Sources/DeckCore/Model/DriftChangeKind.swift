/// The kind of catalog change a drift alert reports.
public enum DriftChangeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case toolAdded = "tool_added"
    case toolRemoved = "tool_removed"
    case versionChanged = "version_changed"
    case schemaChanged = "schema_changed"
}
