import DeckCore

/// A worker's telemetry at one instant: counter totals, gauge values, histogram summaries
/// and throughput.
///
/// Workers store it in their heartbeat row (as ``json``), so the console can show the
/// telemetry of workers in other processes and `opsdeck stats` can add them up with
/// ``merged(_:)``. In JSON, keys are snake_case and the series maps are arrays of
/// `{"label", "dimensions", …}` objects sorted by key, so the same snapshot always has the
/// same text.
public struct TelemetrySnapshot: Sendable, Codable, Equatable {
    /// When the snapshot was taken, by the registry's clock.
    public var takenAt: Timestamp
    /// Counter totals by series (integer and floating-point counters alike).
    public var counters: [TelemetryKey: Double]
    /// The last value of each gauge series.
    public var gauges: [TelemetryKey: Double]
    /// Timer (seconds) and recorder summaries by series.
    public var histograms: [TelemetryKey: TelemetryHistogramSummary]
    /// Per-second rate over the registry's window, by tracked counter label.
    public var throughputPerSecond: [String: Double]

    /// A snapshot from its parts.
    public init(
        takenAt: Timestamp,
        counters: [TelemetryKey: Double] = [:],
        gauges: [TelemetryKey: Double] = [:],
        histograms: [TelemetryKey: TelemetryHistogramSummary] = [:],
        throughputPerSecond: [String: Double] = [:]
    ) {
        self.takenAt = takenAt
        self.counters = counters
        self.gauges = gauges
        self.histograms = histograms
        self.throughputPerSecond = throughputPerSecond
    }

    // MARK: - Lookup

    /// The total of one counter series, or nil when it does not exist.
    public func counter(_ label: String, _ dimensions: [String: String] = [:]) -> Double? {
        counters[TelemetryKey(label: label, dimensions: dimensions)]
    }

    /// The sum of every series of a counter label, whatever their dimensions (0 if none).
    public func counterTotal(_ label: String) -> Double {
        counters.reduce(0) { $1.key.label == label ? $0 + $1.value : $0 }
    }

    /// The value of one gauge series, or nil when it does not exist.
    public func gauge(_ label: String, _ dimensions: [String: String] = [:]) -> Double? {
        gauges[TelemetryKey(label: label, dimensions: dimensions)]
    }

    /// The summary of one timer or recorder series, or nil when it does not exist.
    public func histogram(_ label: String, _ dimensions: [String: String] = [:]) -> TelemetryHistogramSummary? {
        histograms[TelemetryKey(label: label, dimensions: dimensions)]
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey {
        case takenAt = "taken_at"
        case counters
        case gauges
        case histograms
        case throughputPerSecond = "throughput_per_second"
    }

    /// One counter or gauge series in JSON.
    private struct ValueEntry: Codable {
        var label: String
        var dimensions: [String: String]?
        var value: Double
    }

    /// One histogram series in JSON: the key's fields beside the summary's.
    private struct HistogramEntry: Codable {
        var label: String
        var dimensions: [String: String]?
        var kind: TelemetryHistogramSummary.Kind
        var count: Int
        var sum: Double
        var min: Double
        var max: Double
        var mean: Double
        var p50: Double
        var p90: Double
        var p99: Double
        var p999: Double
        /// `[value, count]` pairs of the histogram's non-empty buckets (absent in old heartbeats).
        var buckets: [TelemetryHistogramBucket]?
    }

    /// Reads the JSON form; `taken_at` is required, missing series maps are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        takenAt = try container.decode(Timestamp.self, forKey: .takenAt)
        func values(_ key: CodingKeys) throws -> [TelemetryKey: Double] {
            let entries = try container.decodeIfPresent([ValueEntry].self, forKey: key) ?? []
            return Dictionary(
                entries.map { (TelemetryKey(label: $0.label, dimensions: $0.dimensions ?? [:]), $0.value) },
                uniquingKeysWith: { _, last in last })
        }
        counters = try values(.counters)
        gauges = try values(.gauges)
        let entries = try container.decodeIfPresent([HistogramEntry].self, forKey: .histograms) ?? []
        histograms = Dictionary(
            entries.map { entry in
                (
                    TelemetryKey(label: entry.label, dimensions: entry.dimensions ?? [:]),
                    TelemetryHistogramSummary(
                        kind: entry.kind, count: entry.count, sum: entry.sum, min: entry.min, max: entry.max,
                        mean: entry.mean, p50: entry.p50, p90: entry.p90, p99: entry.p99, p999: entry.p999,
                        buckets: entry.buckets)
                )
            },
            uniquingKeysWith: { _, last in last })
        throughputPerSecond = try container.decodeIfPresent([String: Double].self, forKey: .throughputPerSecond) ?? [:]
    }

    /// Writes the JSON form, series sorted by key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(takenAt, forKey: .takenAt)
        func entries(_ values: [TelemetryKey: Double]) -> [ValueEntry] {
            values.sorted { $0.key < $1.key }.map { ValueEntry(label: $0.key.label, dimensions: $0.key.dimensions, value: $0.value) }
        }
        try container.encode(entries(counters), forKey: .counters)
        try container.encode(entries(gauges), forKey: .gauges)
        let histogramEntries = histograms.sorted { $0.key < $1.key }.map { key, summary in
            HistogramEntry(
                label: key.label, dimensions: key.dimensions, kind: summary.kind, count: summary.count,
                sum: summary.sum, min: summary.min, max: summary.max, mean: summary.mean,
                p50: summary.p50, p90: summary.p90, p99: summary.p99, p999: summary.p999, buckets: summary.buckets)
        }
        try container.encode(histogramEntries, forKey: .histograms)
        try container.encode(throughputPerSecond, forKey: .throughputPerSecond)
    }
}
