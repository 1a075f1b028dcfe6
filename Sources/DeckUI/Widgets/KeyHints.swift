/// The hint line: the keys that work in the current view and what they do.
///
/// Hints come most important first; when the row is too narrow the last ones are dropped
/// whole, never cut in half, so a hint on screen is always complete.
public struct KeyHints: Sendable {
    /// The hints, most important first.
    public var hints: [KeyHint]

    /// A hint line of `hints`.
    public init(_ hints: [KeyHint]) {
        self.hints = hints
    }

    /// Draws "<key> label" pairs separated by two spaces on the first row of `area`: the
    /// bracketed key in `.key`, the label in `.muted`. Stops at the first hint that does not
    /// fit in full.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        var x = area.x
        for (index, hint) in hints.enumerated() {
            let line = Self.line(hint)
            let separator = index == 0 ? 0 : 2
            guard x + separator + TextFit.width(line) <= area.maxX else { break }
            x += separator
            x += buffer.write(line, x: x, y: area.y, theme: theme, maxWidth: area.maxX - x)
        }
    }

    /// The spans of one hint: "<key>" then " label" when there is a label.
    static func line(_ hint: KeyHint) -> StyledLine {
        let key = Span("<" + hint.key + ">", .key)
        return hint.label.isEmpty ? [key] : [key, Span(" " + hint.label, .muted)]
    }
}
