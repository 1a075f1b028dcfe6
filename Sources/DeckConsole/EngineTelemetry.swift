import DeckCore
import DeckEngine
import DeckUI

/// Turns live workers' heartbeats into the console's telemetry frame, adding up their
/// snapshots the way `opsdeck stats` does.
public enum EngineTelemetry {
    public static func frame(_ heartbeats: [WorkerHeartbeat], at instant: Timestamp) -> TelemetryFrame {
        let snapshots = heartbeats.map(TelemetrySnapshot.init(heartbeat:))
        let merged = TelemetrySnapshot.merged(snapshots)
        let workers = zip(heartbeats, snapshots).map { heartbeat, snapshot in
            TelemetryFrame.Worker(
                id: heartbeat.id.rawValue, host: heartbeat.host, pid: heartbeat.pid, startedAt: heartbeat.startedAt,
                lastSeenAt: heartbeat.lastSeenAt, inFlight: Int(snapshot.gauge(TelemetryNames.inFlight) ?? 0),
                succeeded: snapshot.counterTotal(TelemetryNames.succeeded), failures: snapshot.counterTotal(TelemetryNames.failures))
        }.sorted { $0.id < $1.id }
        var latency: TelemetryFrame.Latency?
        if let summary = merged.histogram(TelemetryNames.providerLatency), summary.count > 0 {
            latency = TelemetryFrame.Latency(
                count: summary.count, p50: summary.p50, p90: summary.p90, p99: summary.p99, p999: summary.p999, max: summary.max)
        }
        return TelemetryFrame(
            takenAt: instant, workers: workers, latency: latency,
            attempts: merged.counterTotal(TelemetryNames.attempts), failures: merged.counterTotal(TelemetryNames.failures),
            conflicts: merged.counterTotal(TelemetryNames.conflicts), succeeded: merged.counterTotal(TelemetryNames.succeeded),
            throughput: merged.throughputPerSecond[TelemetryNames.finished] ?? 0)
    }
}
