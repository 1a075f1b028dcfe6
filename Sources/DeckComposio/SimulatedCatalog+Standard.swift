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

// MARK: - Sample answers

extension SimulatedCatalog {
    /// What a read-only tool answers in the simulator: data shaped like the standard tool's
    /// output schema (messages, channels, contacts, deals, issues, a repository), or a short
    /// `items` list of `sim_…` ids for any other read-only tool.
    ///
    /// Everything is drawn from a stable hash of (seed, user id, connected account, slug),
    /// so the same account reads the same items in every run and process, while another
    /// account or seed reads others. Lists hold 3 items, or `max_results` / `limit` /
    /// `per_page` when given, clamped to 1…5; `owner`, `repo`, `channel` and `message_id`
    /// arguments are echoed where the real tool would.
    static func sampleAnswer(
        tool: ToolDefinition, arguments: JSONValue, seed: UInt64, userID: String, connectedAccountID: ConnectedAccountID?
    ) -> JSONValue {
        let slug = tool.slug.uppercased()
        let scope = [userID, connectedAccountID?.rawValue ?? "", slug]
        let draw = { (label: String, index: Int) -> UInt64 in
            SimulationScript.stableHash(seed: seed, scope + [label, String(index)])
        }
        var count = 3
        for key in ["max_results", "limit", "per_page"] {
            if case .integer(let value) = arguments[key] { count = Int(min(5, max(1, value))) }
        }
        let first = Int(draw("first", 0) % UInt64(samplePeople.count))
        let pick = { (index: Int) in (first + index) % samplePeople.count }
        switch slug {
        case "GMAIL_LIST_MESSAGES":
            let messages: [JSONValue] = (0..<count).map { index in
                let person = samplePeople[pick(index)]
                let mail = sampleMails[pick(index)]
                return [
                    "id": .string(SimulationScript.hex(draw("message", index))),
                    "threadId": .string(SimulationScript.hex(draw("thread", index))),
                    "subject": .string(mail.subject), "sender": .string(person.sender), "snippet": .string(mail.body),
                    "labelIds": index == 0 ? ["INBOX", "UNREAD"] : ["INBOX"],
                ]
            }
            return ["messages": .array(messages), "resultSizeEstimate": .integer(Int64(count))]
        case "GMAIL_FETCH_MESSAGE_BY_ID":
            let id = arguments["message_id"]?.stringValue ?? SimulationScript.hex(draw("message", 0))
            let index = Int(SimulationScript.stableHash(seed: seed, [id]) % UInt64(samplePeople.count))
            return [
                "messageId": .string(id), "subject": .string(sampleMails[index].subject),
                "sender": .string(samplePeople[index].sender), "messageText": .string(sampleMails[index].body),
            ]
        case "SLACK_LIST_CHANNELS":
            let channels: [JSONValue] = (0..<count).map { index in
                [
                    "id": .string("C" + SimulationScript.hex(draw("channel", index), digits: 10).uppercased()),
                    "name": .string(sampleChannels[pick(index)]), "is_private": false, "is_archived": false,
                    "num_members": .integer(Int64(3 + draw("members", index) % 60)),
                ]
            }
            return ["channels": .array(channels), "response_metadata": ["next_cursor": ""]]
        case "SLACK_FETCH_CONVERSATION_HISTORY":
            let latest = 1_789_990_000 - Int64(draw("latest", 0) % 86_400)
            let messages: [JSONValue] = (0..<count).map { index in
                let seconds = latest - Int64(index) * 3_600 - Int64(draw("gap", index) % 600)
                let micros = String(draw("micros", index) % 1_000_000)
                return [
                    "type": "message", "text": .string(sampleChatter[pick(index)]),
                    "user": .string("U" + SimulationScript.hex(draw("user", index), digits: 10).uppercased()),
                    "ts": .string("\(seconds)." + String(repeating: "0", count: 6 - micros.count) + micros),
                ]
            }
            return ["messages": .array(messages), "has_more": false]
        case "HUBSPOT_LIST_CONTACTS":
            let results: [JSONValue] = (0..<count).map { index in
                let person = samplePeople[pick(index)]
                return [
                    "id": .string(String(10_000_000_000 + draw("contact", index) % 90_000_000_000)),
                    "properties": [
                        "email": .string(person.email), "firstname": .string(person.first),
                        "lastname": .string(person.last), "company": .string(person.company),
                        "lifecyclestage": .string(sampleStages[Int(draw("stage", index) % UInt64(sampleStages.count))]),
                    ],
                    "archived": false,
                ]
            }
            return ["results": .array(results), "paging": [:]]
        case "HUBSPOT_LIST_DEALS":
            let results: [JSONValue] = (0..<count).map { index in
                let person = samplePeople[pick(index)]
                let kind = sampleDealKinds[Int(draw("kind", index) % UInt64(sampleDealKinds.count))]
                return [
                    "id": .string(String(10_000_000_000 + draw("deal", index) % 90_000_000_000)),
                    "properties": [
                        "dealname": .string("\(person.company) — \(kind)"),
                        "amount": .string(String((5 + draw("amount", index) % 95) * 1_000)),
                        "dealstage": .string(sampleDealStages[Int(draw("dealstage", index) % UInt64(sampleDealStages.count))]),
                        "pipeline": "default",
                    ],
                    "archived": false,
                ]
            }
            return ["results": .array(results), "paging": [:]]
        case "GITHUB_LIST_ISSUES":
            let owner = arguments["owner"]?.stringValue ?? "acme"
            let repo = arguments["repo"]?.stringValue ?? "website"
            let newest = Int64(100 + draw("number", 0) % 800) + Int64(count)
            let details: [JSONValue] = (0..<count).map { index in
                let number = newest - Int64(index)
                return [
                    "number": .integer(number), "title": .string(sampleIssues[pick(index)]), "state": "open",
                    "html_url": .string("https://github.com/\(owner)/\(repo)/issues/\(number)"),
                    "labels": draw("bug", index).isMultiple(of: 2) ? ["bug"] : ["enhancement"],
                ]
            }
            return ["details": .array(details)]
        case "GITHUB_GET_REPOSITORY":
            let owner = arguments["owner"]?.stringValue ?? "acme"
            let repo = arguments["repo"]?.stringValue ?? "website"
            return [
                "id": .integer(Int64(100_000_000 + draw("repository", 0) % 900_000_000)),
                "full_name": .string("\(owner)/\(repo)"), "name": .string(repo), "default_branch": "main",
                "private": .bool(draw("private", 0).isMultiple(of: 2)),
                "open_issues_count": .integer(Int64(draw("issues", 0) % 40)),
                "stargazers_count": .integer(Int64(draw("stars", 0) % 5_000)),
            ]
        default:
            let items: [JSONValue] = (0..<count).map { index in
                ["id": .string("sim_" + SimulationScript.hex(draw("item", index)))]
            }
            return ["items": .array(items)]
        }
    }

