/// `?`: every key of the view, written from the key table itself.
enum HelpScreen {
    static func lines(_ state: ConsoleState) -> [StyledLine] {
        var lines: [StyledLine] = [[Span("Keys in \(state.view.title)", .title)], []]
        let bindings = state.keyMap.bindings(in: state.view, readOnly: state.readOnly)
        let keyWidth = min(28, bindings.map { TextWidth.of($0.keyText) }.max() ?? 8)
        for binding in bindings {
            let keys = binding.keyText
            lines.append([Span("  " + keys + String(repeating: " ", count: max(1, keyWidth - TextWidth.of(keys) + 2)), .key), Span(binding.help, .text)])
        }
        lines += [[], [Span("Commands (:)", .title)], []]
        let writes: Set<String> = ["approve", "retry", "discard", "accept"]
        for command in CommandMode.commands.prefix(11) where !(state.readOnly && writes.contains(command.name)) {
            lines.append([Span("  :" + command.name + String(repeating: " ", count: max(1, keyWidth - command.name.count + 1)), .key), Span(command.help, .text)])
        }
        lines += [[], [Span("Filters (/)", .title)], []]
        lines.append([Span("  outbox, DLQ  ", .key), Span("gmail acme 429 (words: tool, tenant, error, any case)", .text)])
        lines.append([Span("               ", .key), Span("status:dead,pending tool:GMAIL_SEND_EMAIL risk:high,critical doubt:yes held:3 tenant:acme", .text)])
        lines.append([Span("  audit        ", .key), Span("category:envelope,drift tenant:acme", .text)])
        if state.readOnly { lines += [[], [Span("Read-only: approve, retry, discard and accept are disabled.", .attention)]] }
        return lines
    }

    static func render(_ state: ConsoleState, offset: Int, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let content = lines(state)
        let clamped = min(offset, ScrollText.maxOffset(lineCount: content.count, visibleRows: area.height))
        ScrollText(lines: content, offset: clamped).render(into: &buffer, area: area, theme: theme)
    }
}
