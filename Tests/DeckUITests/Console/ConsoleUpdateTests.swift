import DeckCore
import DeckUI
import Foundation
import Testing

/// A printable key.
private func c(_ character: Character) -> Key { .character(character) }

/// Key sequences (and mouse, resize, time and loader messages) → state and effects.
@Suite("Console.update")
struct ConsoleUpdateTests {
    typealias F = ConsoleFixture

    /// Runs a `:` command and returns its effects.
    @discardableResult
    static func command(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        var effects = F.press(&state, c(":"))
        effects += F.type(&state, text)
        effects += F.press(&state, .enter)
        return effects
    }

    /// Types a filter after `/` and applies it.
    static func filter(_ state: inout ConsoleState, _ text: String) {
        F.press(&state, c("/"))
        _ = Console.update(&state, .key(.control("u")))
        F.type(&state, text)
        F.press(&state, .enter)
    }

    /// A reset position once rows have loaded: the cursor on the top row, pinned to it by id.
    static func top(_ state: ConsoleState) -> ListPosition {
        var position = ListPosition()
        position.selectedID = state.data.envelopes.first?.id.rawValue
        return position
    }

    static func confirmation(_ state: ConsoleState) -> DeckUI.Confirmation? {
        if case .confirm(let confirmation) = state.mode { return confirmation }
        return nil
    }

    // MARK: Views

    @Test("number keys 1–7 show each view")
    func numberKeys() {
        var state = F.state(.outbox)
        for view in ConsoleViewKind.allCases {
            F.press(&state, c(Character(String(view.rawValue))))
            #expect(state.view == view)
        }
    }

    @Test("Tab and Shift-Tab cycle the views, wrapping around")
    func tabCycles() {
        var state = F.state(.outbox)
        F.press(&state, .tab)
        #expect(state.view == .dlq)
        for _ in 0..<6 { F.press(&state, .tab) }
        #expect(state.view == .outbox)
        F.press(&state, c("1"), .backTab)
        #expect(state.view == .telemetry)
        F.press(&state, .tab)
        #expect(state.view == .tenants)
        F.press(&state, .backTab, .backTab)
        #expect(state.view == .audit)
    }

    @Test("switching views closes an open detail")
    func switchClosesDetail() {
        var state = F.state(.outbox)
        F.press(&state, .enter)
        #expect(state.detail != nil)
        F.press(&state, .tab)
        #expect(state.detail == nil)
        #expect(state.detailOffset == 0)
    }

    // MARK: Movement in short lists

    /// The accounts view with 20 accounts on a 80×12 screen (6 data rows).
    static func longAccounts() -> ConsoleState {
        var state = F.state(.accounts, width: 80, height: 12)
        var data = F.data(for: state.dataRequest)
        data.accounts = (0..<20).map { index in
            let n = String(format: "%02d", index)
            return ConnectedAccount(
                id: ConnectedAccountID("ca_\(n)"), tenantID: F.acmeID, provider: "p\(n)", status: .active,
                createdAt: F.now, updatedAt: F.now)
        }
        F.load(&state, with: data)
        return state
    }

    @Test("j/k/PgDn/PgUp/g/G move index and offset in a short list")
    func shortListMovement() {
        var state = Self.longAccounts()
        #expect(state.visibleRows == 6)
        func at(_ index: Int, _ offset: Int, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(state.position(.accounts).index == index, sourceLocation: sourceLocation)
            #expect(state.position(.accounts).offset == offset, sourceLocation: sourceLocation)
            #expect(Console.selectedIndex(state, .accounts) == index, sourceLocation: sourceLocation)
        }
        F.press(&state, c("k"))
        at(0, 0)
        F.press(&state, c("j"))
        at(1, 0)
        F.press(&state, c("j"), c("j"), c("j"), c("j"))
        at(5, 0)
        F.press(&state, .down)
        at(6, 1)
        F.press(&state, .pageDown)
        at(12, 7)
        F.press(&state, .pageUp)
        at(6, 6)
        F.press(&state, c("G"))
        at(19, 14)
        #expect(state.position(.accounts).wantsBottom == false)
        F.press(&state, .pageDown, c("j"))
        at(19, 14)
        F.press(&state, c("g"))
        at(0, 0)
        F.press(&state, .end, .up)
        at(18, 14)
        F.press(&state, .home)
        at(0, 0)
    }

    @Test("the tenants list is short too: G selects the last tenant")
    func tenantsBottom() {
        var state = F.state(.tenants)
        F.press(&state, c("G"))
        #expect(state.position(.tenants).index == 2)
        #expect(Console.tenantRows(state)[2].tenant.name == F.nihonName)
    }

    // MARK: Movement in windowed lists

    @Test("j/k/PgDn/g move selectedID and cursorRow in the outbox's keyset window")
    func windowedMovement() {
        var state = F.state(.outbox)
        #expect(state.visibleRows == 18)
        #expect(state.data.envelopes.count == 37)
        #expect(state.data.windowAtTop)
        #expect(!state.data.windowAtBottom)
        #expect(state.position(.outbox).selectedID == 40, "pinned to the top row once loaded")
        #expect(Console.selectedEnvelope(state)?.id == 40)

        F.press(&state, c("j"))
        #expect(state.position(.outbox).selectedID == 39)
        #expect(state.position(.outbox).cursorRow == 1)
        #expect(state.loadedRequest?.window == WindowRequest(anchor: .id(39), above: 19, below: 36))
        #expect(Console.selectedEnvelope(state)?.id == 39)

        // Back up at the top of the window: pinned on the newest row (only the audit view follows).
        F.press(&state, c("k"))
        #expect(state.position(.outbox).selectedID == 40)
        #expect(state.position(.outbox).cursorRow == 0)

        F.press(&state, c("g"))
        #expect(state.position(.outbox).selectedID == 40)
        F.press(&state, .pageDown)
        #expect(state.position(.outbox).selectedID == 22)
        #expect(state.position(.outbox).cursorRow == 17)
        #expect(Console.windowOffset(state, .outbox) == Console.selectedIndex(state, .outbox)! - 17)

        // Further down the cursor stays on the last screen row while the window slides.
        F.press(&state, c("j"))
        #expect(state.position(.outbox).selectedID == 21)
        #expect(state.position(.outbox).cursorRow == 17)
        F.press(&state, c("g"))
        #expect(state.position(.outbox) == Self.top(state))
    }

