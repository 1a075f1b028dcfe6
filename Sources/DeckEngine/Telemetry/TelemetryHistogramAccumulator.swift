import Histogram

/// The recorded distribution of one timer or recorder: an HdrHistogram plus the exact sum.
///
/// HdrHistogram only stores non-negative integers, so values are scaled:
/// - timers record nanoseconds, from 1 µs (values under ~0.5 µs read as 0) up to 1 hour,
///   with 3 significant digits; longer durations are clamped to 1 hour, negative ones to 0;
/// - recorders record thousandths of the value (`value × 1000`, rounded), so 3 decimal
///   places survive; the histogram grows as needed up to 2⁶² thousandths (≈ 4.6 × 10¹⁵);
///   negative values are clamped to 0 and NaN is ignored.
///
/// `min` and `max` are exact; percentiles are within the histogram's 3-digit precision
/// (0.1 %). The sum is kept exactly beside the histogram, so `mean` and Prometheus' `_sum`
/// carry no bucketing error.
struct TelemetryHistogramAccumulator: Sendable {
    /// Timer or recorder.
    let kind: TelemetryHistogramSummary.Kind
    private var histogram: Histogram<UInt64>
    private var scaledSum: UInt64 = 0

    /// The highest value a timer keeps: one hour in nanoseconds.
    static let timerHighestNanoseconds: UInt64 = 3_600_000_000_000
    /// The lowest value a timer distinguishes from zero: one microsecond in nanoseconds.
    static let timerLowestNanoseconds: UInt64 = 1_000
    /// How many histogram units make one recorder unit.
    static let recorderScale: Double = 1_000
    /// The highest scaled value a recorder keeps.
    static let recorderHighestScaled: UInt64 = 1 << 62

    private init(kind: TelemetryHistogramSummary.Kind, histogram: Histogram<UInt64>) {
        self.kind = kind
        self.histogram = histogram
    }

    /// An empty timer distribution (nanoseconds, 1 µs … 1 h, 3 significant digits).
    ///
    /// The histogram starts small and grows to the largest duration actually seen (at
    /// most the 1-hour clamp): the full 1-hour layout costs about 200 KB per series, one
    /// for durations of up to a second about half that.
    static func timer() -> TelemetryHistogramAccumulator {
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: timerLowestNanoseconds,
            highestTrackableValue: 2 * timerLowestNanoseconds,
            numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        return TelemetryHistogramAccumulator(kind: .timer, histogram: histogram)
    }

    /// An empty recorder distribution (thousandths, growing as needed, 3 significant digits).
    static func recorder() -> TelemetryHistogramAccumulator {
        TelemetryHistogramAccumulator(kind: .recorder, histogram: Histogram(numberOfSignificantValueDigits: .three))
    }

    /// Records a duration in nanoseconds, clamped to 0 … 1 hour.
    mutating func recordNanoseconds(_ nanoseconds: Int64) {
        let clamped = nanoseconds <= 0 ? 0 : Swift.min(UInt64(nanoseconds), Self.timerHighestNanoseconds)
        add(clamped)
    }

    /// Records a recorder value, scaled to thousandths and clamped at 0; NaN is ignored.
    mutating func record(_ value: Double) {
        guard !value.isNaN else { return }
        let scaled = (value * Self.recorderScale).rounded()
        if scaled <= 0 {
            add(0)
        } else if scaled >= Double(Self.recorderHighestScaled) {
            add(Self.recorderHighestScaled)
        } else {
            add(UInt64(scaled))
        }
    }

    private mutating func add(_ scaled: UInt64) {
        histogram.record(scaled)
        let (sum, overflow) = scaledSum.addingReportingOverflow(scaled)
        scaledSum = overflow ? .max : sum
    }

    /// Histogram units per second (timers) or per value unit (recorders). Dividing by it,
    /// rather than multiplying by its inverse, keeps round values round (1 ms is 0.001 s).
    private var unitsPerReportedUnit: Double {
        switch kind {
        case .timer: 1e9
        case .recorder: Self.recorderScale
        }
    }

    /// The summary a snapshot carries, in seconds (timers) or value units (recorders),
    /// with the histogram's non-empty buckets.
    var summary: TelemetryHistogramSummary {
        let count = histogram.totalCount
        guard count > 0 else { return .empty(kind) }
        let divisor = unitsPerReportedUnit
        func value(_ scaled: UInt64) -> Double { Double(scaled) / divisor }
        return summary(
            count: Int(clamping: count), sum: value(scaledSum), min: value(histogram.min), max: value(histogram.maxRecorded),
            mean: Double(scaledSum) / Double(count) / divisor)
    }

    /// A summary with the given exact figures and this histogram's percentiles and buckets.
    private func summary(count: Int, sum: Double, min: Double, max: Double, mean: Double) -> TelemetryHistogramSummary {
        let divisor = unitsPerReportedUnit
        // Never above the exact maximum (a bucket's highest equivalent value can be).
        func percentile(_ p: Double) -> Double { Swift.min(Double(histogram.valueAtPercentile(p)) / divisor, max) }
        return TelemetryHistogramSummary(
            kind: kind, count: count, sum: sum, min: min, max: max, mean: mean,
            p50: percentile(50), p90: percentile(90), p99: percentile(99), p999: percentile(99.9),
            buckets: histogram.recordedValues().map { TelemetryHistogramBucket(value: $0.value, count: UInt64($0.count)) })
    }

    /// Several summaries of one series (from several workers) as one, exactly: their buckets
    /// are added into one histogram, so its percentiles are those of all values together
    /// (within the histogram's 3-digit precision); count, sum, min and max are exact. Nil when
    /// a summary with values carries no buckets.
    static func merged(_ summaries: [TelemetryHistogramSummary]) -> TelemetryHistogramSummary? {
        guard let kind = summaries.first?.kind else { return nil }
        let recorded = summaries.filter { $0.count > 0 }
        guard !recorded.isEmpty else { return .empty(kind) }
        var union = kind == .timer ? timer() : recorder()
        for summary in recorded {
            guard let buckets = summary.buckets else { return nil }
            for bucket in buckets { union.histogram.record(bucket.value, count: bucket.count) }
        }
        let count = recorded.reduce(0) { $0 + $1.count }
        let sum = recorded.reduce(0.0) { $0 + $1.sum }
        return union.summary(
            count: count, sum: sum, min: recorded.map(\.min).min()!, max: recorded.map(\.max).max()!, mean: sum / Double(count))
    }
}
