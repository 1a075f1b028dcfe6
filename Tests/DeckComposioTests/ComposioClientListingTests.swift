import DeckComposio
import DeckCore
import Testing

@Suite("ComposioClient listings", .timeLimit(.minutes(2)))
struct ComposioClientListingTests {
    @Test("listTools returns one page of exactly mapped tools and asks for the latest versions")
    func firstPage() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let page = try await client.listTools(ToolListQuery(limit: 3))
            #expect(page.items == Array(ComposioFixtures.definitions.prefix(3)))
            #expect(page.nextCursor != nil)
            let request = try #require(await stub.requests.last)
            #expect(request.method == "GET")
            #expect(request.path == "/api/v3.1/tools")
            #expect(request.query == ["toolkit_versions": "latest", "limit": "3"])
            #expect(request.apiKey == ComposioStub.apiKey)
        }
    }

    @Test("listTools sends the toolkit, the slugs comma-separated and the cursor; no latest when not asked")
    func filters() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let query = ToolListQuery(
                toolkit: "gmail", slugs: ["GMAIL_SEND_EMAIL", "GMAIL_LIST_LABELS"], latestVersions: false, limit: 1)
            let first = try await client.listTools(query)
            var next = query
            next.cursor = first.nextCursor
            let second = try await client.listTools(next)
            let base = ComposioFixtures.definitions
            var expected = [base[0], base[2]]
            for index in expected.indices { expected[index].version = "00000000_00" }
            #expect(first.items + second.items == expected)
            #expect(second.nextCursor == nil)
            let requests = await stub.requests
            #expect(requests.map(\.query) == [
                ["toolkit_slug": "gmail", "tool_slugs": "GMAIL_SEND_EMAIL,GMAIL_LIST_LABELS", "limit": "1"],
                ["toolkit_slug": "gmail", "tool_slugs": "GMAIL_SEND_EMAIL,GMAIL_LIST_LABELS", "limit": "1", "cursor": next.cursor ?? ""],
            ])
        }
    }

    @Test("an empty slug list filters nothing, like the simulator")
    func emptySlugs() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let page = try await client.listTools(ToolListQuery(slugs: [], limit: 100))
            #expect(page.items == ComposioFixtures.definitions)
            #expect(await stub.requests.last?.query["tool_slugs"] == nil)
        }
    }

    @Test("allTools follows next_cursor over four pages to the last one")
    func allTools() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let tools = try await client.allTools(ToolListQuery(limit: 2))
            #expect(tools == ComposioFixtures.definitions)
            let requests = await stub.requests
            #expect(requests.count == 4)
            #expect(requests[0].query["cursor"] == nil)
            #expect(Set(requests.dropFirst().compactMap { $0.query["cursor"] }).count == 3)
            #expect(requests.allSatisfy { $0.query["toolkit_versions"] == "latest" && $0.query["limit"] == "2" })

            let gmail = try await client.allTools(ToolListQuery(toolkit: "gmail", limit: 1))
            #expect(gmail == Array(ComposioFixtures.definitions.prefix(3)))
        }
    }

    @Test("allTools fails instead of looping when the server repeats a cursor")
    func repeatedCursor() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.update { $0.repeatCursor = true }
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.allTools(ToolListQuery(limit: 2))
            }
            #expect(error == ProviderError(.permanent, "Composio sent a malformed tool listing: a page cursor came back a second time"))
            #expect(await stub.requests.count == 2)
        }
    }

    @Test("allTools stops at the page cap rather than return part of the catalog")
    func pageCap() async throws {
        try await ComposioHarness.run(maximumPages: 3) { (stub, client) async throws in
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.allTools(ToolListQuery(limit: 2))
            }
            #expect(error == ProviderError(.permanent, "Composio sent a malformed tool listing: more than 3 pages"))
            #expect(await stub.requests.count == 3)
            #expect(try await client.allTools(ToolListQuery(limit: 3)).count == 7)
        }
    }

    @Test("tool fetches the latest version, or the pinned one")
    func oneTool() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            #expect(try await client.tool("SLACK_SEND_MESSAGE", version: nil) == ComposioFixtures.definitions[3])
            var pinned = ComposioFixtures.definitions[3]
            pinned.version = "20250901_00"
            #expect(try await client.tool("SLACK_SEND_MESSAGE", version: "20250901_00") == pinned)
            let requests = await stub.requests
            #expect(requests.map(\.path) == ["/api/v3.1/tools/SLACK_SEND_MESSAGE", "/api/v3.1/tools/SLACK_SEND_MESSAGE"])
            #expect(requests.map(\.query) == [["toolkit_versions": "latest"], ["version": "20250901_00"]])

            let missing = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.tool("NOPE_TOOL", version: nil)
            }
            #expect(missing == ProviderError(.permanent, "Tool NOPE_TOOL not found (Tool_ToolNotFound) [request req_5b1c]", statusCode: 404))
        }
    }

    @Test("listToolkits pages with the configured size and maps categories and tools_count")
    func toolkits() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let first = try await client.listToolkits(cursor: nil)
            let second = try await client.listToolkits(cursor: first.nextCursor)
            #expect(first.items == Array(ComposioFixtures.toolkitInfos.prefix(2)))
            #expect(second == ProviderPage(items: [ComposioFixtures.toolkitInfos[2]], nextCursor: nil))
            let requests = await stub.requests
            #expect(requests.map(\.path) == ["/api/v3.1/toolkits", "/api/v3.1/toolkits"])
            #expect(requests[0].query == ["limit": "2"])
            #expect(requests[1].query == ["limit": "2", "cursor": first.nextCursor ?? ""])
        }
    }

    @Test("listToolkitCategories reads the page shape and a bare array alike", arguments: [false, true])
    func categories(bare: Bool) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.update { $0.categoriesAsBareArray = bare }
            #expect(try await client.listToolkitCategories() == [
                .init(id: "communication", name: "Communication"), .init(id: "email", name: "Email"),
                .init(id: "productivity", name: "Productivity"),
            ])
            #expect(await stub.requests.map(\.path) == ["/api/v3.1/toolkits/categories"])
        }
    }

    @Test("listConnectedAccounts maps every status, reason and scope, page by page")
    func accounts() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            var accounts: [ProviderAccount] = []
            var cursor: String?
            repeat {
                let page = try await client.listConnectedAccounts(userIDs: ["user-1", "user-2"], cursor: cursor)
                accounts += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(accounts == [
                ProviderAccount(id: "ca_active", status: .active, toolkit: "gmail", userID: "user-1", scopes: ["https://mail.google.com/", "openid"]),
                ProviderAccount(
                    id: "ca_expired", status: .expired, statusReason: "Max auth failures reached", toolkit: "slack", userID: "user-1",
                    scopes: ["chat:write", "channels:read"]),
                ProviderAccount(id: "ca_initiated", status: .initiated, toolkit: "github", userID: "user-2"),
                ProviderAccount(
                    id: "ca_revoked", status: .revoked, statusReason: "Revoked via user-initiated revoke endpoint", toolkit: "gmail",
                    userID: "user-2", scopes: ["https://mail.google.com/", "openid"]),
                ProviderAccount(id: "ca_failed", status: .failed, toolkit: "github", userID: "user-1", scopes: ["repo", "read:org"]),
            ])
            let requests = await stub.requests
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.path == "/api/v3.1/connected_accounts" && $0.query["user_ids"] == "user-1,user-2" })
            #expect(requests.allSatisfy { $0.query["limit"] == "2" })
            #expect(client.unrecognisedAccountStatuses == 0)

            _ = try await client.listConnectedAccounts(userIDs: [], cursor: nil)
            #expect(await stub.requests.last?.query == ["limit": "2"])
        }
    }

    @Test("an unknown status is kept as FAILED with the status in its reason, and counted")
    func unknownStatus() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.update {
                $0.accounts = [
                    ComposioFixtures.account("ca_new", status: "SUSPENDED", user: "user-1", reason: "Billing hold"),
                    ComposioFixtures.account("ca_odd", status: "paused\u{1B}[2J", user: "user-1"),
                    ComposioFixtures.account("ca_lower", status: "active", user: "user-1"),
                    ComposioFixtures.account("ca_off", status: "ACTIVE", user: "user-1", disabled: true),
                ]
            }
            let first = try await client.listConnectedAccounts(userIDs: ["user-1"], cursor: nil)
            let second = try await client.listConnectedAccounts(userIDs: ["user-1"], cursor: first.nextCursor)
            let accounts = first.items + second.items
            #expect(accounts.map(\.status) == [.failed, .failed, .active, .inactive])
            #expect(accounts.map(\.statusReason) == [
                "unrecognised Composio status \"SUSPENDED\": Billing hold", "unrecognised Composio status \"paused\\x1b[2J\"", nil,
                "disabled in Composio",
            ])
            #expect(client.unrecognisedAccountStatuses == 2)
        }
    }

    @Test("a missing user_id takes the one requested user; with several users it is malformed")
    func missingUser() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let item = ComposioStubEdits.removing("user_id", from: ComposioFixtures.account("ca_1", status: "ACTIVE", user: "x"))
            await stub.update { $0.accounts = [item] }
            let page = try await client.listConnectedAccounts(userIDs: ["user-9"], cursor: nil)
            #expect(page.items.map(\.userID) == ["user-9"])
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listConnectedAccounts(userIDs: ["user-9", "user-8"], cursor: nil)
            }
            #expect(error == ProviderError(.permanent, "Composio sent a malformed connected account listing: items[0].user_id is missing"))
        }
    }
}
