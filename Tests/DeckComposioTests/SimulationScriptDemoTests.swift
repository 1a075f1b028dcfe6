import DeckComposio
import DeckCore
import Testing

@Suite("SimulationScript.demo")
struct SimulationScriptDemoTests {
    let clock = ManualClock(ScriptFixture.start)
    let users = ["acme-user", "globex-user", "initech-user"]

    func provider(_ users: [String]) -> SimulatedProvider {
        SimulatedProvider(
            options: .reliable(seed: 9), script: .demo(userIDs: users), scriptStart: ScriptFixture.start, clock: clock)
    }

    func id(_ user: String, _ toolkit: String) -> ConnectedAccountID {
        SimulationScript.demoAccountID(userID: user, toolkit: toolkit)
    }

    /// Every account listed `seconds` after the start.
    func accounts(_ provider: SimulatedProvider, at seconds: Double) async throws -> [ProviderAccount] {
        clock.set(ScriptFixture.start.adding(seconds: seconds))
        return try await ScriptFixture.allAccounts(provider)
    }

    @Test("account ids are ca_sim_ and 12 hex digits, stable, and distinct per user and toolkit")
    func accountIDs() {
        let ids = users.flatMap { user in ["gmail", "slack", "hubspot"].map { id(user, $0) } }
        #expect(Set(ids).count == ids.count)
        for identifier in ids {
            #expect(identifier.rawValue.wholeMatch(of: /ca_sim_[0-9a-f]{12}/) != nil, "\(identifier)")
        }
        #expect(id("acme-user", "gmail") == id("acme-user", "GMAIL"))
        #expect(SimulationScript.demo(userIDs: users) == SimulationScript.demo(userIDs: users))
    }

    @Test("the documented offsets and version")
    func constants() {
        #expect(SimulationScript.demoActivationOffset == .seconds(20))
        #expect(SimulationScript.demoSchemaChangeOffset == .seconds(30))
        #expect(SimulationScript.demoExpiryOffset == .seconds(90))
        #expect(SimulationScript.demoVersion == "20251201_00")
        let offsets = SimulationScript.demo(userIDs: users).events.map(\.offsetMilliseconds)
        #expect(offsets == [0, 0, 0, 0, 0, 20_000, 30_000, 30_000, 90_000])
    }

    @Test("accounts at 0 s, 25 s, 35 s and 100 s")
    func accountTimeline() async throws {
        let provider = provider(users)
        let gmail = users.map { id($0, "gmail") }
        let slack = id("acme-user", "slack")
        let hubspot = id("globex-user", "hubspot")

        let start = try await accounts(provider, at: 0)
        #expect(start.map(\.id) == gmail + [slack, hubspot])
        #expect(start.map(\.status) == [.active, .active, .active, .initiated, .active])
        #expect(start.map(\.toolkit) == ["gmail", "gmail", "gmail", "slack", "hubspot"])
        #expect(start.map(\.userID) == users + ["acme-user", "globex-user"])
        #expect(start.allSatisfy { !$0.scopes.isEmpty && $0.statusReason == nil })

        #expect(try await accounts(provider, at: 19.999).map(\.status) == [.active, .active, .active, .initiated, .active])
        let activated = try await accounts(provider, at: 25)
        #expect(activated.map(\.status) == [.active, .active, .active, .active, .active])
        #expect(try await accounts(provider, at: 35) == activated)
        #expect(try await accounts(provider, at: 89.999) == activated)

        let expired = try await accounts(provider, at: 100)
        #expect(expired.map(\.status) == [.active, .active, .active, .active, .expired])
        #expect(expired.last?.id == hubspot)
        #expect(expired.last?.statusReason == SimulationScript.demoExpiryReason)
        // Each tenant's own listing.
        #expect(try await ScriptFixture.allAccounts(provider, userIDs: ["acme-user"]).map(\.id) == [gmail[0], slack])
        #expect(try await ScriptFixture.allAccounts(provider, userIDs: ["initech-user"]).map(\.id) == [gmail[2]])
    }

    @Test("tool versions and schemas at 0 s, 25 s, 35 s and 100 s")
    func toolTimeline() async throws {
        let provider = provider(users)
        let standard = SimulatedCatalog.standard
        for seconds in [0.0, 25, 29.999] {
            clock.set(ScriptFixture.start.adding(seconds: seconds))
            #expect(try await ScriptFixture.allTools(provider).tools == standard.tools, "at \(seconds) s")
        }
        for seconds in [30.0, 35, 100] {
            clock.set(ScriptFixture.start.adding(seconds: seconds))
            let tools = try await ScriptFixture.allTools(provider).tools
            #expect(tools.map(\.slug) == standard.tools.map(\.slug))
            let send = try #require(tools.first { $0.slug == "GMAIL_SEND_EMAIL" })
            #expect(send.version == "20251201_00")
            #expect(send.availableVersions == ["20250909_00", "20251027_00", "20251201_00"])
            // Breaking: `subject` was optional and is now required; `is_html` is gone.
            let before = try #require(standard.tool("GMAIL_SEND_EMAIL")).inputSchema
            #expect(before["required"] == ["recipient_email", "body"])
            #expect(before["properties"]?["is_html"] != nil)
            #expect(send.inputSchema["required"] == ["recipient_email", "subject", "body"])
            #expect(send.inputSchema["properties"]?["is_html"] == nil)
            #expect(send.inputSchema["properties"]?["subject"] == before["properties"]?["subject"])
            #expect(send.inputSchema["properties"]?.objectValue?.count == 6)
            // Non-breaking: a new optional property of SLACK_SEND_MESSAGE.
            let message = try #require(tools.first { $0.slug == "SLACK_SEND_MESSAGE" })
            let old = try #require(standard.tool("SLACK_SEND_MESSAGE"))
            #expect(message.version == "20251201_00")
            #expect(message.inputSchema["required"] == old.inputSchema["required"])
            #expect(message.inputSchema["properties"]?["reply_broadcast"]?["type"] == "boolean")
            var properties = message.inputSchema["properties"]?.objectValue ?? [:]
            properties["reply_broadcast"] = nil
            #expect(JSONValue.object(properties) == old.inputSchema["properties"])
            // Nothing else moved.
            let others = tools.filter { !["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE"].contains($0.slug) }
            #expect(others == standard.tools.filter { !["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE"].contains($0.slug) })
        }
        // Pinned executions of the old version still run; the old version can still be fetched.
        #expect(try await provider.tool("GMAIL_SEND_EMAIL", version: "20251027_00").version == "20251027_00")
    }

    @Test("duplicate user ids count once; one user gets every account; none gets only the schema changes")
    func userVariants() async throws {
        let duplicated = SimulationScript.demo(userIDs: ["a", "b", "a"])
        #expect(duplicated == SimulationScript.demo(userIDs: ["a", "b"]))

        let single = provider(["solo"])
        let listed = try await accounts(single, at: 0)
        #expect(listed.map(\.toolkit) == ["gmail", "slack", "hubspot"])
        #expect(Set(listed.map(\.userID)) == ["solo"])
        #expect(try await accounts(single, at: 100).map(\.status) == [.active, .active, .expired])

        let none = provider([])
        #expect(try await accounts(none, at: 100).isEmpty)
        #expect(none.catalog.tool("GMAIL_SEND_EMAIL")?.version == "20251201_00")
    }
}
