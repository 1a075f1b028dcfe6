import DeckCore
import DeckUI
import Testing

private func c(_ character: Character) -> Key { .character(character) }

/// The console acts only on rows the operator saw: the selection is pinned by id while rows
/// arrive, a row that left the list is never acted on in its place, and risky single-row
/// approvals ask first, naming the row.
@Suite("Console: acting only on what the operator saw")
struct OperatorTrustTests {
    typealias F = ConsoleFixture

    /// The fixture's data for `state`'s request with `count` newer envelopes on top (ids 41…).
    static func withArrivals(_ state: ConsoleState, _ count: Int) -> ConsoleData {
        var data = F.data(for: state.dataRequest)
        let template = data.envelopes[0]
        let arrivals = (0..<count).reversed().map { offset -> Envelope in
            var envelope = template
            envelope.id = EnvelopeID(41 + Int64(offset))
            return envelope
        }
        data.envelopes = arrivals + data.envelopes
        return data
    }

    static func title(_ state: ConsoleState) -> String {
        Console.render(state, theme: .dark).lines()[2]
    }

    @Test("rows arriving above the selection are counted, never slid under the cursor; a acts on the row shown")
    func selectionStaysWhileRowsArrive() throws {
        var state = F.state(.outbox)
        #expect(Console.selectedEnvelope(state)?.id == 40)
        #expect(!Self.title(state).contains("newer"))
        // Twelve envelopes arrive while the operator reads row 40.
        F.load(&state, with: Self.withArrivals(state, 12))
        #expect(Console.selectedEnvelope(state)?.id == 40, "the selection stays on the row the operator chose")
        #expect(state.position(.outbox).selectedID == 40 && state.position(.outbox).cursorRow == 0)
        #expect(Console.windowOffset(state, .outbox) == 12, "the new rows are above the screen")
        #expect(Self.title(state).contains("▲ 12 newer (g)"))
        #expect(F.press(&state, c("a"), reload: false) == [.perform(.envelopes(.approve, ids: [40]))])
        // g jumps to the newest; the selection pins there.
        F.press(&state, c("g"), reload: false)
        F.load(&state, with: Self.withArrivals(state, 12))
        #expect(Console.selectedEnvelope(state)?.id == 52)
        #expect(!Self.title(state).contains("newer"))
    }

    @Test("a row that left the list is not acted on in its place: the key is refused and the cursor settles")
    func vanishedRowIsRefused() throws {
        var state = F.state(.outbox)
        F.press(&state, c("j"), c("j"))
        #expect(Console.selectedEnvelope(state)?.id == 38)
        // Envelope 38 is approved by someone else and leaves the list.
        var data = F.data(for: state.dataRequest)
        data.envelopes.removeAll { $0.id == 38 }
        F.load(&state, with: data)
        #expect(Console.selectedEnvelope(state)?.id == 37, "the row now under the cursor")
        #expect(F.press(&state, c("a"), reload: false).isEmpty)
        #expect(state.flash?.text == "envelope #38 has left this list; the cursor is on #37 now (press again to act on it)")
        #expect(state.flash?.isError == true)
        // The operator has now seen 37 under the cursor: a second press acts on it.
        #expect(F.press(&state, c("r"), reload: false) == [.perform(.envelopes(.retry, ids: [37]))])
    }

    @Test("approving one high or critical envelope asks y/n, naming it; low and medium go at once")
    func riskyApprovalAsks() throws {
        var state = F.state(.outbox)
        // 27: STRIPE_CREATE_REFUND, critical, awaiting approval.
        F.press(&state, c("/"))
        F.type(&state, "status:awaiting")
        F.press(&state, .enter)
        #expect(Console.selectedEnvelope(state)?.id == F.awaitingEnvelopeID)
        #expect(F.press(&state, c("a")).isEmpty)
        guard case .confirm(let confirmation) = state.mode else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.question == "Approve envelope #27?")
        #expect(confirmation.details == ["#27  acme  STRIPE_CREATE_REFUND  critical  awaiting_approval"])
        #expect(F.press(&state, c("y")) == [.perform(.envelopes(.approve, ids: [27]))])
        // A medium one is approved at once (the flash names it when done).
        var medium = F.state(.outbox)
        #expect(Console.selectedEnvelope(medium)?.risk == .medium)
        #expect(F.press(&medium, c("a")) == [.perform(.envelopes(.approve, ids: [40]))])
    }

    @Test("the confirmation of marked rows names rows that scrolled out of the loaded window")
    func marksAreNamedWhenOutOfView() throws {
        var state = F.state(.outbox)
        F.press(&state, c(" "))
        F.press(&state, c("G"))
        F.press(&state, c(" "))
        F.press(&state, c("d"))
        guard case .confirm(let confirmation) = state.mode else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.question == "Discard 2 envelopes?")
        #expect(confirmation.details.count == 2)
        #expect(confirmation.details[0].hasPrefix("#1  "))
        #expect(confirmation.details[1].hasPrefix("#40  acme  GMAIL_SEND_EMAIL"))
    }

    @Test("accepting a drift alert names it and how many envelopes it releases")
    func driftAcceptNamesTheAlert() throws {
        var state = F.state(.drift)
        F.press(&state, c("A"))
        guard case .confirm(let confirmation) = state.mode else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.question == "Accept drift alert #3?")
        #expect(confirmation.details.count == 1)
        #expect(confirmation.details[0].hasPrefix("#3  "))
        #expect(confirmation.details[0].hasSuffix("releases 2 held envelopes"))
    }

    @Test("a view key and Enter typed in one burst open the detail once the rows arrive")
    func burstEnterOpensTheDetail() {
        var state = F.state(.tenants)
        F.press(&state, c("4"), reload: false)
        F.press(&state, .enter, reload: false)
        #expect(state.detail == nil && state.pendingDetail)
        F.load(&state)
        #expect(state.detail == .envelope(40))
        #expect(!state.pendingDetail)
    }

    @Test("q closes a detail but never clears a filter; Esc does")
    func qDoesNotClearTheFilter() {
        var state = F.state(.outbox)
        F.press(&state, c("/"))
        F.type(&state, "status:dead")
        F.press(&state, .enter)
        F.press(&state, .enter)
        #expect(state.detail != nil)
        F.press(&state, c("q"))
        #expect(state.detail == nil)
        F.press(&state, c("q"))
        #expect(state.filter(.outbox) == EnvelopeFilter(statuses: [.dead]))
        #expect(state.flash?.text == "q closes a detail; Esc clears marks and filters; Q quits")
        F.press(&state, .escape)
        #expect(state.filter(.outbox).isEmpty)
    }
}
