import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck demo seed", .timeLimit(.minutes(5)))
    struct DemoCommandTests {
        @Test("seeds an empty database, creating it; a second seed is refused and changes nothing")
        func seed() throws {
            let sandbox = try Sandbox()
            let path = sandbox.path("demo.sqlite")
            let first = try sandbox.run(["demo", "seed", "--seed", "5", "--json"], db: path)
            #expect(first.exitCode == 0, "\(first)")
            let report = try first.json()
            #expect(report.int("tenants") == 4 && report.int("envelopes") == 24, "\(first)")
            let second = try sandbox.run(["demo", "seed"], db: path)
            #expect(second.exitCode == 1)
            #expect(second.stderr.contains("already has tenants"), "\(second)")
            let listed = try sandbox.run(["envelope", "list", "--json", "--limit", "100"], db: path)
            #expect(try listed.json()["envelopes"]?.arrayValue?.count == 24, "\(listed)")
            let verify = try sandbox.run(["audit", "verify"], db: path)
            #expect(verify.exitCode == 0, "\(verify)")
        }

        @Test("the same seed writes the same envelopes")
        func sameSeed() throws {
            let sandbox = try Sandbox()
            func envelopes(_ name: String) throws -> [String] {
                let path = sandbox.path(name)
                try #require(try sandbox.run(["demo", "seed", "--seed", "9"], db: path).exitCode == 0)
                let listed = try sandbox.run(["envelope", "list", "--json", "--limit", "100", "--oldest-first"], db: path).json()
                return (listed["envelopes"]?.arrayValue ?? []).map {
                    "\($0.string("tenant") ?? "") \($0.string("tool_slug") ?? "") \($0["arguments"]?.canonicalText ?? "") \($0.string("risk") ?? "")"
                }
            }
            let a = try envelopes("a.sqlite")
            #expect(a.count == 24)
            #expect(a == (try envelopes("b.sqlite")))
        }
    }

    @Suite("--memory: the in-memory store", .timeLimit(.minutes(5)))
    struct MemoryStoreTests {
        @Test("snapshot --memory renders the demo world without a database file")
        func snapshotInMemory() throws {
            let sandbox = try Sandbox()
            let run = try opsdeck(
                ["snapshot", "--memory", "--view", "tenants", "--width", "120", "--height", "20"], db: nil, directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            for name in ["acme", "globex", "initech", "umbrella", "OpsDeck memory"] {
                #expect(run.stdout.contains(name), "\(run)")
            }
            let outbox = try opsdeck(
                ["snapshot", "--memory", "--view", "outbox", "--tenant", "acme"], db: nil, directory: sandbox.directory)
            #expect(outbox.exitCode == 0 && outbox.stdout.contains("acme") && !outbox.stdout.contains("globex "), "\(outbox)")
            let written = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).filter { $0.contains("sqlite") }
            #expect(written.isEmpty, "files written: \(written)")
        }

        @Test("--memory with --db is refused: one line, exit 2")
        func memoryWithDatabase() throws {
            let sandbox = try Sandbox()
            expectErrorLine(
                try sandbox.run(["snapshot", "--memory", "--view", "tenants"]), exitCode: 2, mentioning: ["--memory", "--db"])
        }
    }
}
