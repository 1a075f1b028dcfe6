import Foundation
import OpsDeckTestSupport
import Synchronization
import Testing

/// Approving in a live console while an agent keeps submitting: the operator's `a` hits the
/// row that was on screen, never a newer one that arrived meanwhile.
@Suite("console under tmux: acting on what was seen", .serialized, .timeLimit(.minutes(5)))
struct ConsoleTrustTmuxTests {
    /// The envelope id on the first data row of the outbox table (below the column header).
    static func topRowID(_ screen: String) -> Int64? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.contains("ID") && $0.contains("TENANT") && $0.contains("TOOL") }),
              header + 1 < lines.count else { return nil }
        return lines[header + 1].split(separator: " ").first.flatMap { Int64($0) }
    }

    @Test("/status:awaiting_approval, g, read the top row, rows arrive for 1.5 s, a: the row read is the one approved")
    func approveWhatWasSeen() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            // Medium risk above autonomy low: the engine holds every submission for approval.
            try sandbox.ok(["guardrails", "set", "acme", "--autonomy", "low"])
            for index in 0..<5 { _ = try sandbox.submit(tenant: "acme", args: #"{"n": \#(index)}"#, risk: "medium") }
            let binary = try CLI.binary().path
            let command = "\(binary) --db \(sandbox.db) --operator alice --sim-latency-ms 300; sleep 30"
            let console = try TmuxSession(command: command, width: 120, height: 30, directory: sandbox.directory)

            // An agent submits an envelope every 100 ms until the test ends.
            let stop = Atomic(false)
            let agent = Thread {
                var index = 100
                while !stop.load(ordering: .relaxed) {
                    _ = try? opsdeck(
                        ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", #"{"n": \#(index)}"#,
                         "--risk", "medium"], db: sandbox.db)
                    index += 1
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
            agent.start()
            defer { stop.store(true, ordering: .relaxed) }

            try console.waitFor("envelopes held for approval") { $0.contains("awaiting_approval") }
            try console.send("/")
            try console.send("status:awaiting_approval", literal: true)
            try console.send("Enter")
            try console.waitFor("/status:awaiting_approval")
            try console.send("g")
            // Not a fixed sleep: on a loaded machine the console once handled `g` after the
            // screen had been read, and moved to a row that arrived meanwhile.
            let seen = try console.afterKeysHandled()
            let id = try #require(Self.topRowID(seen), "no row on screen:\n\(seen)")
            // The operator reads the row while the agent's submissions arrive above it.
            try await Task.sleep(for: .milliseconds(1_500))
            let before = try console.waitFor("newer rows counted above the row read") { $0.contains("newer (g)") }
            #expect(Self.topRowID(before) == id, "the row under the cursor did not move:\n\(before)")
            try console.send("a")
            try console.waitFor("approved 1 envelope: \(id)")
            stop.store(true, ordering: .relaxed)
            #expect(try sandbox.sql("SELECT id FROM outbox WHERE approved_by = 'alice'") == String(id))
            // Newer submissions exist that were never approved.
            #expect(try sandbox.count("outbox", where: "id > \(id) AND approved_by IS NULL") > 0)
            try console.send("Q")
        }
    }

    @Test(":discard all states its scope; over bulk_confirm_threshold (from the config file) the count is typed")
    func bulkConfirmationFromTheConfigFile() async throws {
        // On threads of its own: this test blocks (tmux, sleeps) for seconds, which on
        // the cooperative pool would starve the async suites running beside it.
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            for index in 0..<3 { _ = try sandbox.submit(tenant: "acme", args: #"{"n": \#(index)}"#) }
            let config = try sandbox.write("opsdeck.yaml", "bulk_confirm_threshold: 2\n")
            let binary = try CLI.binary().path
            let console = try TmuxSession(
                command: "\(binary) --db \(sandbox.db) --config \(config) --operator alice --no-engine; sleep 30", width: 120, height: 30,
                directory: sandbox.directory)
            try console.waitFor("Outbox  3 envelopes")
            try console.send(":")
            try console.send("discard all", literal: true)
            try console.send("Enter")
            try console.waitFor("Discard 3 envelopes of tenant") { $0.contains("Discard 3 envelopes across ALL tenants (1 here)?") }
            try console.waitFor("type 3 then Enter")
            try console.send("y")
            try console.waitFor("type 3, then Enter, to confirm")
            #expect(try sandbox.count("outbox", where: "status = 'cancelled'") == 0)
            try console.send("3")
            try console.send("Enter")
            try console.waitFor("discarded 3 envelopes")
            #expect(try sandbox.count("outbox", where: "status = 'cancelled'") == 3)
            try console.send("Q")
        }
    }
}
