import DeckCore

/// Enter: one record in full, scrolled with j/k; the drift diff side by side.
enum DetailScreen {
    static func render(_ state: ConsoleState, request: DetailRequest, into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard state.loadedRequest?.detail == request, let detail = state.data.detail else {
            buffer.write("loading…", x: area.x + 1, y: area.y, style: theme.style(.muted))
            return
        }
        if case .drift(let alert) = detail {
            renderDrift(alert, state: state, into: &buffer, area: area, theme: theme)
            return
        }
        let content = lines(detail, state: state)
        let offset = min(state.detailOffset, ScrollText.maxOffset(lineCount: content.count, visibleRows: area.height))
        ScrollText(lines: content, offset: offset).render(into: &buffer, area: area, theme: theme)
    }

    /// The detail's lines (all but the drift diff, which has its own two-column layout).
    static func lines(_ detail: DetailData, state: ConsoleState) -> [StyledLine] {
        switch detail {
        case .envelope(let envelope, let history): envelopeLines(envelope, history: history, state: state)
        case .audit(let event): auditLines(event, state: state)
        case .drift(let alert): driftColumns(alert).left
        case .tenant(let summary, let tasks): tenantLines(summary, tasks: tasks)
        case .account(let account): accountLines(account, state: state)
        case .missing(let text): [[Span(text, .bad)], [Span("Esc goes back.", .muted)]]
        }
    }

    /// The largest useful scroll offset of the open detail (j/k stop there).
    static func maxOffset(_ state: ConsoleState) -> Int {
        guard let request = state.detail, state.loadedRequest?.detail == request, let detail = state.data.detail else { return 0 }
        let body = max(1, state.height - 4)
        if case .drift(let alert) = detail {
            let visible = max(1, body - driftHeader(alert, state: state).count - 1 - 2)
            return ScrollText.maxOffset(lineCount: driftColumns(alert).left.count, visibleRows: visible)
        }
        return ScrollText.maxOffset(lineCount: lines(detail, state: state).count, visibleRows: body)
    }

    static func field(_ name: String, _ value: String, _ role: Role = .text) -> StyledLine {
        [Span(name.padding(toLength: 15, withPad: " ", startingAt: 0), .muted), Span(value, role)]
    }

