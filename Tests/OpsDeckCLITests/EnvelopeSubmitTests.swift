import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck envelope submit (one envelope)", .timeLimit(.minutes(5)))
    struct EnvelopeSubmitTests {
        let sandbox: Sandbox
        let acme: String

        /// acme, no envelopes.
        static let seed = Template("submit") { sandbox in
            try sandbox.migrate()
            return ["acme": try sandbox.addTenant("acme")]
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
        }

        @Test("--args JSON: prints the id, stores a pending envelope and a submitted audit row")
        func argsInline() throws {
            let run = try sandbox.ok([
                "envelope", "submit", "--tenant", "acme", "--tool", "gmail_send_email",
                "--args", #"{"to": "ops@example.com", "n": [1, 2.5, true, null]}"#, "--risk", "HIGH",
            ])
            #expect(run.stdoutLines == ["1"], "\(run)")
            #expect(try sandbox.storedArguments(1) == ["to": "ops@example.com", "n": [1, 2.5, true, nil]])
            #expect(try sandbox.sql("SELECT tenant_id || '|' || status || '|' || tool_slug || '|' || toolkit || '|' || risk FROM outbox")
                == "\(acme)|pending|GMAIL_SEND_EMAIL|gmail|high")
            let audit = try sandbox.auditTail(["--category", "envelope"])
            #expect(audit.count == 1)
            #expect(audit.first?.string("action") == "submitted")
            #expect(audit.first?.int("envelope_id") == 1)
            #expect(audit.first?.string("actor") == Sandbox.operatorName)
            #expect(audit.first?["payload"]?.string("risk") == "high")
        }

        @Test("--args @FILE reads the arguments from a file")
        func argsFromFile() throws {
            let file = try sandbox.write("args.json", "{\n  \"channel\": \"#ops\",\n  \"text\": \"h\u{e9}llo\"\n}\n")
            let id = try sandbox.submit(tenant: acme, tool: "SLACK_POST_MESSAGE", args: "@" + file)
            #expect(try sandbox.storedArguments(id) == ["channel": "#ops", "text": "h\u{e9}llo"])
            #expect(try sandbox.sql("SELECT toolkit FROM outbox WHERE id = \(id)") == "slack")
        }

        @Test("--args @- reads the arguments from stdin")
        func argsFromStdin() throws {
            let run = try sandbox.ok(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GITHUB_CREATE_ISSUE", "--args", "@-"],
                stdin: #"{"title": "from stdin", "labels": ["a", "b"]}"#)
            let id = try #require(Int64(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(try sandbox.storedArguments(id) == ["title": "from stdin", "labels": ["a", "b"]])
        }

        @Test("without --args the arguments are an empty object; optional flags are stored")
        func optionalFlags() throws {
            let id = try sandbox.submit(
                tenant: "acme", tool: "NOTION_CREATE_PAGE", args: "{}",
                ["--toolkit", "Notion", "--version", "20250101_02", "--account", "ca_123", "--idempotency-key", "key-1"])
            let row = try sandbox.sql(
                "SELECT toolkit || '|' || version || '|' || connected_account_id || '|' || idempotency_key FROM outbox WHERE id = \(id)")
            #expect(row == "notion|20250101_02|ca_123|key-1")
            #expect(try sandbox.storedArguments(id) == .object([:]))
        }

        @Test("--json prints the ids and the duplicate count")
        func json() throws {
            let first = try sandbox.ok(["envelope", "submit", "--tenant", acme, "--tool", "GMAIL_SEND_EMAIL", "--json"]).json()
            #expect(first["ids"] == .array([1]))
            #expect(first.int("duplicates") == 0)
        }

        @Test("the same idempotency key twice stores one envelope and answers the same id")
        func idempotentResubmission() throws {
            let args = ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--idempotency-key", "order-77"]
            let first = try sandbox.ok(args)
            let second = try sandbox.ok(args + ["--json"]).json()
            #expect(first.stdoutLines == ["1"])
            #expect(second["ids"] == .array([1]))
            #expect(second.int("duplicates") == 1)
            #expect(try sandbox.count("outbox") == 1)
            #expect(try sandbox.count("audit_log", where: "action = 'submitted'") == 1)

            let beta = try sandbox.addTenant("beta")
            let other = try sandbox.ok(["envelope", "submit", "--tenant", beta, "--tool", "GMAIL_SEND_EMAIL",
                                        "--idempotency-key", "order-77", "--json"]).json()
            #expect(other["ids"] == .array([2]), "keys are unique per tenant, not globally")
            #expect(other.int("duplicates") == 0)
        }

        @Test("a reused idempotency key with another tool or other arguments is refused, exit 1, nothing stored")
        func reusedKeyIsRefused() throws {
            let id = try sandbox.submit(tenant: "acme", tool: "GMAIL_X", args: #"{"a": 1}"#, ["--idempotency-key", "k"])
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "SLACK_DELETE_ALL", "--risk", "critical", "--idempotency-key", "k"],
                exitCode: 1, mentioning: ["idempotency key 'k'", "envelope \(id)", "different request"])
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_X", "--args", #"{"a": 2}"#, "--idempotency-key", "k"],
                exitCode: 1, mentioning: ["other arguments"])
            let file = try sandbox.write("e.jsonl", #"{"tenant": "acme", "tool": "SLACK_DELETE_ALL", "idempotency_key": "k"}"# + "\n")
            try sandbox.expectRejected(["envelope", "submit", "--file", file], exitCode: 1, mentioning: ["different request"])
            // The same request again is still a duplicate.
            let again = try sandbox.ok(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_X", "--args", #"{ "a" : 1 }"#, "--idempotency-key", "k", "--json"]).json()
            #expect(again["ids"] == .array([.integer(id)]))
            #expect(again.int("duplicates") == 1)
        }

        @Test("malformed JSON in --args is bad input", arguments: [
            "{bad", "{\"a\": 1,}", "", "{\"a\": 1} trailing", "{'a': 1}",
        ])
        func malformedArgs(text: String) throws {
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", text],
                exitCode: 2, mentioning: ["--args"])
        }

        @Test("arguments that are not a JSON object are bad input", arguments: ["[1, 2]", "\"text\"", "42", "null", "true"])
        func argsNotObject(text: String) throws {
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", text],
                exitCode: 2, mentioning: ["must be a JSON object"])
        }

        @Test("malformed JSON on stdin or in a file names where it came from")
        func malformedSources() throws {
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", "@-"],
                exitCode: 2, mentioning: ["-: not valid JSON"], stdin: "{\"unterminated\": ")
            let file = try sandbox.write("bad.json", "[\"not\", \"an\", \"object\"]")
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", "@" + file],
                exitCode: 2, mentioning: [file, "must be a JSON object"])
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", "@" + sandbox.path("missing.json")],
                exitCode: 2, mentioning: ["cannot read", "missing.json"])
        }

        @Test("an unknown tenant is refused as not found, by name or by id")
        func unknownTenant() throws {
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "ghost", "--tool", "GMAIL_SEND_EMAIL"], exitCode: 1,
                mentioning: ["tenant 'ghost' not found"])
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "--tool", "GMAIL_SEND_EMAIL"],
                exitCode: 1, mentioning: ["not found"])
        }

        @Test("bad submit options are bad input", arguments: [
            (["--risk", "extreme"], "unknown risk tier 'extreme'"),
            (["--tool", "9LIVES"], "invalid tool slug"),
            (["--version", "v2"], "invalid tool version"),
            (["--task=0"], "--task"),
            (["--idempotency-key", ""], "idempotency key"),
        ])
        func badOptions(options: [String], fragment: String) throws {
            var args = ["envelope", "submit", "--tenant", "acme"]
            if !options.contains("--tool") { args += ["--tool", "GMAIL_SEND_EMAIL"] }
            try sandbox.expectRejected(args + options, exitCode: 2, mentioning: [fragment])
        }

        @Test("missing --tenant or --tool is bad input")
        func missingOptions() throws {
            try sandbox.expectRejected(["envelope", "submit", "--tool", "GMAIL_SEND_EMAIL"], exitCode: 2, mentioning: ["--tenant"])
            try sandbox.expectRejected(["envelope", "submit", "--tenant", "acme"], exitCode: 2, mentioning: ["--tool"])
        }
    }
}
