import DeckCore

/// Live telemetry: latency percentiles, rates with sparklines, DLQ size, live workers.
enum TelemetryScreen {
    static func render(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let (titleRow, rest) = area.splitTop(1)
        let frame = state.data.telemetry
        let workers = frame?.workers ?? []
        var title: StyledLine = [
            Span("Telemetry", .title),
            Span("  \(workers.count) live worker\(workers.count == 1 ? "" : "s")", workers.isEmpty ? .attention : .muted),
            Span("  workers: all tenants", .muted),
        ]
        // Workers serve every tenant, so latency and rates are never one tenant's; the DLQ is.
        if let name = state.scopeName { title += [Span("  DLQ: ", .muted), Span(name, .attention)] }
        Console.renderTitle(title, into: &buffer, area: titleRow, theme: theme)
        let workerRows = min(max(3, workers.count + 2), max(3, rest.height / 3))
        let (upper, lower) = rest.splitBottom(workerRows)
        let leftWidth = upper.width / 2
        let (left, right) = upper.splitLeft(leftWidth)
        renderLatency(frame, into: &buffer, area: left, theme: theme)
        renderRates(state, frame, into: &buffer, area: Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: right.height), theme: theme)
        renderWorkers(state, workers, into: &buffer, area: lower, theme: theme)
    }

    static func renderLatency(_ frame: TelemetryFrame?, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let inner = Frame(title: "Provider latency").render(into: &buffer, area: area, theme: theme)
        guard let latency = frame?.latency, latency.count > 0 else {
            buffer.write("no executions yet", x: inner.x + 1, y: inner.y, style: theme.style(.muted), maxWidth: inner.width - 1)
            return
        }
        let buckets = [("p50", latency.p50), ("p90", latency.p90), ("p99", latency.p99), ("p99.9", latency.p999), ("max", latency.max)]
            .map { HistogramBars.Bucket(label: $0.0, count: Int(($0.1 * 1_000_000).rounded()), text: Format.latency($0.1)) }
        let (summaryRow, bars) = inner.splitTop(1)
        buffer.write("\(Format.count(latency.count)) executions", x: summaryRow.x + 1, y: summaryRow.y, style: theme.style(.muted), maxWidth: summaryRow.width - 1)
        HistogramBars(buckets: buckets).render(into: &buffer, area: Rect(x: bars.x + 1, y: bars.y, width: bars.width - 2, height: bars.height), theme: theme)
    }

    static func renderRates(_ state: ConsoleState, _ frame: TelemetryFrame?, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let inner = Frame(title: "Rates/s (all tenants), DLQ").render(into: &buffer, area: area, theme: theme)
        let history = state.history
        let dlqSize = state.data.counts[.dead] ?? 0
        let dlqLabel = state.scopeName.map { "DLQ " + $0 } ?? "DLQ (all)"
        let series: [(String, String, [Double], Role)] = [
            ("attempts", Format.rate(history.attempts.last ?? 0), history.attempts, .text),
            ("failures", Format.rate(history.failures.last ?? 0), history.failures, (history.failures.last ?? 0) > 0 ? .bad : .text),
            ("conflicts", Format.rate(history.conflicts.last ?? 0), history.conflicts, .text),
            ("finished", Format.rate(frame?.throughput ?? 0), history.throughput, .good),
            (dlqLabel, Format.count(dlqSize), history.dlq, dlqSize > 0 ? .bad : .text),
        ]
        let labelWidth = 10
        let valueWidth = 9
        let spacing = inner.height >= series.count * 2 + 1 ? 2 : 1
        let sparkX = inner.x + 2 + labelWidth + valueWidth
        for (index, entry) in series.enumerated() {
            let y = inner.y + index * spacing
            guard y < inner.maxY else { break }
            buffer.write(entry.0, x: inner.x + 1, y: y, style: theme.style(.muted), maxWidth: labelWidth)
            let value = entry.1
            buffer.write(value, x: inner.x + 1 + labelWidth + valueWidth - TextWidth.of(value), y: y, style: theme.style(entry.3), maxWidth: valueWidth)
            Sparkline(values: entry.2).render(into: &buffer, area: Rect(x: sparkX, y: y, width: inner.maxX - sparkX - 1, height: 1), theme: theme)
        }
        let axisY = inner.y + (series.count - 1) * spacing + 1
        if axisY < inner.maxY {
            renderAxis(history.times, now: state.now, into: &buffer,
                       area: Rect(x: sparkX, y: axisY, width: max(0, inner.maxX - sparkX - 1), height: 1), theme: theme)
        }
        if let frame {
            let totals = "totals: attempts \(Format.count(Int(frame.attempts)))  failures \(Format.count(Int(frame.failures)))  conflicts \(Format.count(Int(frame.conflicts)))  succeeded \(Format.count(Int(frame.succeeded)))"
            let y = axisY + 1
            if y < inner.maxY {
                buffer.write(TextFit.truncate(totals, toWidth: inner.width - 2), x: inner.x + 1, y: y, style: theme.style(.muted), maxWidth: inner.width - 2)
            }
        }
    }

    /// The sparklines' time axis: how long ago the oldest sample shown was taken at the left,
    /// the middle one's in the middle, "now" at the right (samples are about a second apart,
    /// but a slow load or a paused console spaces them more; the labels say what was).
    static func renderAxis(_ times: [Timestamp], now: Timestamp, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let shown = Array(times.suffix(area.width))
        guard shown.count >= 2, area.width >= 12 else { return }
        let style = theme.style(.muted)
        let start = area.maxX - shown.count
        func label(_ instant: Timestamp) -> String { "-" + Format.span(max(0, now.milliseconds(since: instant))) }
        buffer.write("now", x: area.maxX - 3, y: area.y, style: style, maxWidth: 3)
        let left = "└" + label(shown[0])
        buffer.write(left, x: start, y: area.y, style: style, maxWidth: area.width)
        let middle = shown.count / 2
        let middleText = label(shown[middle])
        let middleX = start + middle
        if middleX - start > TextWidth.of(left) + 1, middleX + TextWidth.of(middleText) < area.maxX - 4 {
            buffer.write(middleText, x: middleX, y: area.y, style: style, maxWidth: area.maxX - middleX)
        }
    }

    static let workerColumns = [
        TableColumn("WORKER", .flex(min: 12)),
        TableColumn("HOST", .flex(min: 8)),
        TableColumn("PID", .fixed(7), .right),
        TableColumn("UP", .fixed(6), .right),
        TableColumn("SEEN", .fixed(6), .right),
        TableColumn("IN FLIGHT", .fixed(9), .right),
        TableColumn("SUCCEEDED", .fixed(10), .right),
        TableColumn("FAILURES", .fixed(9), .right),
    ]

    static func renderWorkers(_ state: ConsoleState, _ workers: [TelemetryFrame.Worker], into buffer: inout Buffer, area: Rect, theme: Theme) {
        let rows = workers.map { worker in
            TableRow([
                TableCell(worker.id),
                TableCell(worker.host),
                TableCell(String(worker.pid)),
                TableCell(Format.age(worker.startedAt, now: state.now)),
                TableCell(Format.age(worker.lastSeenAt, now: state.now), .muted),
                TableCell(String(worker.inFlight), worker.inFlight > 0 ? .active : nil),
                TableCell(Format.count(Int(worker.succeeded))),
                TableCell(Format.count(Int(worker.failures)), worker.failures > 0 ? .bad : nil),
            ])
        }
        Table(columns: workerColumns, rows: rows).render(into: &buffer, area: area, theme: theme)
        if rows.isEmpty {
            buffer.write("No live workers (no heartbeat in the last 15 s).", x: area.x + 2, y: area.y + 1, style: theme.style(.attention), maxWidth: area.width - 2)
        }
    }
}
