import DeckCore
import DeckEngine
import Testing

@Suite("TelemetrySnapshot JSON")
struct TelemetrySnapshotJSONTests {
    private func populated() -> TelemetrySnapshot {
        let (registry, clock) = makeTelemetryRegistry()
        registry.makeCounter(label: TelemetryNames.failures, dimensions: [("kind", "rate_limited")]).increment(by: 4)
        registry.makeCounter(label: TelemetryNames.finished, dimensions: []).increment(by: 12)
        registry.makeFloatingPointCounter(label: "cost", dimensions: []).increment(by: 0.1)
        registry.makeMeter(label: TelemetryNames.dlqSize, dimensions: []).set(Int64(3))
        let timer = registry.makeTimer(label: TelemetryNames.enqueueToStart, dimensions: [("tenant", "t1")])
        for nanoseconds: Int64 in [1_234_567, 89_000_000, 3_000_000_001] { timer.recordNanoseconds(nanoseconds) }
        registry.makeRecorder(label: "batch", dimensions: [], aggregate: true).record(0.125)
        clock.advance(milliseconds: 250)
        return registry.snapshot()
    }

    @Test("a snapshot survives the JSON round trip exactly")
    func roundTrip() throws {
        let snapshot = populated()
        #expect(try TelemetrySnapshot(json: snapshot.json) == snapshot)
        // Through the stored text too, as a heartbeat row keeps it.
        let text = snapshot.json.canonicalText
        #expect(try TelemetrySnapshot(json: JSONValue(parsing: text)) == snapshot)
        // And through DeckCore's Codable bridges.
        #expect(try JSONValue(encoding: snapshot).decode(as: TelemetrySnapshot.self) == snapshot)
    }

    @Test("keys are snake_case and series are arrays sorted by key")
    func shape() throws {
        let json = TelemetrySnapshot(
            takenAt: telemetryStart,
            counters: [
                TelemetryKey(label: "b"): 1,
                TelemetryKey(label: "a", dimensions: ["kind": "x"]): 2,
            ],
            gauges: [TelemetryKey(label: "g"): 1.5],
            histograms: [TelemetryKey(label: "h"): .empty(.recorder)],
            throughputPerSecond: ["b": 0.5]
        ).json
        let expected: JSONValue = [
            "taken_at": 1_790_000_000_000,
            "counters": [
                ["label": "a", "dimensions": ["kind": "x"], "value": 2],
                ["label": "b", "dimensions": [:], "value": 1],
            ],
            "gauges": [["label": "g", "dimensions": [:], "value": 1.5]],
            "histograms": [
                [
                    "label": "h", "dimensions": [:], "kind": "recorder", "count": 0, "sum": 0, "min": 0, "max": 0,
                    "mean": 0, "p50": 0, "p90": 0, "p99": 0, "p999": 0, "buckets": [],
                ]
            ],
            "throughput_per_second": ["b": 0.5],
        ]
        #expect(json == expected)
    }

    @Test("a histogram ships its non-empty buckets as [value, count] pairs in histogram units")
    func buckets() throws {
        let (registry, _) = makeTelemetryRegistry()
        let timer = registry.makeTimer(label: "t", dimensions: [])
        for _ in 0..<3 { timer.recordNanoseconds(2_000_000) }
        timer.recordNanoseconds(50_000_000)
        let entry = registry.snapshot().json["histograms"]?.arrayValue?.first
        let buckets = try #require(entry?["buckets"]?.arrayValue)
        #expect(buckets.count == 2)
        #expect(buckets.map { $0.arrayValue?.last } == [.integer(3), .integer(1)])
        if case .integer(let value)? = buckets.first?.arrayValue?.first {
            #expect(abs(Double(value) - 2_000_000) <= 2_000_000 * 0.001, "a 2 ms bucket in nanoseconds")
        } else {
            Issue.record("bucket value is not an integer: \(buckets)")
        }
    }

    @Test("missing series and dimensions decode as empty")
    func lenient() throws {
        let snapshot = try TelemetrySnapshot(json: [
            "taken_at": 5, "counters": [["label": "c", "value": 1]],
        ])
        #expect(snapshot == TelemetrySnapshot(takenAt: Timestamp(millisecondsSinceEpoch: 5), counters: [TelemetryKey(label: "c"): 1]))
    }

    @Test("JSON that is not a snapshot throws")
    func invalid() {
        #expect(throws: (any Error).self) { try TelemetrySnapshot(json: .object([:])) }
        #expect(throws: (any Error).self) { try TelemetrySnapshot(json: ["taken_at": "yesterday"]) }
        #expect(throws: (any Error).self) { try TelemetrySnapshot(json: .array([])) }
    }

    @Test("non-finite gauge values survive as Prometheus spellings")
    func nonFinite() throws {
        let snapshot = TelemetrySnapshot(
            takenAt: telemetryStart,
            gauges: [TelemetryKey(label: "up"): .infinity, TelemetryKey(label: "down"): -.infinity])
        let json = snapshot.json
        #expect(json["gauges"]?.arrayValue?.first?["value"] == "-Inf")
        #expect(try TelemetrySnapshot(json: json) == snapshot)
        let nan = TelemetrySnapshot(takenAt: telemetryStart, gauges: [TelemetryKey(label: "x"): .nan])
        #expect(try TelemetrySnapshot(json: nan.json).gauge("x")?.isNaN == true)
    }

    @Test("a heartbeat carries the snapshot")
    func heartbeat() throws {
        let snapshot = populated()
        let heartbeat = WorkerHeartbeat(
            id: WorkerID("w1"), host: "h", pid: 1, startedAt: telemetryStart, lastSeenAt: snapshot.takenAt,
            telemetry: snapshot.json)
        #expect(try TelemetrySnapshot(json: heartbeat.telemetry) == snapshot)
    }
}
