import Foundation
import OpsDeckTestSupport
import Testing

/// `opsdeck worker` processes on one PostgreSQL database killed with SIGKILL mid-run, as
/// `WorkerProcessTests` does on SQLite: nothing acknowledged is lost, no critical envelope
/// runs twice, and the audit chain stays intact.
@Suite("opsdeck worker processes on PostgreSQL, killed (server)", .enabled(if: PostgresTestServer.url != nil),
       .timeLimit(.minutes(6)))
struct PostgresWorkerKillTests {
    /// Runs `sql` with psql on `url` (unaligned, tuples only) and returns its output.
    func sql(_ url: String, _ sql: String) throws -> String {
        let run = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], stdin: nil,
            environment: CLI.environment([:]), directory: nil)
        #expect(run.exitCode == 0, "\(run)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func ids(_ url: String, _ query: String) throws -> Set<Int64> {
        Set(try sql(url, query).split(separator: "\n").compactMap { Int64($0) })
    }

    @Test("workers killed with SIGKILL lose nothing acknowledged, never repeat a critical envelope; the chain stays intact")
    func killNine() async throws {
        // On threads of its own: psql and opsdeck run synchronously here, for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run { try await killNineRounds() }
    }

    func killNineRounds() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-pg-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        #expect(try opsdeck(["migrate"], db: url).exitCode == 0)
        let tenants = 6
        for index in 0..<tenants {
            #expect(try opsdeck(["tenant", "add", "t\(index)", "--max-running", "4"], db: url).exitCode == 0)
            #expect(try opsdeck(["guardrails", "set", "t\(index)", "--autonomy", "critical"], db: url).exitCode == 0)
        }
        let count = 1_000
        var lines = ""
        for index in 0..<count {
            let risk = index % 10 == 0 ? "critical" : "low"
            lines += #"{"tenant":"t\#(index % tenants)","tool":"SLACK_SEND_MESSAGE","args":{"n":\#(index)},"risk":"\#(risk)"}"# + "\n"
        }
        let file = directory.appendingPathComponent("envelopes.jsonl").path
        try lines.write(toFile: file, atomically: true, encoding: .utf8)
        let submitted = try opsdeck(["envelope", "submit", "--file", file], db: url)
        #expect(submitted.exitCode == 0, "\(submitted)")

        let ledger = directory.appendingPathComponent("ledger.tsv").path
        let options = ["--log-level", "warning", "--sim-ledger", ledger, "--rescue-seconds", "0.2",
                       "--sim-latency-ms", "20", "--concurrency", "8", "--batch", "8"]
        /// Workers that get killed hold 1 s leases, so the rescuer takes their work back soon.
        /// The final drain, never killed, holds ordinary ones: with 1 s leases a loaded machine
        /// (load 13 on 2 CPUs) let its own leases expire again and again, and it did not finish
        /// in 60 s.
        func worker(_ name: String, seed: Int, lease: String = "1", extra: [String] = []) throws -> BackgroundProcess {
            try BackgroundProcess(
                ["worker"] + options + ["--lease-seconds", lease, "--sim-seed", String(seed)] + extra, db: url,
                directory: directory, name: name)
        }
        var live = try (0..<3).map { try worker("w\($0)", seed: $0) }
        var hits = 0
        for round in 0..<8 {
            try await Task.sleep(for: .milliseconds(300))
            // Kill a worker that holds a lease now when there is one (waiting up to 10 s for the first).
            var victim = Int.random(in: 0..<live.count)
            let deadline = ContinuousClock.now + .seconds(round == 0 ? 10 : 0)
            repeat {
                let owners = try sql(url, "SELECT DISTINCT lease_owner FROM outbox WHERE status = 'running'")
                if let holder = live.firstIndex(where: { owners.contains(":\($0.pid):") }) {
                    victim = holder
                    hits += 1
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            } while ContinuousClock.now < deadline
            live[victim].send(SIGKILL)
            _ = await live[victim].status(within: .seconds(20))
            live[victim] = try worker("r\(round)", seed: 100 + round)
        }
        #expect(hits > 0, "no kill found a worker holding a lease")
        for process in live {
            process.send(SIGKILL)
            _ = await process.status(within: .seconds(20))
        }
        // Let the dead workers' leases expire, then drain what is left.
        for _ in 0..<6 where Int(try sql(url, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'running')")) ?? 0 > 0 {
            try await Task.sleep(for: .milliseconds(1_200))
            let drain = try worker("drain", seed: 999, lease: "30", extra: ["--drain"])
            #expect(await drain.status(within: .seconds(60)) == 0, "\(drain.log)")
        }

        #expect(try sql(url, "SELECT count(*) FROM outbox") == String(count))
        #expect(try sql(url, "SELECT count(*) FROM outbox WHERE status NOT IN ('succeeded', 'dead')") == "0")
        let succeeded = try ids(url, "SELECT id FROM outbox WHERE status = 'succeeded'")
        let dead = try ids(url, "SELECT id FROM outbox WHERE status = 'dead'")
        #expect(dead == (try ids(url, "SELECT id FROM outbox WHERE status = 'dead' AND in_doubt")))
        let critical = try ids(url, "SELECT id FROM outbox WHERE risk = 'critical'")
        #expect(dead.isSubset(of: critical))

        var performed: [Int64: Int] = [:]
        for line in ((try? String(contentsOfFile: ledger, encoding: .utf8)) ?? "").split(separator: "\n") {
            if let id = line.split(separator: "\t").first.flatMap({ Int64($0) }) { performed[id, default: 0] += 1 }
        }
        // Nothing acknowledged is lost: every success was performed.
        #expect(succeeded.isSubset(of: Set(performed.keys)))
        // The only repeats are envelopes whose lease expired, each visible in the audit log.
        let repeated = Set(performed.filter { $0.value > 1 }.keys)
        let expired = try ids(url, "SELECT envelope_id FROM audit_log WHERE action = 'lease_expired'")
        #expect(repeated.isSubset(of: expired), "repeats without a lease_expired row: \(repeated.subtracting(expired).sorted())")
        #expect(critical.allSatisfy { (performed[$0] ?? 0) <= 1 }, "a critical envelope ran twice")
        #expect(expired.count + dead.count > 0, "no lease was rescued: the kills missed every execution")
        #expect(try ids(url, "SELECT envelope_id FROM audit_log WHERE action = 'in_doubt'") == dead)
        let verify = try opsdeck(["audit", "verify"], db: url)
        #expect(verify.exitCode == 0 && verify.stdout.contains("intact"), "\(verify)")
    }
}
