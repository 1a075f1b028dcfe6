import DeckComposio
import DeckCore
import Testing

@Suite("SimulatedProvider listings")
struct SimulatedCatalogTests {
    let provider = SimulatedProvider()

    /// Every page of a tool listing, following cursors until nil.
    func allTools(_ query: ToolListQuery) async throws -> (tools: [ToolDefinition], pages: Int) {
        var query = query
        var tools: [ToolDefinition] = []
        var pages = 0
        repeat {
            let page = try await provider.listTools(query)
            tools += page.items
            pages += 1
            query.cursor = page.nextCursor
            #expect(pages < 100)
        } while query.cursor != nil
        return (tools, pages)
    }

    @Test("the standard catalog has four toolkits with categories and counted tools")
    func toolkits() {
        let catalog = SimulatedCatalog.standard
        #expect(catalog.toolkits.map(\.slug) == ["gmail", "slack", "hubspot", "github"])
        #expect(catalog.toolkits.first?.categories.map(\.id) == ["email", "communication"])
        #expect(catalog.toolkits.allSatisfy { !$0.categories.isEmpty })
        for toolkit in catalog.toolkits {
            #expect(toolkit.toolsCount == catalog.tools.filter { $0.toolkit == toolkit.slug }.count)
            #expect(toolkit.toolsCount >= 3)
        }
    }

    @Test("every tool has a JSON-Schema object, a YYYYMMDD_NN version, tags and scopes")
    func toolShapes() {
        for tool in SimulatedCatalog.standard.tools {
            #expect(tool.inputSchema["type"] == "object", "\(tool.slug)")
            let properties = tool.inputSchema["properties"]?.objectValue ?? [:]
            #expect(!properties.isEmpty, "\(tool.slug)")
            for required in tool.inputSchema["required"]?.arrayValue ?? [] {
                #expect(properties[required.stringValue ?? ""] != nil, "\(tool.slug) requires \(required)")
            }
            #expect(tool.outputSchema["type"] == "object")
            #expect(tool.version.wholeMatch(of: /\d{8}_\d{2}/) != nil)
            #expect(tool.availableVersions.contains(tool.version))
            #expect(!tool.scopes.isEmpty)
            #expect(tool.slug.hasPrefix(tool.toolkit.uppercased() + "_"))
            let readOnly = tool.tags.contains("readOnlyHint")
            #expect(readOnly == (RiskClassifier.classify(slug: tool.slug) == .low), "\(tool.slug)")
        }
        let slugs = Set(SimulatedCatalog.standard.tools.map(\.slug))
        #expect(slugs.count == SimulatedCatalog.standard.tools.count)
        for slug in [
            "GMAIL_LIST_MESSAGES", "GMAIL_FETCH_MESSAGE_BY_ID", "SLACK_LIST_CHANNELS", "HUBSPOT_LIST_CONTACTS",
            "GITHUB_LIST_ISSUES", "GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE", "HUBSPOT_CREATE_CONTACT",
            "GITHUB_CREATE_ISSUE", "GMAIL_DELETE_MESSAGE",
        ] {
            #expect(slugs.contains(slug))
        }
        #expect(SimulatedCatalog.standard.tool("GMAIL_DELETE_MESSAGE")?.tags.contains("destructiveHint") == true)
    }

    @Test("tool listing pages through the whole catalog until the cursor is nil")
    func pagination() async throws {
        let (tools, pages) = try await allTools(ToolListQuery(limit: 3))
        #expect(tools == SimulatedCatalog.standard.tools)
        #expect(pages == (tools.count + 2) / 3)
        let (single, singlePages) = try await allTools(ToolListQuery())
        #expect(single == tools)
        #expect(singlePages == 1)
    }

    @Test("tool listing filters by toolkit and by slugs, case-insensitively")
    func filters() async throws {
        let slack = try await allTools(ToolListQuery(toolkit: "Slack", limit: 2)).tools
        #expect(slack.map(\.slug) == ["SLACK_LIST_CHANNELS", "SLACK_FETCH_CONVERSATION_HISTORY", "SLACK_SEND_MESSAGE"])
        let chosen = try await provider.listTools(ToolListQuery(slugs: ["github_create_issue", "GMAIL_SEND_EMAIL", "NOPE"]))
        #expect(chosen.items.map(\.slug) == ["GMAIL_SEND_EMAIL", "GITHUB_CREATE_ISSUE"])
        #expect(chosen.nextCursor == nil)
        let none = try await provider.listTools(ToolListQuery(toolkit: "notion"))
        #expect(none == ProviderPage(items: [], nextCursor: nil))
    }

