import DeckCore

extension Console {
    static func handleKey(_ state: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        switch state.mode {
        case .input(let kind, let text):
            return handleInput(&state, kind: kind, text: text, key: key)
        case .confirm(var confirmation) where confirmation.requiresTypedCount:
            switch key {
            case .character(let digit) where digit.isASCII && digit.isNumber:
                if confirmation.typed.count < 9 { confirmation.typed.append(digit) }
                state.mode = .confirm(confirmation)
            case .backspace, .delete:
                confirmation.typed = String(confirmation.typed.dropLast())
                state.mode = .confirm(confirmation)
            case .enter where confirmation.typed == String(confirmation.count):
                state.mode = .normal
                return [.perform(confirmation.action)]
            case .enter, .character("y"), .character("Y"):
                confirmation.typed = ""
                state.mode = .confirm(confirmation)
                flash(&state, "type \(confirmation.count), then Enter, to confirm (Esc cancels)", isError: true)
            case .character("n"), .character("N"), .escape, .character("q"):
                state.mode = .normal
                flash(&state, "cancelled", isError: false)
            case .control("c"):
                return [.quit]
            default:
                break
            }
            return []
        case .confirm(let confirmation):
            switch key {
            case .character("y"), .character("Y"):
                state.mode = .normal
                return [.perform(confirmation.action)]
            case .character("n"), .character("N"), .escape, .character("q"):
                state.mode = .normal
                flash(&state, "cancelled", isError: false)
                return []
            case .control("c"):
                return [.quit]
            default:
                return []
            }
        case .help(let offset):
            switch key {
            case .escape, .character("q"), .character("?"), .character("h"), .left: state.mode = .normal
            case .character("j"), .down: state.mode = .help(offset: min(offset + 1, helpMaxOffset(state)))
            case .character("k"), .up: state.mode = .help(offset: max(0, offset - 1))
            case .pageDown: state.mode = .help(offset: min(offset + state.visibleRows, helpMaxOffset(state)))
            case .pageUp: state.mode = .help(offset: max(0, offset - state.visibleRows))
            case .character("g"), .home: state.mode = .help(offset: 0)
            case .character("Q"), .control("c"): return [.quit]
            default: break
            }
            return []
        case .normal:
            if state.isTooSmall {
                if key == .character("Q") || key == .control("c") || key == .character("q") { return [.quit] }
                return []
            }
            guard let command = state.keyMap.command(for: key, in: state.view, readOnly: state.readOnly) else {
                if state.readOnly, state.keyMap.command(for: key, in: state.view, readOnly: false) != nil {
                    flash(&state, "read-only console: actions are disabled", isError: true)
                }
                return []
            }
            return run(&state, command)
        }
    }

    /// Runs one command in normal mode.
    static func run(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        if state.detail != nil, let effects = runInDetail(&state, command) { return effects }
        switch command {
        case .moveDown: move(&state, by: 1)
        case .moveUp: move(&state, by: -1)
        case .pageDown: move(&state, by: state.visibleRows)
        case .pageUp: move(&state, by: -state.visibleRows)
        case .top: moveToTop(&state)
        case .bottom: moveToBottom(&state)
        case .nextView: switchView(&state, to: state.view.next)
        case .previousView: switchView(&state, to: state.view.previous)
        case .showView(let view): switchView(&state, to: view)
        case .filter:
            openFilter(&state)
        case .openCommandMode: state.mode = .input(.command, text: "")
        case .help: state.mode = .help(offset: 0)
        case .mark: toggleMark(&state)
        case .detail:
            if showsLoadedRows(state, state.view) || !isWindowed(state.view) && state.loadedRequest?.view == state.view {
                openDetail(&state)
            } else {
                // A view key and Enter typed in one burst: open it once the rows are there.
                state.pendingDetail = true
            }
        case .approve: return envelopeAction(&state, .approve)
        case .retry: return envelopeAction(&state, .retry)
        case .discard: return envelopeAction(&state, .discard)
        case .acceptDrift: return acceptDrift(&state)
        case .runNow: return runNow(&state)
        case .togglePause: return togglePause(&state)
        case .changeCap: openCapPrompt(&state)
        case .copyID: return copy(&state, json: false)
        case .copyJSON: return copy(&state, json: true)
        case .showHeld: showHeld(&state)
        case .toggleFollow: toggleFollow(&state)
        case .cycleSort: cycleSort(&state)
        case .back: back(&state)
        case .close: flash(&state, "q closes a detail; Esc clears marks and filters; Q quits", isError: false)
        case .quit: return [.quit]
        }
        return []
    }

