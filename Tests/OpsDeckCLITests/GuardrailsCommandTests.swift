import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck guardrails", .timeLimit(.minutes(5)))
    struct GuardrailsCommandTests {
        let sandbox: Sandbox
        let acme: String

        /// acme, in Europe/Berlin, with default guardrails.
        static let seed = Template("guardrails") { sandbox in
            try sandbox.migrate()
            return ["acme": try sandbox.addTenant("acme", ["--timezone", "Europe/Berlin"])]
        }

        init() throws {
            sandbox = try Sandbox(Self.seed)
            acme = try Self.seed.value("acme")
        }

        @Test("a new tenant shows the default guardrails")
        func defaults() throws {
            let json = try sandbox.ok(["guardrails", "show", "acme", "--json"]).json()
            #expect(json.string("tenant") == "acme")
            #expect(json.string("tenant_id") == acme)
            #expect(json.string("time_zone") == "Europe/Berlin")
            #expect(json["quiet_hours"]?.isNull == true)
            #expect(json["allowed_toolkits"]?.isNull == true)
            #expect(json["tone"]?.isNull == true)
            #expect(json.string("autonomy") == "medium")
        }

        @Test("guardrails set stores quiet hours, toolkits, autonomy and tone; show reads them back")
        func setAndShow() throws {
            let set = try sandbox.ok([
                "guardrails", "set", "acme", "--quiet-hours", "22:00-07:00", "--allow-toolkit", "slack",
                "--allow-toolkit", "GMAIL", "--allow-toolkit", "slack", "--autonomy", "high", "--tone", "Warm and brief", "--json",
            ]).json()
            #expect(set.string("quiet_hours") == "22:00-07:00")
            #expect(set["allowed_toolkits"] == .array(["gmail", "slack"]))
            #expect(set.string("autonomy") == "high")
            #expect(set.string("tone") == "Warm and brief")

            let shown = try sandbox.ok(["guardrails", "show", acme, "--json"]).json()
            #expect(shown == set)

            let table = try sandbox.ok(["guardrails", "show", "acme"])
            #expect(table.stdoutLines.count == 2, "\(table)")
            for fragment in ["acme", "22:00-07:00", "Europe/Berlin", "gmail,slack", "high", "Warm and brief"] {
                #expect(table.stdoutLines.last?.contains(fragment) == true, "\(fragment)\n\(table)")
            }

            let audit = try sandbox.auditTail(["--category", "guardrails"])
            #expect(audit.count == 1)
            #expect(audit.first?.string("action") == "set")
            #expect(audit.first?.string("actor") == Sandbox.operatorName)
            #expect(audit.first?["payload"]?["to"]?.string("quiet_hours") == "22:00-07:00")
            #expect(audit.first?["payload"]?["from"]?.string("autonomy") == "medium")
        }

        @Test("options not given keep their value; --no-quiet-hours and --allow-any-toolkit clear")
        func partialUpdates() throws {
            try sandbox.ok(["guardrails", "set", "acme", "--quiet-hours", "01:30-05:00", "--allow-toolkit", "github"])
            let toneOnly = try sandbox.ok(["guardrails", "set", "acme", "--tone", "Formal", "--json"]).json()
            #expect(toneOnly.string("quiet_hours") == "01:30-05:00")
            #expect(toneOnly["allowed_toolkits"] == .array(["github"]))
            #expect(toneOnly.string("tone") == "Formal")

            let cleared = try sandbox.ok(["guardrails", "set", "acme", "--no-quiet-hours", "--allow-any-toolkit", "--json"]).json()
            #expect(cleared["quiet_hours"]?.isNull == true)
            #expect(cleared["allowed_toolkits"]?.isNull == true)
            #expect(cleared.string("tone") == "Formal")
            #expect(try sandbox.ok(["guardrails", "show", "acme", "--json"]).json() == cleared)
        }

        @Test("quiet hours that do not parse are bad input", arguments: [
            "22:00", "10pm-7am", "25:00-07:00", "22:60-07:00", "2200-0700", "22:00-07:00-08:00", "",
        ])
        func badQuietHours(text: String) throws {
            try sandbox.expectRejected(
                ["guardrails", "set", "acme", "--quiet-hours", text], exitCode: 2, mentioning: ["quiet hours"])
        }

        @Test("quiet hours that start and end at the same minute are bad input")
        func emptyQuietHours() throws {
            try sandbox.expectRejected(
                ["guardrails", "set", "acme", "--quiet-hours", "08:00-08:00"], exitCode: 2, mentioning: ["must differ"])
        }

        @Test("bad guardrail options are bad input", arguments: [
            (["--autonomy", "reckless"], "unknown risk tier 'reckless'"),
            (["--allow-toolkit", "gm@il"], "invalid toolkit"),
            (["--quiet-hours", "22:00-07:00", "--no-quiet-hours"], "conflict"),
            (["--allow-toolkit", "gmail", "--allow-any-toolkit"], "conflict"),
        ])
        func badOptions(options: [String], fragment: String) throws {
            try sandbox.expectRejected(["guardrails", "set", "acme"] + options, exitCode: 2, mentioning: [fragment])
        }

        @Test("guardrails of an unknown tenant are refused as not found (exit 1)")
        func unknownTenant() throws {
            try sandbox.expectRejected(["guardrails", "set", "ghost", "--autonomy", "low"], exitCode: 1, mentioning: ["ghost"])
            try sandbox.expectRejected(["guardrails", "show", "ghost"], exitCode: 1, mentioning: ["ghost", "not found"])
        }
    }
}
