import DeckUI
import Testing

@Suite("StatusBar")
struct StatusBarTests {
    let theme = Theme.dark
    let left: StyledLine = [Span("Tenants"), Span(" 3 rows", .muted)]
    let right: StyledLine = [Span("12:00")]

    func render(_ bar: StatusBar, width: Int) -> Buffer {
        var buffer = Buffer(width: width, height: 2)
        bar.render(into: &buffer, area: Rect(x: 0, y: 1, width: width, height: 1), theme: theme)
        return buffer
    }

    @Test("left at the left edge, right right-aligned")
    func layout() {
        let buffer = render(StatusBar(left: left, right: right), width: 30)
        #expect(buffer.lines() == ["", "Tenants 3 rows           12:00"])
    }

    @Test("the row is filled with .statusBar; other roles are laid over its background")
    func styles() {
        let buffer = render(StatusBar(left: left, right: right), width: 30)
        let bar = theme.style(.statusBar)
        #expect(buffer[0, 1].style == bar)
        #expect(buffer[20, 1].style == bar)
        #expect(buffer[29, 1].style == bar)
        let muted = buffer[8, 1].style
        #expect(muted == bar.patched(with: theme.style(.muted)))
        #expect(muted.background == bar.background)
        #expect(muted.foreground == theme.style(.muted).foreground)
        #expect(buffer[0, 0].style == .plain)
    }

    @Test("when both sides do not fit, the left is cut with … one space clear of the right")
    func leftTruncated() {
        let buffer = render(StatusBar(left: left, right: right), width: 16)
        #expect(buffer.lines() == ["", "Tenants 3… 12:00"])
        #expect(buffer[9, 1].style == theme.style(.statusBar).patched(with: theme.style(.muted)))
    }

    @Test("a right side wider than the bar is cut and fills it; the left is dropped")
    func rightTooWide() {
        let buffer = render(StatusBar(left: [Span("x")], right: [Span("abcdefghij")]), width: 6)
        #expect(buffer.lines() == ["", "abcde…"])
    }

    @Test("an empty right side leaves the whole row to the left")
    func leftOnly() {
        let buffer = render(StatusBar(left: [Span("abcdef")], right: []), width: 6)
        #expect(buffer.lines() == ["", "abcdef"])
    }
}
