/// A modal box in the middle of the screen: a confirmation, an error, a form's summary.
///
/// Laid out as a bordered box with the title in the top edge, the body lines, a blank line
/// and the footer (typically the keys that answer it), one space of padding inside the
/// border on either side.
public struct Dialog: Sendable {
    /// The title shown in the top border.
    public var title: String
    /// The body lines, top to bottom.
    public var body: [StyledLine]
    /// The last line, below a blank one; omitted with its blank line when empty.
    public var footer: StyledLine

    /// Minimum width of the box, so short dialogs still read as dialogs.
    static let minimumWidth = 30

    /// A dialog titled `title` showing `body` and `footer`.
    public init(title: String, body: [StyledLine], footer: StyledLine) {
        self.title = title
        self.body = body
        self.footer = footer
    }

    /// Draws the box centred in `area`: clears the cells under it to `.dialog`, draws the
    /// border in `.border` and the title in `.title` over the dialog background, then the
    /// content (spans in roles other than `.text` laid over that background). Lines wider
    /// than the box are cut with "…".
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        let box = frame(in: area)
        guard !box.isEmpty else { return }
        let base = theme.style(.dialog)
        buffer.fill(box, style: base)
        Frame.drawBorder(into: &buffer, rect: box, style: base.patched(with: theme.style(.border)))
        Frame.drawTitle(title, into: &buffer, rect: box, style: base.patched(with: theme.style(.title)))
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        guard !inner.isEmpty else { return }
        for (row, line) in content.prefix(inner.height).enumerated() {
            let fitted = TextFit.truncate(line, toWidth: inner.width)
            buffer.write(fitted, x: inner.x, y: inner.y + row, theme: theme, over: base, maxWidth: inner.width)
        }
    }

    /// The box the dialog occupies in `area`: sized to its content (at least 30 columns,
    /// wide enough for the title), at most `area`, centred.
    public func frame(in area: Rect) -> Rect {
        let contentWidth = content.map(TextFit.width).max() ?? 0
        let titleWidth = TextFit.width(title)
        let width = max(Self.minimumWidth, contentWidth + 4, titleWidth + 6)
        return area.centered(width: width, height: content.count + 2)
    }

    /// The lines inside the border: body, then a blank line and the footer when there is one.
    private var content: [StyledLine] {
        footer.isEmpty ? body : body + [[], footer]
    }
}
