import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck envelope approve | retry | discard", .timeLimit(.minutes(5)))
    struct EnvelopeActionTests {
        let sandbox: Sandbox
        let acme: String
        let beta: String

        /// acme: 1, 2 awaiting approval, 3 dead (5 attempts, in doubt), 4 pending, 5 succeeded.
        /// beta: 6 awaiting approval, 7 dead.
        static let seed = Template("envelope-actions") { sandbox in
            try sandbox.migrate()
            let values = ["acme": try sandbox.addTenant("acme"), "beta": try sandbox.addTenant("beta")]
            let file = try sandbox.write("seed.jsonl", (1...7).map { index in
                #"{"tenant": "\#(index <= 5 ? "acme" : "beta")", "tool": "GMAIL_SEND_EMAIL", "risk": "high"}"#
            }.joined(separator: "\n"))
            try sandbox.ok(["envelope", "submit", "--file", file])
            try sandbox.force("awaiting_approval", ids: [1, 2, 6], set: "status_reason = 'needs approval'")
            try sandbox.force("dead", ids: [3, 7], set: "attempts = 5, in_doubt = 1, last_error = 'timeout'")
            try sandbox.force("succeeded", ids: [5], set: "attempts = 1, external_id = 'ext-5'")
            return values
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
            beta = try Self.seed.value("beta")
        }

        /// The envelope audit rows written after the setup, oldest first.
        func actionRows() throws -> [JSONValue] {
            try sandbox.auditTail(["--category", "envelope", "--limit", "100"]).filter { $0.string("action") != "submitted" }
        }

        @Test("approve moves awaiting envelopes to pending and audits each under the operator's name")
        func approve() throws {
            let run = try sandbox.ok(["envelope", "approve", "1", "2"], operator: "carol")
            #expect(run.stdoutLines == ["approved 2 envelopes: 1, 2"], "\(run)")
            #expect(try sandbox.status(of: 1) == "pending")
            #expect(try sandbox.status(of: 2) == "pending")
            #expect(try sandbox.sql("SELECT approved_by FROM outbox WHERE id = 1") == "carol")
            #expect(try sandbox.sql("SELECT coalesce(status_reason, '-') FROM outbox WHERE id = 1") == "-")
            #expect(try sandbox.status(of: 6) == "awaiting_approval")

            let rows = try actionRows()
            #expect(rows.map { $0.string("action") } == ["approved", "approved"])
            #expect(rows.map { $0.string("actor") } == ["carol", "carol"])
            #expect(rows.map { $0.int("envelope_id") } == [1, 2])
            #expect(rows.allSatisfy { $0.string("tenant_id") == acme })
            #expect(rows.first?["payload"] == ["from": "awaiting_approval", "to": "pending", "attempts": 0])
            try sandbox.ok(["audit", "verify"])
        }

        @Test("retry gives a dead envelope a fresh attempt budget and audits it")
        func retry() throws {
            let run = try sandbox.ok(["envelope", "retry", "3"], operator: "carol")
            #expect(run.stdoutLines == ["retried 1 envelope: 3"], "\(run)")
            #expect(try sandbox.sql("SELECT status || '|' || attempts || '|' || in_doubt FROM outbox WHERE id = 3") == "pending|0|0")
            let rows = try actionRows()
            #expect(rows.count == 1)
            #expect(rows.first?.string("action") == "retried")
            #expect(rows.first?.string("actor") == "carol")
            #expect(rows.first?.int("envelope_id") == 3)
            #expect(rows.first?["payload"] == ["from": "dead", "to": "pending", "attempts": 0])
        }

        @Test("discard cancels awaiting, pending and dead envelopes; --json prints them")
        func discard() throws {
            let json = try sandbox.ok(["envelope", "discard", "2", "3", "4", "--json"], operator: "carol").json()
            let items = try #require(json.arrayValue)
            #expect(items.map { $0.int("id") } == [2, 3, 4])
            #expect(items.allSatisfy { $0.string("status") == "cancelled" })
            for id: Int64 in [2, 3, 4] { #expect(try sandbox.status(of: id) == "cancelled") }
            let rows = try actionRows()
            #expect(rows.map { $0.string("action") } == ["discarded", "discarded", "discarded"])
            #expect(rows.map { $0.string("actor") } == ["carol", "carol", "carol"])
            #expect(rows.compactMap { $0["payload"]?.string("from") } == ["awaiting_approval", "dead", "pending"])
        }

        @Test("the same id twice in one command acts once")
        func repeatedIDs() throws {
            let run = try sandbox.ok(["envelope", "approve", "1", "1"])
            #expect(run.stdoutLines == ["approved 1 envelope: 1"], "\(run)")
            #expect(try actionRows().count == 1)
        }

        @Test("--tenant scopes the action: another tenant's id is not found and nothing changes", arguments: [
            ["envelope", "approve", "6", "--tenant", "acme"],
            ["envelope", "retry", "7", "--tenant", "acme"],
            ["envelope", "discard", "1", "--tenant", "beta"],
            ["envelope", "approve", "1", "6", "--tenant", "acme"],
        ])
        func tenantScoping(args: [String]) throws {
            try sandbox.expectRejected(args, exitCode: 1, mentioning: ["not found"])
        }

        @Test("--tenant by name or id admits the tenant's own envelopes")
        func tenantScopingAdmits() throws {
            try sandbox.ok(["envelope", "approve", "6", "--tenant", "beta"])
            try sandbox.ok(["envelope", "retry", "7", "--tenant", beta])
            #expect(try sandbox.status(of: 6) == "pending")
            #expect(try sandbox.status(of: 7) == "pending")
            try sandbox.expectRejected(["envelope", "approve", "1", "--tenant", "ghost"], exitCode: 1, mentioning: ["ghost"])
        }

        @Test("all or nothing: one bad id among several changes nothing", arguments: [
            (["envelope", "approve", "1", "2", "99"], "envelope 99 not found"),
            (["envelope", "approve", "1", "4", "2"], "envelope 4: cannot approve"),
            (["envelope", "retry", "3", "7", "1"], "envelope 1: cannot retry"),
            (["envelope", "discard", "1", "3", "5"], "envelope 5: cannot discard"),
        ])
        func allOrNothing(args: [String], fragment: String) throws {
            try sandbox.expectRejected(args, exitCode: 1, mentioning: [fragment])
        }

        @Test("an illegal transition alone is refused (exit 1)", arguments: [
            (["envelope", "approve", "4"], "cannot approve an envelope that is pending"),
            (["envelope", "retry", "1"], "cannot retry"),
            (["envelope", "discard", "5"], "cannot discard"),
        ])
        func illegalTransition(args: [String], fragment: String) throws {
            try sandbox.expectRejected(args, exitCode: 1, mentioning: [fragment])
        }

        @Test("no ids, or a non-positive id, is bad input")
        func badIDs() throws {
            try sandbox.expectRejected(["envelope", "approve"], exitCode: 2)
            try sandbox.expectRejected(["envelope", "discard", "0"], exitCode: 2, mentioning: ["not valid"])
            try sandbox.expectRejected(["envelope", "retry", "three"], exitCode: 2)
        }
    }
}
