import DeckUI
import Testing

@Suite("Dialog")
struct DialogTests {
    let theme = Theme.dark
    let dialog = Dialog(
        title: "Confirm",
        body: [[Span("Cancel 3 envelopes?")]],
        footer: [Span("y", .key), Span(" yes  "), Span("n", .key), Span(" no")])

    @Test("a centred box: title in the border, body, blank line, footer")
    func layout() {
        var buffer = Buffer(width: 40, height: 9)
        dialog.render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == [
            "",
            "",
            "     ┌─ Confirm ──────────────────┐",
            "     │ Cancel 3 envelopes?        │",
            "     │                            │",
            "     │ y yes  n no                │",
            "     └────────────────────────────┘",
            "",
            "",
        ])
    }

    @Test("frame(in:) is at least 30 wide, sized to the content and centred")
    func frame() {
        #expect(dialog.frame(in: Rect(x: 0, y: 0, width: 40, height: 9)) == Rect(x: 5, y: 2, width: 30, height: 5))
        let wide = Dialog(title: "T", body: [[Span(String(repeating: "w", count: 40))]], footer: [])
        #expect(wide.frame(in: Rect(x: 0, y: 0, width: 100, height: 10)) == Rect(x: 28, y: 3, width: 44, height: 3))
        #expect(wide.frame(in: Rect(x: 10, y: 0, width: 20, height: 2)) == Rect(x: 10, y: 0, width: 20, height: 2))
        let longTitle = Dialog(title: String(repeating: "t", count: 30), body: [], footer: [])
        #expect(longTitle.frame(in: Rect(x: 0, y: 0, width: 100, height: 10)).width == 36)
    }

    @Test("the cells under the box are cleared to .dialog; the rest is untouched")
    func clears() {
        var buffer = Buffer(width: 32, height: 5)
        for y in 0..<5 { buffer.write(String(repeating: ".", count: 32), x: 0, y: y) }
        Dialog(title: "T", body: [[Span("Hi")]], footer: []).render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == [
            "................................",
            ".┌─ T ────────────────────────┐.",
            ".│ Hi                         │.",
            ".└────────────────────────────┘.",
            "................................",
        ])
        let dialogStyle = theme.style(.dialog)
        #expect(buffer[10, 2].style == dialogStyle)
        #expect(buffer[2, 2].style == dialogStyle)
        #expect(buffer[1, 1].style == dialogStyle.patched(with: theme.style(.border)))
        #expect(buffer[1, 1].style.background == dialogStyle.background)
        #expect(buffer[4, 1].style == dialogStyle.patched(with: theme.style(.title)))
        #expect(buffer[0, 2].style == .plain)
    }

    @Test("roles in body and footer are laid over the dialog background")
    func roles() {
        var buffer = Buffer(width: 40, height: 9)
        dialog.render(into: &buffer, area: buffer.area, theme: theme)
        let key = buffer[7, 5].style
        #expect(buffer[7, 5].symbol == "y")
        #expect(key == theme.style(.dialog).patched(with: theme.style(.key)))
        #expect(buffer[9, 5].style == theme.style(.dialog))
    }

    @Test("body lines too wide for a clipped box are cut with …")
    func clippedBody() {
        var buffer = Buffer(width: 12, height: 3)
        Dialog(title: "T", body: [[Span("abcdefghijklmnop")]], footer: []).render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == ["┌─ T ──────┐", "│ abcdefg… │", "└──────────┘"])
    }
}