    static func block(_ title: String, _ text: String, role: Role = .text) -> [StyledLine] {
        [[], [Span(title, .title)]] + text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span("  " + $0, role)] }
    }

    static func envelopeLines(_ envelope: Envelope, history: [AuditEvent], state: ConsoleState) -> [StyledLine] {
        let tenant = state.data.tenantNames[envelope.tenantID] ?? envelope.tenantID.rawValue
        var lines: [StyledLine] = [
            [Span("Envelope \(envelope.id.rawValue)", .title), Span("  \(envelope.toolSlug) (\(envelope.toolkit))", .text)],
            [],
            field("tenant", tenant),
            field("status", Format.statusText(envelope), Format.role(envelope.status)),
            field("risk", envelope.risk.rawValue, Format.role(envelope.risk)),
            field("attempts", String(envelope.attempts)),
            envelope.heldBy.map { field("run at", "held by drift alert #\($0.rawValue) until it is accepted", .attention) }
                ?? field("run at", envelope.runAt.iso8601 + " (" + Format.relative(envelope.runAt, now: state.now) + ")"),
            field("version", envelope.version ?? "—"),
            field("account", envelope.connectedAccountID?.rawValue ?? "—"),
            field("task", envelope.taskID.map { String($0.rawValue) } ?? "—"),
            field("idempotency", envelope.idempotencyKey),
            field("created", envelope.createdAt.iso8601),
            field("updated", envelope.updatedAt.iso8601),
        ]
        if let owner = envelope.leaseOwner {
            lines.append(field("lease", owner.rawValue + " until " + (envelope.leaseExpiresAt?.iso8601 ?? "?"), .active))
        }
        if let approvedBy = envelope.approvedBy { lines.append(field("approved by", approvedBy, .good)) }
        if let reason = envelope.statusReason { lines.append(field("reason", reason, .attention)) }
        if let external = envelope.externalID { lines.append(field("provider log", external)) }
        if let error = envelope.lastError { lines += block("Last error", error, role: .bad) }
        lines += block("Arguments", envelope.arguments.prettyText)
        if let result = envelope.result {
            // Pretty-printed when it is JSON (a result cut at 64 KiB is not: shown as stored).
            let pretty = (try? JSONValue(parsing: result))?.prettyText ?? result
            lines += block("Result" + (envelope.resultTruncated ? " (truncated)" : ""), pretty)
        }
        lines += [[], [Span("History (\(history.count) audit rows)", .title)]]
        let width = max(20, state.width - 8)
        for event in history {
            lines.append([
                Span("  " + event.createdAt.iso8601 + " (" + Format.relative(event.createdAt, now: state.now) + ")  ", .muted),
                Span(event.action, AuditScreen.role(event)),
                Span("  by " + event.actor, .muted),
            ])
            // Every payload value on lines of its own, wrapped, never cut; times as ISO 8601.
            guard case .object(let members) = event.payload else { continue }
            for key in members.keys.sorted() {
                let text = Self.readable(key: key, members[key]!)
                for (index, piece) in Self.wrap(text, width: max(10, width - key.count - 2)).enumerated() {
                    let label = index == 0 ? key + ": " : String(repeating: " ", count: key.count + 2)
                    lines.append([Span("      " + label, .muted), Span(piece, .text)])
                }
            }
        }
        return lines
    }

    /// A payload value as an operator reads it: text as is, a millisecond time (`…_at`) as
    /// ISO 8601, anything else as canonical JSON.
    static func readable(key: String, _ value: JSONValue) -> String {
        if let text = value.stringValue { return text }
        if key.hasSuffix("_at"), case .integer(let milliseconds) = value, milliseconds > 1_000_000_000_000 {
            return Timestamp(millisecondsSinceEpoch: milliseconds).iso8601
        }
        return value.canonicalText
    }

    /// `text` in pieces of at most `width` columns, its own lines kept.
    static func wrap(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var columns = 0
            for character in TerminalText.sanitize(String(line)) {
                let characterWidth = TextWidth.of(String(character))
                if columns + characterWidth > width, !current.isEmpty {
                    pieces.append(current)
                    current = ""
                    columns = 0
                }
                current.append(character)
                columns += characterWidth
            }
            pieces.append(current)
        }
        return pieces
    }

    static func auditLines(_ event: AuditEvent, state: ConsoleState) -> [StyledLine] {
        var lines: [StyledLine] = [
            [Span("Audit row \(event.id.rawValue)", .title), Span("  \(event.category.rawValue) · \(event.action)", .text)],
            [],
            field("time", event.createdAt.iso8601),
            field("actor", event.actor),
            field("tenant", event.tenantID.map { state.data.tenantNames[$0] ?? $0.rawValue } ?? "— (operator-wide)"),
        ]
        if let envelope = event.envelopeID { lines.append(field("envelope", String(envelope.rawValue))) }
        lines.append(field("hash", event.hash, .muted))
        lines.append(field("previous", event.prevHash, .muted))
        lines += block("Payload", event.payload.prettyText)
        return lines
    }

    static func tenantLines(_ summary: TenantSummary, tasks: [AgentTask]) -> [StyledLine] {
        let tenant = summary.tenant
        let guardrails = summary.guardrails
        var lines: [StyledLine] = [
            [Span("Tenant \(tenant.name)", .title), Span("  \(tenant.id.rawValue)", .muted)],
            [],
            field("plan", tenant.plan),
            field("time zone", tenant.timeZone),
            field("running cap", String(tenant.maxRunning) + " at once, across all workers (c changes it)"),
            tenant.pausedAt.map { field("queue", "paused by \(tenant.pausedBy ?? "?") at \($0.iso8601) (p resumes)", .attention) }
                ?? field("queue", "live (p pauses it)"),
            field("composio user", tenant.composioUserID),
            [], [Span("Guardrails", .title)],
            field("quiet hours", (guardrails.quietHours.map { String(describing: $0) } ?? "none") + (summary.inQuietHours ? "  (quiet now)" : ""),
                  summary.inQuietHours ? .attention : .text),
            field("toolkits", guardrails.allowedToolkits?.joined(separator: ", ") ?? "all"),
            field("autonomy", "runs up to " + guardrails.autonomy.rawValue + " without approval"),
            field("tone", guardrails.tone ?? "—"),
            [], [Span("Objectives", .title)],
        ]
        if summary.objectives.isEmpty { lines.append([Span("  none", .muted)]) }
        for objective in summary.objectives {
            lines.append([
                Span("  " + Format.bar(objective.progress, width: 20) + " ", .chart),
                Span(String(format: "%3.0f%%  ", objective.progress * 100), .text),
                Span(objective.metric + " → " + String(format: "%g", objective.target) + " (" + objective.horizon + ")", .text),
            ])
        }
        lines += [[], [Span("Tasks", .title)]]
        let counts = TaskState.allCases.map { "\($0.rawValue) \(summary.tasks[$0] ?? 0)" }.joined(separator: "  ")
        lines.append([Span("  " + counts, .muted)])
        for task in tasks {
            let role: Role = task.state == .blocked ? .bad : task.state == .done ? .good : task.state == .inProgress ? .active : .text
            lines.append([Span("  " + task.state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0), role), Span(task.title, .text),
                          Span(task.evidence.isEmpty ? "" : "  (\(task.evidence.count) signal\(task.evidence.count == 1 ? "" : "s"))", .muted)])
        }
        lines += [[], [Span("Envelopes", .title)]]
        lines.append([Span("  " + EnvelopeStatus.allCases.map { "\($0.rawValue) \(summary.envelopes[$0] ?? 0)" }.joined(separator: "  "), .muted)])
        return lines
    }

    static func accountLines(_ account: ConnectedAccount, state: ConsoleState) -> [StyledLine] {
        var lines: [StyledLine] = [
            [Span("Connected account \(account.id.rawValue)", .title)],
            [],
            field("tenant", state.data.tenantNames[account.tenantID] ?? account.tenantID.rawValue),
            field("toolkit", account.provider),
            field("status", account.status.rawValue, Format.role(account.status)),
            field("last scan", account.lastScanAt.map { $0.iso8601 + " (" + Format.relative($0, now: state.now) + ")" } ?? "never"),
            field("created", account.createdAt.iso8601),
            field("updated", account.updatedAt.iso8601),
        ]
        if let reason = account.statusReason { lines.append(field("reason", reason, .attention)) }
        lines += [[], [Span("Scopes", .title)]]
        lines += account.scopes.isEmpty ? [[Span("  none", .muted)]] : account.scopes.map { [Span("  " + $0, .text)] }
        return lines
    }

    /// The drift diff side by side: each change's path, then the old value left, the new right.
    static func driftHeader(_ alert: DriftAlert, state: ConsoleState) -> [StyledLine] {
        var header: [StyledLine] = [
            [Span("Drift alert \(alert.id.rawValue)", .title), Span("  \(alert.toolSlug) (\(alert.toolkit))  \(alert.kind.rawValue)", .text),
             Span(alert.breaking ? "  BREAKING" : "  non-breaking", alert.breaking ? .bad : .good)],
            field("tenant", state.data.tenantNames[alert.tenantID] ?? alert.tenantID.rawValue),
            field("status", alert.status.rawValue + (alert.acceptedBy.map { " by " + $0 } ?? ""), alert.status == .open ? .attention : .muted),
        ]
        if alert.breaking && alert.status == .open {
            let held = state.data.heldCounts[alert.id] ?? 0
            header.append([Span(
                "Holds \(held) envelope\(held == 1 ? "" : "s") of this tool until it is accepted (A releases them; o shows them).",
                .attention)])
        }
        return header
    }

    /// The diff's two columns, line for line: each change's path and detail, then its old
    /// value on the left and its new value on the right.
    static func driftColumns(_ alert: DriftAlert) -> (left: [StyledLine], right: [StyledLine]) {
        let changes = alert.diff["changes"]?.arrayValue ?? []
        var left: [StyledLine] = []
        var right: [StyledLine] = []
        for change in changes {
            let breaking = change["breaking"] == .bool(true)
            let path = change["path"]?.stringValue ?? "?"
            let detail = change["detail"]?.stringValue ?? change["kind"]?.stringValue ?? ""
            let headline: StyledLine = [Span(breaking ? "✗ " : "• ", breaking ? .bad : .good), Span(path.isEmpty ? "/" : path, breaking ? .bad : .text)]
            left.append(headline)
            right.append([Span(detail, breaking ? .bad : .muted)])
            let before = change["before"].map { valueLines($0) } ?? ["(absent)"]
            let after = change["after"].map { valueLines($0) } ?? ["(absent)"]
            let rows = max(before.count, after.count)
            for index in 0..<rows {
                left.append(index < before.count ? [Span("  - " + before[index], .removed)] : [])
                right.append(index < after.count ? [Span("  + " + after[index], .added)] : [])
            }
            left.append([])
            right.append([])
        }
        if changes.isEmpty {
            left.append([Span("no parameter changes", .muted)])
        }
        return (left, right)
    }

    /// The drift diff side by side: each change's path, then the old value left, the new right.
    static func renderDrift(_ alert: DriftAlert, state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let header = driftHeader(alert, state: state)
        let headerHeight = min(header.count + 1, area.height)
        ScrollText(lines: header, offset: 0).render(into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: headerHeight), theme: theme)
        let body = Rect(x: area.x, y: area.y + headerHeight, width: area.width, height: area.height - headerHeight)
        let half = body.width / 2
        let leftTitle = "cached " + (alert.fromVersion ?? "—")
        let rightTitle = "latest " + (alert.toVersion ?? "—")
        let (left, right) = driftColumns(alert)
        let leftArea = Frame(title: leftTitle).render(into: &buffer, area: Rect(x: body.x, y: body.y, width: half, height: body.height), theme: theme)
        let rightArea = Frame(title: rightTitle).render(into: &buffer, area: Rect(x: body.x + half, y: body.y, width: body.width - half, height: body.height), theme: theme)
        let offset = min(state.detailOffset, ScrollText.maxOffset(lineCount: left.count, visibleRows: leftArea.height))
        ScrollText(lines: left, offset: offset).render(into: &buffer, area: leftArea, theme: theme)
        ScrollText(lines: right, offset: offset).render(into: &buffer, area: rightArea, theme: theme)
    }

    /// A JSON value as a few lines (pretty for objects and arrays).
    static func valueLines(_ value: JSONValue) -> [String] {
        switch value {
        case .object, .array: return value.prettyText.split(separator: "\n").map(String.init)
        default: return [value.canonicalText]
        }
    }
}
