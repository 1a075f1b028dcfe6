import DeckUI
import Testing

@Suite("Sparkline")
struct SparklineTests {
    let theme = Theme.dark

    func render(_ values: [Double], width: Int) -> Buffer {
        var buffer = Buffer(width: width, height: 1)
        Sparkline(values: values).render(into: &buffer, area: buffer.area, theme: theme)
        return buffer
    }

    @Test("values are scaled to the largest shown: level ceil(v / max × 8), zero blank")
    func scaling() {
        #expect(render([0, 1, 2, 4, 8], width: 5).lines() == [" ▁▂▄█"])
        #expect(render([3, 6, 9, 12, 15, 18, 21, 24], width: 8).lines() == ["▁▂▃▄▅▆▇█"])
    }

    @Test("only the last width values are shown, and only they set the scale")
    func lastValues() {
        #expect(render([100, 1, 2, 3, 4], width: 4).lines() == ["▂▄▆█"])
    }

    @Test("the smallest positive value still shows ▁")
    func smallestVisible() {
        #expect(render([0.01, 100], width: 2).lines() == ["▁█"])
    }

    @Test("fewer values than columns are right-aligned")
    func rightAligned() {
        let buffer = render([1, 1, 1], width: 5)
        #expect(buffer.lines() == ["  ███"])
        #expect(buffer[2, 0].style == theme.style(.chart))
        #expect(buffer[1, 0].style == .plain)
    }

    @Test("all zeros, negatives and non-finite values are blank")
    func blanks() {
        #expect(render([0, 0, 0], width: 3).lines() == [""])
        #expect(render([.nan, -3, .infinity, 2], width: 4).lines() == ["   █"])
    }

    @Test("only the first row of the area is drawn")
    func oneRow() {
        var buffer = Buffer(width: 3, height: 2)
        Sparkline(values: [1, 2]).render(into: &buffer, area: Rect(x: 1, y: 1, width: 2, height: 1), theme: theme)
        #expect(buffer.lines() == ["", " ▄█"])
    }
}
