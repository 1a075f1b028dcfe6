import DeckUI
import Testing

@Suite("HistogramBars")
struct HistogramBarsTests {
    let theme = Theme.dark
    let buckets = [
        HistogramBars.Bucket(label: "≤10ms", count: 8),
        HistogramBars.Bucket(label: "≤100ms", count: 4),
        HistogramBars.Bucket(label: "≤1s", count: 1),
        HistogramBars.Bucket(label: ">1s", count: 0),
    ]

    func render(_ buckets: [HistogramBars.Bucket], width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        HistogramBars(buckets: buckets).render(into: &buffer, area: buffer.area, theme: theme)
        return buffer
    }

    @Test("labels right-aligned, bars scaled to the largest count, then the count")
    func layout() {
        // 20 − 6 label − 1 − 1 − 1 count digit = 11 columns for the largest bar.
        #expect(render(buckets, width: 20, height: 4).lines() == [
            " ≤10ms ███████████ 8",
            "≤100ms █████ 4",
            "   ≤1s █ 1",
            "   >1s  0",
        ])
    }

    @Test("bars are .chart, labels and counts are not")
    func styles() {
        let buffer = render(buckets, width: 20, height: 4)
        #expect(buffer[7, 0].style == theme.style(.chart))
        #expect(buffer[17, 0].style == theme.style(.chart))
        #expect(buffer[1, 0].style == theme.style(.text))
        #expect(buffer[19, 0].style == theme.style(.text))
    }

    @Test("a count above zero always shows at least one █")
    func minimumBar() {
        let lines = render([.init(label: "a", count: 1000), .init(label: "b", count: 1)], width: 12, height: 2).lines()
        #expect(lines == ["a █████ 1000", "b █ 1"])
    }

    @Test("only as many buckets as rows are shown")
    func rowsThatFit() {
        let lines = render(buckets, width: 20, height: 2).lines()
        #expect(lines == [" ≤10ms ███████████ 8", "≤100ms █████ 4"])
    }

    @Test("all-zero buckets draw no bars")
    func allZero() {
        let lines = render([.init(label: "x", count: 0), .init(label: "yy", count: 0)], width: 10, height: 2).lines()
        #expect(lines == [" x  0", "yy  0"])
    }
}
