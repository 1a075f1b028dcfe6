import DeckCore
import DeckUI
import Foundation
import Testing

/// Text snapshots of whole console frames, rendered with the monochrome theme.
///
/// The expected frames live in `__snapshots__/NAME.txt` next to this file. Run with
/// `OPSDECK_RECORD_SNAPSHOTS=1` to (re)write them, then read the diff before committing.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__snapshots__")

    static var recording: Bool { ProcessInfo.processInfo.environment["OPSDECK_RECORD_SNAPSHOTS"] == "1" }

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name + ".txt") }

    /// Compares `state`'s frame with the stored snapshot `name` (or records it).
    static func check(_ state: ConsoleState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(ConsoleFixture.text(state), name, sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = url(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data((actual + "\n").utf8).write(to: file, options: .atomic)
            } catch {
                Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record(
                """
                missing snapshot \(name) (\(file.path)).
                Record it with: OPSDECK_RECORD_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests
                Actual frame:
                \(actual)
                """, sourceLocation: sourceLocation)
            return
        }
        var expected = String(decoding: data, as: UTF8.self)
        if expected.hasSuffix("\n") { expected.removeLast() }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var differences: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let old = index < expectedLines.count ? expectedLines[index] : "<none>"
            let new = index < actualLines.count ? actualLines[index] : "<none>"
            if old != new { differences.append("line \(index + 1):\n  expected: \(old)\n  actual:   \(new)") }
        }
        Issue.record(
            """
            snapshot \(name) differs (re-record with OPSDECK_RECORD_SNAPSHOTS=1 if the change is intended):
            \(differences.prefix(12).joined(separator: "\n"))
            Actual frame:
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

/// A terminal size, named like `80x24` in snapshot names.
struct ScreenSize: Sendable, CustomTestStringConvertible {
    var width: Int
    var height: Int
    var name: String { "\(width)x\(height)" }
    var testDescription: String { name }

    static let standard = ScreenSize(width: 80, height: 24)
    static let large = ScreenSize(width: 200, height: 50)
    static let both = [standard, large]
}

@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    typealias F = ConsoleFixture

    // MARK: Every view at both sizes

    @Test("every view", arguments: ConsoleViewKind.allCases, ScreenSize.both)
    func view(_ view: ConsoleViewKind, size: ScreenSize) {
        let state = F.state(view, width: size.width, height: size.height)
        Snapshot.check(state, "\(view.name)-\(size.name)")
    }

    // MARK: Details

    @Test("envelope detail: escapes the hostile error, CJK arguments, history", arguments: ScreenSize.both)
    func envelopeDetail(_ size: ScreenSize) {
        var state = F.state(.dlq, width: size.width, height: size.height)
        // DLQ newest first: 29, 25, 20, 17, 13 …
        F.press(&state, .character("j"), .character("j"), .character("j"), .character("j"), .enter)
        #expect(state.detail == .envelope(F.hostileEnvelopeID))
        Snapshot.check(state, "envelope-detail-\(size.name)")
    }

    @Test("drift detail: the diff side by side", arguments: ScreenSize.both)
    func driftDetail(_ size: ScreenSize) {
        var state = F.state(.drift, width: size.width, height: size.height)
        F.press(&state, .enter)
        #expect(state.detail == .drift(3))
        Snapshot.check(state, "drift-detail-\(size.name)")
    }

    @Test("tenant detail: guardrails, objectives, tasks", arguments: ScreenSize.both)
    func tenantDetail(_ size: ScreenSize) {
        var state = F.state(.tenants, width: size.width, height: size.height)
        F.press(&state, .enter)
        #expect(state.detail == .tenant(F.acmeID))
        Snapshot.check(state, "tenant-detail-\(size.name)")
    }

    @Test("audit row detail")
    func auditDetail() {
        var state = F.state(.audit)
        // Newest first: 40, 39, 38 … the 21st row is audit row 20 (the hostile error).
        for _ in 0..<20 { F.press(&state, .character("j")) }
        F.press(&state, .enter)
        #expect(state.detail == .audit(20))
        Snapshot.check(state, "audit-detail-80x24")
    }

    @Test("account detail")
    func accountDetail() {
        var state = F.state(.accounts)
        F.press(&state, .character("j"), .enter)
        #expect(state.detail == .account("ca_acme_slack"))
        Snapshot.check(state, "account-detail-80x24")
    }

    // MARK: Overlays and input lines

    @Test("help screen", arguments: ScreenSize.both)
    func help(_ size: ScreenSize) {
        var state = F.state(.outbox, width: size.width, height: size.height)
        F.press(&state, .character("?"))
        Snapshot.check(state, "help-outbox-\(size.name)")
    }

    @Test("confirm dialog for a discard of two marked rows", arguments: ScreenSize.both)
    func confirmDiscard(_ size: ScreenSize) {
        var state = F.state(.dlq, width: size.width, height: size.height)
        F.press(&state, .character(" "), .character(" "), .character("d"))
        guard case .confirm(let confirmation) = state.mode else {
            Issue.record("no confirmation: \(state.mode)")
            return
        }
        #expect(confirmation.question == "Discard 2 envelopes?")
        Snapshot.check(state, "confirm-discard-\(size.name)")
    }

    @Test("confirm dialog for a bulk approval across tenants: counts by tenant, status and risk; the count typed", arguments: ScreenSize.both)
    func confirmBulkTyped(_ size: ScreenSize) {
        var state = F.state(.outbox, width: size.width, height: size.height)
        let action = ConsoleAction.matching(.approve, view: .outbox, scope: .allTenants, filter: EnvelopeFilter(statuses: [.awaitingApproval]))
        let rows = (1...30).map {
            ActionPreview.Row(
                id: EnvelopeID($0), tenant: $0 % 3 == 0 ? "apex" : "acme", tool: "GMAIL_SEND_EMAIL", risk: $0 % 4 == 0 ? .high : .low,
                status: .awaitingApproval)
        }
        _ = Console.update(&state, .previewed(action, ActionPreview(rows: rows, leftOutCritical: 2)))
        F.type(&state, "3")
        guard case .confirm(let confirmation) = state.mode else {
            Issue.record("no confirmation: \(state.mode)")
            return
        }
        #expect(confirmation.requiresTypedCount && confirmation.typed == "3")
        Snapshot.check(state, "confirm-bulk-typed-\(size.name)")
    }

    @Test("the filter input line")
    func filterInput() {
        var state = F.state(.outbox)
        F.press(&state, .character("/"))
        F.type(&state, "status:dead tool:gm")
        Snapshot.check(state, "filter-input-80x24")
    }

    @Test("the command-mode input line")
    func commandInput() {
        var state = F.state(.outbox)
        F.press(&state, .character(":"))
        F.type(&state, "tenant ac")
        Snapshot.check(state, "command-input-80x24")
    }

    @Test("a bad filter's error beside the open line")
    func flashError() {
        var state = F.state(.outbox)
        F.press(&state, .character("/"))
        F.type(&state, "status:bogus")
        F.press(&state, .enter)
        #expect(state.inputNoteIsError)
        Snapshot.check(state, "flash-error-80x24")
    }

    @Test("terminal too small")
    func tooSmall() {
        Snapshot.check(F.state(.outbox, width: 40, height: 10), "too-small-40x10")
    }

    // MARK: Read-only and scoped consoles

    @Test("read-only outbox: no write hints, read-only badge", arguments: ScreenSize.both)
    func readOnly(_ size: ScreenSize) {
        Snapshot.check(F.state(.outbox, width: size.width, height: size.height, readOnly: true), "read-only-outbox-\(size.name)")
    }

    @Test("read-only help omits the write keys")
    func readOnlyHelp() {
        var state = F.state(.dlq, width: 80, height: 50, readOnly: true)
        F.press(&state, .character("?"))
        Snapshot.check(state, "read-only-help-dlq-80x50")
    }

    @Test("outbox scoped to one tenant, filtered, with marks and the cursor moved")
    func outboxScopedMarked() {
        var state = F.state(.outbox)
        F.press(&state, .character(":"))
        F.type(&state, "tenant acme")
        F.press(&state, .enter)
        F.press(&state, .character("/"))
        F.type(&state, "status:pending,dead,awaiting")
        F.press(&state, .enter, .character("j"), .character(" "), .character(" "))
        Snapshot.check(state, "outbox-acme-filtered-marked-80x24")
    }

    @Test("DLQ with the cursor on the row whose error holds an escape sequence")
    func dlqSelectedHostile() {
        var state = F.state(.dlq)
        F.press(&state, .character("j"), .character("j"), .character("j"), .character("j"))
        Snapshot.check(state, "dlq-selected-hostile-80x24")
    }

    @Test("outbox after G: the oldest rows, cursor on the last one")
    func outboxBottom() {
        var state = F.state(.outbox)
        F.press(&state, .character("G"))
        Snapshot.check(state, "outbox-bottom-80x24")
    }

    // MARK: What the snapshots must show

    @Test("control characters are shown escaped, never raw")
    func escapesShown() {
        var state = F.state(.dlq, width: 200, height: 50)
        let list = F.text(state)
        #expect(!list.unicodeScalars.contains { $0.value == 0x1B })
        #expect(list.contains(#"provider said \x1b[31mRED ALERT\x1b[0m\nretry later"#))
        F.press(&state, .character("j"), .character("j"), .character("j"), .character("j"), .enter)
        let detail = F.text(state)
        #expect(!detail.unicodeScalars.contains { $0.value == 0x1B })
        #expect(detail.contains(#"\x1b[31mRED ALERT\x1b[0m"#))
        #expect(detail.contains("会議の議事録"))
    }

    @Test("every frame line is exactly as wide as the screen once padded (wide characters take two columns)",
          arguments: ConsoleViewKind.allCases)
    func widths(_ view: ConsoleViewKind) {
        for size in ScreenSize.both {
            let buffer = Console.render(F.state(view, width: size.width, height: size.height), theme: .monochrome)
            for line in buffer.lines(trimmingTrailingSpaces: false) {
                #expect(TextWidth.of(line) == size.width, "\(view.name) \(size.name): \(line)")
            }
        }
    }

    @Test("columns line up: with double-width tenant names every TOOL cell starts under the TOOL header")
    func wideTenantNamesAlign() throws {
        let state = F.state(.outbox, width: 200, height: 50)
        let buffer = Console.render(state, theme: .monochrome)
        let x = try #require(F.column(of: "TOOL", in: buffer, y: 3))
        let lines = buffer.lines()
        for y in 4..<(4 + 40) {
            #expect(buffer[x, y].symbol.first?.isUppercase == true, "row \(y): \(lines[y])")
            #expect(buffer[x - 1, y].symbol == " " && !buffer[x - 1, y].isContinuation, "row \(y): \(lines[y])")
        }
        // The CJK rows really are there, and take two columns per character.
        let cjkRow = try #require(lines.firstIndex { $0.contains(F.nihonName) })
        let tenantX = try #require(F.column(of: F.nihonName, in: buffer, y: cjkRow))
        #expect(buffer[tenantX + 1, cjkRow].isContinuation)
    }

    // MARK: Styles (dark theme)

    @Test("the selected row is drawn in .selection across the whole width")
    func selectionStyle() {
        let theme = Theme.dark
        let state = F.state(.outbox)
        let buffer = Console.render(state, theme: theme)
        let selected = theme.style(.selection)
        for x in 0..<state.width { #expect(buffer[x, 4].style == selected, "column \(x)") }
        #expect(buffer[2, 5].style != selected)
    }

    @Test("a dead status cell has the .bad foreground")
    func deadStyle() throws {
        let theme = Theme.dark
        let state = F.state(.dlq)
        let buffer = Console.render(state, theme: theme)
        // Row 4 is selected; row 5 is envelope 25, dead.
        let x = try #require(F.column(of: "dead", in: buffer, y: 5))
        for offset in 0..<4 { #expect(buffer[x + offset, 5].style.foreground == theme.style(.bad).foreground) }
        #expect(theme.style(.bad).foreground != theme.style(.text).foreground)
    }

    @Test("the header row uses the .header background")
    func headerStyle() {
        let theme = Theme.dark
        for size in ScreenSize.both {
            let buffer = Console.render(F.state(.tenants, width: size.width, height: size.height), theme: theme)
            for x in 0..<size.width { #expect(buffer[x, 0].style.background == theme.style(.header).background, "column \(x)") }
        }
    }

    @Test("the flash error line is drawn in .flashError")
    func flashErrorStyle() throws {
        let theme = Theme.dark
        var state = F.state(.outbox)
        F.press(&state, .character(":"))
        F.type(&state, "filter status:bogus")
        F.press(&state, .enter)
        let buffer = Console.render(state, theme: theme)
        #expect(buffer[0, state.height - 2].style == theme.style(.flashError))
    }

    // MARK: Bugs found in review (fixed)

    @Test("a DLQ filter that matches nothing says so, not that the DLQ is empty")
    func dlqFilteredEmpty() {
        var state = F.state(.dlq)
        F.press(&state, .character("/"))
        F.type(&state, "tool:NOTHING_MATCHES")
        F.press(&state, .enter)
        #expect(state.data.envelopes.isEmpty)
        let text = F.text(state)
        #expect(!text.contains("The DLQ is empty."))
        #expect(text.contains("Nothing matches the filter."))
    }

    @Test("a flash longer than the line ends in …, like every other cut text")
    func flashEllipsis() {
        var state = F.state(.outbox)
        F.press(&state, .character(":"))
        F.type(&state, "filter status:bogus")
        F.press(&state, .enter)
        let line = F.text(state).components(separatedBy: "\n")[state.height - 2]
        #expect(line.hasSuffix("…"))
    }
}
