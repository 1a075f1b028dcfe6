import DeckCore

extension TelemetrySnapshot {
    /// Several workers' snapshots added up into one, for `opsdeck stats` and the console.
    ///
    /// - Counters and throughput are summed.
    /// - Each gauge takes its value from the newest snapshot that has it (by `takenAt`; on a
    ///   tie, the later one in `snapshots`).
    /// - Histograms are added bucket by bucket: the percentiles are those of every worker's
    ///   values together, as if one worker had recorded them all (within HdrHistogram's
    ///   3-digit precision); counts, sums, min and max are exact. A summary without buckets
    ///   (a heartbeat written before they were shipped) makes that series fall back to the
    ///   count-weighted average of the workers' percentiles, which stays between the
    ///   smallest and largest worker value but is not the union's percentile.
    /// - The result is stamped with the newest `takenAt` (the epoch when there is nothing
    ///   to merge).
    public static func merged(_ snapshots: [TelemetrySnapshot]) -> TelemetrySnapshot {
        var result = TelemetrySnapshot(takenAt: Timestamp(millisecondsSinceEpoch: 0))
        guard let newest = snapshots.map(\.takenAt).max() else { return result }
        result.takenAt = newest

        var gaugeTimes: [TelemetryKey: Timestamp] = [:]
        var histogramGroups: [TelemetryKey: [TelemetryHistogramSummary]] = [:]
        for snapshot in snapshots {
            result.counters.merge(snapshot.counters, uniquingKeysWith: +)
            result.throughputPerSecond.merge(snapshot.throughputPerSecond, uniquingKeysWith: +)
            for (key, value) in snapshot.gauges where gaugeTimes[key].map({ $0 <= snapshot.takenAt }) ?? true {
                gaugeTimes[key] = snapshot.takenAt
                result.gauges[key] = value
            }
            for (key, summary) in snapshot.histograms {
                histogramGroups[key, default: []].append(summary)
            }
        }
        result.histograms = histogramGroups.mapValues { TelemetryHistogramAccumulator.merged($0) ?? combined($0) }
        return result
    }

    /// One summary standing for several of the same series when some carry no buckets: the
    /// count-weighted average of their percentiles (see ``merged(_:)``).
    private static func combined(_ summaries: [TelemetryHistogramSummary]) -> TelemetryHistogramSummary {
        let kind = summaries[0].kind
        let recorded = summaries.filter { $0.count > 0 }
        guard !recorded.isEmpty else { return .empty(kind) }
        let count = recorded.reduce(0) { $0 + $1.count }
        let sum = recorded.reduce(0.0) { $0 + $1.sum }
        func weighted(_ value: (TelemetryHistogramSummary) -> Double) -> Double {
            recorded.reduce(0.0) { $0 + value($1) * Double($1.count) } / Double(count)
        }
        return TelemetryHistogramSummary(
            kind: kind,
            count: count,
            sum: sum,
            min: recorded.map(\.min).min()!,
            max: recorded.map(\.max).max()!,
            mean: sum / Double(count),
            p50: weighted(\.p50),
            p90: weighted(\.p90),
            p99: weighted(\.p99),
            p999: weighted(\.p999))
    }
}