    @Test("G asks for the bottom window; the next bottom load selects the oldest row")
    func windowedBottom() {
        var state = F.state(.outbox)
        F.press(&state, c("G"), reload: false)
        #expect(state.position(.outbox).wantsBottom)
        #expect(state.dataRequest.window == WindowRequest(anchor: .bottom, above: 0, below: 36))

        // A load answering an older (top) request does not settle it.
        let stale = DataRequest(view: .outbox, window: WindowRequest(anchor: .top, above: 0, below: 37))
        _ = Console.update(&state, .loaded(stale, F.data(for: stale)))
        #expect(state.position(.outbox).wantsBottom)

        F.load(&state)
        #expect(state.loadedRequest?.window.anchor == .bottom)
        #expect(!state.position(.outbox).wantsBottom)
        #expect(state.position(.outbox).selectedID == 1)
        #expect(state.position(.outbox).cursorRow == 17)
        #expect(state.data.windowAtBottom)
        #expect(!state.data.windowAtTop)
        #expect(Console.selectedEnvelope(state)?.id == 1)
        #expect(Console.windowOffset(state, .outbox) == state.data.envelopes.count - 18)

        // From the bottom, k moves up one row.
        F.press(&state, c("k"))
        #expect(Console.selectedEnvelope(state)?.id == 2)
        #expect(state.position(.outbox).cursorRow == 16)
    }

    // MARK: Filters

