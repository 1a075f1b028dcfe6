import DeckUI
import Testing

@Suite("ScrollText")
struct ScrollTextTests {
    let theme = Theme.dark
    let lines: [StyledLine] = (0..<10).map { [Span("line \($0)")] }

    func render(_ text: ScrollText, width: Int = 10, height: Int = 3) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        text.render(into: &buffer, area: buffer.area, theme: theme)
        return buffer
    }

    @Test("at the top only ▼ shows, on the last column of the last row")
    func top() {
        let buffer = render(ScrollText(lines: lines, offset: 0))
        #expect(buffer.lines() == ["line 0", "line 1", "line 2   ▼"])
        #expect(buffer[9, 2].style == theme.style(.muted))
    }

    @Test("in the middle both ▲ and ▼ show")
    func middle() {
        let buffer = render(ScrollText(lines: lines, offset: 3))
        #expect(buffer.lines() == ["line 3   ▲", "line 4", "line 5   ▼"])
        #expect(buffer[9, 0].style == theme.style(.muted))
    }

    @Test("at the bottom only ▲ shows; offsets past the end are clamped")
    func bottom() {
        let expected = ["line 7   ▲", "line 8", "line 9"]
        #expect(render(ScrollText(lines: lines, offset: 7)).lines() == expected)
        #expect(render(ScrollText(lines: lines, offset: 50)).lines() == expected)
    }

    @Test("content that fits shows no indicator")
    func fits() {
        let buffer = render(ScrollText(lines: Array(lines.prefix(3)), offset: 0))
        #expect(buffer.lines() == ["line 0", "line 1", "line 2"])
    }

    @Test("lines are clipped, not wrapped, and keep their roles")
    func clipping() {
        let text = ScrollText(lines: [[Span("abc", .bad), Span("defghijklmnop")], [Span("x")]], offset: 0)
        let buffer = render(text, width: 8, height: 2)
        #expect(buffer.lines() == ["abcdefgh", "x"])
        #expect(buffer[0, 0].style == theme.style(.bad))
        #expect(buffer[3, 0].style == theme.style(.text))
    }

    @Test("the indicator replaces the last column of a long line")
    func indicatorOverText() {
        let text = ScrollText(lines: [[Span("abcdefghijkl")], [Span("more")]], offset: 0)
        #expect(render(text, width: 10, height: 1).lines() == ["abcdefghi▼"])
    }

    @Test("maxOffset shows the last line on the last row, 0 when everything fits")
    func maxOffset() {
        #expect(ScrollText.maxOffset(lineCount: 10, visibleRows: 3) == 7)
        #expect(ScrollText.maxOffset(lineCount: 2, visibleRows: 3) == 0)
        #expect(ScrollText.maxOffset(lineCount: 3, visibleRows: 3) == 0)
        #expect(ScrollText.maxOffset(lineCount: 5, visibleRows: 0) == 5)
        #expect(ScrollText.maxOffset(lineCount: 5, visibleRows: -1) == 5)
    }
}
