import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("audit log tamper evidence (through the sqlite3 CLI)", .timeLimit(.minutes(5)))
    struct AuditTamperTests {
        let sandbox: Sandbox

        /// Five audit rows: two tenants added, guardrails set, two envelopes submitted.
        static let seed = Template("audit-tamper") { sandbox in
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("beta")
            try sandbox.ok(["guardrails", "set", "acme", "--tone", "calm"])
            _ = try sandbox.submit(tenant: "acme", args: #"{"amount": 10}"#)
            _ = try sandbox.submit(tenant: "beta")
            #expect(try sandbox.count("audit_log") == 5)
            return [:]
        }

        init() throws { sandbox = try Sandbox(Self.seed) }

        @Test("UPDATE and DELETE on audit_log fail: the table is append-only", arguments: [
            "UPDATE audit_log SET payload = '{}' WHERE id = 3",
            "UPDATE audit_log SET actor = 'mallory'",
            "DELETE FROM audit_log WHERE id = 3",
            "DELETE FROM audit_log",
        ])
        func triggersRefuse(statement: String) throws {
            let before = try sandbox.snapshot()
            let run = try sandbox.sqlite(statement)
            #expect(run.exitCode != 0, "\(run)")
            #expect(run.stderr.contains("audit_log is append-only"), "\(run)")
            #expect(try sandbox.snapshot() == before)
            try sandbox.ok(["audit", "verify"])
        }

        @Test("a changed payload breaks the chain at that row: exit 4 naming it")
        func changedPayload() throws {
            try sandbox.sql("""
                DROP TRIGGER audit_log_no_update;
                UPDATE audit_log SET payload = '{"risk":"low","status":"pending","tool":"GMAIL_SEND_EMAIL","amount":1}' WHERE id = 4;
                """)
            let run = try sandbox.run(["audit", "verify"])
            expectErrorLine(run, exitCode: 4, mentioning: ["row 4", "hash does not match"])
            #expect(run.stderr.contains("3 rows before it are intact"), "\(run)")

            let json = try sandbox.run(["audit", "verify", "--json"])
            expectErrorLine(json, exitCode: 4, mentioning: ["row 4"], stdoutMayHaveText: true)
            let verdict = try json.json()
            #expect(verdict["intact"]?.bool == false)
            #expect(verdict.int("first_bad_row") == 4)
            #expect(verdict.int("rows_checked") == 3)
        }

        @Test("a changed actor or timestamp in the first or last row is detected", arguments: [
            (Int64(1), "actor = 'mallory'"), (Int64(5), "actor = 'mallory'"), (Int64(2), "created_at = created_at + 1"),
            (Int64(3), "tenant_id = NULL"),
        ])
        func changedField(row: Int64, change: String) throws {
            try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET \(change) WHERE id = \(row);")
            let run = try sandbox.run(["audit", "verify"])
            expectErrorLine(run, exitCode: 4, mentioning: ["row \(row)"])
        }

        @Test("a row rewritten with a recomputed-looking hash still breaks the next link")
        func rewrittenHash() throws {
            try sandbox.sql("""
                DROP TRIGGER audit_log_no_update;
                UPDATE audit_log SET hash = '\(String(repeating: "a", count: 64))' WHERE id = 2;
                """)
            let run = try sandbox.run(["audit", "verify"])
            expectErrorLine(run, exitCode: 4, mentioning: ["row 2"])
        }

        @Test("a deleted middle row is detected: exit 4, rows are missing")
        func deletedMiddleRow() throws {
            try sandbox.sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;")
            let run = try sandbox.run(["audit", "verify"])
            expectErrorLine(run, exitCode: 4, mentioning: ["row 4", "missing"])
        }

        @Test("a deleted first row is detected")
        func deletedFirstRow() throws {
            try sandbox.sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 1;")
            let run = try sandbox.run(["audit", "verify"])
            expectErrorLine(run, exitCode: 4, mentioning: ["row 2"])
        }

        @Test("verify does not change a broken database")
        func verifyIsReadOnly() throws {
            try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET payload = '{}' WHERE id = 5;")
            let before = try sandbox.snapshot()
            expectErrorLine(try sandbox.run(["audit", "verify"]), exitCode: 4, mentioning: ["row 5"])
            #expect(try sandbox.snapshot() == before)
        }

        @Test("a file whose pages are damaged where the chain walk does not look is refused, exit 3, not called intact")
        func damagedFileIsNotIntact() throws {
            try sandbox.ok(["audit", "verify"])
            // The root page of an index the chain walk never reads (checkpointed into the file).
            _ = try sandbox.sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
            let page = try #require(Int(try sandbox.sql("SELECT rootpage FROM sqlite_master WHERE name = 'outbox_idempotency'")))
            let size = try #require(Int(try sandbox.sql("PRAGMA page_size")))
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: sandbox.db))
            try handle.seek(toOffset: UInt64((page - 1) * size + 8))
            try handle.write(contentsOf: Data(repeating: 0xFF, count: 64))
            try handle.close()
            let run = try sandbox.run(["audit", "verify"])
            #expect(run.exitCode == 3, "\(run)")
            #expect(run.stderr.contains("is damaged (integrity check:") || run.stderr.contains("is corrupt"), "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }

        @Test("arguments edited in the file after submission are found: exit 4 naming the submission's row")
        func editedArgumentsAreFound() throws {
            try sandbox.ok(["audit", "verify"])
            try sandbox.sql(#"UPDATE outbox SET envelope = '{"amount": 10000}' WHERE id = 1"#)
            let run = try sandbox.run(["audit", "verify", "--json"])
            #expect(run.exitCode == 4, "\(run)")
            #expect(run.stderr.contains("envelope 1's arguments no longer match"), "\(run)")
            let submitted = try sandbox.sql("SELECT id FROM audit_log WHERE action = 'submitted' AND envelope_id = 1")
            #expect(try run.json().int("first_bad_row") == Int64(submitted), "\(run)")
            // Put back byte for byte, it verifies again.
            try sandbox.sql(#"UPDATE outbox SET envelope = '{"amount": 10}' WHERE id = 1"#)
            try sandbox.ok(["audit", "verify"])
        }
    }
}
