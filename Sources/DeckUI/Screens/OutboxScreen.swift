import DeckCore

/// The outbox and DLQ views: a keyset window of envelopes, newest first.
enum OutboxScreen {
    /// The column set for a width: narrow terminals drop risk and timing before the note.
    static func columns(_ view: ConsoleViewKind, width: Int) -> [TableColumn] {
        let note = TableColumn(view == .dlq ? "LAST ERROR" : "NOTE", .flex(min: 12))
        if width < 110 {
            return [
                TableColumn("ID", .fixed(6), .right), TableColumn("TENANT", .fixed(9)), TableColumn("TOOL", .flex(min: 14)),
                TableColumn("RISK", .fixed(8)), TableColumn("STATUS", .fixed(17)), TableColumn("ATT", .fixed(3), .right), note,
            ]
        }
        return [
            TableColumn("ID", .fixed(8), .right), TableColumn("TENANT", .fixed(14)), TableColumn("TOOL", .fixed(28)),
            TableColumn("RISK", .fixed(8)), TableColumn("STATUS", .fixed(17)), TableColumn("ATT", .fixed(3), .right),
            TableColumn(view == .dlq ? "DIED" : "RUN", .fixed(6), .right), note,
        ]
    }

    static func row(_ envelope: Envelope, state: ConsoleState, marked: Bool, wide: Bool) -> TableRow {
        let tenant = state.data.tenantNames[envelope.tenantID] ?? envelope.tenantID.short
        // A held envelope has no time to run at (until its alert is accepted): show when it was held.
        let when = envelope.status == .pending && envelope.heldBy == nil ? envelope.runAt : envelope.updatedAt
        let note = envelope.lastError ?? envelope.statusReason ?? (envelope.approvedBy.map { "approved by " + $0 } ?? "")
        let noteCell = TableCell(Format.oneLine(note), envelope.lastError != nil ? .bad : .muted)
        guard wide else {
            return TableRow([
                TableCell(String(envelope.id.rawValue)), TableCell(tenant), TableCell(envelope.toolSlug),
                TableCell(envelope.risk.rawValue, Format.role(envelope.risk)),
                TableCell(Format.statusText(envelope), Format.role(envelope.status)), TableCell(String(envelope.attempts)), noteCell,
            ], marked: marked)
        }
        return TableRow([
            TableCell(String(envelope.id.rawValue)),
            TableCell(tenant),
            TableCell(envelope.toolSlug),
            TableCell(envelope.risk.rawValue, Format.role(envelope.risk)),
            TableCell(Format.statusText(envelope), Format.role(envelope.status)),
            TableCell(String(envelope.attempts)),
            TableCell(Format.age(when, now: state.now)),
            noteCell,
        ], marked: marked)
    }

    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let view = state.view
        let (titleRow, tableArea) = area.splitTop(1)
        let filter = state.filter(view)
        let marks = state.marks[view] ?? []
        var title: StyledLine = [Span(view == .dlq ? "Dead-letter queue" : "Outbox", .title)]
        let total: Int
        if view == .dlq {
            total = state.data.counts[.dead] ?? 0
        } else if let statuses = filter.statuses {
            total = statuses.reduce(0) { $0 + (state.data.counts[$1] ?? 0) }
        } else {
            total = state.data.counts.values.reduce(0, +)
        }
        if filter.narrowsBeyondStatus {
            let count = Console.showsLoadedRows(state, view) ? state.data.matchCount : nil
            let text = count.map { $0 > 10_000 ? "10,000+ matching" : "\(Format.count($0)) matching" } ?? "counting…"
            title.append(Span("  " + text, .muted))
        } else {
            title.append(Span("  \(Format.count(total)) envelopes", .muted))
        }
        if !filter.isEmpty { title += [Span("  /", .muted), Span(filter.text, .input)] }
        if !marks.isEmpty { title.append(Span("  \(marks.count) marked", .marked)) }
        let above = Console.showsLoadedRows(state, view) ? Console.windowOffset(state, view) : 0
        if above > 0 {
            // Rows newer than the top one shown: counted, never slid under the cursor.
            let exact = state.data.windowAtTop
            title.append(Span("  ▲ \(Format.count(above))\(exact ? "" : "+") newer (g)", .attention))
        }
        Console.renderTitle(title, into: &buffer, area: titleRow, theme: theme)
        let loaded = Console.showsLoadedRows(state, view)
        let envelopes = loaded ? state.data.envelopes : []
        let wide = area.width >= 110
        let table = Table(
            columns: columns(view, width: area.width),
            rows: envelopes.map { row($0, state: state, marked: marks.contains($0.id.rawValue), wide: wide) },
            selected: Console.selectedIndex(state, view),
            offset: Console.windowOffset(state, view))
        table.render(into: &buffer, area: tableArea, theme: theme)
        if envelopes.isEmpty {
            let text = !loaded ? "loading…" : !filter.isEmpty ? "Nothing matches the filter." : view == .dlq ? "The DLQ is empty." : "No envelopes yet."
            Console.renderEmpty(text, into: &buffer, area: tableArea, theme: theme)
        }
    }
}
