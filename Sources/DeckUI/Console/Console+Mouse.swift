extension Console {
    /// The first screen row of table data (under header, tabs, title and column header).
    static let firstDataRow = 4

    static func handleMouse(_ state: inout ConsoleState, _ event: MouseEvent) -> [ConsoleEffect] {
        guard case .normal = state.mode, !state.isTooSmall else { return [] }
        switch event.kind {
        case .wheelUp:
            if state.detail != nil { state.detailOffset = max(0, state.detailOffset - 3) } else { move(&state, by: -3) }
        case .wheelDown:
            if state.detail != nil { state.detailOffset += 3 } else { move(&state, by: 3) }
        case .click:
            if event.y == 1 {
                let tabs = Tabs(titles: tabTitles(state), selected: state.view.rawValue - 1)
                if let index = tabs.tab(atX: event.x, area: Rect(x: 0, y: 1, width: state.width, height: 1)),
                   let view = ConsoleViewKind(rawValue: index + 1) {
                    switchView(&state, to: view)
                }
                return []
            }
            guard state.detail == nil, state.view != .telemetry else { return [] }
            let row = event.y - firstDataRow
            guard row >= 0, row < state.visibleRows else { return [] }
            let offset = isWindowed(state.view) ? windowOffset(state, state.view) : state.position(state.view).offset
            let target = offset + row
            guard target < rowCount(state, state.view), let current = selectedIndex(state, state.view) else { return [] }
            move(&state, by: target - current)
            if isWindowed(state.view) {
                var position = state.position(state.view)
                position.cursorRow = row
                state.positions[state.view] = position
            }
        }
        return []
    }
}
