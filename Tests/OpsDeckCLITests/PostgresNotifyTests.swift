import Foundation
import OpsDeckTestSupport
import Testing

/// `LISTEN`/`NOTIFY` from outside, against the test server: another process's submission
/// reaches a console (`--no-engine`) and an idle worker at once, not at their next poll.
@Suite("PostgreSQL notifications: console and worker (server)", .enabled(if: PostgresTestServer.url != nil),
       .timeLimit(.minutes(5)))
struct PostgresNotifyTests {
    @Test("the console shows another host's submission at once (median of 5 under 1 s, 5 to 54 ms on an idle machine); none takes longer than 3 s")
    func consoleSeesAnotherHostsChange() async throws {
        try await DedicatedExecutor.run {
            try PostgresTestServer.withFreshDatabase { url in
                let migrated = try opsdeck(["migrate"], db: url)
                #expect(migrated.exitCode == 0, "\(migrated)")
                let added = try opsdeck(["tenant", "add", "acme"], db: url)
                #expect(added.exitCode == 0, "\(added)")
                let directory = FileManager.default.temporaryDirectory
                let binary = try CLI.binary().path
                let console = try TmuxSession(
                    command: "\(binary) --db '\(url)' --operator alice --no-engine; echo \"EXITED=$?\"; sleep 30",
                    width: 140, height: 30, directory: directory)
                try console.waitFor("Outbox  0 envelopes", seconds: 20)
                // Let the console's change feed connect (it is live within milliseconds).
                Thread.sleep(forTimeInterval: 0.5)
                var delays: [Double] = []
                for count in 1...5 {
                    let submitted = try opsdeck(
                        ["envelope", "submit", "--tenant", "acme", "--tool", "SLACK_SEND_MESSAGE", "--args", #"{"n": \#(count)}"#], db: url)
                    #expect(submitted.exitCode == 0, "\(submitted)")
                    let committed = Date()
                    let deadline = committed.addingTimeInterval(3)
                    var seen = false
                    while Date() < deadline {
                        if try console.screen().contains("Outbox  \(count) envelope") {
                            seen = true
                            break
                        }
                        Thread.sleep(forTimeInterval: 0.005)
                    }
                    #expect(seen, "submission \(count) reached the screen within 3 s")
                    delays.append(Date().timeIntervalSince(committed))
                    Thread.sleep(forTimeInterval: 0.2)
                }
                let median = delays.sorted()[delays.count / 2]
                #expect(median < 1, "from commit to screen: \(delays.map { Int($0 * 1000) }) ms")
                try console.send("Q")
                try console.waitFor("EXITED=0")
            }
        }
    }

    @Test("an idle worker polling every 10 s starts another process's submission within 8 s (woken by NOTIFY)")
    func idleWorkerWakes() async throws {
        // On threads of its own: opsdeck runs synchronously here (see killNine's note).
        try await DedicatedExecutor.run { try await idleWorkerWakesOnThreadsOfItsOwn() }
    }

    func idleWorkerWakesOnThreadsOfItsOwn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-pg-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        #expect(try opsdeck(["migrate"], db: url).exitCode == 0)
        #expect(try opsdeck(["tenant", "add", "acme"], db: url).exitCode == 0)
        let worker = try BackgroundProcess(
            ["worker", "--log-level", "warning", "--poll-ms", "10000", "--sim-latency-ms", "1"], db: url, directory: directory, name: "idle")
        // Its first claim finds nothing; from then on it waits 10 s between polls.
        try await Task.sleep(for: .seconds(1))
        let submitted = try opsdeck(["envelope", "submit", "--tenant", "acme", "--tool", "SLACK_SEND_MESSAGE", "--args", "{}", "--risk", "low"], db: url)
        #expect(submitted.exitCode == 0, "\(submitted)")
        let committed = ContinuousClock.now
        var status = ""
        while ContinuousClock.now - committed < .seconds(15) {
            status = try opsdeck(["envelope", "list", "--json"], db: url).stdout
            if status.contains("succeeded") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - committed
        #expect(status.contains("succeeded"), "\(status)")
        // Measured through `envelope list` processes (each a process start). Without the
        // notification the worker would wake at its poll, 10 s after its first (empty) claim,
        // which came less than a second before the commit: 9 s or more after it. Alone this
        // takes under a second; once, beside the whole suite, 5.1 s.
        #expect(elapsed < .seconds(8), "executed \(elapsed) after the commit; the worker's poll interval is 10 s")
        worker.send(SIGTERM)
        #expect(await worker.status(within: .seconds(20)) == 0)
    }
}
