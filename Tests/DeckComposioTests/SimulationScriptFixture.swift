import DeckComposio
import DeckCore
import Testing

// Shared fixtures of the simulation-script tests: a small base world, a script touching
// every kind of change, and helpers that page through listings.

enum ScriptFixture {
    static let start = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

    /// A tool in the standard catalog's shape, for `addTool` events.
    static let notesTool = ToolDefinition(
        slug: "GMAIL_LIST_DRAFTS", name: "List drafts", description: "Lists the user's drafts.", toolkit: "gmail",
        version: "20251110_00", availableVersions: ["20251110_00"],
        inputSchema: ["type": "object", "properties": ["max_results": ["type": "integer"]]],
        tags: ["readOnlyHint"], scopes: ["https://www.googleapis.com/auth/gmail.readonly"])

    static let pending = ProviderAccount(id: "ca_pending", status: .initiated, toolkit: "slack", userID: "acme")
    static let newcomer = ProviderAccount(id: "ca_new", status: .active, toolkit: "hubspot", userID: "globex")
    static let changedSchema: JSONValue = [
        "type": "object", "properties": ["channel": ["type": "string"]], "required": ["channel"],
    ]

    /// One event of each kind, one per second from 1 s, given out of order.
    static let script = SimulationScript([
        SimulationScript.Event(atMilliseconds: 6_000, .deprecateTool(slug: "GITHUB_GET_REPOSITORY")),
        SimulationScript.Event(at: .seconds(1), .setAccountStatus("ca_pending", .active)),
        SimulationScript.Event(at: .seconds(2), .addAccount(newcomer)),
        SimulationScript.Event(
            at: .seconds(3), .updateTool(slug: "slack_send_message", version: "20251201_00", inputSchema: changedSchema)),
        SimulationScript.Event(at: .seconds(4), .addTool(notesTool)),
        SimulationScript.Event(at: .seconds(5), .removeTool(slug: "HUBSPOT_LIST_DEALS")),
        SimulationScript.Event(
            at: .seconds(7), .setAccountStatus("ca_new", .expired, reason: "token expired")),
    ])

    static let base = SimulationScript.World(catalog: .standard, accounts: [pending])

    /// A simulator over `base` running `script` from `start`, on `clock`.
    static func provider(clock: ManualClock, script: SimulationScript? = ScriptFixture.script, pageSize: Int = 20)
        -> SimulatedProvider
    {
        SimulatedProvider(
            options: .reliable(seed: 5), catalog: base.catalog, accounts: base.accounts, script: script,
            scriptStart: start, clock: clock, pageSize: pageSize)
    }

    /// Every tool of a listing, following cursors until nil; also the number of pages.
    static func allTools(_ provider: SimulatedProvider, _ query: ToolListQuery = ToolListQuery(limit: 3)) async throws
        -> (tools: [ToolDefinition], pages: Int)
    {
        var query = query
        var tools: [ToolDefinition] = []
        var pages = 0
        repeat {
            let page = try await provider.listTools(query)
            #expect(page.items.count <= query.limit)
            tools += page.items
            pages += 1
            query.cursor = page.nextCursor
        } while query.cursor != nil && pages < 100
        return (tools, pages)
    }

    /// Every connected account of a listing, following cursors until nil.
    static func allAccounts(_ provider: SimulatedProvider, userIDs: [String] = []) async throws -> [ProviderAccount] {
        var cursor: String?
        var accounts: [ProviderAccount] = []
        var pages = 0
        repeat {
            let page = try await provider.listConnectedAccounts(userIDs: userIDs, cursor: cursor)
            accounts += page.items
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 100
        return accounts
    }

    /// One execution of `slug` through `account` for `user`.
    static func execution(
        _ slug: String, toolkit: String = "gmail", arguments: [String: JSONValue] = [:], user: String = "acme",
        account: ConnectedAccountID? = "ca_1", id: Int64 = 1
    ) -> ToolExecution {
        ToolExecution(
            envelopeID: EnvelopeID(id), tenantID: Fixture.tenant, toolSlug: slug, toolkit: toolkit, version: nil,
            arguments: JSONObjectText(arguments), connectedAccountID: account, userID: user,
            idempotencyKey: "key-\(id)", attempt: 1)
    }
}