    @Test("without latest versions every tool reports the base version, as Composio does")
    func baseVersions() async throws {
        let page = try await provider.listTools(ToolListQuery(latestVersions: false))
        #expect(page.items.allSatisfy { $0.version == SimulatedProvider.baseVersion })
    }

    @Test("a bad limit or cursor is a permanent HTTP 400")
    func badQueries() async {
        for query in [ToolListQuery(limit: 0), ToolListQuery(limit: 1_001), ToolListQuery(cursor: "garbage")] {
            let error = await #expect(throws: ProviderError.self) { try await provider.listTools(query) }
            #expect(error?.kind == .permanent)
            #expect(error?.statusCode == 400)
        }
    }

    @Test("one tool by slug, at its latest or an available version")
    func oneTool() async throws {
        let latest = try await provider.tool("gmail_send_email", version: nil)
        #expect(latest == SimulatedCatalog.standard.tool("GMAIL_SEND_EMAIL"))
        let older = try await provider.tool("GMAIL_SEND_EMAIL", version: "20250909_00")
        #expect(older.version == "20250909_00")
    }

    @Test("an unknown tool or version is a permanent HTTP 404")
    func unknownTool() async {
        for (slug, version) in [("GMAIL_TELEPORT", nil), ("GMAIL_SEND_EMAIL", "19990101_00")] as [(String, String?)] {
            let error = await #expect(throws: ProviderError.self) { try await provider.tool(slug, version: version) }
            #expect(error?.kind == .permanent)
            #expect(error?.statusCode == 404)
        }
    }

    @Test("toolkits page like tools")
    func toolkitPages() async throws {
        let small = SimulatedProvider(pageSize: 3)
        let first = try await small.listToolkits(cursor: nil)
        #expect(first.items.map(\.slug) == ["gmail", "slack", "hubspot"])
        let second = try await small.listToolkits(cursor: first.nextCursor)
        #expect(second.items.map(\.slug) == ["github"])
        #expect(second.nextCursor == nil)
        #expect(try await provider.listToolkits(cursor: nil).items == SimulatedCatalog.standard.toolkits)
    }

    @Test("connected accounts are those given at init, filtered by user and paged")
    func accounts() async throws {
        #expect(try await provider.listConnectedAccounts(userIDs: [], cursor: nil) == ProviderPage(items: [], nextCursor: nil))
        let accounts = (1...5).map { index in
            ProviderAccount(
                id: ConnectedAccountID("ca_\(index)"), status: index == 5 ? .expired : .active,
                toolkit: index.isMultiple(of: 2) ? "slack" : "gmail", userID: index <= 3 ? "acme" : "globex",
                scopes: ["chat:write"])
        }
        let simulator = SimulatedProvider(accounts: accounts, pageSize: 2)
        var cursor: String?
        var listed: [ProviderAccount] = []
        repeat {
            let page = try await simulator.listConnectedAccounts(userIDs: [], cursor: cursor)
            #expect(page.items.count <= 2)
            listed += page.items
            cursor = page.nextCursor
        } while cursor != nil
        #expect(listed == accounts)
        let globex = try await simulator.listConnectedAccounts(userIDs: ["globex", "initech"], cursor: nil)
        #expect(globex.items.map(\.id) == ["ca_4", "ca_5"])
        #expect(globex.nextCursor == nil)
    }

    @Test("a replaced catalog or account list is what the next listing sees")
    func replacements() async throws {
        let simulator = SimulatedProvider()
        var changed = try #require(SimulatedCatalog.standard.tool("SLACK_SEND_MESSAGE"))
        changed.version = "20251101_00"
        changed.availableVersions.append("20251101_00")
        simulator.replaceCatalog(SimulatedCatalog.standard.replacing(changed).removing(slug: "GMAIL_DELETE_MESSAGE"))
        #expect(try await simulator.tool("SLACK_SEND_MESSAGE", version: nil).version == "20251101_00")
        await #expect(throws: ProviderError.self) { try await simulator.tool("GMAIL_DELETE_MESSAGE", version: nil) }
        #expect(simulator.catalog.toolkits.first?.toolsCount == 3)
        simulator.replaceAccounts([ProviderAccount(id: "ca_9", status: .active, toolkit: "gmail", userID: "u")])
        #expect(try await simulator.listConnectedAccounts(userIDs: ["u"], cursor: nil).items.map(\.id) == ["ca_9"])
    }
}
