import DeckCore

/// Rolling per-second rates for the telemetry sparklines, computed from counter totals.
public struct TelemetryHistory: Sendable, Hashable {
    /// How many samples each series keeps.
    public var capacity: Int
    public private(set) var attempts: [Double] = []
    public private(set) var failures: [Double] = []
    public private(set) var conflicts: [Double] = []
    public private(set) var throughput: [Double] = []
    /// DLQ sizes in `dlqScope` only: a change of scope starts the series again, so one
    /// sparkline never mixes one tenant's DLQ with all tenants'.
    public private(set) var dlq: [Double] = []
    public private(set) var dlqScope: TenantScope = .allTenants
    /// When each sample was taken (the time axis), oldest first.
    public private(set) var times: [Timestamp] = []
    private var last: TelemetryFrame?

    public init(capacity: Int = 240) { self.capacity = capacity }

    /// Adds a sample once at least a second passed since the last one; `dlqSize` counts the
    /// dead envelopes in `scope`.
    public mutating func record(_ frame: TelemetryFrame, dlqSize: Int, scope: TenantScope = .allTenants) {
        if scope != dlqScope {
            dlq.removeAll()
            dlqScope = scope
        }
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
        times.append(frame.takenAt)
        if times.count > capacity { times.removeFirst(times.count - capacity) }
        self.last = frame
    }

    private func append(_ series: inout [Double], _ value: Double) {
        series.append(value)
        if series.count > capacity { series.removeFirst(series.count - capacity) }
    }
}