    /// Movement scrolls the detail pane while it is open; actions apply to its record.
    static func runInDetail(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect]? {
        switch command {
        case .moveDown: state.detailOffset = min(state.detailOffset + 1, DetailScreen.maxOffset(state))
        case .moveUp: state.detailOffset = max(0, state.detailOffset - 1)
        case .pageDown: state.detailOffset = min(state.detailOffset + state.visibleRows, DetailScreen.maxOffset(state))
        case .pageUp: state.detailOffset = max(0, state.detailOffset - state.visibleRows)
        case .top: state.detailOffset = 0
        case .detail, .mark, .cycleSort, .toggleFollow, .filter: break
        case .back, .close:
            state.detail = nil
            state.detailOffset = 0
        default: return nil
        }
        return []
    }

    /// From the selected drift alert (or its detail) to the outbox filtered to the envelopes
    /// it holds.
    static func showHeld(_ state: inout ConsoleState) {
        let id: DriftAlertID?
        if case .drift(let shown)? = state.detail { id = shown } else { id = selectedDriftAlert(state)?.id }
        guard let id else {
            flash(&state, "no drift alert selected", isError: true)
            return
        }
        switchView(&state, to: .outbox)
        state.envelopeFilters[.outbox] = EnvelopeFilter(heldBy: id)
        resetPosition(&state)
        state.marks[.outbox] = nil
        let held = state.data.heldCounts[id] ?? 0
        flash(&state, "envelopes held by drift alert #\(id.rawValue): \(held) (A in the drift view releases them)", isError: false)
    }

    static func switchView(_ state: inout ConsoleState, to view: ConsoleViewKind) {
        guard view != state.view else { return }
        state.pendingDetail = false
        state.view = view
        state.detail = nil
        state.detailOffset = 0
    }

    static func move(_ state: inout ConsoleState, by delta: Int) {
        let view = state.view
        let count = rowCount(state, view)
        guard count > 0 else { return }
        var position = state.position(view)
        let current = selectedIndex(state, view) ?? 0
        let target = min(max(0, current + delta), count - 1)
        if isWindowed(view) {
            let ids = rowIDs(state, view)
            if target == 0 && state.data.windowAtTop && delta < 0 {
                position.selectedID = view == .audit ? nil : ids.first
            } else {
                position.selectedID = ids[target]
            }
            let rows = state.visibleRows
            position.cursorRow = min(max(0, position.cursorRow + (target - current)), rows - 1)
        } else {
            position.index = target
            position.offset = Table.offset(keeping: target, previous: position.offset, visibleRows: state.visibleRows)
        }
        position.wantsBottom = false
        state.positions[view] = position
    }

    static func moveToTop(_ state: inout ConsoleState) {
        var position = state.position(state.view)
        // Where one can act, `g` pins the newest row already on screen (newer ones arriving
        // are counted above it); only the audit tail follows.
        let ids = rowIDs(state, state.view)
        position.selectedID = state.view.listsEnvelopes && state.data.windowAtTop ? ids.first : nil
        position.cursorRow = 0
        position.index = 0
        position.offset = 0
        position.wantsBottom = false
        state.positions[state.view] = position
    }

    static func moveToBottom(_ state: inout ConsoleState) {
        var position = state.position(state.view)
        if isWindowed(state.view) {
            position.wantsBottom = true
        } else {
            position.index = max(0, rowCount(state, state.view) - 1)
            position.offset = Table.offset(keeping: position.index, previous: position.offset, visibleRows: state.visibleRows)
        }
        state.positions[state.view] = position
    }

