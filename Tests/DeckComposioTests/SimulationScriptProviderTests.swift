import DeckComposio
import DeckCore
import Testing

@Suite("SimulatedProvider with a script")
struct SimulationScriptProviderTests {
    let clock = ManualClock(ScriptFixture.start)

    @Test("every listing sees the world as of the clock's now, and moving back shows the earlier world")
    func followsTheClock() async throws {
        let provider = ScriptFixture.provider(clock: clock)
        #expect(provider.scriptStart == ScriptFixture.start)
        #expect(try await ScriptFixture.allAccounts(provider) == [ScriptFixture.pending])

        clock.advance(milliseconds: 999)
        #expect(try await ScriptFixture.allAccounts(provider).map(\.status) == [.initiated])
        clock.advance(milliseconds: 1)
        #expect(try await ScriptFixture.allAccounts(provider).map(\.status) == [.active])
        clock.advance(seconds: 2)
        #expect(try await provider.tool("SLACK_SEND_MESSAGE", version: nil).version == "20251201_00")
        #expect(try await provider.tool("SLACK_SEND_MESSAGE", version: "20251020_01").version == "20251020_01")
        #expect(try await ScriptFixture.allAccounts(provider, userIDs: ["globex"]).map(\.id) == ["ca_new"])

        clock.set(ScriptFixture.start.adding(seconds: 10))
        #expect(try await ScriptFixture.allAccounts(provider).last?.status == .expired)
        await #expect(throws: ProviderError.self) { try await provider.tool("HUBSPOT_LIST_DEALS", version: nil) }

        // Back in time: the earlier worlds again, exactly.
        clock.set(ScriptFixture.start.adding(milliseconds: 2_500))
        #expect(try await ScriptFixture.allAccounts(provider).map(\.status) == [.active, .active])
        #expect(try await provider.tool("SLACK_SEND_MESSAGE", version: nil).version == "20251020_01")
        #expect(try await provider.tool("HUBSPOT_LIST_DEALS", version: nil).slug == "HUBSPOT_LIST_DEALS")
        clock.set(ScriptFixture.start.adding(seconds: -60))
        #expect(try await ScriptFixture.allAccounts(provider) == [ScriptFixture.pending])
        #expect(try await ScriptFixture.allTools(provider).tools == SimulatedCatalog.standard.tools)
    }

    @Test("the provider's world equals the pure function at every instant, in any order of calls")
    func matchesThePureFunction() {
        let provider = ScriptFixture.provider(clock: clock)
        let offsets: [Int64] = [7_000, 0, 3_000, 2_999, 6_500, 999, 1_000, 5_000, 4_000, 100_000, -1, 3_000]
        for offset in offsets {
            let now = ScriptFixture.start.adding(milliseconds: offset)
            clock.set(now)
            let expected = ScriptFixture.script.world(from: ScriptFixture.base, atMilliseconds: offset)
            #expect(provider.world(at: now) == expected)
            #expect(provider.catalog == expected.catalog)
            #expect(provider.accounts == expected.accounts)
        }
    }

    @Test("two providers with the same script and clock answer the same")
    func determinism() async throws {
        let first = ScriptFixture.provider(clock: clock)
        let second = ScriptFixture.provider(clock: clock)
        for step in 0..<10 {
            clock.set(ScriptFixture.start.adding(milliseconds: Int64(step) * 900))
            #expect(try await ScriptFixture.allTools(first).tools == ScriptFixture.allTools(second).tools)
            #expect(try await ScriptFixture.allAccounts(first) == ScriptFixture.allAccounts(second))
            #expect(try await first.listToolkits(cursor: nil) == second.listToolkits(cursor: nil))
            let call = ScriptFixture.execution("GMAIL_LIST_MESSAGES", id: Int64(step))
            #expect(try await first.execute(call) == second.execute(call))
        }
    }

    @Test("the script starts at the clock's now when no start is given")
    func defaultStart() async throws {
        let later = ManualClock(ScriptFixture.start.adding(seconds: 3_600))
        let provider = SimulatedProvider(accounts: [ScriptFixture.pending], script: ScriptFixture.script, clock: later)
        #expect(provider.scriptStart == later.now())
        #expect(provider.accounts.map(\.status) == [.initiated])
        later.advance(seconds: 1)
        #expect(provider.accounts.map(\.status) == [.active])
    }

