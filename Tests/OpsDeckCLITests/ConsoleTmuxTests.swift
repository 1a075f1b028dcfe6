import DeckCore
import Foundation
import OpsDeckTestSupport
import Testing

/// The console as an operator uses it: a real terminal (tmux), real keys, the real database.
@Suite("console end to end under tmux", .serialized, .timeLimit(.minutes(5)))
struct ConsoleTmuxTests {
    /// acme: 1 awaiting approval, 2 dead, 3 and 4 pending; beta: 5 pending.
    static let seed = Template("console-tmux") { sandbox in
        try sandbox.migrate()
        let values = ["acme": try sandbox.addTenant("acme"), "beta": try sandbox.addTenant("beta")]
        let file = try sandbox.write("seed.jsonl", (1...5).map { index in
            #"{"tenant": "\#(index <= 4 ? "acme" : "beta")", "tool": "GMAIL_SEND_EMAIL", "risk": "high", "args": {"n": \#(index)}}"#
        }.joined(separator: "\n"))
        try sandbox.ok(["envelope", "submit", "--file", file])
        try sandbox.force("awaiting_approval", ids: [1], set: "status_reason = 'needs approval'")
        try sandbox.force("dead", ids: [2], set: "attempts = 2, last_error = 'HTTP 500: boom'")
        return values
    }

    /// Starts the console on the sandbox's database; when it exits, the pane prints its exit
    /// status and the terminal modes, so the test can see the terminal was restored.
    func start(_ sandbox: Sandbox, extra: [String] = [], engine: Bool = false) throws -> TmuxSession {
        let binary = try CLI.binary().path
        let arguments = ([binary, "--db", sandbox.db, "--operator", "alice"] + (engine ? [] : ["--no-engine"]) + extra)
            .joined(separator: " ")
        let command = "\(arguments); echo \"EXITED=$?\"; echo \"MODES $(stty -a | tr -s ' \\n;' '  ') END\"; sleep 30"
        return try TmuxSession(command: command, width: 120, height: 30, directory: sandbox.directory)
    }

    /// The terminal modes `stty -a` printed after the console exited: line editing and echo are back.
    func expectRestored(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let joined = screen.replacingOccurrences(of: "\n", with: "")
        guard let start = joined.range(of: "MODES "), let end = joined.range(of: " END", range: start.upperBound..<joined.endIndex) else {
            Issue.record("no terminal modes on the screen:\n\(screen)", sourceLocation: sourceLocation)
            return
        }
        let modes = Set(joined[start.upperBound..<end.lowerBound].split(separator: " ").map(String.init))
        #expect(modes.contains("icanon") && modes.contains("echo"), "line editing and echo restored: \(modes.sorted())", sourceLocation: sourceLocation)
    }

    @Test("views, filter, approve, retry and quit; the database and audit log show the operator")
    func operatorSession() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            let console = try start(sandbox)
            try console.waitFor("Outbox  5 envelopes")
            try console.waitFor("needs approval")

            try console.send("1")
            try console.waitFor("tenants list") { $0.contains("Tenants  2") && $0.contains("acme") && $0.contains("beta") }
            try console.send("5")
            try console.waitFor("the DLQ") { $0.contains("Dead-letter queue") && $0.contains("HTTP 500: boom") }
            try console.send("Tab")
            try console.waitFor("Audit log  following")
            try console.send("4")
            try console.waitFor("Outbox  5 envelopes")

            try console.send("/")
            try console.send("status:awaiting_approval", literal: true)
            try console.send("Enter")
            let filtered = try console.waitFor("the filtered outbox") { $0.contains("/status:awaiting_approval") && $0.contains("needs approval") }
            #expect(!filtered.contains("pending  "), "only the awaiting envelope shows:\n\(filtered)")

            // A high-risk approval asks first, naming the envelope.
            try console.send("a")
            try console.waitFor("Approve envelope #1?")
            try console.waitFor("#1  acme  GMAIL_SEND_EMAIL  high  awaiting_approval")
            try console.send("y")
            try console.waitFor("approved 1 envelope: 1")

            try console.send("5")
            // The dead envelope's row on screen, not just the view's title: the operator
            // retries what they see (a CI run pressed r before the rows had loaded).
            try console.waitFor("the DLQ's row") { $0.contains("Dead-letter queue") && $0.contains("HTTP 500: boom") }
            try console.send("r")
            try console.waitFor("retried 1 envelope: 2")
            try console.waitFor("The DLQ is empty.")

            try console.send("Q")
            let after = try console.waitFor(" END")
            #expect(after.contains("EXITED=0"), "\(after)")
            expectRestored(after)
            #expect(!after.contains("Dead-letter queue"), "the alternate screen is gone:\n\(after)")