    static func toggleFollow(_ state: inout ConsoleState) {
        var position = state.position(.audit)
        if position.selectedID == nil {
            guard let head = rowIDs(state, .audit).first else { return }
            position.selectedID = head
            flash(&state, "paused: the tail stays where it is (f follows again)", isError: false)
        } else {
            position.selectedID = nil
            position.cursorRow = 0
            flash(&state, "following the audit log", isError: false)
        }
        state.positions[.audit] = position
    }

    static func cycleSort(_ state: inout ConsoleState) {
        let titles = sortTitles(state.view)
        guard !titles.isEmpty else { return }
        var sort = sort(state, state.view)
        if sort.ascending == (state.view != .drift) {
            sort.ascending.toggle()
        } else {
            sort.column = (sort.column + 1) % titles.count
            sort.ascending = state.view != .drift
        }
        state.sorts[state.view] = sort
        flash(&state, "sorted by \(titles[sort.column]) \(sort.ascending ? "ascending" : "descending")", isError: false)
    }

    static func toggleMark(_ state: inout ConsoleState) {
        let id: Int64?
        switch state.view {
        case .outbox, .dlq: id = selectedEnvelope(state)?.id.rawValue
        case .drift: id = selectedDriftAlert(state)?.id.rawValue
        default: id = nil
        }
        guard let id else { return }
        var marks = state.marks[state.view] ?? []
        if marks.remove(id) == nil {
            marks.insert(id)
            if let envelope = selectedEnvelope(state) { state.markedRows[id] = ActionPreview.Row(envelope, names: state.data.tenantNames) }
        }
        state.marks[state.view] = marks.isEmpty ? nil : marks
        move(&state, by: 1)
    }

    static func openDetail(_ state: inout ConsoleState) {
        state.detailOffset = 0
        switch state.view {
        case .tenants:
            let rows = tenantRows(state)
            if let index = selectedIndex(state, .tenants), index < rows.count { state.detail = .tenant(rows[index].tenant.id) }
        case .accounts:
            let rows = accountRows(state)
            if let index = selectedIndex(state, .accounts), index < rows.count { state.detail = .account(rows[index].id) }
        case .drift:
            if let alert = selectedDriftAlert(state) { state.detail = .drift(alert.id) }
        case .outbox, .dlq:
            if let envelope = selectedEnvelope(state) { state.detail = .envelope(envelope.id) }
        case .audit:
            if let index = selectedIndex(state, .audit) { state.detail = .audit(state.data.auditEvents[index].id) }
        case .telemetry:
            break
        }
    }

    /// Esc: closes what is open, innermost first — marks, then the filter.
    static func back(_ state: inout ConsoleState) {
        if state.marks[state.view] != nil {
            state.marks[state.view] = nil
            flash(&state, "marks cleared", isError: false)
        } else if state.view == .audit, !state.auditFilter.isEmpty {
            state.auditFilter = AuditFilter()
            flash(&state, "filter cleared", isError: false)
        } else if state.view != .audit, !state.filter(state.view).isEmpty {
            state.envelopeFilters[state.view] = nil
            resetPosition(&state)
            flash(&state, "filter cleared", isError: false)
        } else if state.scope != .allTenants {
            state.scope = .allTenants
            flash(&state, "showing all tenants", isError: false)
        } else {
            flash(&state, "Q quits", isError: false)
        }
    }

    static func resetPosition(_ state: inout ConsoleState) {
        state.positions[state.view] = ListPosition()
    }

