/// What a snapshot keeps of one timer or recorder: the count, the extremes, the mean and
/// the percentiles the console and the Prometheus summary show, and the histogram's
/// non-empty buckets, so summaries of several workers merge exactly.
///
/// Timers are in seconds; recorders are in the unit the code recorded.
public struct TelemetryHistogramSummary: Sendable, Codable, Equatable {
    /// Whether the series measured durations or plain values.
    public enum Kind: String, Sendable, Codable {
        /// A swift-metrics `Timer`: values are durations, reported in seconds.
        case timer
        /// A swift-metrics `Recorder` (aggregating): values in the unit the code recorded.
        case recorder
    }

    /// Timer or recorder.
    public var kind: Kind
    /// How many values were recorded.
    public var count: Int
    /// The sum of all recorded values (what Prometheus calls `_sum`).
    public var sum: Double
    /// The smallest recorded value; 0 when nothing was recorded.
    public var min: Double
    /// The largest recorded value; 0 when nothing was recorded.
    public var max: Double
    /// The arithmetic mean, `sum / count`; 0 when nothing was recorded.
    public var mean: Double
    /// The median.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The 99.9th percentile.
    public var p999: Double
    /// The HdrHistogram's non-empty buckets (nil in snapshots written before they were
    /// shipped, which then merge approximately).
    public var buckets: [TelemetryHistogramBucket]?

    /// A summary from its parts.
    public init(
        kind: Kind, count: Int, sum: Double, min: Double, max: Double, mean: Double,
        p50: Double, p90: Double, p99: Double, p999: Double, buckets: [TelemetryHistogramBucket]? = nil
    ) {
        self.kind = kind
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.buckets = buckets
    }

    /// The summary of a series with nothing recorded yet.
    public static func empty(_ kind: Kind) -> TelemetryHistogramSummary {
        TelemetryHistogramSummary(
            kind: kind, count: 0, sum: 0, min: 0, max: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, buckets: [])
    }
}
