import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck audit tail and verify", .timeLimit(.minutes(5)))
    struct AuditCommandTests {
        let sandbox: Sandbox
        let acme: String
        let beta: String

        /// Audit rows: 1 tenant added acme, 2 tenant added beta, 3 guardrails set acme,
        /// 4–6 envelopes 1–3 submitted (acme, beta, acme), 7 tenant updated beta.
        static let seed = Template("audit") { sandbox in
            try sandbox.migrate()
            let values = ["acme": try sandbox.addTenant("acme"), "beta": try sandbox.addTenant("beta")]
            try sandbox.ok(["guardrails", "set", "acme", "--autonomy", "low"])
            _ = try sandbox.submit(tenant: "acme")
            _ = try sandbox.submit(tenant: "beta")
            _ = try sandbox.submit(tenant: "acme")
            try sandbox.ok(["tenant", "set", "beta", "--plan", "pro"], operator: "bob")
            return values
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
            beta = try Self.seed.value("beta")
        }

        @Test("--json prints JSON lines, oldest of the latest rows first, with a linked hash chain")
        func jsonLines() throws {
            let rows = try sandbox.auditTail()
            #expect(rows.map { $0.int("id") } == [1, 2, 3, 4, 5, 6, 7])
            #expect(rows.map { $0.string("category") }
                == ["tenant", "tenant", "guardrails", "envelope", "envelope", "envelope", "tenant"])
            #expect(rows.map { $0.string("action") } == ["added", "added", "set", "submitted", "submitted", "submitted", "updated"])
            #expect(rows.map { $0.string("actor") } == Array(repeating: Sandbox.operatorName, count: 6) + ["bob"])
            #expect(rows.map { $0.int("envelope_id") } == [nil, nil, nil, 1, 2, 3, nil])
            #expect(rows.first?.string("prev_hash") == String(repeating: "0", count: 64))
            for (previous, row) in zip(rows, rows.dropFirst()) {
                #expect(row.string("prev_hash") == previous.string("hash"))
            }
            #expect(rows.allSatisfy { $0.string("hash")?.count == 64 })
        }

        @Test("--limit keeps the latest rows", arguments: [(1, [7] as [Int64]), (3, [5, 6, 7]), (100, [1, 2, 3, 4, 5, 6, 7])])
        func limit(limit: Int, expected: [Int64]) throws {
            #expect(try sandbox.auditTail(["--limit", String(limit)]).map { $0.int("id") } == expected)
            #expect(try sandbox.auditTail(["-l", String(limit)]).map { $0.int("id") } == expected)
        }

        @Test("--tenant keeps that tenant's rows, by name or id")
        func tenant() throws {
            #expect(try sandbox.auditTail(["--tenant", "acme"]).map { $0.int("id") } == [1, 3, 4, 6])
            #expect(try sandbox.auditTail(["--tenant", beta]).map { $0.int("id") } == [2, 5, 7])
            #expect(try sandbox.auditTail(["--tenant", "acme"]).allSatisfy { $0.string("tenant_id") == acme })
        }

        @Test("--category filters, repeated or comma-separated", arguments: [
            (["--category", "envelope"], [4, 5, 6] as [Int64]),
            (["--category", "tenant,guardrails"], [1, 2, 3, 7]),
            (["--category", "guardrails", "--category", "envelope"], [3, 4, 5, 6]),
            (["--category", "drift"], []),
            (["--category", "envelope", "--tenant", "beta"], [5]),
            (["--category", "envelope", "--limit", "2"], [5, 6]),
            (["--envelope", "3"], [6]),
        ])
        func category(args: [String], expected: [Int64]) throws {
            #expect(try sandbox.auditTail(args).map { $0.int("id") } == expected)
        }

        @Test("the text tail is a table with tenant names")
        func text() throws {
            let run = try sandbox.ok(["audit", "tail", "--limit", "2"])
            let lines = run.stdoutLines
            #expect(lines.count == 3, "\(run)")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.dropFirst().first?.hasPrefix("6 ") == true)
            #expect(lines.dropFirst().first?.contains("acme") == true)
            #expect(lines.last?.contains("bob") == true)
            #expect(lines.last?.contains("beta") == true)
        }

        @Test("verify exits 0 on an intact chain; --json says so")
        func verify() throws {
            let run = try sandbox.ok(["audit", "verify"])
            let head = try #require(sandbox.auditTail(["--limit", "1"]).first?.string("hash"))
            #expect(run.stdoutLines.map(String.init) == ["audit chain intact: 7 rows, head \(head)"], "\(run)")
            let json = try sandbox.ok(["audit", "verify", "--json"]).json()
            #expect(json == ["intact": true, "rows": 7, "head_hash": .string(head)])
        }

        @Test("bad tail options are bad input", arguments: [
            (["--category", "gossip"], "unknown audit category 'gossip'"),
            (["--limit", "0"], "--limit"),
            (["--limit", "10001"], "--limit"),
        ])
        func badOptions(args: [String], fragment: String) throws {
            try sandbox.expectRejected(["audit", "tail"] + args, exitCode: 2, mentioning: [fragment])
        }

        @Test("an unknown --tenant is refused as not found (exit 1)")
        func unknownTenant() throws {
            try sandbox.expectRejected(["audit", "tail", "--tenant", "ghost"], exitCode: 1, mentioning: ["ghost", "not found"])
        }
    }
}
