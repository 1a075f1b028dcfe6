/// A read-only pane of styled lines scrolled vertically: details, payloads, diffs, help.
///
/// Lines are not wrapped (the view decides where lines break); long lines are clipped at
/// the right edge.
public struct ScrollText: Sendable {
    /// The lines, top to bottom.
    public var lines: [StyledLine]
    /// The index of the first line shown.
    public var offset: Int

    /// A pane of `lines` scrolled to `offset`.
    public init(lines: [StyledLine], offset: Int) {
        self.lines = lines
        self.offset = offset
    }

    /// Draws `lines[offset...]` clipped to `area` (`offset` is first clamped to
    /// `0...maxOffset`). When there is more content above or below, "▲" or "▼" in `.muted`
    /// takes the last column of the first or last row, so the operator knows to scroll.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let first = min(max(offset, 0), Self.maxOffset(lineCount: lines.count, visibleRows: area.height))
        for row in 0..<area.height {
            let index = first + row
            guard index < lines.count else { break }
            buffer.write(lines[index], x: area.x, y: area.y + row, theme: theme, maxWidth: area.width)
        }
        let muted = theme.style(.muted)
        if first > 0 {
            buffer.write("▲", x: area.maxX - 1, y: area.y, style: muted, maxWidth: 1)
        }
        if first + area.height < lines.count {
            buffer.write("▼", x: area.maxX - 1, y: area.maxY - 1, style: muted, maxWidth: 1)
        }
    }

    /// The largest useful offset: the one that shows the last line on the last visible row
    /// (0 when everything fits).
    public static func maxOffset(lineCount: Int, visibleRows: Int) -> Int {
        max(lineCount - max(visibleRows, 0), 0)
    }
}
