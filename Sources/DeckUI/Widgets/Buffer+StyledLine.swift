extension Buffer {
    /// Writes spans left to right from (`x`, `y`), each in its role's style, at most
    /// `maxWidth` columns (default: to the right edge); returns the columns written.
    ///
    /// Views describe lines as roles, never colours; this is where the theme turns them into
    /// styles. Text is escaped like every other write.
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, theme: Theme, maxWidth: Int? = nil) -> Int {
        write(line, x: x, y: y, maxWidth: maxWidth) { theme.style($0.role) }
    }

    /// Writes spans over a `base` style (a bar's or a dialog's background): `.text` spans
    /// take `base` itself, other roles are laid over it with `Style.patched`.
    @discardableResult
    mutating func write(_ line: StyledLine, x: Int, y: Int, theme: Theme, over base: Style, maxWidth: Int? = nil) -> Int {
        write(line, x: x, y: y, maxWidth: maxWidth) { span in
            span.role == .text ? base : base.patched(with: theme.style(span.role))
        }
    }

    private mutating func write(_ line: StyledLine, x: Int, y: Int, maxWidth: Int?, style: (Span) -> Style) -> Int {
        var written = 0
        for span in line {
            let remaining = maxWidth.map { $0 - written }
            if let remaining, remaining <= 0 { break }
            written += write(span.text, x: x + written, y: y, style: style(span), maxWidth: remaining)
        }
        return written
    }
}