    /// `a`, `r`, `d`: on the marked rows, else on the open detail's or the selected envelope.
    ///
    /// Acts only on a row the operator saw: the selection is pinned by id, and when the
    /// selected envelope has left the list (approved elsewhere, filtered out) the key is
    /// refused and the cursor settles on the row now shown. Discards, several rows and the
    /// approval of a high or critical envelope are confirmed, the dialog naming each row.
    static func envelopeAction(_ state: inout ConsoleState, _ transition: EnvelopeTransition) -> [ConsoleEffect] {
        guard !state.readOnly else {
            flash(&state, "read-only console: actions are disabled", isError: true)
            return []
        }
        var ids: [EnvelopeID]
        if case .envelope(let id)? = state.detail {
            ids = [id]
        } else if let marks = state.marks[state.view], !marks.isEmpty {
            ids = marks.sorted().map { EnvelopeID($0) }
        } else if let envelope = selectedEnvelope(state) {
            var position = state.position(state.view)
            guard position.selectedID != nil else {
                // The list is being replaced (after `g` far down): what is on screen is about to go.
                flash(&state, "the list is loading; press again once it shows", isError: true)
                return []
            }
            if let pinned = position.selectedID, pinned != envelope.id.rawValue {
                position.selectedID = envelope.id.rawValue
                state.positions[state.view] = position
                flash(&state, "envelope #\(pinned) has left this list; the cursor is on #\(envelope.id.rawValue) now (press again to act on it)", isError: true)
                return []
            }
            ids = [envelope.id]
        } else {
            flash(&state, "no envelope selected", isError: true)
            return []
        }
        let rows = ids.compactMap { previewRow($0, state) }
        let action = ConsoleAction.envelopes(transition, ids: ids)
        let risky = transition == .approve && rows.contains { $0.risk >= .high }
        if transition == .discard || ids.count > 1 || risky {
            var details = ActionPreview(rows: rows).lines
            if rows.count < ids.count { details.append("\(ids.count - rows.count) more not on screen") }
            state.mode = .confirm(Confirmation(
                action: action, count: ids.count, question: question(action, count: ids.count), details: details))
            return []
        }
        return [.perform(action)]
    }

    /// How a confirmation names envelope `id`: from the loaded rows, the open detail or the marks.
    static func previewRow(_ id: EnvelopeID, _ state: ConsoleState) -> ActionPreview.Row? {
        if let envelope = state.data.envelopes.first(where: { $0.id == id }) {
            return ActionPreview.Row(envelope, names: state.data.tenantNames)
        }
        if case .envelope(let envelope, _)? = state.data.detail, envelope.id == id {
            return ActionPreview.Row(envelope, names: state.data.tenantNames)
        }
        return state.markedRows[id.rawValue]
    }

    static func acceptDrift(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard !state.readOnly else {
            flash(&state, "read-only console: actions are disabled", isError: true)
            return []
        }
        var ids: [DriftAlertID] = []
        if case .drift(let id)? = state.detail {
            ids = [id]
        } else if let marks = state.marks[.drift], !marks.isEmpty {
            ids = marks.sorted().map { DriftAlertID($0) }
        } else if let alert = selectedDriftAlert(state) {
            ids = [alert.id]
        }
        guard !ids.isEmpty else {
            flash(&state, "no drift alert selected", isError: true)
            return []
        }
        let action = ConsoleAction.acceptDrift(ids)
        let details = ids.map { id -> String in
            let held = state.data.heldCounts[id] ?? 0
            let releases = held == 0 ? "holds no envelope" : "releases \(held) held \(held == 1 ? "envelope" : "envelopes")"
            guard let alert = state.data.driftAlerts.first(where: { $0.id == id }) else { return "#\(id.rawValue)  \(releases)" }
            let tenant = state.data.tenantNames[alert.tenantID] ?? alert.tenantID.short
            return "#\(id.rawValue)  \(tenant)  \(alert.toolSlug)  \(alert.breaking ? "breaking" : "additive")  \(releases)"
        }
        state.mode = .confirm(Confirmation(action: action, count: ids.count, question: question(action, count: ids.count), details: details))
        return []
    }

    /// The last help offset that still fills the body.
    static func helpMaxOffset(_ state: ConsoleState) -> Int {
        ScrollText.maxOffset(lineCount: HelpScreen.lines(state).count, visibleRows: max(1, state.height - 4))
    }
}
