/// A box-drawing border around a panel, with an optional title in its top edge.
public struct Frame: Sendable {
    /// The title shown in the top border as " Title ", if any.
    public var title: String?

    /// A frame titled `title`, or untitled.
    public init(title: String? = nil) {
        self.title = title
    }

    /// Draws a border with an optional title; returns the inner area.
    ///
    /// The border is in `.border`, the title in `.title`; the inside is left untouched for
    /// the panel's content. An area under 2×2 gets no border.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) -> Rect {
        Self.drawBorder(into: &buffer, rect: area, style: theme.style(.border))
        if let title {
            Self.drawTitle(title, into: &buffer, rect: area, style: theme.style(.title))
        }
        return area.inset(by: 1)
    }

    /// Draws ┌─┐│└┘ around the edge of `rect` in `style`.
    static func drawBorder(into buffer: inout Buffer, rect: Rect, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        buffer.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style, maxWidth: rect.width)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.write("│", x: rect.x, y: y, style: style, maxWidth: 1)
            buffer.write("│", x: rect.maxX - 1, y: y, style: style, maxWidth: 1)
        }
    }

    /// Draws " title " into the top edge of `rect` after "┌─", cut with "…" to leave at
    /// least "─┐" of the border.
    static func drawTitle(_ title: String, into buffer: inout Buffer, rect: Rect, style: Style) {
        guard rect.height >= 2 else { return }
        let fitted = TextFit.truncate(title, toWidth: rect.width - 6)
        guard !fitted.isEmpty else { return }
        buffer.write(" " + fitted + " ", x: rect.x + 2, y: rect.y, style: style, maxWidth: rect.width - 4)
    }
}
