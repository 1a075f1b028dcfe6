import DeckCore

/// What one scheduler pass fetched from the provider, shared by its jobs so every tenant
/// does not fetch the same global listings again.
struct SchedulerPass {
    /// Toolkit slug → its category ids.
    var categories: [String: [String]]?
    /// Toolkit slug → its latest tools.
    var latestTools: [String: [ToolDefinition]] = [:]
}
