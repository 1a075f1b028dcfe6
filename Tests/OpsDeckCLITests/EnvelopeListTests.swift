import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck envelope list and show", .timeLimit(.minutes(5)))
    struct EnvelopeListTests {
        let sandbox: Sandbox
        let acme: String
        let beta: String

        /// Envelopes 1–9: acme has 1–6, beta 7–9. Tools and risks vary; 2 and 5 are dead,
        /// 3 awaits approval, 9 is cancelled, the rest are pending.
        static let seed = Template("envelope-list") { sandbox in
            try sandbox.migrate()
            let values = ["acme": try sandbox.addTenant("acme"), "beta": try sandbox.addTenant("beta")]
            let lines = [
                ("acme", "GMAIL_SEND_EMAIL", "low"), ("acme", "GMAIL_SEND_EMAIL", "medium"), ("acme", "SLACK_POST_MESSAGE", "high"),
                ("acme", "GMAIL_SEND_EMAIL", "critical"), ("acme", "SLACK_POST_MESSAGE", "low"), ("acme", "GMAIL_SEND_EMAIL", "medium"),
                ("beta", "GMAIL_SEND_EMAIL", "low"), ("beta", "SLACK_POST_MESSAGE", "high"), ("beta", "GMAIL_SEND_EMAIL", "medium"),
            ].enumerated().map { index, line in
                #"{"tenant": "\#(line.0)", "tool": "\#(line.1)", "risk": "\#(line.2)", "args": {"n": \#(index + 1)}}"#
            }
            let file = try sandbox.write("seed.jsonl", lines.joined(separator: "\n"))
            try sandbox.ok(["envelope", "submit", "--file", file])
            try sandbox.force("dead", ids: [2, 5], set: "attempts = 5, last_error = 'HTTP 500'")
            try sandbox.force("awaiting_approval", ids: [3], set: "status_reason = 'risk high above autonomy medium'")
            try sandbox.force("cancelled", ids: [9])
            return values
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
            beta = try Self.seed.value("beta")
        }

        /// The ids `envelope list --json ARGS` answers, in order, and its next cursor.
        func ids(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> (ids: [Int64], next: Int64?) {
            let json = try sandbox.ok(["envelope", "list", "--json"] + args, sourceLocation: sourceLocation).json()
            let items = try #require(json["envelopes"]?.arrayValue, sourceLocation: sourceLocation)
            return (items.compactMap { $0.int("id") }, json.int("next_cursor"))
        }

        @Test("the default list is newest first; --oldest-first reverses it")
        func order() throws {
            #expect(try ids([]).ids == [9, 8, 7, 6, 5, 4, 3, 2, 1])
            #expect(try ids([]).next == nil)
            #expect(try ids(["--oldest-first"]).ids == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        }

        @Test("filters: status (repeated and comma lists), tenant, tool, risk, combined", arguments: [
            (["--status", "dead"], [5, 2] as [Int64]),
            (["--status", "dead,awaiting_approval"], [5, 3, 2]),
            (["--status", "dead", "--status", "cancelled"], [9, 5, 2]),
            (["--status", "PENDING"], [8, 7, 6, 4, 1]),
            (["--status", "running"], []),
            (["--tenant", "beta"], [9, 8, 7]),
            (["--tool", "SLACK_POST_MESSAGE"], [8, 5, 3]),
            (["--tool", "slack_post_message"], [8, 5, 3]),
            (["--risk", "low"], [7, 5, 1]),
            (["--risk", "high,critical"], [8, 4, 3]),
            (["--tenant", "acme", "--status", "pending", "--tool", "GMAIL_SEND_EMAIL"], [6, 4, 1]),
            (["--tenant", "acme", "--risk", "medium", "--oldest-first"], [2, 6]),
        ])
        func filters(args: [String], expected: [Int64]) throws {
            #expect(try ids(args).ids == expected)
        }

        @Test("--tenant takes an id as well as a name")
        func tenantByID() throws {
            #expect(try ids(["--tenant", beta]).ids == [9, 8, 7])
            #expect(try ids(["--tenant", acme.uppercased(), "--status", "dead"]).ids == [5, 2])
        }

        @Test("--limit/--after page through everything without overlap or gaps", arguments: [
            ([] as [String], 2), ([], 4), (["--oldest-first"], 2), (["--oldest-first"], 5), (["--status", "pending"], 2),
            (["--tenant", "acme"], 1),
        ])
        func pagination(filter: [String], limit: Int) throws {
            let all = try ids(filter).ids
            var seen: [Int64] = []
            var after: Int64?
            var pages = 0
            repeat {
                let page = try ids(filter + ["--limit", String(limit)] + (after.map { ["--after", String($0)] } ?? []))
                #expect(page.ids.count <= limit)
                #expect(!page.ids.isEmpty || seen.isEmpty)
                seen += page.ids
                #expect(page.next == nil || page.next == page.ids.last)
                after = page.next
                pages += 1
            } while after != nil && pages < 20
            #expect(seen == all, "pages concatenated are the unpaged list")
            #expect(Set(seen).count == seen.count)
            #expect(pages == max(1, (all.count + limit - 1) / limit))
        }

        @Test("the text list prints a table and the next-page hint")
        func textPages() throws {
            let first = try sandbox.ok(["envelope", "list", "--limit", "4"])
            let lines = first.stdoutLines
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.dropFirst().prefix(4).map { $0.split(separator: " ").first.map(String.init) } == ["9", "8", "7", "6"])
            #expect(lines.last == "next page: --after 6")
            let second = try sandbox.ok(["envelope", "list", "--limit", "4", "--after", "6"])
            #expect(second.stdoutLines.dropFirst().prefix(4).map { $0.split(separator: " ").first.map(String.init) }
                == ["5", "4", "3", "2"])
            #expect(second.stdoutLines.last == "next page: --after 2")
            let last = try sandbox.ok(["envelope", "list", "--limit", "4", "--after", "2"])
            #expect(last.stdoutLines.count == 2, "\(last)")
            #expect(!last.stdout.contains("next page"))
            #expect(try sandbox.ok(["envelope", "list", "--status", "dead"]).stdout.contains("HTTP 500"))
        }

        @Test("--json is one document with every envelope field")
        func jsonDocument() throws {
            let run = try sandbox.ok(["envelope", "list", "--json", "--status", "dead", "--limit", "1"])
            let json = try run.json()
            let envelope = try #require(json["envelopes"]?.arrayValue?.first)
            #expect(json.int("next_cursor") == 5)
            #expect(envelope.int("id") == 5)
            #expect(envelope.string("tenant") == "acme")
            #expect(envelope.string("tenant_id") == acme)
            #expect(envelope.string("status") == "dead")
            #expect(envelope.int("attempts") == 5)
            #expect(envelope.string("last_error") == "HTTP 500")
            #expect(envelope.string("tool_slug") == "SLACK_POST_MESSAGE")
            #expect(envelope.string("toolkit") == "slack")
            #expect(envelope.string("risk") == "low")
            #expect(envelope["arguments"] == ["n": 5])
            #expect(envelope["in_doubt"]?.bool == false)
        }

        @Test("bad list options are bad input", arguments: [
            (["--status", "exploded"], "unknown status 'exploded'"),
            (["--status", "dead,nope"], "unknown status 'nope'"),
            (["--risk", "extreme"], "unknown risk tier 'extreme'"),
            (["--limit", "0"], "--limit"),
            (["--limit", "abc"], "--limit"),
            (["--after", "0"], "--after"),
            (["--tool", "bad slug"], "invalid tool slug"),
            (["--frobnicate"], "frobnicate"),
        ])
        func badOptions(args: [String], fragment: String) throws {
            try sandbox.expectRejected(["envelope", "list"] + args, exitCode: 2, mentioning: [fragment])
        }

        @Test("an unknown --tenant is refused as not found (exit 1)")
        func unknownTenant() throws {
            try sandbox.expectRejected(["envelope", "list", "--tenant", "ghost"], exitCode: 1, mentioning: ["ghost", "not found"])
        }

        @Test("show prints the envelope and its history")
        func showText() throws {
            try sandbox.ok(["envelope", "approve", "3"], operator: "carol")
            let run = try sandbox.ok(["envelope", "show", "3"])
            let text = run.stdout
            #expect(text.hasPrefix("envelope 3  pending"), "\(run)")
            #expect(text.contains("tenant:          acme (\(acme))"))
            #expect(text.contains("tool:            SLACK_POST_MESSAGE (toolkit slack, version unpinned)"))
            #expect(text.contains("risk:            high"))
            #expect(text.contains("approved by:     carol"))
            #expect(text.contains("\"n\": 3"))
            let history = text.components(separatedBy: "history:\n").last ?? ""
            #expect(history.contains("submitted  by \(Sandbox.operatorName)"), "\(run)")
            #expect(history.contains("approved  by carol"), "\(run)")
        }

        @Test("show --json is one document with the audit history, oldest first")
        func showJSON() throws {
            try sandbox.ok(["envelope", "discard", "7"], operator: "dave")
            let json = try sandbox.ok(["envelope", "show", "7", "--json"]).json()
            #expect(json.int("id") == 7)
            #expect(json.string("tenant") == "beta")
            #expect(json.string("status") == "cancelled")
            #expect(json["arguments"] == ["n": 7])
            let history = try #require(json["history"]?.arrayValue)
            #expect(history.map { $0.string("action") } == ["submitted", "discarded"])
            #expect(history.map { $0.string("actor") } == [Sandbox.operatorName, "dave"])
            #expect(history.allSatisfy { $0.int("envelope_id") == 7 })
        }

        @Test("show of a missing id, or of another tenant's envelope under --tenant, is not found (exit 1)")
        func showNotFound() throws {
            try sandbox.expectRejected(["envelope", "show", "99"], exitCode: 1, mentioning: ["envelope 99 not found"])
            try sandbox.expectRejected(["envelope", "show", "7", "--tenant", "acme"], exitCode: 1, mentioning: ["envelope 7 not found"])
            try sandbox.ok(["envelope", "show", "7", "--tenant", "beta"])
            try sandbox.expectRejected(["envelope", "show", "0"], exitCode: 2, mentioning: ["positive"])
        }
    }
}
