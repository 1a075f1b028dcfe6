import DeckCore

extension SimulatedCatalog {
    /// The built-in catalog: Gmail, Slack, HubSpot and GitHub with read-only and write tools.
    ///
    /// Shaped like Composio's answers (JSON-Schema `input_parameters`, `YYYYMMDD_NN`
    /// versions, MCP-style hint tags, OAuth scopes) so the catalog cache, risk
    /// classification, warm scan and drift monitor see realistic data offline.
    public static let standard = SimulatedCatalog(
        toolkits: [
            ToolkitInfo(
                slug: "gmail", name: "Gmail",
                categories: [.init(id: "email", name: "Email"), .init(id: "communication", name: "Communication")]),
            ToolkitInfo(slug: "slack", name: "Slack", categories: [.init(id: "communication", name: "Communication")]),
            ToolkitInfo(slug: "hubspot", name: "HubSpot", categories: [.init(id: "crm", name: "CRM")]),
            ToolkitInfo(
                slug: "github", name: "GitHub", categories: [.init(id: "developer-tools", name: "Developer Tools")]),
        ],
        tools: gmailTools + slackTools + hubspotTools + githubTools)

    // MARK: - Gmail

    private static let gmailVersion = "20251027_00"
    private static let gmailVersions = ["20250909_00", "20251027_00"]
    private static let gmailRead = "https://www.googleapis.com/auth/gmail.readonly"

    private static let gmailTools: [ToolDefinition] = [
        ToolDefinition(
            slug: "GMAIL_LIST_MESSAGES", name: "List messages",
            description: "Lists the messages in the user's mailbox, newest first, optionally filtered by a Gmail query.",
            toolkit: "gmail", version: gmailVersion, availableVersions: gmailVersions,
            inputSchema: object([
                "user_id": string("The user's email address or 'me'.", default: "me"),
                "query": string("A Gmail search query, e.g. 'from:alice is:unread'."),
                "max_results": integer("How many messages to return.", minimum: 1, maximum: 500, default: 10),
                "page_token": string("The page token of a previous answer."),
                "label_ids": stringArray("Only messages with all these labels."),
                "include_spam_trash": boolean("Include messages from SPAM and TRASH.", default: false),
            ]),
            outputSchema: object([
                "messages": objectArray("The messages (id and threadId)."),
                "nextPageToken": string("The token of the next page."),
            ]),
            tags: ["readOnlyHint", "idempotentHint", "important"], scopes: [gmailRead]),
        ToolDefinition(
            slug: "GMAIL_FETCH_MESSAGE_BY_ID", name: "Fetch message by id",
            description: "Fetches one message with its headers and body.",
            toolkit: "gmail", version: gmailVersion, availableVersions: gmailVersions,
            inputSchema: object(
                [
                    "message_id": string("The message's id."),
                    "user_id": string("The user's email address or 'me'.", default: "me"),
                    "format": enumeration("How much of the message to return.", ["minimal", "full", "raw", "metadata"], default: "full"),
                ], required: ["message_id"]),
            outputSchema: object([
                "messageId": string("The message's id."),
                "subject": string("The subject line."),
                "sender": string("The From header."),
                "messageText": string("The plain-text body."),
            ]),
            tags: ["readOnlyHint", "idempotentHint"], scopes: [gmailRead]),
        ToolDefinition(
            slug: "GMAIL_SEND_EMAIL", name: "Send email",
            description: "Sends an email from the user's account.",
            toolkit: "gmail", version: gmailVersion, availableVersions: gmailVersions,
            inputSchema: object(
                [
                    "recipient_email": string("The primary recipient.", format: "email"),
                    "subject": string("The subject line."),
                    "body": string("The message body, plain text or HTML."),
                    "cc": stringArray("Carbon-copy recipients."),
                    "bcc": stringArray("Blind carbon-copy recipients."),
                    "is_html": boolean("Whether the body is HTML.", default: false),
                    "user_id": string("The user's email address or 'me'.", default: "me"),
                ], required: ["recipient_email", "body"]),
            outputSchema: object(["id": string("The sent message's id."), "threadId": string("Its thread's id.")]),
            tags: ["openWorldHint", "important"], scopes: ["https://www.googleapis.com/auth/gmail.send"]),
        ToolDefinition(
            slug: "GMAIL_DELETE_MESSAGE", name: "Delete message",
            description: "Permanently deletes a message; it cannot be recovered from the trash.",
            toolkit: "gmail", version: gmailVersion, availableVersions: gmailVersions,
            inputSchema: object(
                [
                    "message_id": string("The message's id."),
                    "user_id": string("The user's email address or 'me'.", default: "me"),
                ], required: ["message_id"]),
            outputSchema: object([:]),
            tags: ["destructiveHint", "idempotentHint"], scopes: ["https://mail.google.com/"]),
    ]

