import DeckCore

/// The audit log tail: newest first, following the head until paused.
enum AuditScreen {
    static func columns(width: Int) -> [TableColumn] {
        if width < 110 {
            return [
                TableColumn("ID", .fixed(7), .right), TableColumn("TIME", .fixed(8)), TableColumn("CATEGORY", .fixed(10)),
                TableColumn("ACTION", .fixed(18)), TableColumn("ACTOR", .flex(min: 8)), TableColumn("DETAIL", .flex(min: 8)),
            ]
        }
        return [
            TableColumn("ID", .fixed(8), .right), TableColumn("TIME", .fixed(8)), TableColumn("CATEGORY", .fixed(10)),
            TableColumn("ACTION", .fixed(20)), TableColumn("TENANT", .fixed(14)), TableColumn("ENV", .fixed(7), .right),
            TableColumn("ACTOR", .fixed(18)), TableColumn("DETAIL", .flex(min: 12)),
        ]
    }

    static func role(_ event: AuditEvent) -> Role {
        let action = event.action
        if action.contains("dead") || action.contains("fail") || action.contains("doubt") || action.contains("broken") { return .bad }
        if action.contains("drift") || action.contains("held") || action.contains("approval") { return .attention }
        if action.contains("succeed") { return .good }
        return .text
    }

    static func detailText(_ payload: JSONValue) -> String {
        guard case .object(let members) = payload, !members.isEmpty else { return "" }
        return members.keys.sorted().prefix(6).map { key in
            let value = members[key]!
            let text = DetailScreen.readable(key: key, value)
            return key + "=" + (text.count > 60 ? String(text.prefix(59)) + TextFit.ellipsis : text)
        }.joined(separator: " ")
    }

    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let (titleRow, tableArea) = area.splitTop(1)
        let following = state.position(.audit).selectedID == nil
        var title: StyledLine = [Span("Audit log", .title), Span(following ? "  following" : "  paused", following ? .good : .attention)]
        if !state.auditFilter.isEmpty { title += [Span("  /", .muted), Span(state.auditFilter.text, .input)] }
        Console.renderTitle(title, into: &buffer, area: titleRow, theme: theme)
        let loaded = state.loadedRequest?.view == .audit
        let events = loaded ? state.data.auditEvents : []
        let wide = area.width >= 110
        let rows = events.map { event in
            let tenant = event.tenantID.map { state.data.tenantNames[$0] ?? $0.short } ?? "—"
            let cells = [
                TableCell(String(event.id.rawValue)),
                TableCell(Format.clock(event.createdAt), .muted),
                TableCell(event.category.rawValue),
                TableCell(event.action, role(event)),
                TableCell(tenant),
                TableCell(event.envelopeID.map { String($0.rawValue) } ?? ""),
                TableCell(event.actor),
                TableCell(detailText(event.payload), .muted),
            ]
            return TableRow(wide ? cells : [cells[0], cells[1], cells[2], cells[3], cells[6], cells[7]])
        }
        Table(columns: columns(width: area.width), rows: rows, selected: Console.selectedIndex(state, .audit), offset: Console.windowOffset(state, .audit))
            .render(into: &buffer, area: tableArea, theme: theme)
        if events.isEmpty {
            Console.renderEmpty(loaded ? "No audit rows match." : "loading…", into: &buffer, area: tableArea, theme: theme)
        }
    }
}
