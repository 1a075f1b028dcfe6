import DeckCore

/// Cutting text to a number of terminal columns, with "…" marking the cut, so widgets
/// never let long or hostile text spill into a neighbouring column.
///
/// Text is escaped (`TerminalText`) before it is measured: an escaped control character is
/// as wide on screen as its visible escape.
enum TextFit {
    /// The mark that ends cut text.
    static let ellipsis = "…"

    /// Columns `text` takes once escaped.
    static func width(_ text: String) -> Int { TextWidth.of(TerminalText.sanitize(text)) }

    /// Columns `line` takes once escaped.
    static func width(_ line: StyledLine) -> Int { line.reduce(0) { $0 + width($1.text) } }

    /// `text` escaped and, when wider than `columns`, cut so that it ends in "…" and fits.
    static func truncate(_ text: String, toWidth columns: Int) -> String {
        let safe = TerminalText.sanitize(text)
        guard columns > 0 else { return "" }
        guard TextWidth.of(safe) > columns else { return safe }
        return prefix(of: safe, width: columns - 1) + ellipsis
    }

    /// `line` with every span escaped and, when wider than `columns`, cut so that it ends in
    /// "…" (in the role of the span that was cut) and fits.
    static func truncate(_ line: StyledLine, toWidth columns: Int) -> StyledLine {
        let safe = line.map { Span(TerminalText.sanitize($0.text), $0.role) }
        guard columns > 0 else { return [] }
        guard width(safe) > columns else { return safe }
        var result: StyledLine = []
        var remaining = columns - 1
        for span in safe {
            let spanWidth = TextWidth.of(span.text)
            if spanWidth <= remaining {
                result.append(span)
                remaining -= spanWidth
                continue
            }
            result.append(Span(prefix(of: span.text, width: remaining) + ellipsis, span.role))
            break
        }
        return result
    }

    /// The longest prefix of already escaped `text` at most `columns` wide, combining marks kept.
    private static func prefix(of text: String, width columns: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = TextWidth.of(character)
            if used + characterWidth > columns { break }
            result.append(character)
            used += characterWidth
        }
        return result
    }
}
