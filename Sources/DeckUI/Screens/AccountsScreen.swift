import DeckCore

/// Connected accounts: status, scopes, last warm scan.
enum AccountsScreen {
    static let columns = [
        TableColumn("TENANT", .flex(min: 10)),
        TableColumn("TOOLKIT", .fixed(12)),
        TableColumn("ACCOUNT", .flex(min: 12)),
        TableColumn("STATUS", .fixed(12)),
        TableColumn("LAST SCAN", .fixed(9), .right),
        TableColumn("SCOPES", .flex(min: 10)),
        TableColumn("REASON", .flex(min: 8)),
    ]

    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let (titleRow, tableArea) = area.splitTop(1)
        let accounts = Console.accountRows(state)
        let active = accounts.filter { $0.status == .active }.count
        Console.renderTitle(
            [Span("Connected accounts", .title), Span("  \(accounts.count), \(active) active", .muted)],
            into: &buffer, area: titleRow, theme: theme)
        let rows = accounts.map { account in
            TableRow([
                TableCell(state.data.tenantNames[account.tenantID] ?? account.tenantID.short),
                TableCell(account.provider),
                TableCell(account.id.rawValue),
                TableCell(account.status.rawValue, Format.role(account.status)),
                TableCell(account.lastScanAt.map { Format.age($0, now: state.now) } ?? "never", account.lastScanAt == nil ? .muted : nil),
                TableCell(account.scopes.joined(separator: " "), .muted),
                TableCell(account.statusReason ?? "", .muted),
            ])
        }
        let sort = Console.sort(state, .accounts)
        Table(
            columns: columns, rows: rows, selected: Console.selectedIndex(state, .accounts), offset: state.position(.accounts).offset,
            sortColumn: [0, 1, 3, 4][sort.column], sortAscending: sort.ascending
        ).render(into: &buffer, area: tableArea, theme: theme)
        if rows.isEmpty {
            Console.renderEmpty(state.loadedRequest?.view == .accounts ? "No connected accounts yet." : "loading…", into: &buffer, area: tableArea, theme: theme)
        }
    }
}
