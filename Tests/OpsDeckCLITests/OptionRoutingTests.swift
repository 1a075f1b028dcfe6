import Foundation
import Testing

/// Every numeric option of the long-running commands reaches the configuration of the
/// command it was typed for, read back from the command's own start-up log lines. (The
/// console's options once lived on the root command and captured `worker --concurrency`.)
@Suite("options reach the command they were typed for", .serialized, .timeLimit(.minutes(5)))
struct OptionRoutingTests {
    /// The `key=value` metadata of the first log line containing `marker`, or nil.
    static func fields(_ log: String, line marker: String) -> [String: String]? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains(marker) }) else { return nil }
        var fields: [String: String] = [:]
        for word in line.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }

    /// Waits (at most `seconds`) until `text` shows every marker.
    static func waitFor(_ markers: [String], in text: () -> String, seconds: Double = 30) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last = ""
        while ContinuousClock.now < deadline {
            last = text()
            if markers.allSatisfy(last.contains) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        // One last look: on a busy machine this task may have been starved past the deadline
        // while the process did its work.
        last = text()
        if markers.allSatisfy(last.contains) { return last }
        Issue.record("timed out waiting for \(markers); the log was:\n\(last)")
        return last
    }

    @Test("worker: every numeric option reaches the worker, the simulator and the metrics endpoint")
    func worker() async throws {
        let sandbox = try Sandbox()
        try sandbox.migrate()
        let port = Int.random(in: 20_000...60_000)
        try sandbox.ok(["audit", "keygen", "--out", sandbox.path("audit.key")], operator: nil)
        let worker = try BackgroundProcess([
            "worker", "--checkpoint-key", sandbox.path("audit.key"), "--checkpoint-seconds", "2.5", "--concurrency", "77", "--batch", "9", "--lease-seconds", "13", "--poll-ms", "3",
            "--rescue-seconds", "4.5", "--heartbeat-seconds", "0.7", "--metrics-port", String(port),
            "--sim-seed", "5", "--sim-latency-ms", "12", "--sim-failure-rate", "0.01", "--sim-429-rate", "0.02",
            "--sim-permanent-rate", "0.03",
        ], db: sandbox.db, directory: sandbox.directory, name: "worker")
        let log = try await Self.waitFor(["worker started", "serving metrics", "provider", "audit checkpoints"], in: { worker.log })
        worker.send(SIGTERM)
        #expect(await worker.status() == 0, "\(worker.log)")
        let started = try #require(Self.fields(log, line: "worker started"), "\(log)")
        #expect(started["concurrency"] == "77")
        #expect(started["batch"] == "9")
        #expect(started["lease_seconds"] == "13.0")
        #expect(started["poll_ms"] == "3")
        #expect(started["rescue_seconds"] == "4.5")
        #expect(started["heartbeat_seconds"] == "0.7")
        let provider = try #require(Self.fields(log, line: "] provider"), "\(log)")
        #expect(provider["sim_seed"] == "5")
        #expect(provider["sim_latency_ms"] == "12.0")
        #expect(provider["sim_failure_rate"] == "0.01")
        #expect(provider["sim_429_rate"] == "0.02")
        #expect(provider["sim_permanent_rate"] == "0.03")
        #expect(Self.fields(log, line: "serving metrics")?["metrics_port"] == String(port))
        #expect(Self.fields(log, line: "audit checkpoints")?["every_seconds"] == "2.5")
    }

    @Test("worker: the options of the root command (--db, --operator) still work before the subcommand's name")
    func rootOptionsBeforeTheSubcommand() throws {
        let sandbox = try Sandbox()
        let migrate = try opsdeck(["--db", sandbox.db, "migrate"], db: nil, directory: sandbox.directory)
        #expect(migrate.exitCode == 0, "\(migrate)")
        let add = try opsdeck(["--db", sandbox.db, "--operator", "bob", "tenant", "add", "acme"], db: nil, directory: sandbox.directory)
        #expect(add.exitCode == 0, "\(add)")
        let drain = try opsdeck(
            ["--db", sandbox.db, "worker", "--drain", "--concurrency", "3", "--log-level", "info"], db: nil,
            directory: sandbox.directory)
        #expect(drain.exitCode == 0, "\(drain)")
        #expect(Self.fields(drain.stderr, line: "worker started")?["concurrency"] == "3", "\(drain)")
    }

    @Test("scheduler: every numeric option reaches the scheduler and the simulator")
    func scheduler() async throws {
        let sandbox = try Sandbox()
        try sandbox.migrate()
        try sandbox.ok(["audit", "keygen", "--out", sandbox.path("audit.key")], operator: nil)
        let scheduler = try BackgroundProcess([
            "scheduler", "--checkpoint-key", sandbox.path("audit.key"), "--checkpoint-seconds", "7", "--account-sync-seconds", "11", "--drift-check-seconds", "22", "--trickle-min-minutes", "3",
            "--trickle-max-minutes", "4", "--bucket-capacity", "5", "--bucket-refill", "0.5", "--tick-seconds", "0.25",
            "--sim-seed", "8", "--sim-latency-ms", "7",
        ], db: sandbox.db, directory: sandbox.directory, name: "scheduler")
        let log = try await Self.waitFor(["scheduler started", "provider", "audit checkpoints"], in: { scheduler.log })
        scheduler.send(SIGTERM)
        #expect(await scheduler.status() == 0, "\(scheduler.log)")
        let started = try #require(Self.fields(log, line: "scheduler started"), "\(log)")
        #expect(started["account_sync_seconds"] == "11.0")
        #expect(started["drift_check_seconds"] == "22.0")
        #expect(started["trickle_min_seconds"] == "180.0")
        #expect(started["trickle_max_seconds"] == "240.0")
        #expect(started["bucket_capacity"] == "5.0")
        #expect(started["bucket_refill_per_second"] == "0.5")
        #expect(started["tick_seconds"] == "0.25")
        #expect(Self.fields(log, line: "audit checkpoints")?["every_seconds"] == "7.0")
        // Stopped, it signed the (empty) log it leaves.
        let checkpoints = try String(contentsOfFile: sandbox.db + ".checkpoints", encoding: .utf8)
        #expect(checkpoints.hasPrefix("{") && checkpoints.contains(#""rows":0"#), "\(checkpoints)")
        let provider = try #require(Self.fields(log, line: "] provider"), "\(log)")
        #expect(provider["sim_seed"] == "8")
        #expect(provider["sim_latency_ms"] == "7.0")
    }

    @Test("console: every numeric option reaches its in-process engine (opsdeck alone, opsdeck console, --demo)")
    func console() async throws {
        let sandbox = try Sandbox()
        try sandbox.migrate()
        let binary = try CLI.binary().path
        let runs = [("", sandbox.db), ("console ", sandbox.db), ("--demo ", sandbox.path("demo.sqlite"))]
        for (index, (prefix, db)) in runs.enumerated() {
            let logFile = sandbox.path("console-\(index).log")
            let command = "\(binary) \(prefix)--db \(db) --operator alice --log-file \(logFile) --concurrency 48 "
                + "--demo-rate 3.5 --demo-seed 7 --sim-seed 6 --sim-latency-ms 55 --sim-failure-rate 0.04 "
                + "--tick-seconds 0.5 --account-sync-seconds 9 --drift-check-seconds 19 --bucket-capacity 6; echo EXITED=$?; sleep 30"
            let console = try TmuxSession(command: command, width: 120, height: 30, directory: sandbox.directory)
            try console.waitFor("the console", seconds: 20) { $0.contains("· engine") }
            let log = try await Self.waitFor(["console engine started"], in: {
                (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            })
            try console.send("Q")
            try console.waitFor("EXITED=0", seconds: 20)
            let fields = try #require(Self.fields(log, line: "console engine started"), "\(log)")
            #expect(fields["concurrency"] == "48", "\(log)")
            #expect(fields["sim_seed"] == "6")
            #expect(fields["sim_latency_ms"] == "55.0")
            #expect(fields["sim_failure_rate"] == "0.04")
            #expect(fields["tick_seconds"] == "0.5")
            #expect(fields["account_sync_seconds"] == "9.0")
            #expect(fields["drift_check_seconds"] == "19.0")
            #expect(fields["bucket_capacity"] == "6.0")
            if prefix == "--demo " {
                #expect(fields["demo_rate"] == "3.5", "\(log)")
                #expect(fields["demo_seed"] == "7")
            }
        }
    }
}