    @Test("/ status:dead Enter sets the outbox filter and resets the position")
    func filterInput() {
        var state = F.state(.outbox)
        F.press(&state, c("j"), c("j"), c(" "))
        #expect(state.position(.outbox).selectedID != nil)
        #expect(state.marks[.outbox] != nil)
        F.press(&state, c("/"))
        #expect(state.mode == .input(.filter, text: ""))
        F.type(&state, "status:dead")
        #expect(state.mode == .input(.filter, text: "status:dead"))
        let effects = F.press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.mode == .normal)
        #expect(state.filter(.outbox) == EnvelopeFilter(statuses: [.dead]))
        #expect(state.position(.outbox) == Self.top(state))
        #expect(state.marks[.outbox] == nil)
        #expect(state.flash?.text == "filter: status:dead")
        #expect(state.flash?.isError == false)
        #expect(state.dataRequest.envelopeFilter == EnvelopeFilter(statuses: [.dead]))
        #expect(state.data.envelopes.allSatisfy { $0.status == .dead })
        // / again starts from the current filter.
        F.press(&state, c("/"))
        #expect(state.mode == .input(.filter, text: "status:dead"))
    }

    @Test("a bad filter shows its error beside the open line; Esc puts the old filter and position back")
    func badFilter() {
        var state = F.state(.outbox)
        Self.filter(&state, "status:dead")
        F.press(&state, c("j"))
        let position = state.position(.outbox)
        Self.filter(&state, "status:bogus")
        #expect(state.mode == .input(.filter, text: "status:bogus"))
        #expect(state.inputNoteIsError && state.inputNote?.contains("unknown status 'bogus'") == true)
        #expect(F.text(state).contains("/status:bogus█  unknown status 'bogus'"))
        F.press(&state, .escape)
        #expect(state.mode == .normal)
        #expect(state.filter(.outbox) == EnvelopeFilter(statuses: [.dead]))
        #expect(state.position(.outbox) == position)
        #expect(state.inputNote == nil)
    }

    @Test("a filter applies as it is typed, with its match count; Enter keeps it, Esc undoes it")
    func liveFilter() {
        var state = F.state(.outbox)
        F.press(&state, c("/"))
        for character in "gmail" {
            F.press(&state, c(character))
        }
        #expect(state.filter(.outbox).words == ["gmail"])
        #expect(state.data.envelopes.allSatisfy { $0.toolSlug.rawValue.contains("GMAIL") }, "bare words match any case")
        #expect(state.data.matchCount == state.data.envelopes.count)
        #expect(F.text(state).contains("/gmail█  \(state.data.envelopes.count) matches"))
        F.press(&state, .escape)
        #expect(state.filter(.outbox).isEmpty && state.mode == .normal)
        F.press(&state, c("/"))
        F.type(&state, "apex")
        F.press(&state, .enter)
        #expect(state.mode == .normal && state.filter(.outbox).words == ["apex"])
        #expect(!state.data.envelopes.isEmpty && state.data.envelopes.allSatisfy { $0.tenantID == F.apexID }, "tenant names match")
    }

    @Test(":filter with a bad value is one error line; command mode never becomes a filter prompt")
    func commandModeFilterError() {
        var state = F.state(.audit)
        Self.command(&state, "filter status:dead")
        #expect(state.mode == .normal)
        #expect(state.flash?.isError == true)
        #expect(state.flash?.text == "unknown filter key 'status' (category)")
        // The next : is a command again.
        Self.command(&state, "outbox")
        #expect(state.view == .outbox)
    }

    @Test("Tab in the filter line completes keys and values and lists several")
    func filterTab() {
        var state = F.state(.outbox)
        F.press(&state, c("/"))
        F.type(&state, "st")
        F.press(&state, .tab)
        #expect(state.mode == .input(.filter, text: "status:"))
        F.type(&state, "d")
        F.press(&state, .tab)
        #expect(state.mode == .input(.filter, text: "status:dead "))
        F.type(&state, "risk:")
        F.press(&state, .tab)
        #expect(state.inputNote == "low  medium  high  critical")
        #expect(state.filter(.outbox).statuses == [.dead])
    }

    @Test("typing: Backspace deletes, Ctrl-U clears, Esc cancels without applying")
    func inputEditing() {
        var state = F.state(.outbox)
        F.press(&state, c("/"))
        F.type(&state, "risk:hi")
        F.press(&state, .backspace)
        #expect(state.mode == .input(.filter, text: "risk:h"))
        _ = Console.update(&state, .key(.control("u")))
        #expect(state.mode == .input(.filter, text: ""))
        F.type(&state, "risk:high")
        F.press(&state, .escape)
        #expect(state.mode == .normal)
        #expect(state.filter(.outbox).isEmpty)
        // Keys typed into the line are text, not commands.
        F.press(&state, c("/"))
        let effects = F.type(&state, "Qjd")
        #expect(effects.isEmpty)
        #expect(state.mode == .input(.filter, text: "Qjd"))
    }

    @Test("the audit view takes a category filter; short lists have none")
    func otherFilters() {
        var state = F.state(.audit)
        Self.filter(&state, "drift,account")
        #expect(state.auditFilter == AuditFilter(categories: [.drift, .account]))
        #expect(state.data.auditEvents.allSatisfy { $0.category == .drift || $0.category == .account })
        var tenants = F.state(.tenants)
        #expect(F.press(&tenants, c("/")).isEmpty)
        #expect(tenants.mode == .normal, "/ is not bound where there is nothing to filter")
    }

    // MARK: Command mode

    @Test(":tenant NAME scopes every view and resets positions and marks")
    func commandModeTenant() {
        var state = F.state(.outbox)
        F.press(&state, c("j"), c(" "))
        let effects = Self.command(&state, "tenant acme")
        #expect(effects.isEmpty)
        #expect(state.scope == .tenant(F.acmeID))
        #expect(state.scopeName == "acme")
        #expect(state.flash?.text == "tenant acme")
        #expect(state.marks.isEmpty)
        #expect(state.position(.outbox) == Self.top(state))
        #expect(state.data.envelopes.allSatisfy { $0.tenantID == F.acmeID })
        #expect(state.dataRequest.scope == .tenant(F.acmeID))

        Self.command(&state, "tenant \(F.nihonName)")
        #expect(state.scope == .tenant(F.nihonID))
        Self.command(&state, "tenant \(F.apexID.rawValue)")
        #expect(state.scope == .tenant(F.apexID))
        Self.command(&state, "tenant nobody")
        #expect(state.scope == .tenant(F.apexID))
        #expect(state.flash?.isError == true)
        #expect(state.flash?.text == "unknown tenant 'nobody'")
        Self.command(&state, "tenant all")
        #expect(state.scope == .allTenants)
    }

    @Test(":theme NAME returns .setTheme only for a known theme")
    func commandModeTheme() {
        var state = F.state(.outbox)
        #expect(Self.command(&state, "theme light") == [.setTheme("light")])
        #expect(state.themeName == "light")
        #expect(Self.command(&state, "theme neon").isEmpty)
        #expect(state.themeName == "light")
        #expect(state.flash?.isError == true)
        #expect(state.flash?.text.hasPrefix("unknown theme 'neon'") == true)
    }

    @Test(":dlq and :view NAME switch views; unknown commands flash an error")
    func commandModeViews() {
        var state = F.state(.outbox)
        #expect(Self.command(&state, "dlq").isEmpty)
        #expect(state.view == .dlq)
        Self.command(&state, "view audit")
        #expect(state.view == .audit)
        Self.command(&state, "Telemetry")
        #expect(state.view == .telemetry)
        Self.command(&state, "view nowhere")
        #expect(state.view == .telemetry)
        #expect(state.flash == Flash("unknown view 'nowhere'", isError: true, expiresAt: F.later(5)))
        Self.command(&state, "frobnicate now")
        #expect(state.flash?.text == "unknown command ':frobnicate' (Tab completes)")
        #expect(state.flash?.isError == true)
        #expect(state.mode == .normal)
        #expect(Self.command(&state, "").isEmpty)
        #expect(Self.command(&state, "help").isEmpty)
        #expect(state.mode == .help(offset: 0))
    }

    @Test(":q and :quit quit")
    func commandModeQuit() {
        var state = F.state(.outbox)
        #expect(Self.command(&state, "q") == [.quit])
        #expect(Self.command(&state, "quit") == [.quit])
    }

    @Test("Tab completes a command, then its argument; several candidates are listed beside the line")
    func commandModeCompletion() {
        var state = F.state(.outbox)
        F.press(&state, c(":"))
        F.type(&state, "the")
        F.press(&state, .tab)
        #expect(state.mode == .input(.command, text: "theme "))
        F.type(&state, "l")
        F.press(&state, .tab)
        #expect(state.mode == .input(.command, text: "theme light "))

        F.press(&state, .escape, c(":"))
        F.type(&state, "tenant a")
        F.press(&state, .tab)
        #expect(state.mode == .input(.command, text: "tenant a"))
        #expect(state.inputNote == "all  acme  apex")
        #expect(!state.inputNoteIsError)
        F.type(&state, "c")
        F.press(&state, .tab)
        #expect(state.mode == .input(.command, text: "tenant acme "))
        #expect(F.press(&state, .enter).isEmpty)
        #expect(state.scope == .tenant(F.acmeID))
    }

    @Test("CommandMode.complete: common prefixes, no match, filter keys")
    func completeFunction() {
        let context = CommandMode.Context(tenantNames: ["acme", "apex"], themeNames: ["dark", "light"])
        #expect(CommandMode.complete("te", context: context).text == "te")
        #expect(Set(CommandMode.complete("te", context: context).candidates) == ["tenant", "tenants", "telemetry"])
        #expect(CommandMode.complete("zz", context: context).text == "zz")
        #expect(CommandMode.complete("zz", context: context).candidates.isEmpty)
        #expect(CommandMode.complete("filter st", context: context).text == "filter status:")
        #expect(CommandMode.complete("approve ", context: context).text == "approve all ")
        #expect(CommandMode.complete("", context: context).candidates.count == CommandMode.commands.count)
    }

    // MARK: Marks and actions

    @Test("Space marks the row and moves down")
    func markMoves() {
        var state = F.state(.outbox)
        F.press(&state, c(" "))
        #expect(state.marks[.outbox] == [40])
        #expect(state.position(.outbox).selectedID == 39)
        F.press(&state, c(" "))
        #expect(state.marks[.outbox] == [40, 39])
        F.press(&state, c("k"), c(" "))
        #expect(state.marks[.outbox] == [40])
        // Marks are per view.
        F.press(&state, c("5"), c(" "))
        #expect(state.marks[.dlq] == [29])
        #expect(state.marks[.outbox] == [40])
        // Space does nothing in the tenants view.
        F.press(&state, c("1"), c(" "))
        #expect(state.marks[.tenants] == nil)
        #expect(state.position(.tenants).index == 0)
    }

    @Test("a on one row performs at once")
    func approveOne() {
        var state = F.state(.outbox)
        #expect(F.press(&state, c("a")) == [.perform(.envelopes(.approve, ids: [40]))])
        #expect(state.mode == .normal)
        var dlq = F.state(.dlq)
        #expect(F.press(&dlq, c("r")) == [.perform(.envelopes(.retry, ids: [29]))])
    }

    @Test("a with two marks asks first; y performs, n cancels")
    func approveMarked() throws {
        var state = F.state(.outbox)
        F.press(&state, c(" "), c(" "))
        #expect(F.press(&state, c("a")).isEmpty)
        let confirmation = try #require(Self.confirmation(state))
        let action = ConsoleAction.envelopes(.approve, ids: [39, 40])
        #expect(confirmation == DeckUI.Confirmation(
            action: action, count: 2, question: "Approve 2 envelopes?",
            details: ["#39  apex  HUBSPOT_CREATE_CONTACT  medium  pending", "#40  acme  GMAIL_SEND_EMAIL  medium  pending"]))
        // Other keys are ignored while the dialog is open.
        #expect(F.press(&state, c("j"), c("a"), c("4")).isEmpty)
        #expect(Self.confirmation(state) == confirmation)
        #expect(F.press(&state, c("y")) == [.perform(action)])
        #expect(state.mode == .normal)

        F.press(&state, c("a"))
        #expect(F.press(&state, c("n")).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.flash?.text == "cancelled")
        F.press(&state, c("a"))
        #expect(F.press(&state, .escape).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.marks[.outbox] == [39, 40])
    }

    @Test("d always asks first, even for one row")
    func discardConfirms() throws {
        var state = F.state(.dlq)
        #expect(F.press(&state, c("d")).isEmpty)
        let confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.action == .envelopes(.discard, ids: [29]))
        #expect(confirmation.question == "Discard envelope #29?")
        #expect(F.press(&state, c("Y")) == [.perform(.envelopes(.discard, ids: [29]))])
    }

    @Test("o jumps from a drift alert (row or detail) to the envelopes it holds")
    func showHeld() throws {
        var state = F.state(.drift)
        F.press(&state, c("o"))
        #expect(state.view == .outbox)
        #expect(state.filter(.outbox) == EnvelopeFilter(heldBy: 3))
        #expect(state.flash?.text == "envelopes held by drift alert #3: 2 (A in the drift view releases them)")
        #expect(state.dataRequest.envelopeFilter.query(for: .outbox, order: .newestFirst, after: nil, limit: 10).heldBy == 3)
        // From the detail of another alert, and the filter reads back as text.
        var detail = F.state(.drift)
        F.press(&detail, c("j"), .enter, c("o"))
        #expect(detail.view == .outbox && detail.detail == nil)
        #expect(detail.filter(.outbox).heldBy == 2)
        #expect(detail.filter(.outbox).text == "held:2")
        #expect(try EnvelopeFilter.parse("held:2") == EnvelopeFilter(heldBy: 2))
        #expect(throws: InvalidInput.self) { try EnvelopeFilter.parse("held:x") }
        // Elsewhere `o` does nothing.
        var outbox = F.state(.outbox)
        #expect(F.press(&outbox, c("o")).isEmpty && outbox.view == .outbox)
    }

    @Test("A accepts drift alerts after confirmation")
    func acceptDrift() throws {
        var state = F.state(.drift)
        F.press(&state, c("A"))
        #expect(try #require(Self.confirmation(state)).action == .acceptDrift([3]))
        F.press(&state, c("n"), c(" "), c(" "), c("A"))
        let confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.action == .acceptDrift([2, 3]))
        #expect(confirmation.question == "Accept 2 drift alerts?")
        // a/r/d are outbox keys.
        F.press(&state, .escape)
        #expect(F.press(&state, c("a"), c("d")).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test("a successful action clears the view's marks; a failed one keeps them")
    func actionFinished() {
        var state = F.state(.outbox)
        F.press(&state, c(" "), c(" "))
        _ = Console.update(&state, .actionFinished(ActionOutcome("approved 0 envelopes; skipped 2", isError: true)))
        #expect(state.marks[.outbox] == [39, 40])
        #expect(state.flash?.isError == true)
        _ = Console.update(&state, .actionFinished(ActionOutcome("approved 2 envelopes: 39, 40")))
        #expect(state.marks[.outbox] == nil)
        #expect(state.flash == Flash("approved 2 envelopes: 39, 40", isError: false, expiresAt: F.later(5)))
    }

    static func rows(_ specs: [(Int64, String, RiskTier)]) -> ActionPreview {
        ActionPreview(rows: specs.map {
            ActionPreview.Row(id: EnvelopeID($0.0), tenant: $0.1, tool: "GMAIL_SEND_EMAIL", risk: $0.2, status: .awaitingApproval)
        })
    }

    @Test(":approve all previews first; the confirmation names the rows and acts on exactly those ids")
    func approveAll() throws {
        var state = F.state(.outbox)
        let all = ConsoleAction.matching(.approve, view: .outbox, scope: .allTenants, filter: EnvelopeFilter())
        #expect(Self.command(&state, "approve all") == [.preview(all)])
        #expect(state.mode == .normal)
        _ = Console.update(&state, .previewed(all, Self.rows([(27, "acme", .low), (30, "acme", .high), (31, "acme", .medium)])))
        let confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.count == 3)
        #expect(confirmation.question == "Approve 3 envelopes across ALL tenants (1 here)?")
        #expect(confirmation.details == [
            "in outbox, no filter", "#27  acme  GMAIL_SEND_EMAIL  low  awaiting_approval", "#30  acme  GMAIL_SEND_EMAIL  high  awaiting_approval",
            "#31  acme  GMAIL_SEND_EMAIL  medium  awaiting_approval",
        ])
        #expect(!confirmation.requiresTypedCount)
        // The rows previewed, not whatever matches when the operator says yes.
        #expect(F.press(&state, c("y")) == [.perform(.envelopes(.approve, ids: [27, 30, 31]))])

        // With a tenant and a filter the question says so.
        Self.command(&state, "tenant acme")
        Self.filter(&state, "status:awaiting")
        let scoped = ConsoleAction.matching(
            .approve, view: .outbox, scope: .tenant(F.acmeID), filter: EnvelopeFilter(statuses: [.awaitingApproval]))
        #expect(Self.command(&state, "approve all") == [.preview(scoped)])
        _ = Console.update(&state, .previewed(scoped, Self.rows([(27, "acme", .low)])))
        #expect(Self.confirmation(state)?.question
            == "Approve 1 envelope of tenant acme?")
        #expect(Self.confirmation(state)?.details.first == "in outbox, filter 'status:awaiting_approval'")
    }

    @Test("a bulk action across tenants or over the threshold is confirmed by typing the count")
    func typedCountConfirmation() throws {
        var state = F.state(.outbox)
        let all = ConsoleAction.matching(.discard, view: .outbox, scope: .allTenants, filter: EnvelopeFilter())
        _ = Console.update(&state, .previewed(all, Self.rows([(27, "acme", .low), (28, "apex", .low)])))
        var confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.requiresTypedCount)
        // y is not enough; a wrong count is not enough.
        #expect(F.press(&state, c("y")).isEmpty)
        #expect(state.flash?.text == "type 2, then Enter, to confirm (Esc cancels)")
        #expect(F.press(&state, c("3"), .enter).isEmpty)
        confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.typed == "")
        #expect(F.press(&state, c("2"), .enter) == [.perform(.envelopes(.discard, ids: [27, 28]))])
        #expect(state.mode == .normal)

        // One tenant, but more rows than the threshold.
        state.bulkConfirmThreshold = 2
        let many = Self.rows([(1, "acme", .low), (2, "acme", .low), (3, "acme", .medium)])
        _ = Console.update(&state, .previewed(all, many))
        confirmation = try #require(Self.confirmation(state))
        #expect(confirmation.requiresTypedCount)
        #expect(F.press(&state, .escape).isEmpty && state.mode == .normal)
        // Many rows are named by their counts.
        let big = ActionPreview(rows: (1...9).map {
            ActionPreview.Row(id: EnvelopeID($0), tenant: $0 % 3 == 0 ? "apex" : "acme", tool: "T", risk: $0 % 2 == 0 ? .high : .low, status: .pending)
        }, leftOutCritical: 4)
        #expect(big.lines == [
            "tenants: acme 6, apex 3", "status: pending 9", "risk: low 5, high 4",
            "4 critical left out (filter risk:critical to approve them)",
        ])
    }

    @Test(".previewed with nothing flashes that nothing matches, naming critical rows left out")
    func previewedNothing() {
        var state = F.state(.dlq)
        let action = ConsoleAction.matching(.retry, view: .dlq, scope: .allTenants, filter: EnvelopeFilter())
        #expect(Self.command(&state, "retry all") == [.preview(action)])
        _ = Console.update(&state, .previewed(action, ActionPreview(rows: [])))
        #expect(state.mode == .normal)
        #expect(state.flash?.text == "nothing matches the filter")
        #expect(state.flash?.isError == true)
        _ = Console.update(&state, .previewed(action, ActionPreview(rows: [], leftOutCritical: 3)))
        #expect(state.flash?.text == "nothing matches the filter but 3 critical (filter risk:critical to approve them)")
    }

    @Test(":approve and friends: only in envelope views, only with nothing or 'all'")
    func commandModeActions() {
        var state = F.state(.outbox)
        #expect(Self.command(&state, "approve") == [.perform(.envelopes(.approve, ids: [40]))])
        #expect(Self.command(&state, "approve some").isEmpty)
        #expect(state.flash?.text == ":approve takes nothing or 'all'")
        Self.command(&state, "discard")
        #expect(Self.confirmation(state)?.action == .envelopes(.discard, ids: [40]))
        F.press(&state, c("n"))
        var tenants = F.state(.tenants)
        #expect(Self.command(&tenants, "retry all").isEmpty)
        #expect(tenants.flash?.text == ":retry works in the outbox and DLQ views")
        #expect(Self.command(&tenants, "accept").isEmpty)
        #expect(tenants.flash?.text == ":accept works in the drift view")
        var drift = F.state(.drift)
        Self.command(&drift, "accept")
        #expect(Self.confirmation(drift)?.action == .acceptDrift([3]))
    }

    // MARK: Read-only

    @Test("read-only: a, r, d and A do nothing but say why")
    func readOnlyRefuses() {
        var state = F.state(.outbox, readOnly: true)
        for key in ["a", "r", "d"] as [Character] {
            state.flash = nil
            #expect(F.press(&state, c(key)).isEmpty)
            #expect(state.mode == .normal)
            #expect(state.flash == Flash("read-only console: actions are disabled", isError: true, expiresAt: F.later(5)))
        }
        for command in ["approve all", "retry", "discard all"] {
            state.flash = nil
            #expect(Self.command(&state, command).isEmpty)
            #expect(state.mode == .normal)
            #expect(state.flash?.text == "read-only console: actions are disabled")
        }
        var drift = F.state(.drift, readOnly: true)
        #expect(F.press(&drift, c("A")).isEmpty)
        #expect(drift.mode == .normal)
        #expect(drift.flash?.isError == true)
        #expect(Self.command(&drift, "accept").isEmpty)
        #expect(drift.mode == .normal)
        // Reading still works; marking (which only serves actions) does not.
        F.press(&state, c("j"), c(" "), .enter)
        #expect(state.detail == .envelope(39))
        #expect(state.marks[.outbox] == nil)
        #expect(F.press(&state, c("a")).isEmpty)
    }

    @Test("read-only: the key map and help leave the write keys out")
    func readOnlyHelp() {
        for view in ConsoleViewKind.allCases {
            #expect(!KeyMap.standard.bindings(in: view, readOnly: true).contains { $0.writes })
        }
        var state = F.state(.outbox, width: 120, height: 80, readOnly: true)
        F.press(&state, c("?"))
        let text = F.text(state)
        for binding in KeyMap.standard.bindings where binding.writes {
            #expect(!text.contains(binding.help), "\(binding.help)")
        }
        #expect(text.contains("Read-only: approve, retry, discard and accept are disabled."))
        #expect(text.contains("read-only"))
        var writable = F.state(.outbox, width: 120, height: 80)
        F.press(&writable, c("?"))
        #expect(!F.text(writable).contains("Read-only:"))
    }

    // MARK: Detail

    @Test("Enter opens the detail of the selected row in every list view")
    func enterOpensDetail() {
        let expected: [(ConsoleViewKind, DetailRequest)] = [
            (.tenants, .tenant(F.acmeID)), (.accounts, .account("ca_acme_gmail")), (.drift, .drift(3)),
            (.outbox, .envelope(40)), (.dlq, .envelope(29)), (.audit, .audit(40)),
        ]
        for (view, request) in expected {
            var state = F.state(view)
            F.press(&state, .enter)
            #expect(state.detail == request, "\(view)")
            #expect(state.dataRequest.detail == request)
            #expect(state.loadedRequest?.detail == request)
            #expect(state.data.detail != nil)
        }
        var telemetry = F.state(.telemetry)
        F.press(&telemetry, .enter)
        #expect(telemetry.detail == nil)
        var tenants = F.state(.tenants)
        F.press(&tenants, c("j"), c("l"))
        #expect(tenants.detail == .tenant(F.apexID))
    }

    @Test("in a detail, j/k/PgDn/g scroll it; Esc closes it")
    func detailScrolls() {
        var state = F.state(.outbox)
        F.press(&state, c("j"), .enter)
        #expect(state.detail == .envelope(39))
        state.height = 12
        F.press(&state, c("j"), c("j"))
        #expect(state.detailOffset == 2)
        #expect(state.position(.outbox).selectedID == 39)
        F.press(&state, c("k"))
        #expect(state.detailOffset == 1)
        F.press(&state, .pageDown)
        #expect(state.detailOffset == 1 + state.visibleRows)
        F.press(&state, c("g"))
        #expect(state.detailOffset == 0)
        F.press(&state, c("k"))
        #expect(state.detailOffset == 0)
        // Space and Enter do nothing while it is open.
        F.press(&state, c(" "), .enter)
        #expect(state.marks[.outbox] == nil)
        #expect(state.detail == .envelope(39))
        F.press(&state, c("j"), .escape)
        #expect(state.detail == nil)
        #expect(state.detailOffset == 0)
        #expect(state.dataRequest.detail == nil)
    }

    @Test("a in an envelope's detail acts on that envelope")
    func actionInDetail() {
        var state = F.state(.outbox)
        F.press(&state, c("j"), c("j"), .enter)
        #expect(F.press(&state, c("a")) == [.perform(.envelopes(.approve, ids: [38]))])
        F.press(&state, c("d"))
        #expect(Self.confirmation(state)?.action == .envelopes(.discard, ids: [38]))
    }

    // MARK: Esc

    @Test("Esc clears marks, then the filter, then the tenant scope")
    func escOrder() {
        var state = F.state(.outbox)
        Self.command(&state, "tenant acme")
        Self.filter(&state, "status:pending")
        F.press(&state, c(" "), .enter)
        #expect(state.detail != nil)

        F.press(&state, .escape)
        #expect(state.detail == nil)
        #expect(state.marks[.outbox] != nil)

        F.press(&state, .escape)
        #expect(state.marks[.outbox] == nil)
        #expect(state.flash?.text == "marks cleared")
        #expect(!state.filter(.outbox).isEmpty)

        F.press(&state, c("j"), .escape)
        #expect(state.filter(.outbox).isEmpty)
        #expect(state.position(.outbox) == Self.top(state))
        #expect(state.flash?.text == "filter cleared")
        #expect(state.scope == .tenant(F.acmeID))

        F.press(&state, .escape)
        #expect(state.scope == .allTenants)
        #expect(state.flash?.text == "showing all tenants")

        #expect(F.press(&state, .escape).isEmpty)
        #expect(state.flash?.text == "Q quits")
        #expect(F.press(&state, c("q"), c("h"), .left).isEmpty)
    }

    @Test("Esc clears the audit filter")
    func escAuditFilter() {
        var state = F.state(.audit)
        Self.filter(&state, "category:envelope")
        F.press(&state, .escape)
        #expect(state.auditFilter.isEmpty)
        #expect(state.flash?.text == "filter cleared")
    }

    // MARK: Audit follow

    @Test("f pauses and resumes following the audit tail")
    func follow() {
        var state = F.state(.audit)
        #expect(state.position(.audit).selectedID == nil)
        #expect(F.text(state).contains("following"))
        F.press(&state, c("f"))
        #expect(state.position(.audit).selectedID == 40)
        #expect(state.flash?.text.hasPrefix("paused") == true)
        #expect(F.text(state).contains("paused"))
        F.press(&state, c("f"))
        #expect(state.position(.audit).selectedID == nil)
        #expect(state.position(.audit).cursorRow == 0)
        #expect(state.flash?.text == "following the audit log")
        // Moving pauses; moving back up to the newest row follows again.
        F.press(&state, c("j"))
        #expect(state.position(.audit).selectedID == 39)
        F.press(&state, c("k"))
        #expect(state.position(.audit).selectedID == nil)
        Self.command(&state, "follow")
        #expect(state.position(.audit).selectedID == 40)
        // f means nothing elsewhere.
        var outbox = F.state(.outbox)
        F.press(&outbox, c("f"))
        #expect(outbox.position(.outbox) == Self.top(outbox))
    }

    // MARK: Quitting

    @Test("Q and Ctrl-C quit from the views, help and the input lines")
    func quit() {
        var state = F.state(.outbox)
        #expect(F.press(&state, c("Q")) == [.quit])
        #expect(Console.update(&state, .key(.control("c"))) == [.quit])
        F.press(&state, c("?"))
        #expect(F.press(&state, c("Q")) == [.quit])
        F.press(&state, .escape, c("/"))
        #expect(Console.update(&state, .key(.control("c"))) == [.quit])
        // In an input line Q is text.
        #expect(F.press(&state, c("Q")).isEmpty)
        var small = F.state(.outbox, width: 40, height: 10)
        #expect(F.press(&small, c("j"), c("?"), .enter).isEmpty)
        #expect(small.mode == .normal)
        #expect(F.press(&small, c("q")) == [.quit])
    }

    // MARK: Help

    @Test("? shows, for each view, every binding's keys and help line from the key map", arguments: ConsoleViewKind.allCases)
    func helpFromKeyMap(_ view: ConsoleViewKind) {
        var state = F.state(view, width: 120, height: 80)
        F.press(&state, c("?"))
        #expect(state.mode == .help(offset: 0))
        let text = F.text(state)
        #expect(text.contains("Keys in \(view.title)"))
        let bindings = KeyMap.standard.bindings(in: view, readOnly: false)
        for binding in bindings {
            let line = text.split(separator: "\n").first { $0.hasSuffix(binding.help) }
            #expect(line != nil, "missing help line '\(binding.help)'")
            #expect(line?.contains(binding.keyText) == true, "keys '\(binding.keyText)' missing for '\(binding.help)'")
        }
        for binding in KeyMap.standard.bindings where !bindings.contains(binding) {
            #expect(!text.split(separator: "\n").contains { $0.hasSuffix(binding.help) }, "'\(binding.help)' is not a key of \(view.name)")
        }
        for command in CommandMode.commands.prefix(11) { #expect(text.contains(":" + command.name)) }
    }

    @Test("every key of a binding runs that binding's command in its views (no key is shadowed)")
    func keyMapConsistent() {
        for view in ConsoleViewKind.allCases {
            for binding in KeyMap.standard.bindings(in: view, readOnly: false) {
                for key in binding.keys {
                    #expect(KeyMap.standard.command(for: key, in: view, readOnly: false) == binding.command,
                            "\(key.displayName) in \(view.name)")
                }
            }
        }
    }

    @Test("help scrolls with j/k/PgDn/g and closes with Esc, ? or q")
    func helpKeys() {
        var state = F.state(.outbox)
        F.press(&state, c("?"), c("j"), c("j"))
        #expect(state.mode == .help(offset: 2))
        F.press(&state, c("k"))
        #expect(state.mode == .help(offset: 1))
        F.press(&state, .pageDown)
        #expect(state.mode == .help(offset: 1 + state.visibleRows))
        F.press(&state, c("g"))
        #expect(state.mode == .help(offset: 0))
        F.press(&state, c("k"))
        #expect(state.mode == .help(offset: 0))
        for close in [Key.escape, c("?"), c("q")] {
            F.press(&state, c("?"))
            #expect(F.press(&state, close).isEmpty)
            #expect(state.mode == .normal)
        }
        // Help does not move the list underneath.
        #expect(state.position(.outbox) == Self.top(state))
    }

    // MARK: Mouse

    @Test("a click on the tabs row switches views")
    func mouseTabs() throws {
        var state = F.state(.outbox)
        let buffer = Console.render(state, theme: .monochrome)
        let titles = Console.tabTitles(state)
        for view in ConsoleViewKind.allCases {
            let x = try #require(F.column(of: "\(view.rawValue) \(titles[view.rawValue - 1])", in: buffer, y: 1))
            #expect(Console.update(&state, .mouse(MouseEvent(.click, x: x, y: 1))).isEmpty)
            #expect(state.view == view)
        }
        // The space between two tabs is no tab.
        let gap = try #require(F.column(of: "1 Tenants", in: buffer, y: 1)) + "1 Tenants".count + 1
        _ = Console.update(&state, .mouse(MouseEvent(.click, x: gap, y: 1)))
        #expect(state.view == .telemetry)
    }

    @Test("a click on a data row selects it")
    func mouseRows() {
        var state = F.state(.outbox)
        _ = Console.update(&state, .mouse(MouseEvent(.click, x: 10, y: 4 + 3)))
        #expect(state.position(.outbox).selectedID == 37)
        #expect(state.position(.outbox).cursorRow == 3)
        F.load(&state)
        #expect(Console.selectedEnvelope(state)?.id == 37)
        // Below the last visible row (the flash and status lines): nothing.
        _ = Console.update(&state, .mouse(MouseEvent(.click, x: 10, y: state.height - 2)))
        #expect(state.position(.outbox).selectedID == 37)

        var tenants = F.state(.tenants)
        _ = Console.update(&tenants, .mouse(MouseEvent(.click, x: 3, y: 5)))
        #expect(tenants.position(.tenants).index == 1)
        // Past the last tenant: nothing.
        _ = Console.update(&tenants, .mouse(MouseEvent(.click, x: 3, y: 9)))
        #expect(tenants.position(.tenants).index == 1)
        // The column header row: nothing.
        _ = Console.update(&tenants, .mouse(MouseEvent(.click, x: 3, y: 3)))
        #expect(tenants.position(.tenants).index == 1)
    }

    @Test("the wheel moves the selection by three, or scrolls an open detail")
    func mouseWheel() {
        var state = F.state(.outbox)
        _ = Console.update(&state, .mouse(MouseEvent(.wheelDown, x: 0, y: 10)))
        #expect(state.position(.outbox).selectedID == 37)
        F.load(&state)
        _ = Console.update(&state, .mouse(MouseEvent(.wheelUp, x: 0, y: 10)))
        #expect(state.position(.outbox).selectedID == 40)
        F.press(&state, .enter)
        _ = Console.update(&state, .mouse(MouseEvent(.wheelDown, x: 0, y: 10)))
        #expect(state.detailOffset == 3)
        _ = Console.update(&state, .mouse(MouseEvent(.wheelUp, x: 0, y: 10)))
        _ = Console.update(&state, .mouse(MouseEvent(.wheelUp, x: 0, y: 10)))
        #expect(state.detailOffset == 0)
        #expect(state.position(.outbox).selectedID == 40)
    }

    @Test("the mouse is ignored under help, a dialog or an input line")
    func mouseIgnored() {
        var state = F.state(.outbox)
        F.press(&state, c("?"))
        _ = Console.update(&state, .mouse(MouseEvent(.click, x: 46, y: 1)))
        _ = Console.update(&state, .mouse(MouseEvent(.wheelDown, x: 0, y: 10)))
        #expect(state.view == .outbox)
        #expect(state.position(.outbox) == Self.top(state))
        F.press(&state, .escape, c("d"))
        _ = Console.update(&state, .mouse(MouseEvent(.click, x: 10, y: 8)))
        #expect(state.position(.outbox) == Self.top(state))
        #expect(Self.confirmation(state) != nil)
    }

    // MARK: Resize, time, loads

    @Test("resize changes visibleRows and keeps the cursor on screen")
    func resize() {
        var state = F.state(.outbox)
        F.press(&state, .pageDown)
        #expect(state.position(.outbox).cursorRow == 17)
        _ = Console.update(&state, .resize(width: 100, height: 40))
        #expect(state.width == 100)
        #expect(state.visibleRows == 34)
        #expect(state.position(.outbox).cursorRow == 17)
        _ = Console.update(&state, .resize(width: 100, height: 12))
        #expect(state.visibleRows == 6)
        #expect(state.position(.outbox).cursorRow == 5)
        #expect(state.dataRequest.window == WindowRequest(anchor: .id(22), above: 11, below: 8))
        _ = Console.update(&state, .resize(width: 30, height: 8))
        #expect(state.isTooSmall)
        #expect(state.visibleRows == 2)
    }

    @Test("a short list's offset follows a resize")
    func resizeShortList() {
        var state = Self.longAccounts()
        F.press(&state, c("G"))
        #expect(state.position(.accounts).offset == 14)
        _ = Console.update(&state, .resize(width: 80, height: 24))
        #expect(state.position(.accounts).index == 19)
        #expect(state.position(.accounts).offset == 14)
        _ = Console.update(&state, .resize(width: 80, height: 8))
        #expect(state.position(.accounts).offset == 18)
    }

    @Test("a tick expires the flash after 5 s")
    func tickExpiresFlash() {
        var state = F.state(.outbox)
        F.press(&state, .escape)
        #expect(state.flash?.expiresAt == F.later(5))
        _ = Console.update(&state, .tick(F.now.adding(milliseconds: 4_999)))
        #expect(state.flash != nil)
        #expect(state.now == F.now.adding(milliseconds: 4_999))
        _ = Console.update(&state, .tick(F.later(5)))
        #expect(state.flash == nil)
        #expect(state.now == F.later(5))
    }

    @Test(".loaded for another view or scope is ignored")
    func staleLoadsIgnored() {
        var state = F.state(.outbox)
        let before = state.data
        let other = DataRequest(view: .tenants)
        _ = Console.update(&state, .loaded(other, F.data(for: other)))
        #expect(state.data == before)
        #expect(state.loadedRequest?.view == .outbox)
        let scoped = DataRequest(view: .outbox, scope: .tenant(F.apexID))
        _ = Console.update(&state, .loaded(scoped, F.data(for: scoped)))
        #expect(state.data == before)
        #expect(state.loadedRequest?.scope == .allTenants)
    }

    @Test(".loadFailed flashes the error; telemetry frames feed the history whatever the view")
    func loadFailedAndHistory() {
        var state = F.state(.outbox)
        state.history = TelemetryHistory()
        _ = Console.update(&state, .loadFailed("database is locked"))
        #expect(state.flash == Flash("load failed: database is locked", isError: true, expiresAt: F.later(5)))
        var data = ConsoleData(counts: [.dead: 4])
        for second in 0..<3 {
            data.telemetry = TelemetryFrame(takenAt: F.later(Int64(second)), attempts: Double(second * 10))
            _ = Console.update(&state, .loaded(DataRequest(view: .tenants), data))
        }
        #expect(state.history.attempts == [10, 10])
        #expect(state.history.dlq == [4, 4])
    }

    @Test("a load that shrinks a short list keeps the cursor on a row")
    func clampOnLoad() {
        var state = F.state(.tenants)
        F.press(&state, c("G"))
        var data = F.data(for: state.dataRequest)
        data.tenants = Array(data.tenants.prefix(1))
        F.load(&state, with: data)
        #expect(state.position(.tenants).index == 0)
    }

    @Test("s cycles the sort of a short list: direction first, then the next column")
    func cycleSort() {
        var state = F.state(.tenants)
        #expect(Console.tenantRows(state).map(\.tenant.name) == ["acme", "apex", F.nihonName])
        F.press(&state, c("s"))
        #expect(state.sorts[.tenants] == ColumnSort(column: 0, ascending: false))
        #expect(Console.tenantRows(state).map(\.tenant.name) == [F.nihonName, "apex", "acme"])
        #expect(state.flash?.text == "sorted by name descending")
        F.press(&state, c("s"))
        #expect(state.sorts[.tenants] == ColumnSort(column: 1, ascending: true))
        #expect(Console.tenantRows(state).map(\.tenant.plan) == ["enterprise", "free", "pro"])
        var drift = F.state(.drift)
        #expect(Console.driftRows(drift).map(\.id) == [3, 2, 1])
        F.press(&drift, c("s"))
        #expect(Console.driftRows(drift).map(\.id) == [1, 2, 3])
    }

    // MARK: Bugs found in review (fixed)

    @Test(":tenants NAME scopes to the tenant, like :tenant NAME (completion offers tenant names after it)")
    func commandModeTenantsAlias() {
        var state = F.state(.outbox)
        #expect(CommandMode.complete("tenants ac", context: Console.commandModeContextForTests(state)).text == "tenants acme ")
        Self.command(&state, "tenants acme")
        #expect(state.scope == .tenant(F.acmeID))
    }

    @Test("Ctrl-C quits from a confirmation dialog, as from every other mode")
    func ctrlCInConfirm() {
        var state = F.state(.dlq)
        F.press(&state, c("d"))
        #expect(Console.update(&state, .key(.control("c"))) == [.quit])
    }

    @Test("k scrolls help back up at once after paging past its end")
    func helpScrollClamped() {
        var state = F.state(.outbox)
        F.press(&state, c("?"), .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        let bottom = F.text(state)
        F.press(&state, c("k"))
        #expect(F.text(state) != bottom)
    }

    @Test("a detail scrolls back up at once after j past its end")
    func detailScrollClamped() {
        var state = F.state(.outbox)
        F.press(&state, .enter)
        for _ in 0..<60 { F.press(&state, c("j")) }
        let bottom = F.text(state)
        F.press(&state, c("k"))
        #expect(F.text(state) != bottom)
    }

    @Test("in a detail, a/r/d act on the envelope shown, not on marks made in the list")
    func detailBeatsMarks() {
        var state = F.state(.outbox)
        F.press(&state, c(" "), c("j"), .enter)
        #expect(state.detail == .envelope(38))
        #expect(F.press(&state, c("a")) == [.perform(.envelopes(.approve, ids: [38]))])
    }

    @Test("/ is only offered in views that have a filter")
    func filterKeyOnlyWhereItWorks() {
        for view in [ConsoleViewKind.tenants, .accounts, .drift] {
            #expect(KeyMap.standard.command(for: .character("/"), in: view, readOnly: false) == nil)
        }
    }

    @Test("pausing the audit tail before its first load does not jump to the oldest row")
    func pauseBeforeLoad() {
        var state = F.state(.outbox)
        F.press(&state, c("6"), reload: false)
        F.press(&state, c("f"), reload: false)
        #expect(state.position(.audit).selectedID != 0)
    }
}

extension Console {
    /// Command mode's completion context as `update` builds it (tenant names sorted).
    static func commandModeContextForTests(_ state: ConsoleState) -> CommandMode.Context {
        CommandMode.Context(tenantNames: state.data.tenantNames.values.sorted(), themeNames: state.themeNames)
    }
}
