/// The row of numbered view tabs at the top of the console: which view is showing, and the
/// digit that switches to each.
public struct Tabs: Sendable {
    /// The tab titles, left to right; the first is reached with "1".
    public var titles: [String]
    /// The index of the active tab.
    public var selected: Int

    /// Tabs titled `titles` with tab `selected` active.
    public init(titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    /// Draws one row: " 1 Tenants " " 2 Accounts " … numbered from 1, the active tab in
    /// `.tabActive`, the others, the single spaces between them and the rest of the row in
    /// `.tabInactive`. Tabs past the right edge are clipped.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme.style(.tabInactive))
        for (index, span) in layout(area: row).enumerated() {
            let available = row.maxX - span.x
            guard available > 0 else { break }
            let style = theme.style(index == selected ? .tabActive : .tabInactive)
            buffer.write(label(index), x: span.x, y: row.y, style: style, maxWidth: available)
        }
    }

    /// The index of the tab under screen column `x` of `area`, if any: for mouse clicks.
    /// The spaces between tabs and columns outside `area` give `nil`.
    public func tab(atX x: Int, area: Rect) -> Int? {
        guard x >= area.x, x < area.maxX else { return nil }
        return layout(area: area).firstIndex { x >= $0.x && x < $0.x + $0.width }
    }

    /// The text of tab `index`.
    private func label(_ index: Int) -> String { " \(index + 1) \(titles[index]) " }

    /// Where each tab starts and how wide it is, one space apart.
    private func layout(area: Rect) -> [(x: Int, width: Int)] {
        var x = area.x
        return titles.indices.map { index in
            let width = TextFit.width(label(index))
            defer { x += width + 1 }
            return (x, width)
        }
    }
}