            #expect(try sandbox.status(of: 1) == "pending")
            #expect(try sandbox.status(of: 2) == "pending")
            let rows = try sandbox.auditTail(["--category", "envelope", "--limit", "100"])
                .filter { $0.string("action") != "submitted" && $0.string("actor") == "alice" }
            let touched = Set(rows.compactMap { $0.int("envelope_id") })
            #expect(touched == [1, 2], "approve and retry are audited as alice: \(rows)")
        }
    }

    @Test("read-only hides the actions and refuses their keys")
    func readOnly() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            let console = try start(sandbox, extra: ["--read-only"])
            let screen = try console.waitFor("read-only")
            #expect(!screen.contains("<a> approve"))
            try console.send("a")
            try console.waitFor("read-only console: actions are disabled")
            try console.send("Q")
            try console.waitFor("EXITED=0")
            #expect(try sandbox.status(of: 1) == "awaiting_approval")
        }
    }

    @Test("a resize redraws; a too-small terminal says so and recovers")
    func resize() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            let console = try start(sandbox)
            try console.waitFor("Outbox  5 envelopes")
            try console.tmux(["resize-window", "-t", console.name, "-x", "40", "-y", "10"])
            try console.waitFor("Terminal too small")
            try console.tmux(["resize-window", "-t", console.name, "-x", "100", "-y", "25"])
            try console.waitFor("Outbox  5 envelopes")
            try console.send("Q")
            try console.waitFor("EXITED=0")
        }
    }

    @Test("SIGTERM restores the terminal")
    func sigterm() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            let console = try start(sandbox)
            try console.waitFor("Outbox  5 envelopes")
            let pids = try console.tmux(["list-panes", "-t", console.name, "-F", "#{pane_pid}"]).stdout
                .split(separator: "\n").compactMap { Int32($0) }
            let shell = try #require(pids.first)
            let children = try ProcessRunner.run(
                URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", String(shell)], stdin: nil, environment: CLI.environment([:]), directory: nil)
            let consolePID = try #require(children.stdout.split(separator: "\n").compactMap { Int32($0) }.first, "\(children)")
            kill(consolePID, SIGTERM)
            expectRestored(try console.waitFor(" END"))
        }
    }

    @Test("another process's submission is counted on screen without a key press, above the pinned selection; g shows it")
    func liveChanges() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            let console = try start(sandbox)
            try console.waitFor("Outbox  5 envelopes")
            let submitted = Date()
            try sandbox.ok(["envelope", "submit", "--tenant", "beta", "--tool", "SLACK_SEND_MESSAGE", "--args", #"{"text": "hi"}"#])
            try console.waitFor("the new envelope counted", seconds: 5) { $0.contains("Outbox  6 envelopes") && $0.contains("▲ 1 newer (g)") }
            let elapsed = Date().timeIntervalSince(submitted)
            #expect(elapsed < 3, "appeared after \(elapsed) s (the console polls every 250 ms)")
            try console.send("g")
            try console.waitFor("the new envelope on top") { $0.contains("SLACK_SEND_MESSAGE") && !$0.contains("newer (g)") }
            try console.send("Q")
            try console.waitFor("EXITED=0")
        }
    }

    @Test("by default the console runs the worker: pending envelopes get executed, and no log line reaches the screen")
    func inProcessEngine() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox(Self.seed)
            try sandbox.ok(["guardrails", "set", "acme", "--autonomy", "critical"])
            try sandbox.ok(["guardrails", "set", "beta", "--autonomy", "critical"])
            let console = try start(sandbox, extra: ["--sim-seed", "1"], engine: true)
            try console.waitFor("the engine", seconds: 10) { $0.contains("· engine") && $0.contains("workers 1") }
            try console.waitFor("the pending envelopes executed", seconds: 15) { $0.contains("pending 0") }
            let screen = try console.screen()
            #expect(!screen.contains("[DeckEngine]") && !screen.contains("info") && !screen.contains("notice"), "\(screen)")
            try console.send("Q")
            try console.waitFor("EXITED=0", seconds: 20)
            for id: Int64 in [3, 4, 5] {
                let status = try sandbox.status(of: id)
                #expect(status == "succeeded" || status == "dead", "envelope \(id) is \(status)")
            }
            let workerRows = try sandbox.auditTail(["--category", "envelope", "--limit", "100"]).filter { $0.string("action") == "claimed" }
            #expect(workerRows.count >= 3, "the in-process worker claimed them: \(workerRows)")
        }
    }

    @Test("--demo: within the first minute something awaits approval and a drift alert is open")
    func demo() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            let binary = try CLI.binary().path
            let started = Date()
            let console = try TmuxSession(
                command: "\(binary) --demo --db \(sandbox.path("demo.sqlite")) --operator alice; echo EXITED=$?; sleep 30",
                width: 140, height: 40, directory: sandbox.directory)
            try console.waitFor("the demo's first approvals", seconds: 30) { $0.contains("awaiting_approval") && $0.contains("· engine") }
            try console.send("3")
            try console.waitFor("a drift alert", seconds: max(5, 60 - Date().timeIntervalSince(started))) {
                $0.contains("Catalog drift") && $0.contains("BREAKING")
            }
            try console.send("Q")
            try console.waitFor("EXITED=0", seconds: 20)
            let tenants = try sandbox.run(["tenant", "list", "--json"], db: sandbox.path("demo.sqlite"))
            #expect(try tenants.json().arrayValue?.count == 4, "\(tenants)")
        }
    }

    @Test("--demo --memory: the demo world and its engine on an in-memory store; nothing is written to disk")
    func demoInMemory() async throws {
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            let binary = try CLI.binary().path
            let console = try TmuxSession(
                command: "\(binary) --demo --memory --operator alice; echo EXITED=$?; sleep 30",
                width: 140, height: 40, directory: sandbox.directory)
            try console.waitFor("the in-memory demo", seconds: 30) {
                $0.contains("memory (lost on exit)") && $0.contains("· engine") && $0.contains("acme")
            }
            try console.send("4")
            try console.waitFor("envelopes executed by the engine", seconds: 30) { $0.contains("succeeded") }
            try console.send("Q")
            try console.waitFor("EXITED=0", seconds: 20)
            let written = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).filter { $0.contains("sqlite") }
            #expect(written.isEmpty, "files written: \(written)")
        }
    }
}
