import DeckCore

extension SimulationScript {
    /// When the demo's Slack account turns from INITIATED to ACTIVE (and a warm scan follows).
    public static let demoActivationOffset: Duration = .seconds(20)
    /// When the demo publishes its schema changes (a breaking and a non-breaking one), so the
    /// drift monitor raises an alert within the first minute.
    public static let demoSchemaChangeOffset: Duration = .seconds(30)
    /// When the demo's HubSpot account expires.
    public static let demoExpiryOffset: Duration = .seconds(90)
    /// The version the demo's schema changes publish (later than every standard version).
    public static let demoVersion = "20251201_00"
    /// The status reason of the demo's expired account.
    public static let demoExpiryReason = "OAuth refresh token expired; the user must reconnect"

    /// A ready-made timeline for demos and tests, over the standard catalog, for the tenants
    /// whose Composio user ids are given (duplicates ignored, order kept).
    ///
    /// | offset | event |
    /// |-------:|-------|
    /// | 0 s  | every user id gets an ACTIVE gmail account |
    /// | 0 s  | the first user id gets an INITIATED slack account |
    /// | 0 s  | the second user id (the first when there is only one) gets an ACTIVE hubspot account |
    /// | 20 s | the slack account becomes ACTIVE (a warm scan) |
    /// | 30 s | `GMAIL_SEND_EMAIL` moves to `20251201_00`: `subject` becomes required and `is_html` is removed (breaking) |
    /// | 30 s | `SLACK_SEND_MESSAGE` moves to `20251201_00` with a new optional `reply_broadcast` (non-breaking) |
    /// | 90 s | the hubspot account becomes EXPIRED with `demoExpiryReason` |
    ///
    /// Account ids come from `demoAccountID(userID:toolkit:)`, so they are the same in every
    /// run and every process. With no user ids the script holds only the schema changes.
    public static func demo(userIDs: [String]) -> SimulationScript {
        var seen = Set<String>()
        let users = userIDs.filter { seen.insert($0).inserted }
        var events: [Event] = users.map { user in
            Event(at: .zero, .addAccount(demoAccount(user, "gmail", .active)))
        }
        if let first = users.first {
            let slack = demoAccount(first, "slack", .initiated)
            let hubspot = demoAccount(users.count > 1 ? users[1] : first, "hubspot", .active)
            events += [
                Event(at: .zero, .addAccount(slack)),
                Event(at: .zero, .addAccount(hubspot)),
                Event(at: demoActivationOffset, .setAccountStatus(slack.id, .active)),
                Event(at: demoExpiryOffset, .setAccountStatus(hubspot.id, .expired, reason: demoExpiryReason)),
            ]
        }
        events += [
            Event(
                at: demoSchemaChangeOffset,
                .updateTool(slug: "GMAIL_SEND_EMAIL", version: demoVersion, inputSchema: demoSendEmailSchema)),
            Event(
                at: demoSchemaChangeOffset,
                .updateTool(slug: "SLACK_SEND_MESSAGE", version: demoVersion, inputSchema: demoSendMessageSchema)),
        ]
        return SimulationScript(events)
    }

    /// The demo's connected account id for a user and toolkit: `ca_sim_` and 12 hex digits
    /// of a stable hash of both, the same in every process.
    public static func demoAccountID(userID: String, toolkit: String) -> ConnectedAccountID {
        ConnectedAccountID("ca_sim_" + hex(stableHash(["demo-account", userID, toolkit.lowercased()]), digits: 12))
    }

    /// `GMAIL_SEND_EMAIL`'s input schema after the demo's breaking change: the standard
    /// schema with `subject` required and `is_html` removed.
    public static var demoSendEmailSchema: JSONValue {
        var schema = standardSchema("GMAIL_SEND_EMAIL")
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["is_html"] = nil
        schema["properties"] = .object(properties)
        var required = schema["required"]?.arrayValue ?? []
        if !required.contains("subject") { required.insert("subject", at: min(1, required.count)) }
        schema["required"] = .array(required)
        return .object(schema)
    }

    /// `SLACK_SEND_MESSAGE`'s input schema after the demo's non-breaking change: the
    /// standard schema with a new optional `reply_broadcast` boolean.
    public static var demoSendMessageSchema: JSONValue {
        var schema = standardSchema("SLACK_SEND_MESSAGE")
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["reply_broadcast"] = [
            "type": "boolean", "default": false,
            "description": "With thread_ts, also post the reply to the channel.",
        ]
        schema["properties"] = .object(properties)
        return .object(schema)
    }

    private static func standardSchema(_ slug: String) -> [String: JSONValue] {
        SimulatedCatalog.standard.tool(slug)?.inputSchema.objectValue ?? ["type": "object", "properties": [:]]
    }

    private static func demoAccount(_ userID: String, _ toolkit: String, _ status: AccountStatus) -> ProviderAccount {
        ProviderAccount(
            id: demoAccountID(userID: userID, toolkit: toolkit), status: status, toolkit: toolkit, userID: userID,
            scopes: demoScopes[toolkit] ?? [])
    }

    private static let demoScopes: [String: [String]] = [
        "gmail": ["https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/gmail.send"],
        "slack": ["channels:read", "channels:history", "chat:write"],
        "hubspot": ["crm.objects.contacts.read", "crm.objects.deals.read", "crm.objects.contacts.write"],
    ]
}
