import DeckUI
import Testing

@Suite("Frame")
struct FrameTests {
    let theme = Theme.dark

    @Test("a titled frame draws the border with the title and returns the inside")
    func titled() {
        var buffer = Buffer(width: 12, height: 4)
        let inner = Frame(title: "Logs").render(into: &buffer, area: buffer.area, theme: theme)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(buffer.lines() == [
            "┌─ Logs ───┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(buffer[0, 0].style == theme.style(.border))
        #expect(buffer[11, 2].style == theme.style(.border))
        #expect(buffer[3, 0].style == theme.style(.title))
        #expect(buffer[5, 1].style == .plain)
    }

    @Test("an untitled frame is all border")
    func untitled() {
        var buffer = Buffer(width: 6, height: 3)
        Frame().render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == ["┌────┐", "│    │", "└────┘"])
    }

    @Test("a long title is cut with … and leaves the corners")
    func longTitle() {
        var buffer = Buffer(width: 12, height: 2)
        Frame(title: "Background jobs").render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == ["┌─ Backg… ─┐", "└──────────┘"])
    }

    @Test("a frame in part of the buffer leaves the rest alone")
    func offsetArea() {
        var buffer = Buffer(width: 8, height: 4)
        let inner = Frame().render(into: &buffer, area: Rect(x: 2, y: 1, width: 4, height: 3), theme: theme)
        #expect(inner == Rect(x: 3, y: 2, width: 2, height: 1))
        #expect(buffer.lines() == ["", "  ┌──┐", "  │  │", "  └──┘"])
    }
}
