import DeckComposio
import DeckCore
import Testing

@Suite("SimulationScript")
struct SimulationScriptTests {
    let script = ScriptFixture.script
    let base = ScriptFixture.base

    @Test("events apply in offset order, ties in the order given")
    func ordering() {
        let a = SimulationScript.Event(atMilliseconds: 500, .removeTool(slug: "A"))
        let b = SimulationScript.Event(atMilliseconds: 100, .removeTool(slug: "B"))
        let c = SimulationScript.Event(atMilliseconds: 500, .removeTool(slug: "C"))
        let d = SimulationScript.Event(atMilliseconds: -50, .removeTool(slug: "D"))
        #expect(SimulationScript([a, b, c, d]).events == [d, b, a, c])
        #expect(SimulationScript([c, a]).events == [c, a])
        #expect(script.events.map(\.offsetMilliseconds) == [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000])
        #expect(SimulationScript([a]).appending(SimulationScript([c, b])).events == [b, a, c])
    }

    @Test("offsets convert from Duration to whole milliseconds")
    func durations() {
        let change = SimulationScript.Change.removeTool(slug: "X")
        #expect(SimulationScript.Event(at: .seconds(20), change).offsetMilliseconds == 20_000)
        #expect(SimulationScript.Event(at: .milliseconds(1_500), change).offsetMilliseconds == 1_500)
        #expect(SimulationScript.Event(at: .microseconds(2_999), change).offsetMilliseconds == 2)
        #expect(SimulationScript.Event(at: .seconds(-3), change).offsetMilliseconds == -3_000)
        #expect(SimulationScript.Event(at: .seconds(Int64.max), change).offsetMilliseconds == .max)
        #expect(SimulationScript.Event(atMilliseconds: 90_000, change).offset == .seconds(90))
    }

    @Test("an event counts from exactly its offset: before, at and after each one")
    func appliedCounts() {
        for (index, event) in script.events.enumerated() {
            #expect(script.appliedCount(atMilliseconds: event.offsetMilliseconds - 1) == index)
            #expect(script.appliedCount(atMilliseconds: event.offsetMilliseconds) == index + 1)
            #expect(script.appliedCount(atMilliseconds: event.offsetMilliseconds + 1) == index + 1)
            let at = ScriptFixture.start.adding(milliseconds: event.offsetMilliseconds)
            #expect(script.appliedCount(start: ScriptFixture.start, now: at.adding(milliseconds: -1)) == index)
            #expect(script.appliedCount(start: ScriptFixture.start, now: at) == index + 1)
        }
        #expect(script.appliedCount(atMilliseconds: .min) == 0)
        #expect(script.appliedCount(atMilliseconds: .max) == script.events.count)
        #expect(SimulationScript.empty.appliedCount(atMilliseconds: 0) == 0)
        // Instants at the ends of the range compare without wrapping around.
        let far = Timestamp(millisecondsSinceEpoch: .max)
        #expect(script.appliedCount(start: far, now: Timestamp(millisecondsSinceEpoch: .min)) == 0)
        #expect(script.appliedCount(start: Timestamp(millisecondsSinceEpoch: .min), now: far) == script.events.count)
    }

