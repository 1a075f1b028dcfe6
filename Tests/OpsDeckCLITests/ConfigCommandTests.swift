import DeckCore
import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("the configuration file and opsdeck config show", .timeLimit(.minutes(5)))
    struct ConfigCommandTests {
        let sandbox: Sandbox

        init() throws {
            sandbox = try Sandbox()
            try sandbox.migrate()
        }

        func show(_ extra: [String] = [], env: [String: String] = [:]) throws -> [String: (value: String, source: String)] {
            let run = try sandbox.run(["config", "show", "--json"] + extra, env: env)
            #expect(run.exitCode == 0, "\(run)")
            var result: [String: (String, String)] = [:]
            for row in try run.json()["settings"]?.arrayValue ?? [] {
                result[row.string("key") ?? ""] = (row.string("value") ?? "", row.string("source") ?? "")
            }
            return result
        }

        @Test("without a file every setting is its default")
        func defaults() throws {
            let settings = try show()
            #expect(settings["theme"]?.value == "dark" && settings["theme"]?.source == "default")
            #expect(settings["tenants.max_running"]?.value == "1")
            #expect(settings["risk_tiers.critical.safe"]?.value == "false")
            #expect(settings["scheduler.drift_check_seconds"]?.value == "300")
            #expect(settings.values.allSatisfy { $0.source == "default" })
        }

        @Test("a file's values show with their line; --config beats $OPSDECK_CONFIG")
        func fileValues() throws {
            let file = try sandbox.write("opsdeck.yaml", """
                theme: light
                provider:
                  sim:
                    latency_ms: 50
                risk_tiers:
                  high: { attempts: 4 }
                """)
            let other = try sandbox.write("other.yaml", "theme: monochrome\n")
            let settings = try show(["--config", file], env: ["OPSDECK_CONFIG": other])
            #expect(settings["theme"]?.value == "light" && settings["theme"]?.source == "\(file):1")
            #expect(settings["provider.sim.latency_ms"]?.source == "\(file):4")
            #expect(settings["risk_tiers.high.attempts"]?.value == "4" && settings["risk_tiers.high.attempts"]?.source == "\(file):6")
            #expect(settings["risk_tiers.high.max_seconds"]?.source == "default")
            let fromEnvironment = try show(env: ["OPSDECK_CONFIG": other])
            #expect(fromEnvironment["theme"]?.value == "monochrome")
        }

        @Test("config show refuses what the commands would refuse: values fine alone but not together, an unknown theme", arguments: [
            ("risk_tiers:\n  low:\n    base_seconds: 500\n    max_seconds: 10\n", "retry delays"),
            ("scheduler:\n  trickle_min_minutes: 90\n", "refresh interval"),
            ("theme: neon\n", "unknown theme 'neon'"),
        ])
        func refusesWhatTheCommandsRefuse(text: String, fragment: String) throws {
            let file = try sandbox.write("bad.yaml", text)
            let run = try sandbox.run(["config", "show", "--config", file])
            #expect(run.exitCode == 2, "\(run)")
            #expect(run.stderr.hasPrefix("opsdeck: error:") && run.stderr.contains(fragment), "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
            // The worker refuses the same file the same way.
            if fragment == "retry delays" {
                let worker = try sandbox.run(["worker", "--drain", "--config", file])
                #expect(worker.exitCode == 2 && worker.stderr.contains(fragment), "\(worker)")
            }
        }

        @Test("the XDG configuration directory is read when nothing else names a file")
        func xdg() throws {
            let directory = sandbox.directory.appendingPathComponent("xdg/opsdeck")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "tenants:\n  max_running: 3\n".write(to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
            let settings = try show(env: ["XDG_CONFIG_HOME": sandbox.directory.appendingPathComponent("xdg").path])
            #expect(settings["tenants.max_running"]?.value == "3")
        }

        @Test("flags override the file: tenant add takes the file's cap unless --max-running is given")
        func precedence() throws {
            let file = try sandbox.write("caps.yaml", "tenants:\n  max_running: 5\n")
            try sandbox.ok(["tenant", "add", "acme", "--config", file])
            try sandbox.ok(["tenant", "add", "beta", "--config", file, "--max-running", "2"])
            try sandbox.ok(["tenant", "add", "gamma"])
            let tenants = try sandbox.run(["tenant", "list", "--json"]).json().arrayValue ?? []
            let caps = Dictionary(uniqueKeysWithValues: tenants.map { ($0.string("name") ?? "", $0.int("max_running") ?? 0) })
            #expect(caps == ["acme": 5, "beta": 2, "gamma": 1])
        }

        @Test("every bad file is one line naming the file, the line and the key; exit 2", arguments: [
            ("thme: dark\n", ":1: thme: unknown key"),
            ("scheduler:\n  drift_check_seconds: -3\n", ":2: scheduler.drift_check_seconds: -3 is out of range"),
            ("scheduler:\n  tick_seconds: soon\n", ":2: scheduler.tick_seconds: expected a number, got 'soon'"),
            ("tenants:\n  max_running: 2.5\n", ":2: tenants.max_running: expected a whole number, got '2.5'"),
            ("risk_tiers:\n  low:\n    safe: maybe\n", ":3: risk_tiers.low.safe: expected true or false, got 'maybe'"),
            ("provider:\n  name: openai\n", ":2: provider.name: expected one of simulated, composio, got 'openai'"),
            ("provider:\n  sim:\n    failure_rate: [0.1]\n", ":3: provider.sim.failure_rate: expected a single value"),
            ("workers:\n  concurrency: 4\n", ":1: workers: unknown section"),
            ("scheduler: 5\n", ":1: scheduler: is a section, not a value"),
            ("- theme\n", ":1: the configuration must be a mapping of keys"),
            ("theme: [\n", ": not valid YAML"),
        ])
        func badFiles(text: String, expected: String) throws {
            let file = try sandbox.write("bad.yaml", text)
            let run = try sandbox.run(["config", "show", "--config", file])
            #expect(run.exitCode == 2, "\(run)")
            #expect(run.stdout.isEmpty)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(run)")
            #expect(run.stderr.hasPrefix("opsdeck: error: \(file)\(expected)"), "\(run)")
        }

        @Test("a missing file named by --config or $OPSDECK_CONFIG is an error; a command using it does nothing")
        func missing() throws {
            let run = try sandbox.run(["config", "show", "--config", sandbox.path("nope.yaml")])
            #expect(run.exitCode == 2 && run.stderr.contains("cannot read the configuration file"), "\(run)")
            let add = try sandbox.run(["tenant", "add", "acme"], env: ["OPSDECK_CONFIG": sandbox.path("nope.yaml")])
            #expect(add.exitCode == 2, "\(add)")
            #expect(try sandbox.count("tenants") == 0)
        }
    }
}
