import DeckCore

extension ComposioMapping {
    /// A connected account and whether its status was one OpsDeck does not know.
    struct MappedAccount: Sendable, Hashable {
        var account: ProviderAccount
        /// True when Composio sent a status outside `AccountStatus` (recorded as `.failed`).
        var unrecognisedStatus: Bool
    }

    /// A connected account item.
    ///
    /// Requires `id`, `status` (a string) and `toolkit.slug`. `user_id` is deprecated in
    /// Composio's answers and may go away: when missing, the one user the listing asked for
    /// stands in (`fallbackUserID`); with no such user it is malformed.
    ///
    /// **Status.** A known status maps to `AccountStatus` (case-insensitively). An unknown
    /// one is *recorded as an error on the item*, not skipped: the account becomes `.failed`
    /// with the reason `unrecognised Composio status "X"` (followed by Composio's own
    /// reason). Skipping would leave a stale ACTIVE row in the store after Composio had
    /// moved the account to a state OpsDeck cannot read; `.failed` stops executions through
    /// it and shows the operator why. An ACTIVE account with `is_disabled: true` is reported
    /// `.inactive` ("disabled in Composio"), since Composio refuses to act through it.
    ///
    /// **Scopes** are read, best effort, from `state.val.scope` (a space- or comma-separated
    /// string, or an array of strings); any other shape gives `[]`. Nothing else of `state`
    /// is read: it holds the account's credentials.
    static func account(_ value: JSONValue, at path: String, thing: String, fallbackUserID: String?)
        throws(ProviderError) -> MappedAccount
    {
        let fields = try ComposioFields(value, at: path, thing: thing)
        let id = try fields.nonEmptyString("id")
        let statusText = try fields.string("status")
        let toolkit = try fields.object("toolkit").nonEmptyString("slug")
        guard let userID = try fields.optionalString("user_id") ?? fallbackUserID else {
            throw ComposioFields.malformed(thing, "\(fields.place("user_id")) is missing")
        }
        var reason = try fields.optionalString("status_reason")
        let disabled = try fields.bool("is_disabled", default: false)
        var status: AccountStatus
        let known = AccountStatus(rawValue: statusText.uppercased())
        if let known {
            status = known
        } else {
            status = .failed
            let shown = TerminalText.sanitize(String(statusText.prefix(40)))
            reason = "unrecognised Composio status \"\(shown)\"" + (reason.map { ": \($0)" } ?? "")
        }
        if status == .active, disabled {
            status = .inactive
            reason = "disabled in Composio" + (reason.map { ": \($0)" } ?? "")
        }
        return MappedAccount(
            account: ProviderAccount(
                id: ConnectedAccountID(id), status: status, statusReason: reason, toolkit: toolkit, userID: userID,
                scopes: scopes(fields.value("state"))),
            unrecognisedStatus: known == nil)
    }

    /// The granted scopes in `state.val.scope`, or `[]`.
    static func scopes(_ state: JSONValue?) -> [String] {
        switch state?["val"]?["scope"] {
        case .string(let text)?:
            return text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        case .array(let items)?:
            return items.compactMap(\.stringValue).filter { !$0.isEmpty }
        default:
            return []
        }
    }
}