    @Test("tool listings page correctly while tools are added and removed")
    func paginationAcrossChanges() async throws {
        let provider = ScriptFixture.provider(clock: clock, pageSize: 2)
        for offset: Int64 in [0, 4_000, 5_000, 3_999, 7_000] {
            clock.set(ScriptFixture.start.adding(milliseconds: offset))
            let expected = ScriptFixture.script.world(from: ScriptFixture.base, atMilliseconds: offset).catalog
            for limit in [1, 3, 4, 100] {
                let (tools, pages) = try await ScriptFixture.allTools(provider, ToolListQuery(limit: limit))
                #expect(tools == expected.tools, "at \(offset) ms, limit \(limit)")
                #expect(pages == max(1, (expected.tools.count + limit - 1) / limit))
            }
            let gmail = try await ScriptFixture.allTools(provider, ToolListQuery(toolkit: "gmail", limit: 2)).tools
            #expect(gmail == expected.tools.filter { $0.toolkit == "gmail" })
            var cursor: String?
            var toolkits: [ToolkitInfo] = []
            repeat {
                let page = try await provider.listToolkits(cursor: cursor)
                toolkits += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(toolkits == expected.toolkits)
        }
        clock.set(ScriptFixture.start.adding(seconds: 5))
        #expect(try await provider.listTools(ToolListQuery(toolkit: "hubspot")).items.map(\.slug) == [
            "HUBSPOT_LIST_CONTACTS", "HUBSPOT_CREATE_CONTACT",
        ])
        #expect(try await provider.listTools(ToolListQuery(slugs: ["GMAIL_LIST_DRAFTS"])).items == [ScriptFixture.notesTool])
    }

    @Test("a page cursor taken before a removal still pages, without repeating past the end")
    func cursorAcrossRemoval() async throws {
        let provider = ScriptFixture.provider(clock: clock)
        clock.set(ScriptFixture.start.adding(seconds: 4))
        let count = try await ScriptFixture.allTools(provider).tools.count
        let first = try await provider.listTools(ToolListQuery(limit: count - 1))
        #expect(first.nextCursor != nil)
        clock.set(ScriptFixture.start.adding(seconds: 5))
        let rest = try await provider.listTools(ToolListQuery(limit: count - 1, cursor: first.nextCursor))
        #expect(rest == ProviderPage(items: [], nextCursor: nil))
    }

    @Test("replaceCatalog and replaceAccounts replace the base world; the script still applies on top")
    func replacingTheBase() async throws {
        let provider = ScriptFixture.provider(clock: clock)
        clock.set(ScriptFixture.start.adding(seconds: 3))
        let globex = ProviderAccount(id: "ca_globex", status: .active, toolkit: "gmail", userID: "globex")
        provider.replaceAccounts([ScriptFixture.pending, globex])
        #expect(provider.baseWorld.accounts == [ScriptFixture.pending, globex])
        #expect(try await ScriptFixture.allAccounts(provider).map(\.id) == ["ca_pending", "ca_globex", "ca_new"])
        #expect(provider.accounts.first?.status == .active)

        provider.replaceCatalog(provider.baseWorld.catalog.removing(slug: "GMAIL_DELETE_MESSAGE"))
        #expect(provider.catalog.tool("GMAIL_DELETE_MESSAGE") == nil)
        #expect(provider.catalog.tool("SLACK_SEND_MESSAGE")?.version == "20251201_00")
        // A catalog built from the scripted world bakes those changes in; replaying is harmless.
        provider.replaceCatalog(provider.catalog)
        clock.set(ScriptFixture.start.adding(seconds: 7))
        #expect(provider.catalog == ScriptFixture.script.world(from: provider.baseWorld, atMilliseconds: 7_000).catalog)
        #expect(provider.catalog.tools.filter { $0.slug == "SLACK_SEND_MESSAGE" }.count == 1)
        clock.set(ScriptFixture.start)
        #expect(provider.catalog.tool("SLACK_SEND_MESSAGE")?.version == "20251201_00")
        #expect(provider.accounts.map(\.status) == [.initiated, .active])
    }

    @Test("a provider without a script keeps its world until it is replaced")
    func withoutScript() async throws {
        let provider = ScriptFixture.provider(clock: clock, script: nil)
        clock.advance(seconds: 100)
        #expect(provider.script == nil)
        #expect(provider.world(at: clock.now()) == ScriptFixture.base)
        #expect(provider.accounts == [ScriptFixture.pending])
    }
}
