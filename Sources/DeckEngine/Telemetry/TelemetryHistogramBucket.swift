/// One non-empty bucket of a series' HdrHistogram, as a snapshot ships it: the bucket's
/// highest equivalent value in histogram units (nanoseconds for timers, thousandths for
/// recorders) and how many values fell in it.
///
/// Re-recording `count` copies of `value` into a histogram of the same precision fills the
/// same bucket, so the histograms of several workers add up exactly (`TelemetrySnapshot.merged`).
/// Encoded as a two-element array, `[value, count]`, to keep heartbeats small.
public struct TelemetryHistogramBucket: Sendable, Hashable, Codable {
    /// The bucket's highest equivalent value, in histogram units.
    public var value: UInt64
    /// Values recorded in the bucket.
    public var count: UInt64

    public init(value: UInt64, count: UInt64) {
        self.value = value
        self.count = count
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        value = try container.decode(UInt64.self)
        count = try container.decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(value)
        try container.encode(count)
    }
}
