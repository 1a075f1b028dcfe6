import DeckCore

extension ComposioMapping {
    /// The request body of `POST /tools/execute/{slug}`:
    /// `{"arguments": {…}, "connected_account_id": …, "user_id": …, "version": …}`.
    ///
    /// The arguments are checked to be one JSON object and then sent exactly as submitted
    /// (numbers keep their spelling). A nil `version` or account is left out rather than
    /// sent as `null`: OpsDeck's engine pins the version in every envelope it executes, so
    /// an absent version only comes from callers that chose not to pin — and Composio's
    /// current API refuses such a call with a 4xx, which maps to `.permanent`.
    static func executeBody(_ execution: ToolExecution) throws(ProviderError) -> String {
        let arguments: JSONObjectText
        do {
            arguments = try JSONObjectText(validating: execution.arguments.text)
        } catch {
            throw ProviderError(.permanent, "the arguments of \(execution.toolSlug) are not a JSON object: \(error.reason)")
        }
        var members = ["\"arguments\":" + arguments.text]
        if let account = execution.connectedAccountID {
            members.append("\"connected_account_id\":" + JSONValue.string(account.rawValue).canonicalText)
        }
        members.append("\"user_id\":" + JSONValue.string(execution.userID).canonicalText)
        if let version = execution.version {
            members.append("\"version\":" + JSONValue.string(version).canonicalText)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The execute response `{data, error, successful, log_id}`.
    ///
    /// Requires `successful` (a boolean). `successful: false` throws `.permanent` with the
    /// app's `error` as the message (one line, the key redacted), or a generic one when it
    /// is missing — the app refused the action, and retrying will not change its mind.
    /// On success, `data` is kept as any JSON value (`null` when missing) and `log_id`
    /// becomes the result's `logID`.
    static func executionResult(_ body: JSONValue, thing: String, key: ComposioAPIKey) throws(ProviderError)
        -> ToolExecutionResult
    {
        let fields = try ComposioFields(body, thing: thing)
        guard try fields.bool("successful") else {
            let error = (try? fields.optionalString("error")) ?? nil
            let message = error.map { ComposioFailure.oneLine($0, key: key) }.flatMap { $0.isEmpty ? nil : $0 }
            throw ProviderError(.permanent, message ?? "the app refused the action (successful: false)")
        }
        return ToolExecutionResult(
            logID: try fields.optionalString("log_id").map(key.redact), data: key.redact(fields.value("data") ?? .null))
    }
}
