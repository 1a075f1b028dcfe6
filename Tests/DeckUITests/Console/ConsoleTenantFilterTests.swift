import DeckCore
import DeckUI
import Testing

@Suite("tenant: in a / filter")
struct ConsoleTenantFilterTests {
    typealias F = ConsoleFixture

    @Test("tenant:NAME in the outbox filter sets the global tenant filter and keeps the view")
    func tenantToken() {
        var state = F.state(.outbox)
        F.press(&state, .character("/"))
        F.type(&state, "tenant:acme status:pending")
        F.press(&state, .enter)
        #expect(state.scope == .tenant(F.acmeID))
        #expect(state.view == .outbox)
        #expect(state.filter(.outbox) == EnvelopeFilter(statuses: [.pending]))
        #expect(state.mode == .normal)
    }

    @Test("an unknown tenant keeps the line open and says so")
    func unknownTenant() {
        var state = F.state(.audit)
        F.press(&state, .character("/"))
        F.type(&state, "tenant:nobody")
        F.press(&state, .enter)
        #expect(state.scope == .allTenants)
        #expect(state.mode == .input(.filter, text: "tenant:nobody"))
        #expect(state.inputNoteIsError)
        #expect(state.inputNote == "unknown tenant 'nobody'")
    }
}
