import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    /// `opsdeck scheduler` and `opsdeck drift` as processes, with the simulator's demo world.
    @Suite("opsdeck scheduler and drift", .timeLimit(.minutes(5)))
    struct SchedulerProcessTests {
        let sandbox: Sandbox

        init() throws {
            sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("globex")
        }

        @Test("scheduler --once on a fresh database syncs accounts, warm-scans the active ones and checks drift")
        func onceOnAFreshDatabase() throws {
            let run = try sandbox.ok(["scheduler", "--once", "--sim-script", "demo", "--json", "--log-level", "error"])
            let report = try run.json()
            #expect(report["accounts_synced"] == 4)
            #expect(report["accounts_activated"] == 3)
            #expect(report["warm_scans"] == 3)
            #expect(report["drift_checks"] == 2)
            #expect(report["alerts_opened"] == 0)
            #expect(report["failures"] == 0)
            #expect(try sandbox.count("connected_accounts") == 4)
            #expect(try sandbox.count("connected_accounts", where: "status = 'ACTIVE' AND last_scan_at IS NOT NULL") == 3)
            #expect(try sandbox.count("tool_catalog") > 0)
            #expect(try sandbox.count("signals", where: "source = 'warm_scan'") > 0)
            #expect(try sandbox.count("schedules", where: "job = 'trickle_refresh'") > 0)
            #expect(try sandbox.count("audit_log", where: "category = 'scheduler' AND action = 'warm_scan'") == 3)
            // Run again at once: every row is scheduled later, nothing is due.
            let again = try sandbox.ok(["scheduler", "--once", "--sim-script", "demo", "--json", "--log-level", "error"]).json()
            #expect(again["jobs_run"] == 0)
            try sandbox.ok(["audit", "verify"])
        }

        @Test("drift alerts are listed, shown and accepted; accepting updates the cached tool")
        func driftAcceptance() throws {
            try sandbox.ok(["scheduler", "--once", "--sim-script", "demo", "--log-level", "error"])
            // Make acme's cached GMAIL_SEND_EMAIL older than the provider's: a drift check sees the change.
            try sandbox.sql("""
                UPDATE tool_catalog SET version = '20250101_00',
                    json_schema = json_set(json_schema, '$.properties.legacy_flag', json('{"type":"boolean"}'))
                WHERE tool_slug = 'GMAIL_SEND_EMAIL' AND tenant_id = (SELECT id FROM tenants WHERE name = 'acme')
                """)
            let check = try sandbox.ok(["drift", "check", "--tenant", "acme", "--json"]).json()
            let opened = try #require(check.arrayValue)
            #expect(opened.count == 1)
            #expect(opened.first?["tool_slug"] == "GMAIL_SEND_EMAIL")
            #expect(opened.first?["breaking"] == true)
            let id = try #require(opened.first?["id"].flatMap { if case .integer(let id) = $0 { id } else { nil } })
            let list = try sandbox.ok(["drift", "list", "--status", "open"])
            #expect(list.stdout.contains("GMAIL_SEND_EMAIL"))
            let show = try sandbox.ok(["drift", "show", String(id)])
            #expect(show.stdout.contains("BREAKING /properties/legacy_flag"))
            // A second check opens nothing new.
            #expect(try sandbox.ok(["drift", "check", "--json"]).json().arrayValue?.isEmpty == true)
            // The tool's envelopes are held by the alert: once, as state, however often workers run.
            try sandbox.ok(["guardrails", "set", "acme", "--autonomy", "critical"])
            let held = try (0..<3).map { _ in try sandbox.submit(tenant: "acme", tool: "GMAIL_SEND_EMAIL", risk: "low") }
            let other = try sandbox.submit(tenant: "acme", tool: "SLACK_SEND_MESSAGE", risk: "low")
            for _ in 0..<2 { try sandbox.ok(["worker", "--drain", "--log-level", "error"]) }
            #expect(try sandbox.status(of: other) == "succeeded")
            for envelope in held {
                let shown = try sandbox.ok(["envelope", "show", String(envelope), "--json"]).json()
                #expect(shown["status"] == "pending")
                #expect(shown["held_by_drift_alert"] == .integer(id))
                #expect(shown["run_at"] == .null)
            }
            #expect(try sandbox.count("audit_log", where: "action = 'held_for_drift'") == 3)
            let listing = try sandbox.ok(["envelope", "list", "--status", "pending"])
            #expect(listing.stdout.contains("pending (held)") && listing.stdout.contains("drift #\(id)"), "\(listing)")
            let accepted = try sandbox.ok(["drift", "accept", String(id)], operator: "bob")
            #expect(accepted.stdout.contains("accepted 1 drift alert: \(id) (GMAIL_SEND_EMAIL); released 3 held envelopes"), "\(accepted)")
            #expect(try sandbox.count("audit_log", where: "action = 'hold_released' AND actor = 'bob'") == 3)
            try sandbox.ok(["worker", "--drain", "--log-level", "error"])
            for envelope in held { #expect(try sandbox.status(of: envelope) == "succeeded") }
            #expect(try sandbox.sql("SELECT version FROM tool_catalog WHERE tool_slug = 'GMAIL_SEND_EMAIL' AND tenant_id = (SELECT id FROM tenants WHERE name = 'acme')") == "20251027_00")
            #expect(try sandbox.sql("SELECT accepted_by FROM drift_alerts WHERE id = \(id)") == "bob")
            let audit = try sandbox.auditTail(["--category", "drift"])
            #expect(audit.map { $0["action"] } == ["opened", "accepted"])
            try sandbox.expectRejected(["drift", "accept", String(id)], exitCode: 1, mentioning: ["already accepted"])
            try sandbox.expectRejected(["drift", "accept", "999"], exitCode: 1, mentioning: ["drift alert 999 not found"])
        }

        @Test("provider options are checked before any work, one line each")
        func badProviderOptions() throws {
            try sandbox.expectRejected(["scheduler", "--once", "--provider", "nope"], exitCode: 2, mentioning: ["unknown provider 'nope'"])
            try sandbox.expectRejected(
                ["scheduler", "--once", "--provider", "composio"], exitCode: 2, mentioning: ["COMPOSIO_API_KEY is not set"],
                env: ["COMPOSIO_API_KEY": ""])
            try sandbox.expectRejected(
                ["drift", "check", "--provider", "composio", "--sim-seed", "3"], exitCode: 2,
                mentioning: ["--sim-… options apply to --provider simulated only"], env: ["COMPOSIO_API_KEY": "k"])
            try sandbox.expectRejected(["scheduler", "--once", "--sim-script", "odd"], exitCode: 2, mentioning: ["unknown --sim-script 'odd'"])
            try sandbox.expectRejected(
                ["scheduler", "--once", "--trickle-min-minutes", "90", "--trickle-max-minutes", "30"], exitCode: 2,
                mentioning: ["refresh interval"])
        }
    }
}
