import DeckCore

/// The outbox and DLQ views: a keyset window of envelopes, newest first.
enum OutboxScreen {
    /// The column set for a width: narrow terminals drop timing (the next attempt moves into
    /// the note) before risk.
    static func columns(_ view: ConsoleViewKind, width: Int) -> [TableColumn] {
        let note = TableColumn(view == .dlq ? "LAST ERROR" : "NOTE", .flex(min: 12))
        if width < 110 {
            return [
                TableColumn("ID", .fixed(6), .right), TableColumn("TENANT", .fixed(9)), TableColumn("TOOL", .flex(min: 14)),
                TableColumn("RISK", .fixed(8)), TableColumn("STATUS", .fixed(17)), TableColumn("ATT", .fixed(3), .right), note,
            ]
        }
        return [
            TableColumn("ID", .fixed(8), .right), TableColumn("TENANT", .fixed(12)), TableColumn("TOOL", .fixed(26)),
            TableColumn("RISK", .fixed(8)), TableColumn("STATUS", .fixed(17)), TableColumn("ATT", .fixed(3), .right),
            TableColumn("DUR", .fixed(6), .right), TableColumn(view == .dlq ? "DIED" : "NEXT", .fixed(9), .right), note,
        ]
    }

    /// How long the envelope has been in the outbox: from submission to its end (succeeded,
    /// dead, cancelled), or so far.
    static func duration(_ envelope: Envelope, now: Timestamp) -> String {
        let end = envelope.status.isFinal || envelope.status == .dead ? envelope.updatedAt : now
        return Format.duration(max(0, end.milliseconds(since: envelope.createdAt)))
    }

    /// What comes next for it: the next attempt of a pending one ("in 30s", "due"), the
    /// lease of a running one, or what it waits for.
    static func next(_ envelope: Envelope, now: Timestamp) -> (text: String, role: Role?) {
        switch envelope.status {
        case .pending:
            if envelope.heldBy != nil { return ("held", .attention) }
            return nextAttempt(envelope, now: now).map { ($0, nil) } ?? ("due", .active)
        case .running:
            guard let expiry = envelope.leaseExpiresAt else { return ("running", .active) }
            return expiry > now ? ("lease " + Format.span(expiry.milliseconds(since: now)), .active) : ("lease over", .bad)
        case .awaitingApproval: return ("approval", .attention)
        case .succeeded, .dead, .cancelled: return ("—", .muted)
        }
    }

    /// When a pending, unheld envelope runs next ("in 30s"), or nil when it is due: within a
    /// second is due (two processes' clocks differ by that much).
    static func nextAttempt(_ envelope: Envelope, now: Timestamp) -> String? {
        guard envelope.status == .pending, envelope.heldBy == nil, envelope.runAt.milliseconds(since: now) >= 1000 else { return nil }
        return Format.age(envelope.runAt, now: now)
    }

    static func row(_ envelope: Envelope, state: ConsoleState, marked: Bool, wide: Bool) -> TableRow {
        let tenant = state.data.tenantNames[envelope.tenantID] ?? envelope.tenantID.short
        var note = envelope.lastError ?? envelope.statusReason ?? (envelope.approvedBy.map { "approved by " + $0 } ?? "")
        if !wide, let next = nextAttempt(envelope, now: state.now) {
            // No NEXT column at this width: when the next attempt comes leads the note.
            note = "next " + next + (note.isEmpty ? "" : " · " + note)
        }
        let noteCell = TableCell(Format.oneLine(note), envelope.lastError != nil ? .bad : .muted)
        guard wide else {
            return TableRow([
                TableCell(String(envelope.id.rawValue)), TableCell(tenant), TableCell(envelope.toolSlug.rawValue),
                TableCell(envelope.risk.rawValue, Format.role(envelope.risk)),
                TableCell(Format.statusText(envelope), Format.role(envelope.status)), TableCell(String(envelope.attempts)), noteCell,
            ], marked: marked)
        }
        let next: (text: String, role: Role?) = state.view == .dlq
            ? (Format.age(envelope.updatedAt, now: state.now), nil) : Self.next(envelope, now: state.now)
        return TableRow([
            TableCell(String(envelope.id.rawValue)),
            TableCell(tenant),
            TableCell(envelope.toolSlug.rawValue),
            TableCell(envelope.risk.rawValue, Format.role(envelope.risk)),
            TableCell(Format.statusText(envelope), Format.role(envelope.status)),
            TableCell(String(envelope.attempts)),
            TableCell(duration(envelope, now: state.now), .muted),
            TableCell(next.text, next.role),
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
            // Counts load at most once a second, rows at every change. Outbox ids are given in
            // order and rows never deleted, so across all tenants the newest id on screen is a
            // lower bound of the total: the title never lags the rows it sits above.
            let counted = state.data.counts.values.reduce(0, +)
            let newest = state.scope == .allTenants && Console.showsLoadedRows(state, view) && state.data.windowAtTop
                ? Int(state.data.envelopes.first?.id.rawValue ?? 0) : 0
            total = max(counted, newest)
        }
        if filter.narrowsBeyondStatus {
            let count = Console.showsLoadedRows(state, view) ? state.data.matchCount : nil
            let text = count.map { $0 > 10_000 ? "10,000+ matching" : "\(Format.count($0)) matching" } ?? "counting…"
            title.append(Span("  " + text, .muted))
        } else {
            title.append(Span("  \(Format.count(total)) \(total == 1 ? "envelope" : "envelopes")", .muted))
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
