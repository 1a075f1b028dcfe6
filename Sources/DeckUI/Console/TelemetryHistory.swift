import DeckCore

/// Rolling per-second rates for the telemetry sparklines, computed from counter totals.
public struct TelemetryHistory: Sendable, Hashable {
    /// How many samples each series keeps.
    public var capacity: Int
    public private(set) var attempts: [Double] = []
    public private(set) var failures: [Double] = []
    public private(set) var conflicts: [Double] = []
    public private(set) var throughput: [Double] = []
    public private(set) var dlq: [Double] = []
    private var last: TelemetryFrame?

    public init(capacity: Int = 240) { self.capacity = capacity }

    /// Adds a sample once at least a second passed since the last one.
    public mutating func record(_ frame: TelemetryFrame, dlqSize: Int) {
        guard let last else {
            self.last = frame
            return
        }
        let seconds = Double(frame.takenAt.milliseconds(since: last.takenAt)) / 1000
        guard seconds >= 1 else { return }
        append(&attempts, max(0, frame.attempts - last.attempts) / seconds)
        append(&failures, max(0, frame.failures - last.failures) / seconds)
        append(&conflicts, max(0, frame.conflicts - last.conflicts) / seconds)
        append(&throughput, frame.throughput)
        append(&dlq, Double(dlqSize))
        self.last = frame
    }

    private func append(_ series: inout [Double], _ value: Double) {
        series.append(value)
        if series.count > capacity { series.removeFirst(series.count - capacity) }
    }
}