    // MARK: - Slack

    private static let slackVersion = "20251020_01"
    private static let slackVersions = ["20251020_00", "20251020_01"]

    private static let slackTools: [ToolDefinition] = [
        ToolDefinition(
            slug: "SLACK_LIST_CHANNELS", name: "List channels",
            description: "Lists the conversations of the workspace the account is connected to.",
            toolkit: "slack", version: slackVersion, availableVersions: slackVersions,
            inputSchema: object([
                "limit": integer("How many channels to return.", minimum: 1, maximum: 1000, default: 100),
                "cursor": string("The cursor of a previous answer."),
                "exclude_archived": boolean("Leave archived channels out.", default: true),
                "types": string("Comma-separated types: public_channel, private_channel, mpim, im.", default: "public_channel"),
            ]),
            outputSchema: object([
                "channels": objectArray("The channels."),
                "response_metadata": object(["next_cursor": string("The cursor of the next page.")]),
            ]),
            tags: ["readOnlyHint", "idempotentHint", "important"], scopes: ["channels:read", "groups:read"]),
        ToolDefinition(
            slug: "SLACK_FETCH_CONVERSATION_HISTORY", name: "Fetch conversation history",
            description: "Fetches the messages of a channel between two instants.",
            toolkit: "slack", version: slackVersion, availableVersions: slackVersions,
            inputSchema: object(
                [
                    "channel": string("The channel's id."),
                    "limit": integer("How many messages to return.", minimum: 1, maximum: 999, default: 100),
                    "oldest": string("Only messages after this Unix timestamp."),
                    "latest": string("Only messages before this Unix timestamp."),
                ], required: ["channel"]),
            outputSchema: object(["messages": objectArray("The messages."), "has_more": boolean("Whether more exist.")]),
            tags: ["readOnlyHint", "idempotentHint"], scopes: ["channels:history", "groups:history"]),
        ToolDefinition(
            slug: "SLACK_SEND_MESSAGE", name: "Send message",
            description: "Posts a message to a channel, optionally as a thread reply.",
            toolkit: "slack", version: slackVersion, availableVersions: slackVersions,
            inputSchema: object(
                [
                    "channel": string("The channel's id or name."),
                    "text": string("The message text (mrkdwn)."),
                    "thread_ts": string("Reply in the thread of this message."),
                    "unfurl_links": boolean("Unfurl links in the text.", default: true),
                ], required: ["channel", "text"]),
            outputSchema: object(["ts": string("The message's timestamp."), "channel": string("The channel's id.")]),
            tags: ["openWorldHint", "important"], scopes: ["chat:write"]),
    ]

    // MARK: - HubSpot

    private static let hubspotVersion = "20250930_00"
    private static let hubspotVersions = ["20250930_00"]

