import DeckCore

/// Tenants with their guardrails, objectives' progress and queue and task counts.
enum TenantsScreen {
    static let allColumns = [
        TableColumn("NAME", .flex(min: 10)),
        TableColumn("QUEUE", .fixed(6)),
        TableColumn("PLAN", .fixed(10)),
        TableColumn("TIME ZONE", .flex(min: 12)),
        TableColumn("QUIET", .fixed(11)),
        TableColumn("AUTONOMY", .fixed(8)),
        TableColumn("CAP", .fixed(3), .right),
        TableColumn("PEND", .fixed(6), .right),
        TableColumn("AWAIT", .fixed(5), .right),
        TableColumn("DEAD", .fixed(5), .right),
        TableColumn("TASKS", .fixed(7), .right),
        TableColumn("OBJECTIVES", .fixed(12)),
    ]

    /// Column indexes shown at a width: narrow terminals drop plan, zone and tasks.
    static func shown(width: Int) -> [Int] {
        width < 110 ? [0, 1, 4, 5, 6, 7, 8, 9, 11] : Array(allColumns.indices)
    }

    /// The column each sort key sorts (see `Console.sortTitles`).
    static let sortColumns = [0, 2, 3, 7, 8, 9]

    static func progress(_ objectives: [Objective]) -> Double? {
        guard !objectives.isEmpty else { return nil }
        return objectives.reduce(0) { $0 + $1.progress } / Double(objectives.count)
    }

    static func row(_ summary: TenantSummary) -> TableRow {
        let tasksOpen = (summary.tasks[.planned] ?? 0) + (summary.tasks[.inProgress] ?? 0) + (summary.tasks[.blocked] ?? 0)
        let tasksTotal = summary.tasks.values.reduce(0, +)
        let quiet = summary.guardrails.quietHours.map { String(describing: $0) } ?? "—"
        let objectives = progress(summary.objectives).map { Format.bar($0, width: 6) + String(format: " %3.0f%%", $0 * 100) } ?? "—"
        let awaiting = summary.envelopes[.awaitingApproval] ?? 0
        let dead = summary.envelopes[.dead] ?? 0
        return TableRow([
            TableCell(summary.tenant.name),
            summary.tenant.isPaused ? TableCell("paused", .attention) : TableCell("live", .muted),
            TableCell(summary.tenant.plan),
            TableCell(summary.tenant.timeZone),
            TableCell(summary.inQuietHours ? "quiet now" : quiet, summary.inQuietHours ? .attention : .muted),
            TableCell(summary.guardrails.autonomy.rawValue),
            TableCell(String(summary.tenant.maxRunning)),
            TableCell(Format.count(summary.envelopes[.pending] ?? 0)),
            TableCell(Format.count(awaiting), awaiting > 0 ? .attention : nil),
            TableCell(Format.count(dead), dead > 0 ? .bad : nil),
            TableCell("\(tasksOpen)/\(tasksTotal)"),
            TableCell(objectives, .chart),
        ])
    }

    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let (titleRow, tableArea) = area.splitTop(1)
        let rows = Console.tenantRows(state)
        let sort = Console.sort(state, .tenants)
        Console.renderTitle([Span("Tenants", .title), Span("  \(rows.count)", .muted)], into: &buffer, area: titleRow, theme: theme)
        let indexes = shown(width: area.width)
        let sortColumn = indexes.firstIndex(of: sortColumns[sort.column])
        let position = state.position(.tenants)
        Table(
            columns: indexes.map { allColumns[$0] },
            rows: rows.map { summary in
                let full = row(summary)
                return TableRow(indexes.map { full.cells[$0] }, role: full.role, marked: full.marked)
            },
            selected: Console.selectedIndex(state, .tenants), offset: position.offset,
            sortColumn: sortColumn, sortAscending: sort.ascending
        ).render(into: &buffer, area: tableArea, theme: theme)
        if rows.isEmpty {
            Console.renderEmpty(state.loadedRequest?.view == .tenants ? "No tenants yet: opsdeck tenant add NAME" : "loading…", into: &buffer, area: tableArea, theme: theme)
        }
    }
}
