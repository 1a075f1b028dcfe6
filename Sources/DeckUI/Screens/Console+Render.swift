import DeckCore

extension Console {
    /// One frame of the console: header, tabs, the view (or its detail), flash or input line,
    /// key hints; then the help screen or a confirmation dialog over it.
    public static func render(_ state: ConsoleState, theme: Theme) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height, style: theme.style(.text))
        if state.isTooSmall {
            renderTooSmall(state, into: &buffer, theme: theme)
            return buffer
        }
        let area = buffer.area
        let (headerRow, afterHeader) = area.splitTop(1)
        let (tabsRow, afterTabs) = afterHeader.splitTop(1)
        let (body, footer) = afterTabs.splitBottom(2)
        renderHeader(state, into: &buffer, area: headerRow, theme: theme)
        Tabs(titles: tabTitles(state), selected: state.view.rawValue - 1)
            .render(into: &buffer, area: tabsRow, theme: theme)
        if case .help(let offset) = state.mode {
            HelpScreen.render(state, offset: offset, into: &buffer, area: body, theme: theme)
        } else if let detail = state.detail {
            DetailScreen.render(state, request: detail, into: &buffer, area: body, theme: theme)
        } else {
            renderView(state, into: &buffer, area: body, theme: theme)
        }
        renderFooter(state, into: &buffer, area: footer, theme: theme)
        if case .confirm(let confirmation) = state.mode {
            let lines: [StyledLine] = [[Span(confirmation.question, .text)]] + confirmation.details.map { [Span("  " + $0, .muted)] }
            let footer: StyledLine = confirmation.requiresTypedCount
                ? [Span("type \(confirmation.count)", .key), Span(" then ", .text), Span("Enter", .key), Span("   ", .text),
                   Span("Esc", .key), Span(" cancel   > ", .text), Span(confirmation.typed + "_", .input)]
                : [Span("y", .key), Span(" yes   ", .text), Span("n", .key), Span(" no", .text)]
            Dialog(title: "Confirm", body: lines, footer: footer).render(into: &buffer, area: body, theme: theme)
        }
        return buffer
    }

    static func renderView(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        switch state.view {
        case .tenants: TenantsScreen.render(state, into: &buffer, area: area, theme: theme)
        case .accounts: AccountsScreen.render(state, into: &buffer, area: area, theme: theme)
        case .drift: DriftScreen.render(state, into: &buffer, area: area, theme: theme)
        case .outbox, .dlq: OutboxScreen.render(state, into: &buffer, area: area, theme: theme)
        case .audit: AuditScreen.render(state, into: &buffer, area: area, theme: theme)
        case .telemetry: TelemetryScreen.render(state, into: &buffer, area: area, theme: theme)
        }
    }

    static func renderHeader(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let counts = state.data.counts
        let workers = state.data.telemetry?.workers.count ?? 0
        let database = area.width >= 120 ? state.databaseLabel : String(state.databaseLabel.split(separator: "/").last ?? "")
        let awaiting = counts[.awaitingApproval] ?? 0
        let dead = counts[.dead] ?? 0
        // Groups are dropped from the right, whole, when the line is too narrow.
        var groups: [StyledLine] = [
            [Span(" OpsDeck ", .title), Span(database, .text)],
            [Span("  workers ", .muted), Span("\(workers)", workers > 0 ? .good : .attention)],
            [Span("  pending ", .muted), Span(Format.count(counts[.pending] ?? 0), .text)],
            [Span("  running ", .muted), Span(Format.count(counts[.running] ?? 0), .active)],
            [Span("  awaiting ", .muted), Span(Format.count(awaiting), awaiting > 0 ? .attention : .text)],
            [Span("  dead ", .muted), Span(Format.count(dead), dead > 0 ? .bad : .text)],
        ]
        if !state.data.pausedTenants.isEmpty {
            let paused = state.data.pausedTenants
            let label = paused.count == 1
                ? state.data.tenantNames[paused.first!] ?? paused.first!.short
                : "\(paused.count) tenants"
            groups.insert([Span("  paused ", .muted), Span(label, .attention)], at: 1)
        }
        if let tenant = state.scopeName { groups.insert([Span("  tenant ", .muted), Span(tenant, .attention)], at: 1) }
        var right: StyledLine = [Span(state.operatorName, .text), Span(" · ", .muted), Span(state.engineLabel, .text)]
        if state.readOnly { right += [Span(" · ", .muted), Span("read-only", .attention)] }
        right.append(Span(" ", .text))
        buffer.fill(area, style: theme.style(.header))
        let header = theme.style(.header)
        let rightWidth = right.reduce(0) { $0 + TextWidth.of($1.text) }
        let available = max(0, area.width - rightWidth - 1)
        func width(_ groups: [StyledLine]) -> Int { groups.reduce(0) { $0 + $1.reduce(0) { $0 + TextWidth.of($1.text) } } }
        // Too narrow: drop, in this order, the file name, then running, pending and workers;
        // awaiting approval and dead stay longest, as they need a person.
        if width(groups) > available { groups[0] = [Span(" OpsDeck ", .title)] }
        for label in ["  running ", "  pending ", "  workers "] where width(groups) > available {
            groups.removeAll { $0.first?.text == label }
        }
        var left: StyledLine = []
        var used = 0
        for group in groups {
            let groupWidth = width([group])
            if used + groupWidth > available && !left.isEmpty { break }
            left += group
            used += groupWidth
        }
        writeOver(left, into: &buffer, x: area.x, y: area.y, base: header, theme: theme, maxWidth: available)
        if rightWidth < area.width {
            writeOver(right, into: &buffer, x: area.maxX - rightWidth, y: area.y, base: header, theme: theme, maxWidth: rightWidth)
        }
    }

    /// Writes spans whose role colours are laid over a bar's style (header, status bar).
    static func writeOver(_ line: StyledLine, into buffer: inout Buffer, x: Int, y: Int, base: Style, theme: Theme, maxWidth: Int) {
        var column = x
        let limit = x + maxWidth
        for span in line where column < limit {
            let style = span.role == .text ? base : base.patched(with: Style(foreground: theme.style(span.role).foreground, attributes: theme.style(span.role).attributes))
            column += buffer.write(span.text, x: column, y: y, style: style, maxWidth: limit - column)
        }
    }

    static func renderFooter(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let lineRow = area.row(0)
        let statusRow = area.row(1)
        switch state.mode {
        case .input(let kind, let text):
            let prompt: String
            switch kind {
            case .filter: prompt = "/"
            case .command: prompt = ":"
            case .cap(let id):
                prompt = "cap for \(state.data.tenantNames[id] ?? id.short) (running at once, Enter to confirm): "
            }
            buffer.fill(lineRow, style: theme.style(.input))
            let written = buffer.write(prompt + text, x: lineRow.x, y: lineRow.y, style: theme.style(.input), maxWidth: lineRow.width - 1)
            buffer.write("█", x: lineRow.x + written, y: lineRow.y, style: theme.style(.input))
            // Beside the text: the filter's error, Tab's candidates, or how many rows match.
            var note = state.inputNote
            if note == nil, kind == .filter, state.view.listsEnvelopes, showsLoadedRows(state, state.view) {
                note = state.filter(state.view).isEmpty ? nil : matchText(state.data.matchCount)
            }
            if let note {
                let x = lineRow.x + written + 3
                let style = state.inputNoteIsError && state.inputNote != nil
                    ? theme.style(.input).patched(with: Style(foreground: theme.style(.flashError).foreground, attributes: .bold))
                    : theme.style(.input)
                buffer.write(TextFit.truncate(note, toWidth: max(0, lineRow.maxX - x)), x: x, y: lineRow.y, style: style)
            }
        default:
            if let flash = state.flash {
                buffer.write(
                    TextFit.truncate(flash.text, toWidth: lineRow.width), x: lineRow.x, y: lineRow.y,
                    style: theme.style(flash.isError ? .flashError : .flashInfo))
            }
        }
        let hints = keyHints(state)
        let right: StyledLine = [
            Span(String(format: "%.1fms", state.data.loadMilliseconds), .text), Span("  " + Format.clock(state.now) + " UTC ", .text),
        ]
        let rightWidth = right.reduce(0) { $0 + TextWidth.of($1.text) }
        buffer.fill(statusRow, style: theme.style(.statusBar))
        let hintsArea = Rect(x: statusRow.x, y: statusRow.y, width: max(0, statusRow.width - rightWidth - 1), height: 1)
        KeyHints(keepingQuit(hints, width: hintsArea.width)).render(into: &buffer, area: hintsArea, theme: theme)
        writeOver(right, into: &buffer, x: statusRow.maxX - rightWidth, y: statusRow.y, base: theme.style(.statusBar), theme: theme, maxWidth: rightWidth)
    }

    /// The tab titles with what needs an on-call person: open breaking drift alerts, envelopes
    /// awaiting approval, the DLQ ("Outbox·3"). Below 90 columns the longer titles shorten so
    /// every tab stays on screen.
    public static func tabTitles(_ state: ConsoleState) -> [String] {
        let narrow = state.width < 90
        return ConsoleViewKind.allCases.map { view in
            var title = view.title
            if narrow, view == .telemetry { title = "Telem" }
            if narrow, view == .accounts { title = "Accts" }
            let badge: Int
            switch view {
            case .drift: badge = state.data.openBreakingDrift
            case .outbox: badge = state.data.counts[.awaitingApproval] ?? 0
            case .dlq: badge = state.data.counts[.dead] ?? 0
            default: badge = 0
            }
            return badge > 0 ? title + "·" + Format.count(badge) : title
        }
    }

    /// "42 matches", "10,000+ matches", or "counting…" before the first count.
    static func matchText(_ count: Int?) -> String {
        guard let count else { return "counting…" }
        if count > 10_000 { return "10,000+ matches" }
        return "\(Format.count(count)) \(count == 1 ? "match" : "matches")"
    }

    /// The hints that fit in `width`: when all do not, the last one (quit) stays and the
    /// ones before it give way from the right, so the way out is always on screen.
    static func keepingQuit(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        func total(_ list: [KeyHint]) -> Int {
            list.enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : 2) + TextFit.width(KeyHints.line($1.element)) }
        }
        var list = hints
        while list.count > 2, total(list) > width { list.remove(at: list.count - 2) }
        return list
    }

    /// The hints for the status bar: the view's most useful keys.
    static func keyHints(_ state: ConsoleState) -> [KeyHint] {
        switch state.mode {
        case .input(.command, _): return [KeyHint("Enter", "run"), KeyHint("Tab", "complete"), KeyHint("Esc", "cancel")]
        case .input(.filter, _):
            return [KeyHint("Enter", "keep"), KeyHint("Esc", "undo"), KeyHint("Tab", "complete"), KeyHint("Ctrl-U", "clear")]
        case .input(.cap, _): return [KeyHint("0-9", "cap"), KeyHint("Enter", "confirm"), KeyHint("Esc", "cancel")]
        case .confirm(let confirmation) where confirmation.requiresTypedCount:
            return [KeyHint("0-9", "type \(confirmation.count)"), KeyHint("Enter", "confirm"), KeyHint("Esc", "cancel")]
        case .confirm: return [KeyHint("y", "confirm"), KeyHint("n", "cancel")]
        case .help: return [KeyHint("Esc", "close"), KeyHint("j/k", "scroll")]
        case .normal: break
        }
        if state.detail != nil {
            var hints = [KeyHint("Esc", "back"), KeyHint("j/k", "scroll")]
            if !state.readOnly, state.view.listsEnvelopes { hints += [KeyHint("a", "approve"), KeyHint("r", "retry"), KeyHint("d", "discard")] }
            if !state.readOnly, state.view == .drift { hints.append(KeyHint("A", "accept")) }
            if !state.readOnly, state.view == .tenants { hints += [KeyHint("p", "pause/resume"), KeyHint("c", "cap")] }
            if state.view.listsEnvelopes { hints.append(KeyHint("y", "copy id")) }
            return hints
        }
        var hints = [KeyHint("?", "help"), KeyHint("1-7", "views")]
        switch state.view {
        case .outbox, .dlq:
            hints += [KeyHint("Enter", "detail"), KeyHint("/", "filter")]
            if !state.readOnly {
                hints += [KeyHint("Space", "mark"), KeyHint("a", "approve"), KeyHint("r", "retry"), KeyHint("d", "discard")]
            }
        case .drift:
            hints.append(KeyHint("Enter", "diff"))
            if !state.readOnly { hints += [KeyHint("Space", "mark"), KeyHint("A", "accept")] }
        case .audit:
            hints += [KeyHint("f", "follow"), KeyHint("/", "filter"), KeyHint("Enter", "detail")]
        case .tenants:
            hints += [KeyHint("Enter", "detail"), KeyHint("s", "sort")]
            if !state.readOnly { hints += [KeyHint("p", "pause/resume"), KeyHint("c", "cap")] }
        case .accounts:
            hints += [KeyHint("Enter", "detail"), KeyHint("s", "sort")]
        case .telemetry:
            break
        }
        hints += [KeyHint(":", "command"), KeyHint("Q", "quit")]
        return hints
    }

    static func renderTooSmall(_ state: ConsoleState, into buffer: inout Buffer, area _: Rect? = nil, theme: Theme) {
        let lines = [
            "Terminal too small",
            "\(state.width)×\(state.height), needs \(ConsoleState.minimumWidth)×\(ConsoleState.minimumHeight)",
            "Q quits",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (state.width - TextWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + index, style: theme.style(index == 0 ? .attention : .text))
        }
    }

    /// The line above a table: the view's name, the rows' extent, the filter and marks.
    static func renderTitle(_ parts: StyledLine, into buffer: inout Buffer, area: Rect, theme: Theme) {
        buffer.write(parts, x: area.x, y: area.y, theme: theme, maxWidth: area.width)
    }

    /// A centred message in an empty table's body.
    static func renderEmpty(_ text: String, into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard area.height > 1 else { return }
        let x = area.x + max(0, (area.width - TextWidth.of(text)) / 2)
        buffer.write(text, x: x, y: area.y + min(2, area.height - 1), style: theme.style(.muted), maxWidth: area.width)
    }
}