    private static let hubspotTools: [ToolDefinition] = [
        ToolDefinition(
            slug: "HUBSPOT_LIST_CONTACTS", name: "List contacts",
            description: "Lists CRM contacts page by page.",
            toolkit: "hubspot", version: hubspotVersion, availableVersions: hubspotVersions,
            inputSchema: object([
                "limit": integer("How many contacts to return.", minimum: 1, maximum: 100, default: 10),
                "after": string("The paging cursor of a previous answer."),
                "properties": stringArray("The contact properties to return."),
                "archived": boolean("Return archived contacts only.", default: false),
            ]),
            outputSchema: object(["results": objectArray("The contacts."), "paging": object([:])]),
            tags: ["readOnlyHint", "idempotentHint", "important"], scopes: ["crm.objects.contacts.read"]),
        ToolDefinition(
            slug: "HUBSPOT_LIST_DEALS", name: "List deals",
            description: "Lists CRM deals page by page.",
            toolkit: "hubspot", version: hubspotVersion, availableVersions: hubspotVersions,
            inputSchema: object([
                "limit": integer("How many deals to return.", minimum: 1, maximum: 100, default: 10),
                "after": string("The paging cursor of a previous answer."),
                "properties": stringArray("The deal properties to return."),
            ]),
            outputSchema: object(["results": objectArray("The deals."), "paging": object([:])]),
            tags: ["readOnlyHint", "idempotentHint"], scopes: ["crm.objects.deals.read"]),
        ToolDefinition(
            slug: "HUBSPOT_CREATE_CONTACT", name: "Create contact",
            description: "Creates a CRM contact.",
            toolkit: "hubspot", version: hubspotVersion, availableVersions: hubspotVersions,
            inputSchema: object(
                [
                    "email": string("The contact's email address.", format: "email"),
                    "firstname": string("The contact's first name."),
                    "lastname": string("The contact's last name."),
                    "phone": string("The contact's phone number."),
                    "company": string("The contact's company name."),
                    "lifecyclestage": enumeration(
                        "The contact's lifecycle stage.",
                        ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"]),
                ], required: ["email"]),
            outputSchema: object(["id": string("The new contact's id."), "properties": object([:])]),
            tags: ["important"], scopes: ["crm.objects.contacts.write"]),
    ]

    // MARK: - GitHub

    private static let githubVersion = "20251027_00"
    private static let githubVersions = ["20250815_00", "20251027_00"]

    private static let githubTools: [ToolDefinition] = [
        ToolDefinition(
            slug: "GITHUB_LIST_ISSUES", name: "List repository issues",
            description: "Lists the issues of a repository.",
            toolkit: "github", version: githubVersion, availableVersions: githubVersions,
            inputSchema: object(
                [
                    "owner": string("The repository's owner."),
                    "repo": string("The repository's name."),
                    "state": enumeration("Which issues to list.", ["open", "closed", "all"], default: "open"),
                    "labels": string("Comma-separated label names."),
                    "per_page": integer("Results per page.", minimum: 1, maximum: 100, default: 30),
                    "page": integer("The page number.", minimum: 1, maximum: nil, default: 1),
                ], required: ["owner", "repo"]),
            outputSchema: object(["details": objectArray("The issues.")]),
            tags: ["readOnlyHint", "idempotentHint", "important"], scopes: ["repo"]),
        ToolDefinition(
            slug: "GITHUB_GET_REPOSITORY", name: "Get repository",
            description: "Gets a repository's metadata.",
            toolkit: "github", version: githubVersion, availableVersions: githubVersions,
            inputSchema: object(
                ["owner": string("The repository's owner."), "repo": string("The repository's name.")],
                required: ["owner", "repo"]),
            outputSchema: object(["full_name": string("owner/name."), "default_branch": string("The default branch.")]),
            tags: ["readOnlyHint", "idempotentHint"], scopes: ["repo"]),
        ToolDefinition(
            slug: "GITHUB_CREATE_ISSUE", name: "Create an issue",
            description: "Opens an issue in a repository.",
            toolkit: "github", version: githubVersion, availableVersions: githubVersions,
            inputSchema: object(
                [
                    "owner": string("The repository's owner."),
                    "repo": string("The repository's name."),
                    "title": string("The issue's title."),
                    "body": string("The issue's body (Markdown)."),
                    "labels": stringArray("Labels to add."),
                    "assignees": stringArray("Logins to assign."),
                ], required: ["owner", "repo", "title"]),
            outputSchema: object(["number": integer("The issue's number."), "html_url": string("Its page.")]),
            tags: ["important"], scopes: ["repo"]),
    ]

    // MARK: - Schema builders

    private static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    private static func string(_ description: String, format: String? = nil, default value: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let format { schema["format"] = .string(format) }
        if let value { schema["default"] = .string(value) }
        return .object(schema)
    }

    private static func integer(_ description: String, minimum: Int64? = nil, maximum: Int64? = nil, default value: Int64? = nil)
        -> JSONValue
    {
        var schema: [String: JSONValue] = ["type": "integer", "description": .string(description)]
        if let minimum { schema["minimum"] = .integer(minimum) }
        if let maximum { schema["maximum"] = .integer(maximum) }
        if let value { schema["default"] = .integer(value) }
        return .object(schema)
    }

    private static func boolean(_ description: String, default value: Bool? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "boolean", "description": .string(description)]
        if let value { schema["default"] = .bool(value) }
        return .object(schema)
    }

    private static func enumeration(_ description: String, _ cases: [String], default value: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "string", "description": .string(description), "enum": .array(cases.map { .string($0) }),
        ]
        if let value { schema["default"] = .string(value) }
        return .object(schema)
    }

    private static func stringArray(_ description: String) -> JSONValue {
        ["type": "array", "description": .string(description), "items": ["type": "string"]]
    }

    private static func objectArray(_ description: String) -> JSONValue {
        ["type": "array", "description": .string(description), "items": ["type": "object"]]
    }
}
