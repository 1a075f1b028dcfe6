import DeckComposio
import DeckCore
import Testing

@Suite("ComposioClient decoding", .timeLimit(.minutes(2)))
struct ComposioClientDecodingTests {
    /// The endpoint a malformed answer is served to.
    enum Endpoint: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case tools, tool, toolkits, categories, accounts, execute

        var testDescription: String { rawValue }

        /// Calls the endpoint and returns its error (nil on success).
        func failure(_ client: ComposioClient) async throws -> ProviderError? {
            let execution = try ComposioHarness.execution()
            return await ComposioHarness.failure { () async throws(ProviderError) in
                switch self {
                case .tools: _ = try await client.listTools(ToolListQuery())
                case .tool: _ = try await client.tool("GMAIL_SEND_EMAIL", version: nil)
                case .toolkits: _ = try await client.listToolkits(cursor: nil)
                case .categories: _ = try await client.listToolkitCategories()
                case .accounts: _ = try await client.listConnectedAccounts(userIDs: [], cursor: nil)
                case .execute: _ = try await client.execute(execution)
                }
            }
        }

        /// What messages call the answer.
        var thing: String {
            switch self {
            case .tools: "tool listing"
            case .tool: "tool"
            case .toolkits: "toolkit listing"
            case .categories: "toolkit category listing"
            case .accounts: "connected account listing"
            case .execute: "tool execution result"
            }
        }
    }

    @Test("garbage in a 200 is a permanent malformed-answer error on every endpoint", arguments: Endpoint.allCases)
    func garbage(endpoint: Endpoint) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: "{\"items\": [tru"))
            let error = try #require(try await endpoint.failure(client))
            #expect(error.kind == .permanent)
            #expect(error.statusCode == nil)
            #expect(error.message.hasPrefix("Composio sent a malformed \(endpoint.thing): the response is not JSON ("))
        }
    }

    @Test("an empty 200 is malformed too", arguments: [Endpoint.tools, .execute])
    func empty(endpoint: Endpoint) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: ""))
            let error = try #require(try await endpoint.failure(client))
            #expect(error.kind == .permanent)
            #expect(error.message.hasPrefix("Composio sent a malformed \(endpoint.thing): the response is not JSON"))
        }
    }

    static let tool = ComposioFixtures.tools[0]
    static let toolkit = ComposioFixtures.toolkits[0]
    static let account = ComposioFixtures.accounts[0]

    static func page(_ items: JSONValue...) -> String {
        JSONValue.object(["items": .array(items), "next_cursor": nil, "total_items": 1, "total_pages": 1, "current_page": 1])
            .canonicalText
    }

    @Test("missing required members and wrong types name the member, never a value", arguments: [
        (Endpoint.tools, page(ComposioStubEdits.setting("input_parameters", to: "a string", in: tool)),
         "items[0].input_parameters is not a JSON Schema object"),
        (.tools, page(ComposioStubEdits.setting("input_parameters", to: [["type": "object"]], in: tool)),
         "items[0].input_parameters is not a JSON Schema object"),
        (.tools, page(ComposioStubEdits.removing("input_parameters", from: tool)), "items[0].input_parameters is missing"),
        (.tools, page(ComposioStubEdits.setting("output_parameters", to: 3, in: tool)),
         "items[0].output_parameters is not a JSON Schema object"),
        (.tools, page(tool, ComposioStubEdits.removing("slug", from: tool)), "items[1].slug is missing"),
        (.tools, page(ComposioStubEdits.removing("version", from: tool)), "items[0].version is missing"),
        (.tools, page(ComposioStubEdits.setting("version", to: 20251027, in: tool)), "items[0].version is not a string"),
        (.tools, page(ComposioStubEdits.setting("toolkit", to: "gmail", in: tool)), "items[0].toolkit is not an object"),
        (.tools, page(ComposioStubEdits.setting("toolkit", to: ["name": "Gmail"], in: tool)), "items[0].toolkit.slug is missing"),
        (.tools, page(ComposioStubEdits.setting("tags", to: ["a", 1], in: tool)), "items[0].tags[1] is not a string"),
        (.tools, page(ComposioStubEdits.setting("is_deprecated", to: "no", in: tool)), "items[0].is_deprecated is not a boolean"),
        (.tools, #"{"next_cursor": null}"#, "items is missing"),
        (.tools, #"{"items": {}}"#, "items is not an array"),
        (.tools, #"{"items": [], "next_cursor": 5}"#, "next_cursor is not a string"),
        (.tools, #"{"items": [7]}"#, "items[0] is not an object"),
        (.tools, #"[]"#, "the response is not a JSON object"),
        (.tool, ComposioStubEdits.setting("input_parameters", to: nil, in: tool).canonicalText, "input_parameters is missing"),
        (.tool, ComposioStubEdits.setting("slug", to: "", in: tool).canonicalText, "slug is empty"),
        (.toolkits, page(ComposioStubEdits.removing("slug", from: toolkit)), "items[0].slug is missing"),
        (.toolkits, page(ComposioStubEdits.setting("meta", to: ["categories": [["name": "Email"]]], in: toolkit)),
         "items[0].meta.categories[0].id is missing"),
        (.toolkits, page(ComposioStubEdits.setting("meta", to: ["tools_count": 1.5], in: toolkit)),
         "items[0].meta.tools_count is not a non-negative whole number"),
        (.toolkits, page(ComposioStubEdits.setting("meta", to: ["tools_count": "12"], in: toolkit)),
         "items[0].meta.tools_count is not a non-negative whole number"),
        (.categories, #"{"items": [{"name": "Email"}]}"#, "items[0].id is missing"),
        (.categories, #"[{"id": 4, "name": "Email"}]"#, "[0].id is not a string"),
        (.categories, #""email""#, "the response is not a JSON object"),
        (.accounts, page(ComposioStubEdits.removing("status", from: account)), "items[0].status is missing"),
        (.accounts, page(ComposioStubEdits.setting("status", to: 1, in: account)), "items[0].status is not a string"),
        (.accounts, page(ComposioStubEdits.removing("id", from: account)), "items[0].id is missing"),
        (.accounts, page(ComposioStubEdits.removing("toolkit", from: account)), "items[0].toolkit is missing"),
        (.accounts, page(ComposioStubEdits.removing("user_id", from: account)), "items[0].user_id is missing"),
        (.accounts, page(ComposioStubEdits.setting("is_disabled", to: "false", in: account)), "items[0].is_disabled is not a boolean"),
    ])
    func malformed(endpoint: Endpoint, body: String, what: String) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: body))
            let error = try await endpoint.failure(client)
            #expect(error == ProviderError(.permanent, "Composio sent a malformed \(endpoint.thing): \(what)"))
            #expect(error?.message.contains("ya29") == false)
        }
    }

    @Test("one bad item fails the whole page: never a half-built result")
    func wholePage() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.update { world in
                world.tools.append(ComposioStubEdits.setting("input_parameters", to: true, in: world.tools[0]))
            }
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.allTools(ToolListQuery(limit: 3))
            }
            #expect(error == ProviderError(.permanent, "Composio sent a malformed tool listing: items[1].input_parameters is not a JSON Schema object"))
        }
    }

    @Test("unknown members are ignored and missing or null optional members take their defaults")
    func tolerant() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let sparse: JSONValue = [
                "slug": "NOTION_SEARCH", "toolkit": ["slug": "notion"], "version": "20251001_01",
                "input_parameters": ["type": "object"], "description": nil, "tags": nil, "output_parameters": nil,
                "brand_new": ["deeply": ["nested": [true]]],
            ]
            let body = JSONValue.object([
                "items": [sparse], "next_cursor": "", "total_items": 1, "total_pages": 1, "current_page": 1.0,
                "unexpected_top_level": "ignored",
            ])
            await stub.script(.raw(status: 200, body: body.canonicalText))
            let page = try await client.listTools(ToolListQuery())
            #expect(page == ProviderPage(
                items: [ToolDefinition(
                    slug: "NOTION_SEARCH", name: "NOTION_SEARCH", toolkit: "notion", version: "20251001_01",
                    inputSchema: ["type": "object"])],
                nextCursor: nil))

            await stub.script(.raw(status: 200, body: #"{"items": [{"slug": "crm", "extra": 1}], "next_cursor": null}"#))
            #expect(try await client.listToolkits(cursor: nil).items == [ToolkitInfo(slug: "crm", name: "crm")])

            let minimal: JSONValue = ["id": "ca_9", "status": "ACTIVE", "toolkit": ["slug": "hubspot"], "user_id": "u-1", "state": "opaque"]
            await stub.script(.raw(status: 200, body: JSONValue.object(["items": [minimal]]).canonicalText))
            #expect(try await client.listConnectedAccounts(userIDs: [], cursor: nil).items == [
                ProviderAccount(id: "ca_9", status: .active, toolkit: "hubspot", userID: "u-1")
            ])
        }
    }
}
