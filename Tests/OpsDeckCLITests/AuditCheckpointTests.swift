import Crypto
import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    /// Signed audit checkpoints: `audit keygen`, `audit checkpoint`, `audit verify --public-key`,
    /// and the tampering that only they can reveal.
    @Suite("audit checkpoints (signed anchors of the audit log)", .timeLimit(.minutes(5)))
    struct AuditCheckpointTests {
        let sandbox: Sandbox

        /// Six audit rows: two tenants, guardrails, three envelopes.
        static let seed = Template("audit-checkpoint") { sandbox in
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("beta")
            try sandbox.ok(["guardrails", "set", "acme", "--tone", "calm"])
            for tenant in ["acme", "beta", "acme"] { _ = try sandbox.submit(tenant: tenant) }
            #expect(try sandbox.count("audit_log") == 6)
            return [:]
        }

        init() throws { sandbox = try Sandbox(Self.seed) }

        var checkpointFile: String { sandbox.db + ".checkpoints" }

        /// `audit keygen --out key`: the public key it printed.
        func keygen(_ name: String = "key") throws -> String {
            let run = try sandbox.ok(["audit", "keygen", "--out", sandbox.path(name)], operator: nil)
            return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func checkpoint(_ key: String = "key") throws -> CLIRun {
            try sandbox.ok(["audit", "checkpoint", "--key", sandbox.path(key)])
        }

        func lines() throws -> [String] {
            try String(contentsOfFile: checkpointFile, encoding: .utf8).split(separator: "\n").map(String.init)
        }

        func verify(_ key: String) throws -> CLIRun { try sandbox.run(["audit", "verify", "--public-key", key]) }

        @Test("keygen writes a 0600 private key and a .pub beside it, prints the public key and never overwrites")
        func keygenWritesKeys() throws {
            let printed = try keygen()
            #expect(printed.hasPrefix("ed25519:") && printed.count == 52, "\(printed)")
            let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.path("key"))
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try String(contentsOfFile: sandbox.path("key.pub"), encoding: .utf8) == printed + "\n")
            let before = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("key")))
            let again = try sandbox.run(["audit", "keygen", "--out", sandbox.path("key")], operator: nil)
            expectErrorLine(again, exitCode: 2, mentioning: ["exists", "never overwritten"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.path("key"))) == before)
        }

        @Test("checkpoint appends one signed line per new state; verify holds the log to it by key text or .pub file")
        func checkpointAndVerify() throws {
            let publicKey = try keygen()
            let first = try checkpoint()
            #expect(first.stdout.contains("checkpoint signed: 6 rows"), "\(first)")
            let unchanged = try checkpoint()
            #expect(unchanged.stdout.contains("nothing written"), "\(unchanged)")
            #expect(try lines().count == 1)

            _ = try sandbox.addTenant("gamma")
            #expect(try checkpoint().stdout.contains("7 rows"))
            #expect(try lines().count == 2)
            let line = try JSONValue(parsing: try lines()[1])
            #expect(line.int("rows") == 7)
            #expect(line["key"]?.stringValue == publicKey)
            #expect(line["head"]?.stringValue == (try sandbox.sql("SELECT hash FROM audit_log WHERE id = 7")))

            for key in [publicKey, sandbox.path("key.pub")] {
                let run = try verify(key)
                #expect(run.exitCode == 0, "\(run)")
                #expect(run.stdout.contains("held to 2 signed checkpoints"), "\(run)")
            }
            _ = try sandbox.addTenant("delta")
            let json = try sandbox.run(["audit", "verify", "--public-key", publicKey, "--json"])
            #expect(json.exitCode == 0, "\(json)")
            let verdict = try json.json()
            #expect(verdict.int("rows") == 8)
            #expect(verdict.int("anchored_rows") == 7)
            #expect(verdict.int("checkpoints") == 2)
        }

        @Test("rows deleted at the end or all of them: the chain alone says intact, the checkpoint says deleted (exit 4)",
              arguments: ["DELETE FROM audit_log WHERE id > 4", "DELETE FROM audit_log"])
        func truncation(statement: String) throws {
            let publicKey = try keygen()
            _ = try checkpoint()
            try sandbox.sql("DROP TRIGGER audit_log_no_delete; \(statement);")
            #expect(try sandbox.run(["audit", "verify"]).exitCode == 0)
            expectErrorLine(try verify(publicKey), exitCode: 4, mentioning: ["signed 6 rows", "rows were deleted"])
            // Nor will a new checkpoint vouch for the cut log.
            let refused = try sandbox.run(["audit", "checkpoint", "--key", sandbox.path("key")])
            expectErrorLine(refused, exitCode: 4, mentioning: ["not signing", "rows were deleted"])
            #expect(try lines().count == 1)
        }

        @Test("a row rewritten and every hash after it recomputed (SHA-256) passes the chain but not the checkpoint")
        func rehashedRows() throws {
            let publicKey = try keygen()
            _ = try checkpoint()
            try rewrite(row: 3, payload: #"{"tone":"reckless"}"#)
            let chainOnly = try sandbox.run(["audit", "verify"])
            #expect(chainOnly.exitCode == 0, "the attacker's rewrite is consistent: \(chainOnly)")
            expectErrorLine(try verify(publicKey), exitCode: 4, mentioning: ["row 6", "rewritten"])
            // A recomputed row appended after the last checkpoint is beyond what it covers: the
            // next checkpoint is where it is caught if the rows it vouches for changed.
            expectErrorLine(
                try sandbox.run(["audit", "checkpoint", "--key", sandbox.path("key")]), exitCode: 4, mentioning: ["row 6"])
        }

        @Test("an altered checkpoint line, another signer, an empty file or a torn line: exit 4")
        func checkpointFileTampering() throws {
            let publicKey = try keygen()
            _ = try checkpoint()
            let original = try lines()[0]

            try (original.replacingOccurrences(of: #""rows":6"#, with: #""rows":5"#) + "\n")
                .write(toFile: checkpointFile, atomically: true, encoding: .utf8)
            expectErrorLine(try verify(publicKey), exitCode: 4, mentioning: ["line 1", "does not verify"])

            let other = try keygen("other")
            try (original + "\n").write(toFile: checkpointFile, atomically: true, encoding: .utf8)
            expectErrorLine(try verify(other), exitCode: 4, mentioning: ["line 1", "signed by \(publicKey)"])
            // Both keys trusted (a rotation): fine.
            #expect(try sandbox.run(["audit", "verify", "--public-key", other, "--public-key", publicKey]).exitCode == 0)

            try "".write(toFile: checkpointFile, atomically: true, encoding: .utf8)
            expectErrorLine(try verify(publicKey), exitCode: 4, mentioning: ["holds no checkpoint"])

            try (original + "\n" + original.prefix(40)).write(toFile: checkpointFile, atomically: true, encoding: .utf8)
            expectErrorLine(try verify(publicKey), exitCode: 4, mentioning: ["line 2 is not a checkpoint"])
        }

        @Test("bad key files and option combinations get one error line, exit 2")
        func badKeysAndOptions() throws {
            let publicKey = try keygen()
            chmod(sandbox.path("key"), 0o644)
            expectErrorLine(
                try sandbox.run(["audit", "checkpoint", "--key", sandbox.path("key")]), exitCode: 2,
                mentioning: ["open to other users", "chmod 600"])
            chmod(sandbox.path("key"), 0o600)
            expectErrorLine(
                try sandbox.run(["audit", "checkpoint", "--key", sandbox.path("key.pub")]), exitCode: 2,
                mentioning: ["open to other users"])
            expectErrorLine(
                try sandbox.run(["audit", "verify", "--checkpoints", checkpointFile]), exitCode: 2, mentioning: ["needs --public-key"])
            expectErrorLine(try verify("ed25519:short"), exitCode: 2, mentioning: ["not an audit public key"])
            expectErrorLine(try verify(publicKey), exitCode: 2, mentioning: ["no such file"])
            expectErrorLine(
                try sandbox.run(["worker", "--drain", "--checkpoint-key", sandbox.path("key"), "--checkpoint-seconds", "0"]),
                exitCode: 2, mentioning: ["--checkpoint-seconds"])
        }

        @Test("a draining worker with --checkpoint-key signs the log as it leaves it")
        func workerCheckpointsAtExit() throws {
            let publicKey = try keygen()
            try sandbox.ok(["guardrails", "set", "beta", "--autonomy", "critical"])
            let run = try sandbox.run(
                ["worker", "--drain", "--log-level", "warning", "--checkpoint-key", sandbox.path("key"), "--checkpoint-seconds", "3600"])
            #expect(run.exitCode == 0, "\(run)")
            let rows = try sandbox.count("audit_log")
            #expect(rows > 7, "the worker wrote outcomes")
            #expect(try JSONValue(parsing: try lines().last ?? "").int("rows") == Int64(rows))
            let verified = try verify(publicKey)
            #expect(verified.exitCode == 0 && verified.stdout.contains("covers \(rows) rows (0 rows since"), "\(verified)")
        }

        /// `scripts/verify-audit.py`: a second implementation of docs/audit.md (Python's hashlib,
        /// sqlite3 and the openssl command), so the documented encoding is the one OpsDeck uses.
        func independentVerdict(_ publicKey: String) throws -> CLIRun {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scripts/verify-audit.py")
            return try ProcessRunner.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["python3", script.path, sandbox.db, "--checkpoints", checkpointFile, "--public-key", publicKey],
                stdin: nil, environment: CLI.environment([:]), directory: nil)
        }

        @Test("an independent verifier following docs/audit.md agrees: intact, then deleted, then re-hashed")
        func independentVerifierAgrees() throws {
            let publicKey = try keygen()
            try sandbox.ok(["guardrails", "set", "beta", "--autonomy", "critical"])
            try sandbox.ok(["worker", "--drain", "--log-level", "warning", "--checkpoint-key", sandbox.path("key")])
            let intact = try independentVerdict(publicKey)
            #expect(intact.exitCode == 0, "\(intact)")
            let rows = try sandbox.count("audit_log")
            #expect(intact.stdout.contains("intact: \(rows) rows, head \(try sandbox.sql("SELECT hash FROM audit_log WHERE id = \(rows)"))"))

            try rewrite(row: 2, payload: #"{"forged":true}"#)
            #expect(try sandbox.run(["audit", "verify"]).exitCode == 0)
            let forged = try independentVerdict(publicKey)
            #expect(forged.exitCode == 4 && forged.stderr.contains("row \(rows): hash is not the one a checkpoint signed"), "\(forged)")

            try sandbox.sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 3;")
            let cut = try independentVerdict(publicKey)
            #expect(cut.exitCode == 4 && cut.stderr.contains("rows were deleted"), "\(cut)")
        }

        /// Rewrites row `row`'s payload and recomputes every hash from it on, following the
        /// documented canonical encoding: what someone with write access to the file can do.
        func rewrite(row: Int64, payload: String) throws {
            let fields = """
                SELECT id, created_at, CASE WHEN tenant_id IS NULL THEN '-' ELSE hex(tenant_id) END, hex(category), hex(action),
                       ifnull(envelope_id, '-'), hex(actor), hex(payload), prev_hash
                FROM audit_log WHERE id >= \(row) ORDER BY id
                """
            var records: [AuditRecord] = try sandbox.sql(fields).split(separator: "\n").map { line in
                let cell = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                func text(_ hex: String) -> String {
                    String(decoding: stride(from: 0, to: hex.count, by: 2).map {
                        UInt8(hex.dropFirst($0).prefix(2), radix: 16)!
                    }, as: UTF8.self)
                }
                return AuditRecord(
                    id: Int64(cell[0])!, createdAt: Int64(cell[1])!, tenantID: cell[2] == "-" ? nil : text(cell[2]),
                    category: text(cell[3]), action: text(cell[4]), envelopeID: Int64(cell[5]), actor: text(cell[6]),
                    payloadText: text(cell[7]), prevHash: cell[8], hash: "")
            }
            records[0].payloadText = payload
            var updates = "DROP TRIGGER audit_log_no_update;\n"
            var previous = records[0].prevHash
            for index in records.indices {
                records[index].prevHash = previous
                let digest = SHA256.hash(data: records[index].canonicalBytes).map { String(format: "%02x", $0) }.joined()
                records[index].hash = digest
                previous = digest
                let quoted = records[index].payloadText.replacingOccurrences(of: "'", with: "''")
                updates += "UPDATE audit_log SET payload = '\(quoted)', prev_hash = '\(records[index].prevHash)', hash = '\(digest)' WHERE id = \(records[index].id);\n"
            }
            try sandbox.sql(updates)
        }
    }
}
