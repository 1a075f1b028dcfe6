import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck envelope submit --file (JSON lines)", .timeLimit(.minutes(5)))
    struct EnvelopeFileSubmitTests {
        let sandbox: Sandbox
        let acme: String
        let beta: String

        /// acme and beta, no envelopes.
        static let seed = Template("file-submit") { sandbox in
            try sandbox.migrate()
            return ["acme": try sandbox.addTenant("acme"), "beta": try sandbox.addTenant("beta")]
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
            beta = try Self.seed.value("beta")
        }

        @Test("several tenants by name and by id, optional keys, blank lines and CRLF")
        func mixedFile() throws {
            let lines = [
                #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {"to": "a@example.com"}, "risk": "low"}"#,
                #"{"tenant": "\#(beta)", "tool": "slack_post_message"}"#,
                "",
                #"{"tenant": "beta", "tool": "NOTION_CREATE_PAGE", "args": {}, "toolkit": "Notion", "version": "20250101_01", "account": "ca_9", "idempotency_key": "n-1", "risk": "critical"}"#,
                "   ",
                #"{"tenant": "\#(acme.uppercased())", "tool": "GITHUB_CREATE_ISSUE", "args": {"title": "t"}, "risk": null}"#,
            ]
            let file = try sandbox.write("envelopes.jsonl", lines.joined(separator: "\r\n") + "\r\n")
            let run = try sandbox.ok(["envelope", "submit", "--file", file])
            #expect(run.stdout.hasPrefix("submitted 4 envelopes (0 duplicates)"), "\(run)")

            let rows = try sandbox.sql("""
                SELECT id || '|' || tenant_id || '|' || tool_slug || '|' || toolkit || '|' || coalesce(version, '-') || '|' ||
                       coalesce(connected_account_id, '-') || '|' || risk || '|' || status
                FROM outbox ORDER BY id
                """).split(separator: "\n").map(String.init)
            #expect(rows.count == 4)
            #expect(rows.first == "1|\(acme)|GMAIL_SEND_EMAIL|gmail|-|-|low|pending")
            #expect(rows.dropFirst().first?.hasPrefix("2|\(beta)|SLACK_POST_MESSAGE|slack|-|-|") == true)
            #expect(rows.dropFirst(2).first == "3|\(beta)|NOTION_CREATE_PAGE|notion|20250101_01|ca_9|critical|pending")
            #expect(rows.last?.hasPrefix("4|\(acme)|GITHUB_CREATE_ISSUE|github|") == true)
            #expect(try sandbox.storedArguments(1) == ["to": "a@example.com"])
            #expect(try sandbox.sql("SELECT idempotency_key FROM outbox WHERE id = 3") == "n-1")
            #expect(try sandbox.count("audit_log", where: "action = 'submitted'") == 4)
        }

        @Test("--json reports submitted, duplicates and the id range")
        func json() throws {
            let file = try sandbox.write("e.jsonl", """
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}
                {"tenant": "beta", "tool": "GMAIL_SEND_EMAIL"}
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}
                """)
            let json = try sandbox.ok(["envelope", "submit", "--file", file, "--json"]).json()
            #expect(json.int("submitted") == 3)
            #expect(json.int("duplicates") == 0)
            #expect(json.int("first_id") == 1)
            #expect(json.int("last_id") == 3)
        }

        @Test("idempotency keys already stored, or repeated in the file for the same request, are duplicates and not inserted twice")
        func duplicates() throws {
            let file = try sandbox.write("e.jsonl", """
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "idempotency_key": "k1"}
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "idempotency_key": "k2"}
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {}, "idempotency_key": "k1"}
                {"tenant": "beta", "tool": "GMAIL_SEND_EMAIL", "idempotency_key": "k1"}
                """)
            let first = try sandbox.ok(["envelope", "submit", "--file", file])
            #expect(first.stdout.hasPrefix("submitted 3 envelopes (1 duplicates)"), "\(first)")
            #expect(try sandbox.count("outbox") == 3)
            #expect(try sandbox.sql("SELECT tool_slug FROM outbox WHERE idempotency_key = 'k1' AND tenant_id = '\(acme)'")
                == "GMAIL_SEND_EMAIL")

            let auditBefore = try sandbox.count("audit_log")
            let again = try sandbox.ok(["envelope", "submit", "--file", file, "--json"]).json()
            #expect(again.int("submitted") == 0)
            #expect(again.int("duplicates") == 4)
            #expect(try sandbox.count("outbox") == 3)
            #expect(try sandbox.count("audit_log") == auditBefore, "duplicates write no audit rows")
        }

        @Test("--tenant scopes the file: a line for another tenant is refused and nothing is stored")
        func scopedFile() throws {
            let file = try sandbox.write("e.jsonl", """
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}
                {"tenant": "beta", "tool": "GMAIL_SEND_EMAIL"}
                """)
            try sandbox.expectRejected(
                ["envelope", "submit", "--file", file, "--tenant", "acme"], exitCode: 2,
                mentioning: ["\(file):2:", "tenant 'beta' not found"])
            let only = try sandbox.write("acme.jsonl", #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}"# + "\n")
            try sandbox.ok(["envelope", "submit", "--file", only, "--tenant", acme])
            #expect(try sandbox.count("outbox") == 1)
        }

        @Test("one bad line in the middle refuses the whole file, naming the file and the line", arguments: [
            (#"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {"#, "not valid JSON"),
            (#"["tenant", "acme"]"#, "expected a JSON object"),
            (#"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "colour": "red"}"#, "unknown field 'colour'"),
            (#"{"tenant": "ghost", "tool": "GMAIL_SEND_EMAIL"}"#, "tenant 'ghost' not found"),
            (#"{"tool": "GMAIL_SEND_EMAIL"}"#, "missing field 'tenant'"),
            (#"{"tenant": "acme"}"#, "missing field 'tool'"),
            (#"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "risk": "extreme"}"#, "unknown risk tier 'extreme'"),
            (#"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": [1]}"#, "must be a JSON object"),
            (#"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "task": -3}"#, "field 'task'"),
            (#"{"tenant": 7, "tool": "GMAIL_SEND_EMAIL"}"#, "field 'tenant' must be a string"),
        ])
        func badLineInMiddle(badLine: String, fragment: String) throws {
            let good = #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {"n": 1}}"#
            let file = try sandbox.write("batch.jsonl", [good, good, "", badLine, good].joined(separator: "\n") + "\n")
            let envelopes = try sandbox.count("outbox")
            let auditRows = try sandbox.count("audit_log")
            try sandbox.expectRejected(
                ["envelope", "submit", "--file", file], exitCode: 2, mentioning: ["\(file):4: ", fragment])
            #expect(try sandbox.count("outbox") == envelopes)
            #expect(try sandbox.count("audit_log") == auditRows)
        }

        /// A large JSON-lines file: `count` lines, every 7th blank, every 3rd ending in CRLF; the
        /// envelope on line n has `args.line == n`; line `bad` (if any) is not JSON.
        func largeFile(lines count: Int, bad: Int? = nil) throws -> String {
            var text = ""
            for line in 1...count {
                if line == bad {
                    text += #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {"line": \#(line)"#
                } else if !line.isMultiple(of: 7) {
                    text += #"{"tenant": "\#(line.isMultiple(of: 2) ? "acme" : "beta")", "tool": "GMAIL_SEND_EMAIL", "#
                        + #""args": {"line": \#(line), "pad": "\#(String(repeating: "p", count: 80))"}}"#
                }
                text += line.isMultiple(of: 3) ? "\r\n" : "\n"
            }
            return try sandbox.write("large.jsonl", text)
        }

        @Test("a large file is stored whole and in file order")
        func largeFileOrder() throws {
            let file = try largeFile(lines: 4000)
            let stored = 4000 - 4000 / 7
            let run = try sandbox.ok(["envelope", "submit", "--file", file, "--json"])
            #expect(try run.json().int("submitted") == Int64(stored))
            #expect(try sandbox.count("outbox") == stored)
            let order = try sandbox.sql(
                "SELECT count(*) FROM outbox AS a JOIN outbox AS b ON b.id = a.id + 1 "
                    + "WHERE json_extract(b.envelope, '$.line') <= json_extract(a.envelope, '$.line')")
            #expect(order == "0", "ids must follow the file's line order")
            #expect(try sandbox.sql("SELECT json_extract(envelope, '$.line') FROM outbox WHERE id = \(stored)") == "4000")
        }

        @Test("a bad line anywhere in a large file is named by its line number; nothing is stored",
              arguments: [1, 2, 1999, 2001, 3333, 3999, 4000])
        func largeFileBadLine(bad: Int) throws {
            let file = try largeFile(lines: 4000, bad: bad)
            let envelopes = try sandbox.count("outbox")
            let run = try sandbox.run(["envelope", "submit", "--file", file])
            expectErrorLine(run, exitCode: 2, mentioning: ["\(file):\(bad): ", "not valid JSON"])
            #expect(try sandbox.count("outbox") == envelopes)
        }

        @Test("a line naming a task that does not exist refuses the file, naming the line; nothing is stored")
        func unknownTask() throws {
            let file = try sandbox.write("tasks.jsonl", """
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "task": 99}
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}
                """)
            let before = try sandbox.snapshot()
            let run = try sandbox.run(["envelope", "submit", "--file", file])
            #expect(run.exitCode != 0, "\(run)")
            #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("opsdeck: error: "), "\(run)")
            #expect(run.stderr.contains("task 99"), "\(run)")
            #expect(run.stderr.contains("\(file):2:"), "the error must name the file and line 2\n\(run)")
            #expect(try sandbox.snapshot() == before)
        }

        @Test("an empty file, a missing file and per-envelope flags with --file are bad input")
        func badFiles() throws {
            let empty = try sandbox.write("empty.jsonl", "\n  \n")
            try sandbox.expectRejected(["envelope", "submit", "--file", empty], exitCode: 2, mentioning: ["no envelopes"])
            try sandbox.expectRejected(
                ["envelope", "submit", "--file", sandbox.path("nope.jsonl")], exitCode: 2, mentioning: ["cannot read", "nope.jsonl"])
            let file = try sandbox.write("one.jsonl", #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL"}"#)
            try sandbox.expectRejected(
                ["envelope", "submit", "--file", file, "--tool", "GMAIL_SEND_EMAIL"], exitCode: 2, mentioning: ["--file"])
        }
    }
}
