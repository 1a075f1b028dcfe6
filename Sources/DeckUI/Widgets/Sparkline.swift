/// A one-row chart of recent values (throughput, queue depth), newest at the right.
public struct Sparkline: Sendable {
    /// The values, oldest first; only the last `area.width` are shown.
    public var values: [Double]

    /// A sparkline of `values`.
    public init(values: [Double]) {
        self.values = values
    }

    /// The eight bar glyphs from lowest to highest.
    static let levels: [String] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws the last `area.width` values on the first row of `area` in `.chart`, scaled to
    /// the largest value shown: 0 (or a negative or non-finite value) is a space, any other
    /// value level `max(1, ceil(v / max × 8))` of "▁▂▃▄▅▆▇█", so the smallest positive value
    /// is still visible. Fewer values than columns are right-aligned.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width).map { $0.isFinite ? max($0, 0) : 0 }
        let largest = shown.max() ?? 0
        let style = theme.style(.chart)
        var x = area.maxX - shown.count
        for value in shown {
            buffer.write(Self.glyph(value, largest: largest), x: x, y: area.y, style: style, maxWidth: 1)
            x += 1
        }
    }

    /// The glyph for `value` on a scale whose top is `largest`.
    static func glyph(_ value: Double, largest: Double) -> String {
        guard value > 0, largest > 0 else { return " " }
        let level = Int((value / largest * Double(levels.count)).rounded(.up))
        return levels[min(max(level, 1), levels.count) - 1]
    }
}
