import DeckCore

/// The console as a pure function pair: `update(state, message) -> effects` and
/// `render(state, theme) -> buffer`. No IO, no curses, no clock: the runtime feeds it
/// messages and carries out its effects.
public enum Console {
    /// How long a flash line stays.
    static let flashMilliseconds: Int64 = 5_000

    /// Applies `message` to `state`; returns the work the runtime must do.
    public static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .key(let key):
            return handleKey(&state, key)
        case .mouse(let event):
            return handleMouse(&state, event)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            clampPositions(&state)
            return []
        case .tick(let instant):
            state.now = instant
            if let flash = state.flash, flash.expiresAt <= instant { state.flash = nil }
            return []
        case .loaded(let request, let data):
            absorb(&state, request: request, data: data)
            return []
        case .loadFailed(let text):
            flash(&state, "load failed: " + text, isError: true)
            return []
        case .previewed(let action, let preview):
            confirmBulk(&state, action, preview)
            return []
        case .actionFinished(let outcome):
            flash(&state, outcome.message, isError: outcome.isError)
            if !outcome.isError { state.marks[state.view] = nil }
            return []
        }
    }

    /// Shows `text` in the flash line for a few seconds.
    static func flash(_ state: inout ConsoleState, _ text: String, isError: Bool) {
        state.flash = Flash(text, isError: isError, expiresAt: state.now.adding(milliseconds: flashMilliseconds))
    }

    /// Opens the confirmation of a previewed bulk action: it names the rows' tenants, statuses
    /// and risks and, once confirmed, acts on exactly those rows. Across tenants or over the
    /// threshold the operator types the count.
    static func confirmBulk(_ state: inout ConsoleState, _ action: ConsoleAction, _ preview: ActionPreview) {
        guard case .matching(let transition, let view, let scope, let filter) = action else { return }
        guard !preview.rows.isEmpty else {
            var text = "nothing matches the filter"
            if preview.leftOutCritical > 0 {
                text += " but \(preview.leftOutCritical) critical (filter risk:critical to approve them)"
            }
            flash(&state, text, isError: true)
            return
        }
        let count = preview.rows.count
        let verb = transition.name.prefix(1).uppercased() + transition.name.dropFirst()
        let noun = count == 1 ? "envelope" : "envelopes"
        let scopeText: String
        if let tenant = scope.tenantID {
            scopeText = "of tenant \(state.data.tenantNames[tenant] ?? tenant.short)"
        } else {
            scopeText = "across ALL tenants (\(preview.tenantCount) here)"
        }
        let question = "\(verb) \(count) \(noun) \(scopeText)?"
        let origin = "in \(view.name)" + (filter.isEmpty ? ", no filter" : ", filter '\(filter.text)'")
        state.mode = .confirm(Confirmation(
            action: .envelopes(transition, ids: preview.ids), count: count, question: question, details: [origin] + preview.lines,
            requiresTypedCount: preview.tenantCount > 1 || count > state.bulkConfirmThreshold))
    }

    /// The question of an action on rows the operator chose (the cursor's, the marked ones,
    /// the open detail's).
    static func question(_ action: ConsoleAction, count: Int) -> String {
        let verb = action.verb.prefix(1).uppercased() + action.verb.dropFirst()
        switch action {
        case .acceptDrift(let ids):
            return ids.count == 1 ? "\(verb) drift alert #\(ids[0].rawValue)?" : "\(verb) \(count) drift alerts?"
        case .envelopes(_, let ids):
            return ids.count == 1 ? "\(verb) envelope #\(ids[0].rawValue)?" : "\(verb) \(count) envelopes?"
        case .matching:
            return "\(verb) \(count) envelopes?"
        case .pauseTenant, .setCap:
            return "\(verb)?"
        }
    }

    /// Takes loaded rows if they answer the screen shown now, and settles the cursor.
    static func absorb(_ state: inout ConsoleState, request: DataRequest, data: ConsoleData) {
        if let frame = data.telemetry { state.history.record(frame, dlqSize: data.counts[.dead] ?? 0, scope: request.scope) }
        guard request.view == state.view, request.scope == state.scope else { return }
        state.data = data
        state.loadedRequest = request
        var position = state.position(request.view)
        if position.wantsBottom, request.window.anchor == .bottom {
            position.wantsBottom = false
            let ids = rowIDs(state, request.view)
            if let last = ids.last {
                position.selectedID = last
                position.cursorRow = min(ids.count - 1, state.visibleRows - 1)
            }
        }
        // Where one can act, the selection is pinned to a row by id: rows arriving above it
        // are counted ("▲ 12 newer"), never slid under the cursor.
        if request.view.listsEnvelopes, position.selectedID == nil, let first = rowIDs(state, request.view).first {
            position.selectedID = first
        }
        state.positions[request.view] = position
        clampPositions(&state)
        if state.pendingDetail, state.detail == nil, state.mode == .normal {
            state.pendingDetail = false
            openDetail(&state)
        }
    }

    /// Keeps every cursor on a row that exists.
    static func clampPositions(_ state: inout ConsoleState) {
        let view = state.view
        var position = state.position(view)
        let count = rowCount(state, view)
        if isWindowed(view) {
            position.cursorRow = min(max(0, position.cursorRow), max(0, state.visibleRows - 1))
            if let index = selectedIndex(state, view) { position.cursorRow = min(position.cursorRow, index) }
        } else {
            position.index = min(max(0, position.index), max(0, count - 1))
            position.offset = Table.offset(keeping: position.index, previous: position.offset, visibleRows: state.visibleRows)
        }
        state.positions[view] = position
    }

    static func isWindowed(_ view: ConsoleViewKind) -> Bool { view == .outbox || view == .dlq || view == .audit }
}
