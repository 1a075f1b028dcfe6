extension EnvelopeDraft {
    /// What differs between this draft and the request an idempotency key was first used
    /// for — `nil` when it is the same request (a true retry), else the first field that
    /// differs. Arguments are compared as JSON values (spacing and member order do not count);
    /// the risk and version only when this draft states them.
    ///
    /// A key reused for a different request is refused, as Stripe does: taking it as a
    /// duplicate would silently drop the new action and answer with another envelope's id.
    public func requestDifference(
        toolSlug: ToolSlug, argumentsJSON: JSONObjectText, connectedAccountID: ConnectedAccountID?, taskID: TaskID?,
        version: String?, risk: RiskTier
    ) -> String? {
        if self.toolSlug != toolSlug { return "tool \(toolSlug), not \(self.toolSlug)" }
        if self.argumentsJSON.text != argumentsJSON.text, self.argumentsJSON.value != argumentsJSON.value { return "other arguments" }
        if self.connectedAccountID != connectedAccountID { return "another connected account" }
        if self.taskID != taskID { return "another task" }
        if let mine = self.version, mine != version { return "another version" }
        if riskIsExplicit, self.risk != risk { return "risk \(risk.rawValue), not \(self.risk.rawValue)" }
        return nil
    }

    /// `requestDifference` against an envelope already stored under the key.
    public func requestDifference(from envelope: Envelope) -> String? {
        requestDifference(
            toolSlug: envelope.toolSlug, argumentsJSON: envelope.argumentsJSON, connectedAccountID: envelope.connectedAccountID,
            taskID: envelope.taskID, version: envelope.version, risk: envelope.risk)
    }

    /// `requestDifference` against an earlier draft of the same submission.
    public func requestDifference(from draft: EnvelopeDraft) -> String? {
        requestDifference(
            toolSlug: draft.toolSlug, argumentsJSON: draft.argumentsJSON, connectedAccountID: draft.connectedAccountID,
            taskID: draft.taskID, version: draft.version, risk: draft.risk)
    }

    /// The error for a key reused with a different request.
    public static func reusedKey(_ key: String, envelope: EnvelopeID?, difference: String) -> String {
        let owner = envelope.map { "envelope \($0.rawValue)" } ?? "an earlier line of this submission"
        return "idempotency key '\(TerminalText.sanitize(key))' was already used for \(owner) with a different request "
            + "(\(difference)); use a new key"
    }
}
