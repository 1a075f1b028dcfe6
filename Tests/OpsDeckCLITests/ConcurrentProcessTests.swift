import DeckCore
import Foundation
import Synchronization
import Testing

extension SynchronousCLISuites {
    /// Several opsdeck processes share one database file.
    @Suite("several processes on one database", .timeLimit(.minutes(5)))
    struct ConcurrentProcessTests {
        let sandbox: Sandbox

        init() throws { sandbox = try Sandbox(EnvelopeFileSubmitTests.seed) }

        /// Runs every command at once, each in its own process, and returns the runs in order.
        func runConcurrently(_ commands: [[String]]) -> [Result<CLIRun, any Error>] {
            let results = Mutex<[Int: Result<CLIRun, any Error>]>([:])
            DispatchQueue.concurrentPerform(iterations: commands.count) { index in
                let result = Result { try sandbox.run(commands[index]) }
                results.withLock { $0[index] = result }
            }
            return results.withLock { all in commands.indices.map { all[$0]! } }
        }

        @Test("concurrent writers and readers all succeed and leave one intact audit chain")
        func writersAndReaders() throws {
            let perFile = 60
            var commands: [[String]] = []
            for writer in 0..<4 {
                let tenant = writer.isMultiple(of: 2) ? "acme" : "beta"
                let lines = (0..<perFile).map { index in
                    #"{"tenant": "\#(tenant)", "tool": "GMAIL_SEND_EMAIL", "idempotency_key": "w\#(writer)-\#(index)", "args": {"i": \#(index)}}"#
                }
                let file = try sandbox.write("writer-\(writer).jsonl", lines.joined(separator: "\n"))
                commands.append(["envelope", "submit", "--file", file, "--batch-size", "7"])
            }
            commands += [
                ["tenant", "add", "gamma"], ["tenant", "add", "delta"],
                ["guardrails", "set", "acme", "--autonomy", "high"], ["guardrails", "set", "beta", "--tone", "dry"],
                ["envelope", "list", "--json", "--limit", "1000"], ["audit", "tail", "--json", "--limit", "1000"],
            ]
            let auditBefore = try sandbox.count("audit_log")

            for (command, result) in zip(commands, runConcurrently(commands)) {
                switch result {
                case .success(let run):
                    #expect(run.exitCode == 0 && run.stderr.isEmpty, "\(run)")
                    if command.contains("--json") { #expect((try? run.json()) != nil || (try? run.jsonLines()) != nil, "\(run)") }
                case .failure(let error):
                    Issue.record(error, "\(command)")
                }
            }

            #expect(try sandbox.count("outbox") == 4 * perFile)
            #expect(try sandbox.count("tenants") == 4)
            let expectedRows = auditBefore + 4 * perFile + 2 + 2
            #expect(try sandbox.count("audit_log") == expectedRows)
            #expect(try sandbox.sql("SELECT min(id) || '-' || max(id) FROM audit_log") == "1-\(expectedRows)")
            let verify = try sandbox.ok(["audit", "verify"])
            #expect(verify.stdout.hasPrefix("audit chain intact: \(expectedRows) rows"), "\(verify)")
        }
    }
}
