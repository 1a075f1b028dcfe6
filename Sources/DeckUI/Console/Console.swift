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
        case .counted(let action, let count):
            guard count > 0 else {
                flash(&state, "nothing matches the filter", isError: true)
                return []
            }
            state.mode = .confirm(Confirmation(action: action, count: count, question: question(action, count: count)))
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

    static func question(_ action: ConsoleAction, count: Int) -> String {
        let noun: String
        switch action {
        case .acceptDrift: noun = count == 1 ? "drift alert" : "drift alerts"
        default: noun = count == 1 ? "envelope" : "envelopes"
        }
        let verb = action.verb.prefix(1).uppercased() + action.verb.dropFirst()
        var text = "\(verb) \(count) \(noun)"
        if case .matching(_, let view, let scope, let filter) = action {
            var parts = ["matching \(view.name)"]
            if !filter.isEmpty { parts.append("filter '\(filter.text)'") }
            if case .tenant = scope { parts.append("in the tenant filter") }
            text += " " + parts.joined(separator: " ")
        }
        return text + "?"
    }

    /// Takes loaded rows if they answer the screen shown now, and settles the cursor.
    static func absorb(_ state: inout ConsoleState, request: DataRequest, data: ConsoleData) {
        if let frame = data.telemetry { state.history.record(frame, dlqSize: data.counts[.dead] ?? 0) }
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
        state.positions[request.view] = position
        clampPositions(&state)
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
