import DeckUI
import Testing

@Suite("Buffer.write(StyledLine)")
struct StyledLineTests {
    let theme = Theme.dark

    @Test("spans are written left to right, each in its role's style")
    func spansInOrder() {
        var buffer = Buffer(width: 10, height: 1)
        let written = buffer.write([Span("ab", .bad), Span("cd"), Span("e", .key)], x: 1, y: 0, theme: theme)
        #expect(written == 5)
        #expect(buffer.lines() == [" abcde"])
        #expect(buffer[1, 0].style == theme.style(.bad))
        #expect(buffer[2, 0].style == theme.style(.bad))
        #expect(buffer[3, 0].style == theme.style(.text))
        #expect(buffer[5, 0].style == theme.style(.key))
    }

    @Test("maxWidth limits the whole line, across span boundaries")
    func maxWidthAcrossSpans() {
        var buffer = Buffer(width: 10, height: 1)
        let written = buffer.write([Span("abc", .bad), Span("defg", .good)], x: 0, y: 0, theme: theme, maxWidth: 5)
        #expect(written == 5)
        #expect(buffer.lines() == ["abcde"])
        #expect(buffer[4, 0].style == theme.style(.good))
        #expect(buffer[5, 0].style == .plain)
    }

    @Test("without maxWidth the line stops at the right edge")
    func stopsAtEdge() {
        var buffer = Buffer(width: 4, height: 1)
        let written = buffer.write([Span("ab"), Span("cdef")], x: 0, y: 0, theme: theme)
        #expect(written == 4)
        #expect(buffer.lines() == ["abcd"])
    }

    @Test("control characters in spans are escaped")
    func escapesControls() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.write([Span("a\u{1b}[2J")], x: 0, y: 0, theme: theme)
        #expect(buffer.lines() == [#"a\x1b[2J"#])
    }

    @Test("wide characters count two columns")
    func wideCharacters() {
        var buffer = Buffer(width: 10, height: 1)
        let written = buffer.write([Span("日本"), Span("x", .bad)], x: 0, y: 0, theme: theme)
        #expect(written == 5)
        #expect(buffer.lines() == ["日本x"])
        #expect(buffer[4, 0].symbol == "x")
        #expect(buffer[4, 0].style == theme.style(.bad))
    }
}