    @Test("the world before, at and after each event")
    func worldAtInstants() throws {
        func world(_ milliseconds: Int64) -> SimulationScript.World {
            script.world(from: base, atMilliseconds: milliseconds)
        }
        #expect(world(-1) == base)
        #expect(world(999) == base)

        #expect(world(1_000).accounts.map(\.status) == [.active])
        #expect(world(1_999).accounts.map(\.id) == ["ca_pending"])
        #expect(world(2_000).accounts.map(\.id) == ["ca_pending", "ca_new"])

        #expect(world(2_999).catalog.tool("SLACK_SEND_MESSAGE") == SimulatedCatalog.standard.tool("SLACK_SEND_MESSAGE"))
        let updated = try #require(world(3_000).catalog.tool("SLACK_SEND_MESSAGE"))
        #expect(updated.version == "20251201_00")
        #expect(updated.availableVersions == ["20251020_00", "20251020_01", "20251201_00"])
        #expect(updated.inputSchema == ScriptFixture.changedSchema)
        #expect(updated.scopes == ["chat:write"])

        #expect(world(3_999).catalog.tool("GMAIL_LIST_DRAFTS") == nil)
        #expect(world(4_000).catalog.tools.last == ScriptFixture.notesTool)
        #expect(world(4_000).catalog.toolkits.first { $0.slug == "gmail" }?.toolsCount == 5)

        #expect(world(4_999).catalog.tool("HUBSPOT_LIST_DEALS") != nil)
        #expect(world(5_000).catalog.tool("HUBSPOT_LIST_DEALS") == nil)
        #expect(world(5_000).catalog.toolkits.first { $0.slug == "hubspot" }?.toolsCount == 2)

        #expect(world(5_999).catalog.tool("GITHUB_GET_REPOSITORY")?.isDeprecated == false)
        #expect(world(6_000).catalog.tool("GITHUB_GET_REPOSITORY")?.isDeprecated == true)

        #expect(world(6_999).accounts.last?.status == .active)
        #expect(world(7_000).accounts.last?.status == .expired)
        #expect(world(7_000).accounts.last?.statusReason == "token expired")
        #expect(world(1_000_000) == world(7_000))
        // Everything else is untouched.
        #expect(world(7_000).catalog.tools.count == SimulatedCatalog.standard.tools.count)
        #expect(world(7_000).catalog.tool("GMAIL_SEND_EMAIL") == SimulatedCatalog.standard.tool("GMAIL_SEND_EMAIL"))
    }

    @Test("the world is a pure function of (base, script, instant)")
    func purity() {
        let instants: [Int64] = [0, 7_000, 2_500, 1_000, 6_000, -5, 4_000]
        for milliseconds in instants {
            let once = script.world(from: base, atMilliseconds: milliseconds)
            #expect(once == script.world(from: base, atMilliseconds: milliseconds))
            #expect(once == script.world(from: base, applying: script.appliedCount(atMilliseconds: milliseconds)))
            let now = ScriptFixture.start.adding(milliseconds: milliseconds)
            #expect(once == script.world(from: base, start: ScriptFixture.start, now: now))
        }
    }

    @Test("changes are idempotent: replaying the script over its own result changes nothing")
    func idempotence() {
        for milliseconds: Int64 in [1_000, 3_000, 5_000, 7_000] {
            let world = script.world(from: base, atMilliseconds: milliseconds)
            #expect(script.world(from: world, atMilliseconds: milliseconds) == world)
        }
    }

    @Test("a change naming a missing account or tool does nothing; adding an existing one replaces it")
    func missingTargets() {
        let empty = SimulationScript.World(catalog: SimulatedCatalog(toolkits: [], tools: []), accounts: [])
        let untargeted = SimulationScript([
            .init(atMilliseconds: 0, .setAccountStatus("ca_ghost", .active)),
            .init(atMilliseconds: 0, .replaceTool(ScriptFixture.notesTool)),
            .init(atMilliseconds: 0, .updateTool(slug: "GHOST", version: "20250101_00")),
            .init(atMilliseconds: 0, .removeTool(slug: "GHOST")),
            .init(atMilliseconds: 0, .deprecateTool(slug: "GHOST")),
        ])
        #expect(untargeted.world(from: empty, atMilliseconds: 0) == empty)
        #expect(untargeted.world(from: base, atMilliseconds: 0) == base)

        var renamed = ScriptFixture.pending
        renamed.scopes = ["chat:write"]
        var older = ScriptFixture.notesTool
        older.name = "Drafts"
        let additions = SimulationScript([
            .init(atMilliseconds: 0, .addTool(ScriptFixture.notesTool)),
            .init(atMilliseconds: 1, .addTool(older)),
            .init(atMilliseconds: 2, .addAccount(renamed)),
        ])
        let world = additions.world(from: base, atMilliseconds: 2)
        #expect(world.catalog.tools.filter { $0.slug == "GMAIL_LIST_DRAFTS" } == [older])
        #expect(world.accounts == [renamed])
    }

    @Test("replaceTool swaps the whole definition in place")
    func replaceTool() throws {
        var replacement = try #require(SimulatedCatalog.standard.tool("GMAIL_DELETE_MESSAGE"))
        replacement.version = "20251201_00"
        replacement.tags = ["destructiveHint"]
        let world = SimulationScript([.init(at: .zero, .replaceTool(replacement))]).world(from: base, atMilliseconds: 0)
        #expect(world.catalog.tool("gmail_delete_message") == replacement)
        #expect(world.catalog.tools.map(\.slug) == SimulatedCatalog.standard.tools.map(\.slug))
    }
}
