import DeckCore

/// Catalog drift alerts: open first in attention, breaking ones in red.
enum DriftScreen {
    static let columns = [
        TableColumn("ID", .fixed(4), .right),
        TableColumn("OPENED", .fixed(7), .right),
        TableColumn("TENANT", .flex(min: 8)),
        TableColumn("TOOL", .flex(min: 14)),
        TableColumn("KIND", .fixed(15)),  // dropped under 110 columns
        TableColumn("VERSIONS", .flex(min: 8)),
        TableColumn("CHG", .fixed(3), .right),
        TableColumn("HELD", .fixed(5), .right),
        TableColumn("STATUS", .flex(min: 8)),
    ]

    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let (titleRow, tableArea) = area.splitTop(1)
        let alerts = Console.driftRows(state)
        let open = alerts.filter { $0.status == .open }
        let breaking = open.filter(\.breaking).count
        let marks = state.marks[.drift] ?? []
        var title: StyledLine = [Span("Catalog drift", .title), Span("  \(open.count) open", open.isEmpty ? .muted : .attention)]
        if breaking > 0 {
            let held = open.reduce(0) { $0 + (state.data.heldCounts[$1.id] ?? 0) }
            title.append(Span(", \(breaking) breaking, holding \(held) envelope\(held == 1 ? "" : "s") (o: show them, A: accept)", .bad))
        }
        if !marks.isEmpty { title.append(Span("  \(marks.count) marked", .marked)) }
        Console.renderTitle(title, into: &buffer, area: titleRow, theme: theme)
        let rows = alerts.map { alert in
            let changes = alert.diff["changes"]?.arrayValue?.count ?? 0
            let status = alert.status == .open
                ? (alert.breaking ? "BREAKING" : "open")
                : "accepted" + (alert.acceptedBy.map { " by " + $0 } ?? "")
            let held = state.data.heldCounts[alert.id] ?? 0
            return TableRow([
                TableCell(String(alert.id.rawValue)),
                TableCell(Format.age(alert.openedAt, now: state.now)),
                TableCell(state.data.tenantNames[alert.tenantID] ?? alert.tenantID.short),
                TableCell(alert.toolSlug),
                TableCell(alert.kind.rawValue),
                TableCell((alert.fromVersion ?? "—") + " → " + (alert.toVersion ?? "—")),
                TableCell(String(changes)),
                TableCell(alert.status == .open ? String(held) : "—", held > 0 ? .bad : .muted),
                TableCell(status, alert.status == .open ? (alert.breaking ? .bad : .attention) : .muted),
            ], marked: marks.contains(alert.id.rawValue))
        }
        let sort = Console.sort(state, .drift)
        let wide = area.width >= 110
        let keep = wide ? Array(columns.indices) : [0, 1, 2, 3, 5, 7, 8]
        Table(
            columns: keep.map { columns[$0] },
            rows: rows.map { row in TableRow(keep.map { row.cells[$0] }, role: row.role, marked: row.marked) },
            selected: Console.selectedIndex(state, .drift), offset: state.position(.drift).offset,
            sortColumn: keep.firstIndex(of: [1, 2, 3, 8][sort.column]), sortAscending: sort.ascending
        ).render(into: &buffer, area: tableArea, theme: theme)
        if rows.isEmpty {
            Console.renderEmpty(state.loadedRequest?.view == .drift ? "No drift: the catalog matches Composio." : "loading…", into: &buffer, area: tableArea, theme: theme)
        }
    }
}
