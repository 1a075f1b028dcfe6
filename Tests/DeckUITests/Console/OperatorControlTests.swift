import DeckCore
import DeckUI
import Testing

private func c(_ character: Character) -> Key { .character(character) }

/// Pause and resume a tenant's queue, change its cap, run a retry now, copy an envelope.
@Suite("Console: operator controls")
struct OperatorControlTests {
    typealias F = ConsoleFixture

    /// The outbox with the cursor on envelope `id`.
    static func outbox(at id: Int64) -> ConsoleState {
        var state = F.state(.outbox)
        while let selected = Console.selectedEnvelope(state), selected.id.rawValue > id { F.press(&state, c("j")) }
        return state
    }

    @Test("p asks to pause the selected tenant, naming it and its queue; y pauses it")
    func pauseAsksNamingTheTenant() throws {
        var state = F.state(.tenants)
        #expect(Console.selectedTenant(state)?.name == "acme")
        #expect(F.press(&state, c("p")).isEmpty)
        guard case .confirm(let confirmation) = state.mode else { Issue.record("no confirmation"); return }
        #expect(confirmation.question == "Pause acme's queue?")
        #expect(confirmation.details[0].contains("acme") && confirmation.details[0].contains("3 pending"))
        #expect(confirmation.details.joined(separator: " ").contains("claim none of its envelopes"))
        #expect(F.press(&state, c("y")) == [.perform(.pauseTenant(F.acmeID, true))])
        // n cancels and sends nothing.
        F.press(&state, c("p"))
        #expect(F.press(&state, c("n")).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test("a paused tenant shows in the header of every view, in its row, and p resumes it")
    func pausedTenantIsShown() throws {
        var state = F.state(.tenants, width: 120)
        var data = F.data(for: state.dataRequest)
        data.pausedTenants = [F.acmeID]
        data.tenants[0].tenant.pausedAt = F.ago(60)
        data.tenants[0].tenant.pausedBy = "alice"
        F.load(&state, with: data)
        let screen = F.text(state)
        #expect(screen.components(separatedBy: "\n")[0].contains("paused acme"))
        #expect(screen.contains("paused") && screen.components(separatedBy: "\n").first { $0.contains("acme  ") }?.contains("paused") == true)
        F.press(&state, c("p"), reload: false)
        guard case .confirm(let confirmation) = state.mode else { Issue.record("no confirmation"); return }
        #expect(confirmation.question == "Resume acme's queue?")
        #expect(confirmation.details.joined().contains("Paused by alice"))
        #expect(F.press(&state, c("y"), reload: false) == [.perform(.pauseTenant(F.acmeID, false))])
    }

    @Test("c opens a cap prompt on the current cap: digits only, out-of-range refused inline, a change confirmed")
    func capPrompt() throws {
        var state = F.state(.tenants)
        F.press(&state, c("c"))
        #expect(state.mode == .input(.cap(F.acmeID), text: "4"))
        #expect(F.text(state).contains("cap for acme"))
        F.press(&state, c("x"))
        #expect(state.mode == .input(.cap(F.acmeID), text: "4"), "letters are not typed")
        #expect(state.inputNote?.contains("digits only") == true)
        F.press(&state, .backspace)
        F.type(&state, "0")
        F.press(&state, .enter)
        #expect(state.mode == .input(.cap(F.acmeID), text: "0"), "the prompt stays open with its error")
        #expect(state.inputNote?.contains("between 1 and 10000") == true)
        F.press(&state, .backspace)
        F.type(&state, "12")
        #expect(F.press(&state, .enter).isEmpty)
        guard case .confirm(let confirmation) = state.mode else { Issue.record("no confirmation"); return }
        #expect(confirmation.question == "Change acme's cap from 4 to 12?")
        #expect(F.press(&state, c("y")) == [.perform(.setCap(F.acmeID, 12))])
        // The same cap changes nothing.
        F.press(&state, c("c"))
        #expect(F.press(&state, .enter).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.flash?.text.contains("stays 4") == true)
    }

    @Test(":cap N and :pause work on the selected tenant; elsewhere they say where they work")
    func commandModeCommands() throws {
        var state = F.state(.tenants)
        F.press(&state, c(":"))
        F.type(&state, "cap 2")
        F.press(&state, .enter)
        guard case .confirm(let confirmation) = state.mode else { Issue.record("no confirmation"); return }
        #expect(confirmation.action == .setCap(F.acmeID, 2))
        F.press(&state, .escape)
        F.press(&state, c(":"))
        F.type(&state, "cap 0")
        F.press(&state, .enter)
        #expect(state.mode == .normal)
        #expect(state.flash?.isError == true)
        F.press(&state, c(":"))
        F.type(&state, "resume")
        F.press(&state, .enter)
        #expect(state.flash?.text.contains("not paused") == true)
        var outbox = F.state(.outbox)
        F.press(&outbox, c(":"))
        F.type(&outbox, "pause")
        F.press(&outbox, .enter)
        #expect(outbox.flash?.text.contains("tenants view") == true)
    }

    @Test("n runs a retry backoff now; quiet hours and the agent's own schedule are refused with the reason")
    func runNow() throws {
        var state = Self.outbox(at: 37)
        #expect(Console.selectedEnvelope(state)?.id == 37)
        #expect(F.press(&state, c("n")) == [.perform(.envelopes(.runNow, ids: [37]))])
        var quiet = Self.outbox(at: 35)
        #expect(F.press(&quiet, c("n")).isEmpty)
        #expect(quiet.flash?.isError == true)
        #expect(quiet.flash?.text.contains("quiet hours") == true)
        var due = Self.outbox(at: 40)
        #expect(F.press(&due, c("n")).isEmpty)
        #expect(due.flash?.text.contains("due already") == true)
        var readOnly = F.state(.outbox, readOnly: true)
        #expect(F.press(&readOnly, c("n")).isEmpty)
    }

    @Test("y copies the selected envelope's id, Y its JSON; in the detail, the detail's envelope")
    func copy() throws {
        var state = Self.outbox(at: 37)
        #expect(F.press(&state, c("y")) == [.copy("37", label: "id 37")])
        let effects = F.press(&state, c("Y"))
        guard case .copy(let text, let label)? = effects.first else { Issue.record("no copy"); return }
        #expect(label == "envelope #37 as JSON")
        let json = try JSONValue(parsing: text)
        #expect(json["id"] == .integer(37))
        #expect(json["tenant"] == .string("apex"))
        #expect(json["last_error"] == .string("HTTP 500: upstream timeout"))
        F.press(&state, .enter)
        F.press(&state, c("j"))
        #expect(F.press(&state, c("y")) == [.copy("37", label: "id 37")], "j scrolls the detail; the copy is still 37")
        // Copying is not an action: a read-only console copies too.
        var readOnly = F.state(.outbox, readOnly: true)
        #expect(F.press(&readOnly, c("y")) == [.copy("40", label: "id 40")])
    }

    @Test("the outbox title never lags the rows: rows that arrived before the next count are counted")
    func titleCountFollowsTheRows() throws {
        var state = F.state(.outbox, width: 120)
        F.press(&state, c("g"))
        var data = OperatorTrustTests.withArrivals(state, 12)
        data.counts = F.counts(F.envelopes)  // the counts from before the arrivals (loaded once a second)
        F.load(&state, with: data)
        #expect(Console.render(state, theme: .monochrome).lines()[2].contains("Outbox  52 envelopes"))
    }
}