    private struct SamplePerson {
        let first: String
        let last: String
        let domain: String
        let company: String
        var email: String { "\(first.lowercased()).\(last.lowercased())@\(domain)" }
        var sender: String { "\(first) \(last) <\(email)>" }
    }

    /// Six of each, so a list of at most five never repeats an item.
    private static let samplePeople = [
        SamplePerson(first: "Dana", last: "Whitfield", domain: "northwind.example", company: "Northwind Traders"),
        SamplePerson(first: "Priya", last: "Raman", domain: "globex.example", company: "Globex"),
        SamplePerson(first: "Marco", last: "Bellini", domain: "initech.example", company: "Initech"),
        SamplePerson(first: "Sofia", last: "Lindqvist", domain: "umbrella.example", company: "Umbrella Health"),
        SamplePerson(first: "Kenji", last: "Watanabe", domain: "hooli.example", company: "Hooli"),
        SamplePerson(first: "Amara", last: "Okafor", domain: "vandelay.example", company: "Vandelay Industries"),
    ]

    private static let sampleMails: [(subject: String, body: String)] = [
        ("Re: Q4 renewal terms", "Thanks for the draft. Legal is fine with the renewal if we keep the 30-day notice."),
        ("Intro call next week?", "Would Tuesday or Wednesday afternoon work for a 30-minute intro?"),
        ("Invoice 2291 is overdue", "Our records show invoice 2291 is 14 days past due. Could you check on it?"),
        ("Follow-up on the pilot", "The team liked the pilot. Can you send pricing for the full rollout?"),
        ("Pricing for 50 more seats", "We are growing the support team and need 50 more seats by next month."),
        ("Notes from Tuesday's kickoff", "Attached are the notes and the owners for each action item."),
    ]

    private static let sampleChannels = ["general", "sales", "support", "deals", "customer-success", "announcements"]

    private static let sampleChatter = [
        "Can someone review the renewal deck before 3pm?",
        "Globex signed the pilot :tada:",
        "Support queue is back under 10 tickets",
        "Reminder: pipeline review tomorrow at 10",
        "Who owns the Initech follow-up?",
        "Shipped the new onboarding flow",
    ]

    private static let sampleStages = ["lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"]
    private static let sampleDealKinds = ["Annual renewal", "Pilot expansion", "Enterprise upgrade", "New seats"]
    private static let sampleDealStages = [
        "appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent",
    ]

    private static let sampleIssues = [
        "Login page times out on slow networks",
        "Add CSV export to the reports view",
        "Crash when the webhook payload is empty",
        "Document the API rate limits",
        "Flaky test in the billing suite",
        "Dark mode colours are unreadable in the settings page",
    ]
}
