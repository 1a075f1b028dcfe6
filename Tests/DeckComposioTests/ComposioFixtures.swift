import DeckCore

/// Composio responses as the API documents them (with the extra members real answers
/// carry), for `ComposioStub` and the expectations of `ComposioClient`'s tests.
enum ComposioFixtures {
    /// A tool item in Composio's documented shape, with members OpsDeck does not read.
    static func tool(
        _ slug: String, toolkit: String, version: String = "20251027_00", tags: [String] = [], scopes: [String] = []
    ) -> JSONValue {
        [
            "slug": .string(slug),
            "name": .string(slug.split(separator: "_").map { $0.capitalized }.joined(separator: " ")),
            "description": .string("Runs \(slug) against \(toolkit)."),
            "human_description": "For people.",
            "toolkit": ["slug": .string(toolkit), "name": .string(toolkit.capitalized), "logo": "https://logos.composio.dev/x.png"],
            "input_parameters": [
                "type": "object", "properties": ["query": ["type": "string", "description": "What to look for"]],
                "required": ["query"],
            ],
            "output_parameters": ["type": "object", "properties": ["data": ["type": "object"]]],
            "version": .string(version),
            "available_versions": [.string(version), "20250901_00"],
            "is_deprecated": false,
            "deprecated": ["available_versions": [], "displayName": "old", "is_deprecated": false, "toolkit": ["logo": ""], "version": "1"],
            "no_auth": false,
            "scopes": .array(scopes.map(JSONValue.string)),
            "scope_requirements": nil,
            "tags": .array(tags.map(JSONValue.string)),
            "instant": ["supported": true],
            "some_future_field": ["nested": [1, 2, 3]],
        ]
    }

    /// Seven tools over three toolkits, in listing order.
    static let tools: [JSONValue] = [
        tool("GMAIL_SEND_EMAIL", toolkit: "gmail", tags: ["important"], scopes: ["https://mail.google.com/"]),
        tool("GMAIL_FETCH_EMAILS", toolkit: "gmail", tags: ["readOnlyHint"]),
        tool("GMAIL_LIST_LABELS", toolkit: "gmail", tags: ["readOnlyHint"]),
        tool("SLACK_SEND_MESSAGE", toolkit: "slack", version: "20251101_02"),
        tool("SLACK_LIST_CHANNELS", toolkit: "slack", tags: ["readOnlyHint"]),
        tool("GITHUB_CREATE_ISSUE", toolkit: "github", scopes: ["repo"]),
        tool("GITHUB_LIST_ISSUES", toolkit: "github", tags: ["readOnlyHint"]),
    ]

    /// The mapped form of `tool(…)`, as the client must return it.
    static func definition(
        _ slug: String, toolkit: String, version: String = "20251027_00", tags: [String] = [], scopes: [String] = []
    ) -> ToolDefinition {
        ToolDefinition(
            slug: slug, name: slug.split(separator: "_").map { $0.capitalized }.joined(separator: " "),
            description: "Runs \(slug) against \(toolkit).", toolkit: toolkit, version: version,
            availableVersions: [version, "20250901_00"],
            inputSchema: [
                "type": "object", "properties": ["query": ["type": "string", "description": "What to look for"]],
                "required": ["query"],
            ],
            outputSchema: ["type": "object", "properties": ["data": ["type": "object"]]], tags: tags, scopes: scopes)
    }

    /// Every tool of `tools`, mapped.
    static let definitions: [ToolDefinition] = [
        definition("GMAIL_SEND_EMAIL", toolkit: "gmail", tags: ["important"], scopes: ["https://mail.google.com/"]),
        definition("GMAIL_FETCH_EMAILS", toolkit: "gmail", tags: ["readOnlyHint"]),
        definition("GMAIL_LIST_LABELS", toolkit: "gmail", tags: ["readOnlyHint"]),
        definition("SLACK_SEND_MESSAGE", toolkit: "slack", version: "20251101_02"),
        definition("SLACK_LIST_CHANNELS", toolkit: "slack", tags: ["readOnlyHint"]),
        definition("GITHUB_CREATE_ISSUE", toolkit: "github", scopes: ["repo"]),
        definition("GITHUB_LIST_ISSUES", toolkit: "github", tags: ["readOnlyHint"]),
    ]

