import Foundation
import OpsDeckTestSupport
import Testing

/// `opsdeck worker` as real processes sharing one SQLite file: several at once, killed
/// with SIGKILL mid-run, and stopped with SIGTERM.
@Suite("opsdeck worker processes", .serialized, .timeLimit(.minutes(5)))
struct WorkerProcessTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.migrate()
    }

    /// Tenants with `cap`, and `count` envelopes spread over them; `criticalEvery` makes
    /// every n-th envelope critical (all tenants run critical work without approval).
    func seed(tenants: Int, cap: Int, count: Int, criticalEvery: Int = 0) throws {
        for index in 0..<tenants {
            _ = try sandbox.addTenant("t\(index)", ["--max-running", String(cap)])
            try sandbox.ok(["guardrails", "set", "t\(index)", "--autonomy", "critical"])
        }
        var lines = ""
        for index in 0..<count {
            let risk = criticalEvery > 0 && index % criticalEvery == 0 ? "critical" : "low"
            lines += #"{"tenant":"t\#(index % tenants)","tool":"SLACK_SEND_MESSAGE","args":{"n":\#(index)},"risk":"\#(risk)"}"# + "\n"
        }
        try sandbox.ok(["envelope", "submit", "--file", try sandbox.write("envelopes.jsonl", lines)])
    }

    func worker(_ extra: [String], name: String) throws -> BackgroundProcess {
        try BackgroundProcess(
            ["worker", "--operator", "unused", "--log-level", "warning", "--poll-ms", "2", "--sim-ledger", sandbox.path("ledger.tsv")]
                + extra,
            db: sandbox.db, directory: sandbox.directory, name: name)
    }

    /// Envelope id → how many times the simulated provider performed it.
    func ledgerCounts() throws -> [Int64: Int] {
        let text = (try? String(contentsOfFile: sandbox.path("ledger.tsv"), encoding: .utf8)) ?? ""
        var counts: [Int64: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            #expect(fields.count == 4, "ledger line \(line)")
            if let id = fields.first.flatMap({ Int64($0) }) { counts[id, default: 0] += 1 }
        }
        return counts
    }

    func ids(_ sql: String) throws -> Set<Int64> {
        Set(try sandbox.sql(sql).split(separator: "\n").compactMap { Int64($0) })
    }

    @Test("several workers on one file drain it and no envelope is executed twice")
    func severalWorkers() async throws {
        try seed(tenants: 6, cap: 3, count: 1_200)
        // 50 ms a call: one worker alone (8 in flight) needs about 7.5 s for the lot, so the
        // others, started a moment later, always find work (at 1 ms one drained it first).
        let workers = try (0..<3).map { index in
            try worker(["--drain", "--sim-seed", String(index), "--sim-latency-ms", "50", "--concurrency", "8", "--batch", "8"],
                       name: "worker\(index)")
        }
        for worker in workers {
            let status = await worker.status()
            #expect(status == 0, "\(worker.log)")
        }
        #expect(try sandbox.sql("SELECT status, count(*) FROM outbox GROUP BY status") == "succeeded|1200")
        let ledger = try ledgerCounts()
        #expect(ledger.count == 1_200)
        #expect(ledger.values.allSatisfy { $0 == 1 }, "executed twice: \(ledger.filter { $0.value > 1 }.keys.sorted())")
        // Every worker took part, and every claim names its worker.
        #expect(try sandbox.count("(SELECT DISTINCT actor FROM audit_log WHERE action = 'claimed')") == 3)
        try sandbox.ok(["audit", "verify"])
    }

    @Test("workers killed with SIGKILL lose nothing acknowledged and never repeat an unsafe tier")
    func killNine() async throws {
        try seed(tenants: 8, cap: 4, count: 2_000, criticalEvery: 10)
        let options = ["--lease-seconds", "1", "--rescue-seconds", "0.2", "--sim-latency-ms", "20", "--concurrency", "8", "--batch", "8"]
        var live = try (0..<3).map { try worker(options + ["--sim-seed", String($0)], name: "w\($0)") }
        var kills = 0
        var hits = 0
        var generator = SystemRandomNumberGenerator()
        for round in 0..<14 {
            try await Task.sleep(for: .milliseconds(250))
            // Kill a worker that holds a lease now when there is one (waiting up to 10 s for
            // the first), so the kills hit running work however the machine schedules them.
            var victim = Int.random(in: 0..<live.count, using: &generator)
            let deadline = ContinuousClock.now + .seconds(round == 0 ? 10 : 0)
            repeat {
                let owners = try sandbox.sql("SELECT DISTINCT lease_owner FROM outbox WHERE status = 'running'")
                if let holder = live.firstIndex(where: { owners.contains(":\($0.pid):") }) {
                    victim = holder
                    hits += 1
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            } while ContinuousClock.now < deadline
            live[victim].send(SIGKILL)
            _ = await live[victim].status()
            kills += 1
            live[victim] = try worker(options + ["--sim-seed", String(100 + round)], name: "r\(round)")
        }
        #expect(hits > 0, "no kill found a worker holding a lease")
        for worker in live {
            worker.send(SIGKILL)
            _ = await worker.status()
        }
        // Let the dead workers' leases expire, then drain what is left.
        for _ in 0..<6 where try sandbox.count("outbox", where: "status IN ('pending', 'running')") > 0 {
            try await Task.sleep(for: .milliseconds(1_200))
            let drain = try worker(["--drain", "--lease-seconds", "1", "--sim-seed", "999", "--concurrency", "16", "--batch", "16"], name: "drain")
            #expect(await drain.status() == 0, "\(drain.log)")
        }
        #expect(kills == 14)

        // Every envelope ended: succeeded, or dead (in doubt when a critical one's worker died).
        #expect(try sandbox.count("outbox") == 2_000)
        #expect(try sandbox.count("outbox", where: "status NOT IN ('succeeded', 'dead')") == 0)
        let succeeded = try ids("SELECT id FROM outbox WHERE status = 'succeeded'")
        let dead = try ids("SELECT id FROM outbox WHERE status = 'dead'")
        #expect(dead == (try ids("SELECT id FROM outbox WHERE status = 'dead' AND in_doubt = 1")))
        #expect(dead.isSubset(of: try ids("SELECT id FROM outbox WHERE risk = 'critical'")))

        let ledger = try ledgerCounts()
        // Nothing acknowledged is lost: every success was performed.
        #expect(succeeded.isSubset(of: Set(ledger.keys)))
        // The only repeats are envelopes whose lease expired, each visible in the audit log.
        let repeated = Set(ledger.filter { $0.value > 1 }.keys)
        let expired = try ids("SELECT envelope_id FROM audit_log WHERE action = 'lease_expired'")
        #expect(repeated.isSubset(of: expired), "repeats without a lease_expired row: \(repeated.subtracting(expired).sorted())")
        // No critical envelope ever ran twice.
        let critical = try ids("SELECT id FROM outbox WHERE risk = 'critical'")
        #expect(critical.allSatisfy { (ledger[$0] ?? 0) <= 1 })
        // The kills did hit running work: the rescuer took leases back.
        #expect(expired.count + dead.count > 0, "no lease was rescued: the kills missed every execution")
        // A critical envelope found running under an expired lease went to the DLQ in doubt.
        let inDoubtRows = try ids("SELECT envelope_id FROM audit_log WHERE action = 'in_doubt'")
        #expect(inDoubtRows == dead)
        try sandbox.ok(["audit", "verify"])
    }

    @Test("SIGTERM or SIGHUP stops claiming, finishes started work and exits 0 with nothing running", arguments: [SIGTERM, SIGHUP])
    func gracefulShutdown(signal: Int32) async throws {
        // Enough work to last well past the signal: with 400 (about a second's drain), a loaded
        // machine once finished every envelope while `stats` ran, before the signal was sent.
        try seed(tenants: 4, cap: 4, count: 2_000)
        let worker = try worker(
            ["--sim-latency-ms", "40", "--concurrency", "16", "--batch", "8", "--heartbeat-seconds", "0.2"], name: "term\(signal)")
        // Polled on threads of its own, so a cooperative pool held by other suites cannot make
        // it sleep through its deadline.
        try await DedicatedExecutor.run {
            let deadline = ContinuousClock.now + .seconds(60)
            while try sandbox.count("outbox", where: "status = 'succeeded'") < 20, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(try sandbox.count("worker_heartbeats") == 1)
        let stats = try sandbox.ok(["stats", "--json"]).json()
        #expect(stats["workers"]?.arrayValue?.count == 1)
        #expect(stats["outbox"]?["succeeded"].map { if case .integer(let n) = $0 { n >= 20 } else { false } } == true)
        worker.send(signal)
        #expect(await worker.status() == 0, "\(worker.log)")
        #expect(try sandbox.count("outbox", where: "status = 'running'") == 0)
        #expect(try sandbox.count("outbox", where: "status = 'pending'") > 0)
        #expect(try sandbox.count("worker_heartbeats") == 0)
        #expect(try ledgerCounts().values.allSatisfy { $0 == 1 })
        // Everything performed was written back as succeeded.
        #expect(Set(try ledgerCounts().keys) == (try ids("SELECT id FROM outbox WHERE status = 'succeeded'")))
    }

    @Test("--concurrency 64 with 200 ms latency: the database shows at least 60 envelopes running at once")
    func inFlightReachesConcurrency() async throws {
        try seed(tenants: 4, cap: 20, count: 600)
        let worker = try worker(["--concurrency", "64", "--batch", "16", "--sim-latency-ms", "200"], name: "inflight")
        let peak = try await DedicatedExecutor.run {
            var peak = 0
            let deadline = ContinuousClock.now + .seconds(30)
            while peak < 60, ContinuousClock.now < deadline, !worker.hasEnded {
                peak = max(peak, try sandbox.count("outbox", where: "status = 'running'"))
                try await Task.sleep(for: .milliseconds(20))
            }
            return peak
        }
        worker.send(SIGTERM)
        #expect(await worker.status() == 0, "\(worker.log)")
        #expect(peak >= 60, "at most \(peak) envelopes were running at once")
        // The caps held: never more than 20 of one tenant at once (the ledger has no
        // timing, so read it from the audit log: claims minus finishes, in order).
        #expect(try sandbox.count("outbox", where: "status = 'running'") == 0)
        let rows = try sandbox.sql("""
            SELECT tenant_id, action FROM audit_log WHERE category = 'envelope'
            AND action IN ('claimed', 'succeeded', 'retry_scheduled', 'failed', 'released') ORDER BY id
            """)
        var running: [Substring: Int] = [:]
        var most = 0
        for row in rows.split(separator: "\n") {
            let fields = row.split(separator: "|")
            guard fields.count == 2 else { continue }
            running[fields[0], default: 0] += fields[1] == "claimed" ? 1 : -1
            most = max(most, running[fields[0]]!)
        }
        #expect(most <= 20 && most > 0, "a tenant had \(most) running at once")
    }

    @Test("--metrics-port serves Prometheus text on 127.0.0.1")
    func metricsEndpoint() async throws {
        try seed(tenants: 2, cap: 2, count: 50)
        let port = Int.random(in: 20_000...60_000)
        let worker = try worker(["--sim-latency-ms", "1", "--metrics-port", String(port)], name: "metrics")
        defer { worker.send(SIGKILL) }
        var body = ""
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(50))
            let run = try ProcessRunner.run(
                URL(fileURLWithPath: "/usr/bin/curl"), ["-sf", "http://127.0.0.1:\(port)/metrics"], stdin: nil,
                environment: [:], directory: nil)
            if run.exitCode == 0, run.stdout.contains("opsdeck_worker_finished_total") {
                body = run.stdout
                if try sandbox.count("outbox", where: "status = 'succeeded'") == 50 { break }
            }
        }
        #expect(body.contains("# TYPE opsdeck_worker_claimed_total counter"), "\(body)\n\(worker.log)")
        // Timers are real Prometheus histograms (swift-prometheus), in seconds.
        #expect(body.contains("# TYPE opsdeck_worker_provider_latency histogram"))
        #expect(body.contains(#"opsdeck_worker_provider_latency_bucket{le="0.005"}"#))
        #expect(body.contains(#"opsdeck_worker_provider_latency_bucket{le="+Inf"}"#))
        #expect(body.contains("opsdeck_worker_provider_latency_count"))
        #expect(body.contains("# TYPE opsdeck_outbox_dlq_size gauge"))
        #expect(body.contains("opsdeck_worker_attempts_total"))
        worker.send(SIGTERM)
        #expect(await worker.status() == 0, "\(worker.log)")
    }
}
