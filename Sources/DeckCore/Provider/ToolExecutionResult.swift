/// What a successful execution returned.
public struct ToolExecutionResult: Sendable, Hashable {
    /// The provider's id for this execution (Composio `log_id`), stored as `external_id`.
    public var logID: String?
    /// The tool's `data`, as JSON.
    public var data: JSONValue

    public init(logID: String?, data: JSONValue) {
        self.logID = logID
        self.data = data
    }
}
