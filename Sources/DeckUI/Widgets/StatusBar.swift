/// The bar at the bottom of the console: context on the left (view, filter, counts), state
/// on the right (clock, connection), both on the bar's background.
public struct StatusBar: Sendable {
    /// Text at the left edge; cut with "…" when the bar is too narrow for both sides.
    public var left: StyledLine
    /// Text at the right edge; always shown in full when it fits the bar.
    public var right: StyledLine

    /// A bar showing `left` and `right`.
    public init(left: StyledLine, right: StyledLine) {
        self.left = left
        self.right = right
    }

    /// Fills the first row of `area` with `.statusBar` and draws both sides on it: `.text`
    /// spans in the bar's own style, other roles laid over its background (`Style.patched`).
    /// The left side keeps one space clear of the right side, and is cut to make room.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let base = theme.style(.statusBar)
        buffer.fill(row, style: base)
        let rightWidth = min(TextFit.width(right), row.width)
        if rightWidth > 0 {
            let fitted = TextFit.truncate(right, toWidth: rightWidth)
            buffer.write(fitted, x: row.maxX - rightWidth, y: row.y, theme: theme, over: base, maxWidth: rightWidth)
        }
        let gap = rightWidth > 0 ? 1 : 0
        let leftWidth = row.width - rightWidth - gap
        guard leftWidth > 0 else { return }
        let fitted = TextFit.truncate(left, toWidth: leftWidth)
        buffer.write(fitted, x: row.x, y: row.y, theme: theme, over: base, maxWidth: leftWidth)
    }
}