    /// Three toolkits; `tools_count` comes as a number, once with a fraction part of zero.
    static let toolkits: [JSONValue] = [
        [
            "slug": "gmail", "name": "Gmail", "no_auth": false, "auth_schemes": ["OAUTH2"], "is_local_toolkit": false,
            "type": "native", "deprecated": ["raw_proxy_info_by_auth_schemes": [], "toolkitId": "x"],
            "meta": [
                "categories": [["id": "email", "name": "Email"], ["id": "productivity", "name": "Productivity"]],
                "tools_count": 43, "triggers_count": 2, "description": "Google's mail", "version": "20251027_00",
                "created_at": "2024-01-01T00:00:00Z", "updated_at": "2025-10-27T00:00:00Z", "logo": "", "app_url": nil,
            ],
        ],
        [
            "slug": "slack", "name": "Slack",
            "meta": [
                "categories": [["id": "communication", "name": "Communication"]], "tools_count": 130.0,
                "triggers_count": 5, "description": "Chat",
            ],
        ],
        ["slug": "github", "name": "GitHub", "meta": ["categories": [], "tools_count": 0]],
    ]

    /// The mapped form of `toolkits`.
    static let toolkitInfos: [ToolkitInfo] = [
        ToolkitInfo(
            slug: "gmail", name: "Gmail",
            categories: [.init(id: "email", name: "Email"), .init(id: "productivity", name: "Productivity")],
            toolsCount: 43),
        ToolkitInfo(slug: "slack", name: "Slack", categories: [.init(id: "communication", name: "Communication")], toolsCount: 130),
        ToolkitInfo(slug: "github", name: "GitHub", categories: [], toolsCount: 0),
    ]

    /// The category listing's items.
    static let categories: [JSONValue] = [
        ["id": "communication", "name": "Communication"], ["id": "email", "name": "Email", "icon": "mail"],
        ["id": "productivity", "name": "Productivity"],
    ]

    /// A connected account item in Composio's documented shape; its `state` carries a token
    /// the client must never read into anything it returns.
    static func account(
        _ id: String, status: String, user: String, toolkit: String = "gmail", reason: String? = nil,
        disabled: Bool = false, scope: JSONValue = "https://mail.google.com/ openid"
    ) -> JSONValue {
        [
            "id": .string(id), "status": .string(status), "status_reason": reason.map(JSONValue.string) ?? nil,
            "is_disabled": .bool(disabled), "toolkit": ["slug": .string(toolkit)],
            "auth_config": ["id": "ac_1", "auth_scheme": "OAUTH2", "is_composio_managed": true, "is_disabled": false],
            "user_id": .string(user),
            "state": ["authScheme": "OAUTH2", "val": ["status": .string(status), "access_token": "ya29.TOKEN", "scope": scope]],
            "data": [:], "created_at": "2025-10-01T10:00:00Z", "updated_at": "2025-10-02T10:00:00Z", "word_id": "gmail_red-castle",
        ]
    }

    /// Five accounts of two users.
    static let accounts: [JSONValue] = [
        account("ca_active", status: "ACTIVE", user: "user-1"),
        account("ca_expired", status: "EXPIRED", user: "user-1", toolkit: "slack", reason: "Max auth failures reached", scope: ["chat:write", "channels:read"]),
        account("ca_initiated", status: "INITIATED", user: "user-2", toolkit: "github", scope: nil),
        account("ca_revoked", status: "REVOKED", user: "user-2", reason: "Revoked via user-initiated revoke endpoint"),
        account("ca_failed", status: "FAILED", user: "user-1", toolkit: "github", scope: "repo,read:org"),
    ]
}
