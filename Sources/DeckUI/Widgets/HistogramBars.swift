/// Horizontal bars, one per bucket: a latency or attempt-count distribution in a panel.
public struct HistogramBars: Sendable {
    /// One bar: what it counts and how many.
    public struct Bucket: Sendable, Hashable {
        /// The bucket's name, shown right-aligned at the left ("≤50ms").
        public var label: String
        /// How many samples fell in the bucket.
        public var count: Int
        /// What to print after the bar instead of the count (e.g. "12.3ms"), when given.
        public var text: String?

        /// A bucket named `label` holding `count` samples.
        public init(label: String, count: Int, text: String? = nil) {
            self.text = text
            self.label = label
            self.count = count
        }
    }

    /// The buckets, top to bottom.
    public var buckets: [Bucket]

    /// Bars for `buckets`.
    public init(buckets: [Bucket]) {
        self.buckets = buckets
    }

    /// Draws one bucket per row, as many as fit: the label right-aligned in a column as wide
    /// as the longest label, a space, a bar of "█" in `.chart`, a space and the count.
    ///
    /// The bars are scaled so the largest count fills the width left after the labels and
    /// the widest count; a bar's length is rounded down, but any count above zero shows at
    /// least one "█" so it never reads as empty.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = Array(buckets.prefix(area.height))
        guard !shown.isEmpty else { return }
        let labelWidth = shown.map { TextFit.width($0.label) }.max() ?? 0
        let countWidth = shown.map { TextWidth.of($0.text ?? String(max($0.count, 0))) }.max() ?? 0
        let barSpace = max(area.width - labelWidth - 1 - 1 - countWidth, 0)
        let largest = shown.map { max($0.count, 0) }.max() ?? 0
        let text = theme.style(.text)
        let chart = theme.style(.chart)
        for (row, bucket) in shown.enumerated() {
            let y = area.y + row
            let label = TextFit.truncate(bucket.label, toWidth: min(labelWidth, area.width))
            let padding = labelWidth - TextWidth.of(label)
            var x = area.x + buffer.write(label, x: area.x + max(padding, 0), y: y, style: text, maxWidth: area.width) + max(padding, 0)
            x += 1
            let length = Self.barLength(count: bucket.count, largest: largest, space: barSpace)
            x += buffer.write(String(repeating: "█", count: length), x: x, y: y, style: chart, maxWidth: max(area.maxX - x, 0))
            x += 1
            buffer.write(bucket.text ?? String(max(bucket.count, 0)), x: x, y: y, style: text, maxWidth: max(area.maxX - x, 0))
        }
    }

    /// The bar length for `count` when `largest` fills `space` columns.
    static func barLength(count: Int, largest: Int, space: Int) -> Int {
        guard count > 0, largest > 0 else { return 0 }
        return max(count * space / largest, 1)
    }
}
