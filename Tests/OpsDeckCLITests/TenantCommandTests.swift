import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck tenant", .timeLimit(.minutes(5)))
    struct TenantCommandTests {
        let sandbox: Sandbox

        init() throws {
            sandbox = try Sandbox(.migrated)
        }

        @Test("tenant add prints the new id, stores it and audits it")
        func addPrintsID() throws {
            let run = try sandbox.ok(["tenant", "add", "acme"])
            #expect(run.stdoutLines.count == 1)
            let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(TenantID(parsing: id)?.rawValue == id, "a lowercase UUID: \(id)")
            #expect(try sandbox.sql("SELECT name FROM tenants WHERE id = '\(id)'") == "acme")
            let audit = try sandbox.auditTail()
            #expect(audit.count == 1)
            #expect(audit.first?.string("category") == "tenant")
            #expect(audit.first?.string("action") == "added")
            #expect(audit.first?.string("actor") == Sandbox.operatorName)
            #expect(audit.first?.string("tenant_id") == id)
        }

        @Test("tenant add --json prints the tenant with every option")
        func addJSON() throws {
            let run = try sandbox.ok([
                "tenant", "add", "acme", "--plan", "pro", "--timezone", "Europe/Berlin", "--max-running", "3",
                "--composio-user-id", "user-42", "--json",
            ])
            let tenant = try run.json()
            #expect(tenant.string("name") == "acme")
            #expect(tenant.string("plan") == "pro")
            #expect(tenant.string("time_zone") == "Europe/Berlin")
            #expect(tenant.int("max_running") == 3)
            #expect(tenant.string("composio_user_id") == "user-42")
            let id = try #require(tenant.string("id"))
            #expect(try sandbox.sql("SELECT plan || '|' || time_zone || '|' || max_running FROM tenants WHERE id = '\(id)'")
                == "pro|Europe/Berlin|3")
        }

        @Test("tenant list prints a table sorted by name, and --json one array")
        func list() throws {
            let zeta = try sandbox.addTenant("zeta")
            let acme = try sandbox.addTenant("acme", ["--plan", "pro"])

            let table = try sandbox.ok(["tenant", "list"])
            let lines = table.stdoutLines
            #expect(lines.count == 3, "\(table)")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.dropFirst().first?.hasPrefix(acme) == true && lines.dropFirst().first?.contains("pro") == true)
            #expect(lines.last?.hasPrefix(zeta) == true)

            let json = try sandbox.ok(["tenant", "list", "--json"]).json()
            let items = try #require(json.arrayValue)
            #expect(items.map { $0.string("name") } == ["acme", "zeta"])
            #expect(items.map { $0.string("id") } == [acme, zeta])
        }

        @Test("tenant list --json on an empty database is an empty array")
        func emptyList() throws {
            let json = try sandbox.ok(["tenant", "list", "--json"]).json()
            #expect(json == .array([]))
        }

        @Test("tenant set changes settings by name or id and audits the change")
        func set() throws {
            let id = try sandbox.addTenant("acme")
            let run = try sandbox.ok([
                "tenant", "set", "acme", "--name", "acme-eu", "--plan", "enterprise", "--timezone", "Asia/Tokyo",
                "--max-running", "7",
            ])
            #expect(run.stdout.contains("updated tenant acme-eu (\(id))"), "\(run)")
            let json = try sandbox.ok(["tenant", "set", id, "--composio-user-id", "cu-1", "--json"]).json()
            #expect(json.string("name") == "acme-eu")
            #expect(json.string("plan") == "enterprise")
            #expect(json.string("time_zone") == "Asia/Tokyo")
            #expect(json.int("max_running") == 7)
            #expect(json.string("composio_user_id") == "cu-1")

            let updates = try sandbox.auditTail(["--category", "tenant"]).filter { $0.string("action") == "updated" }
            #expect(updates.count == 2)
            #expect(updates.first?["payload"]?["name"]?.string("to") == "acme-eu")
            #expect(updates.first?["payload"]?["max_running"]?.int("to") == 7)
        }

        @Test("tenant add with a taken name is refused (exit 1)")
        func duplicateName() throws {
            _ = try sandbox.addTenant("acme")
            try sandbox.expectRejected(["tenant", "add", "acme"], exitCode: 1, mentioning: ["already taken"])
        }

        @Test("tenant set to another tenant's name is refused (exit 1)")
        func renameConflict() throws {
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("beta")
            try sandbox.expectRejected(["tenant", "set", "beta", "--name", "acme"], exitCode: 1, mentioning: ["already taken"])
        }

        @Test("unknown time zone is bad input on add and on set", arguments: [
            ["tenant", "add", "mars", "--timezone", "Mars/Olympus_Mons"],
            ["tenant", "set", "acme", "--timezone", "Mars/Olympus_Mons"],
        ])
        func unknownTimeZone(args: [String]) throws {
            _ = try sandbox.addTenant("acme")
            try sandbox.expectRejected(args, exitCode: 2, mentioning: ["unknown time zone", "Mars/Olympus_Mons"])
        }

        @Test("invalid tenant settings are bad input", arguments: [
            (["tenant", "add", ""], "tenant name"),
            (["tenant", "add", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"], "looks like a tenant id"),
            (["tenant", "add", "evil\u{1b}[31mname"], "control character"),
            (["tenant", "add", "big", "--max-running", "0"], "max running"),
            (["tenant", "set", "acme"], "nothing to change"),
            (["tenant", "set", "acme", "--max-running=-1"], "max running"),
        ])
        func invalidSettings(args: [String], fragment: String) throws {
            _ = try sandbox.addTenant("acme")
            try sandbox.expectRejected(args, exitCode: 2, mentioning: [fragment])
        }

        @Test("tenant set of an unknown tenant is refused as not found (exit 1)")
        func setUnknown() throws {
            _ = try sandbox.addTenant("acme")
            try sandbox.expectRejected(["tenant", "set", "nobody", "--plan", "pro"], exitCode: 1, mentioning: ["nobody", "not found"])
            try sandbox.expectRejected(
                ["tenant", "set", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "--plan", "pro"], exitCode: 1, mentioning: ["not found"])
        }

        @Test("control characters in an error are escaped, still one line")
        func controlCharactersEscaped() throws {
            let run = try sandbox.expectRejected(
                ["tenant", "set", "bad\nname\u{1b}[2J", "--plan", "pro"], exitCode: 1, mentioning: ["not found", "\\n", "\\x1b"])
            #expect(!run.stderr.contains("\u{1b}"))
        }

        @Test("tenant import creates every tenant of a JSON-lines file in one transaction, each audited")
        func importFile() throws {
            let lines = (0..<300).map { index in
                index == 7
                    ? #"{"name": "acme", "plan": "pro", "timezone": "Europe/Berlin", "max_running": 5, "composio_user_id": "u1"}"#
                    : #"{"name": "t\#(index)"}"#
            }
            let file = try sandbox.write("tenants.jsonl", lines.joined(separator: "\n") + "\n\n")
            let run = try sandbox.ok(["tenant", "import", "--file", file])
            #expect(run.stdout.hasPrefix("imported 300 tenants in "), "\(run)")
            #expect(try sandbox.count("tenants") == 300)
            #expect(try sandbox.count("guardrails") == 300)
            #expect(try sandbox.count("audit_log", where: "category = 'tenant' AND action = 'added' AND actor = 'alice'") == 300)
            #expect(try sandbox.sql("SELECT plan, time_zone, max_running, composio_user_id FROM tenants WHERE name = 'acme'")
                == "pro|Europe/Berlin|5|u1")
            #expect(try sandbox.sql("SELECT plan, time_zone, max_running, composio_user_id FROM tenants WHERE name = 't3'")
                == "free|UTC|1|t3")
            let json = try sandbox.ok(["tenant", "import", "--file", try sandbox.write("more.jsonl", #"{"name": "zeta"}"#), "--json"]).json()
            #expect(json.arrayValue?.count == 1 && json.arrayValue?.first?["name"] == "zeta")
            try sandbox.ok(["audit", "verify"])
        }

        @Test("tenant import refuses the whole file on one bad line, naming it", arguments: [
            (#"{"name": "ok1"}\#n{"name": "ok2", "max_running": "5"}"#, ":2: field 'max_running' must be an integer"),
            (#"{"name": "ok1"}\#n{"nme": "typo"}"#, ":2: unknown field 'nme'"),
            (#"{"name": "ok1"}\#n{"plan": "pro"}"#, ":2: missing field 'name'"),
            (#"{"name": "ok1"}\#n{"name": "ok1"}"#, ":2: tenant name 'ok1' is already on line 1"),
            (#"{"name": "ok1"}\#n{"name": "taken"}"#, ":2: tenant name 'taken' is already taken"),
            (#"{"name": "ok1", "timezone": "Mars/Olympus"}"#, ":1: unknown time zone 'Mars/Olympus'"),
            (#"{"name": "ok1", "max_running": 0}"#, ":1: max running must be between 1 and 10000"),
            (#"{"name": "ok1"}\#n[1, 2]"#, ":2: a line must be a JSON object"),
            (#"{"name": "ok1"}\#n{"name": "#, ":2: "),
            ("\n\n", "no tenants in file"),
        ])
        func importRefusals(text: String, message: String) throws {
            _ = try sandbox.addTenant("taken")
            let file = try sandbox.write("bad.jsonl", text)
            try sandbox.expectRejected(["tenant", "import", "--file", file], exitCode: 2, mentioning: [message])
            try sandbox.expectRejected(["tenant", "import", "--file", sandbox.path("missing.jsonl")], exitCode: 2, mentioning: ["cannot read"])
        }

        @Test("tenant pause and resume: audited once each, shown by list and --json; a worker drains around the paused tenant")
        func pauseAndResume() throws {
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("globex")
            let acme = try sandbox.submit(tenant: "acme", risk: "low")
            let globex = try sandbox.submit(tenant: "globex", risk: "low")
            let paused = try sandbox.ok(["tenant", "pause", "acme"])
            #expect(paused.stdout.contains("paused tenant acme"))
            #expect(try sandbox.ok(["tenant", "pause", "acme"]).stdout.contains("already paused (by alice)"))
            #expect(try sandbox.ok(["tenant", "list"]).stdout.contains("paused 20"), "the QUEUE column dates the pause")
            let json = try sandbox.ok(["tenant", "list", "--json"]).json()
            let acmeJSON = try #require(json.arrayValue?.first { $0.string("name") == "acme" })
            #expect(acmeJSON.string("paused_by") == "alice")
            #expect(acmeJSON.string("paused_at") != nil)
            #expect(json.arrayValue?.first { $0.string("name") == "globex" }?["paused_at"] == .null)

            // A draining worker runs globex's envelope and ends, leaving acme's pending, untouched.
            #expect(try sandbox.run(["worker", "--drain", "--provider", "simulated", "--sim-latency-ms", "0", "--sim-failure-rate", "0"]).exitCode == 0)
            #expect(try sandbox.status(of: globex) == "succeeded")
            #expect(try sandbox.status(of: acme) == "pending")
            #expect(try sandbox.sql("SELECT attempts FROM outbox WHERE id = \(acme)") == "0")

            #expect(try sandbox.ok(["tenant", "resume", "acme"]).stdout.contains("resumed tenant acme"))
            #expect(try sandbox.ok(["tenant", "resume", "acme"]).stdout.contains("is not paused"))
            let actions = try sandbox.auditTail(["--category", "tenant"]).compactMap { $0.string("action") }
            #expect(actions.filter { $0 == "paused" || $0 == "resumed" } == ["paused", "resumed"])
            #expect(try sandbox.run(["worker", "--drain", "--provider", "simulated", "--sim-latency-ms", "0", "--sim-failure-rate", "0"]).exitCode == 0)
            #expect(try sandbox.status(of: acme) == "succeeded")
            try sandbox.expectRejected(["tenant", "pause", "nobody"], exitCode: 1, mentioning: ["nobody"])
        }

        @Test("envelope run-now refuses what is not a retry backoff, naming why, and changes nothing")
        func runNowRefusals() throws {
            _ = try sandbox.addTenant("acme")
            let due = try sandbox.submit(tenant: "acme", risk: "low")
            try sandbox.expectRejected(["envelope", "run-now", String(due)], exitCode: 1, mentioning: ["retry backoff", "due already"])
            // Quiet hours around now (UTC): a draining worker defers it; run-now refuses a deferral.
            let hour = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).hour!
            let window = String(format: "%02d:00-%02d:00", (hour + 23) % 24, (hour + 2) % 24)
            try sandbox.ok(["guardrails", "set", "acme", "--quiet-hours", window])
            #expect(try sandbox.run(["worker", "--drain", "--provider", "simulated", "--sim-latency-ms", "0"]).exitCode == 0)
            #expect(try sandbox.sql("SELECT status_reason IS NOT NULL FROM outbox WHERE id = \(due)") == "1")
            try sandbox.expectRejected(["envelope", "run-now", String(due)], exitCode: 1, mentioning: ["deferred", "quiet hours"])
        }
    }
}
