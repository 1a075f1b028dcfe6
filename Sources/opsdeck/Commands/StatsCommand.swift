import ArgumentParser
import DeckCore
import DeckEngine
import Foundation

/// `opsdeck stats`: live workers and their telemetry, added up, with the outbox's counts.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show live workers (from their heartbeats) and their telemetry, aggregated.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "A worker counts as live when seen within this many seconds.") var liveSeconds = 10.0
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let access = try await StoreAccess.open(global, readOnly: true)
        let now = SystemClock().now()
        let heartbeats = try await access.store.heartbeats(seenSince: now.adding(seconds: -liveSeconds))
        let snapshots = heartbeats.map(TelemetrySnapshot.init(heartbeat:))
        let merged = TelemetrySnapshot.merged(snapshots)
        let counts = try await access.store.statusCounts(in: .allTenants)
        let inDoubt = try await access.store.envelopes(EnvelopeQuery(statuses: [.dead], inDoubt: true, limit: 10_000), in: .allTenants)
            .items.count
        if json {
            print(JSONValue.object([
                "workers": .array(zip(heartbeats, snapshots).map { heartbeat, snapshot in
                    [
                        "id": .string(heartbeat.id.rawValue), "host": .string(heartbeat.host),
                        "pid": .integer(Int64(heartbeat.pid)), "started_at": .string(heartbeat.startedAt.iso8601),
                        "last_seen_at": .string(heartbeat.lastSeenAt.iso8601), "telemetry": snapshot.json,
                    ]
                }),
                "outbox": .object(Dictionary(uniqueKeysWithValues: EnvelopeStatus.allCases.map {
                    ($0.rawValue, JSONValue.integer(Int64(counts[$0] ?? 0)))
                })),
                "dlq_size": .integer(Int64(counts[.dead] ?? 0)), "in_doubt": .integer(Int64(inDoubt)),
                "telemetry": merged.json,
            ]).prettyText)
            return
        }
        var lines: [String] = []
        lines.append("workers: \(heartbeats.count) live (seen in the last \(Int(liveSeconds)) s)")
        if !heartbeats.isEmpty {
            var table = TextTable(["WORKER", "HOST", "PID", "STARTED", "LAST SEEN", "CLAIMED", "SUCCEEDED", "DEAD", "IN FLIGHT", "PER SEC"])
            for (heartbeat, snapshot) in zip(heartbeats, snapshots) {
                table.add([
                    heartbeat.id.rawValue, heartbeat.host, String(heartbeat.pid), heartbeat.startedAt.tableText,
                    "\(Self.seconds(now.milliseconds(since: heartbeat.lastSeenAt))) ago",
                    Self.count(snapshot.counterTotal(TelemetryNames.claimed)),
                    Self.count(snapshot.counterTotal(TelemetryNames.succeeded)),
                    Self.count(snapshot.counterTotal(TelemetryNames.dead)),
                    Self.count(snapshot.gauge(TelemetryNames.inFlight) ?? 0),
                    String(format: "%.1f", snapshot.throughputPerSecond[TelemetryNames.finished] ?? 0),
                ])
            }
            lines.append(table.text)
        }
        lines.append("")
        lines.append("outbox: " + EnvelopeStatus.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ")
            + "  (dead in doubt \(inDoubt))")
        lines.append("")
        lines.append("telemetry of live workers:")
        lines.append(String(format: "  throughput        %.1f envelopes/s (finished, last 10 s)",
                            merged.throughputPerSecond[TelemetryNames.finished] ?? 0))
        for (name, label) in [
            ("provider latency", TelemetryNames.providerLatency), ("claim to finish", TelemetryNames.claimToFinish),
            ("enqueue to start", TelemetryNames.enqueueToStart),
        ] {
            guard let summary = merged.histogram(label), summary.count > 0 else {
                lines.append("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0))no data")
                continue
            }
            lines.append("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0))p50 \(Self.duration(summary.p50))  p90 \(Self.duration(summary.p90))  p99 \(Self.duration(summary.p99))  max \(Self.duration(summary.max))  (n=\(summary.count))")
        }
        let failures = ProviderError.Kind.allCases.map {
            "\($0.rawValue) \(Self.count(merged.counter(TelemetryNames.failures, [TelemetryNames.failureKindDimension: $0.rawValue]) ?? 0))"
        }
        lines.append("  attempts \(Self.count(merged.counterTotal(TelemetryNames.attempts)))  failures: \(failures.joined(separator: ", "))")
        lines.append("  conflicts \(Self.count(merged.counterTotal(TelemetryNames.conflicts)))  rescued \(Self.count(merged.counterTotal(TelemetryNames.rescued)))  dlq size \(counts[.dead] ?? 0)")
        let guardrails = ["deferred", "held", "rejected"].map {
            "\($0) \(Self.count(merged.counter(TelemetryNames.guardrail, [TelemetryNames.guardrailDecisionDimension: $0]) ?? 0))"
        }
        lines.append("  guardrails: \(guardrails.joined(separator: ", "))")
        print(lines.joined(separator: "\n"))
    }

    static func count(_ value: Double) -> String { String(Int(value.rounded())) }

    static func seconds(_ milliseconds: Int64) -> String { String(format: "%.1f s", Double(milliseconds) / 1000) }

    static func duration(_ seconds: Double) -> String {
        if seconds < 0.001 { return String(format: "%.0f µs", seconds * 1_000_000) }
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
        return String(format: "%.2f s", seconds)
    }
}
