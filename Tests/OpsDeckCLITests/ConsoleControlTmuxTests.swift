import Foundation
import OpsDeckTestSupport
import Testing
import DeckTmux

/// The operator controls and the console's stop, in a real terminal with a live engine.
@Suite("console under tmux: operator controls and stopping on signals", .serialized, .timeLimit(.minutes(5)))
struct ConsoleControlTmuxTests {
    /// The pid of the console: the only child of the pane's shell.
    static func consolePID(_ console: TmuxSession) throws -> Int32 {
        let shell = try #require(console.driver.panePID())
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            if let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError("the console process did not start")
    }

    /// Waits (up to `seconds`) for `condition`; false when it never held.
    static func eventually(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    /// True while `pid` lives (a zombie, whose orphan nobody reaps, has ended).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    @Test("pause a tenant with p: the worker skips it while the other tenant's work runs; resume releases it; y copies an id")
    func pauseATenantAndSeeTheWorkerSkipIt() async throws {
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme", ["--max-running", "4"])
            _ = try sandbox.addTenant("globex", ["--max-running", "4"])
            let binary = try CLI.binary().path
            let console = try TmuxSession(
                command: "\(binary) --db \(sandbox.db) --operator alice --sim-latency-ms 200; sleep 30", width: 120, height: 30,
                directory: sandbox.directory)
            try console.tmux(["set-option", "-g", "set-clipboard", "on"])
            try console.waitFor("Outbox")
            try console.send("1")
            try console.waitFor("tenants view") { $0.contains("QUEUE") && $0.contains("acme") }
            try console.send("p")
            try console.waitFor("Pause acme's queue?")
            try console.send("y")
            try console.waitFor("paused acme: workers claim none of its envelopes")
            try console.waitFor("header names the paused tenant") { $0.split(separator: "\n").first?.contains("paused acme") == true }

            let acme = try (0..<3).map { try sandbox.submit(tenant: "acme", args: #"{"n": \#($0)}"#, risk: "low") }
            let globex = try (0..<3).map { try sandbox.submit(tenant: "globex", args: #"{"n": \#($0)}"#, risk: "low") }
            let globexDone = try Self.eventually(seconds: 20) {
                try sandbox.count("outbox", where: "id IN (\(globex.map(String.init).joined(separator: ","))) AND status = 'succeeded'") == 3
            }
            #expect(globexDone, "globex's envelopes ran")
            // Well after globex's ran: acme's were never claimed.
            try await Task.sleep(for: .milliseconds(500))
            let acmeList = acme.map(String.init).joined(separator: ",")
            #expect(try sandbox.count("outbox", where: "id IN (\(acmeList)) AND status = 'pending' AND attempts = 0") == 3)
            #expect(try sandbox.sql("SELECT actor FROM audit_log WHERE category = 'tenant' AND action = 'paused'") == "alice")

            try console.send("p")
            try console.waitFor("Resume acme's queue?")
            try console.send("y")
            try console.waitFor("resumed acme")
            let acmeDone = try Self.eventually(seconds: 20) {
                try sandbox.count("outbox", where: "id IN (\(acmeList)) AND status = 'succeeded'") == 3
            }
            #expect(acmeDone, "acme's envelopes ran once resumed")

            // y copies the selected envelope's id through OSC 52 into tmux's buffer.
            try console.send("4")
            try console.waitFor("outbox rows") { $0.contains("succeeded") }
            try console.send("g")
            let top = try #require(ConsoleTrustTmuxTests.topRowID(try console.afterKeysHandled()))
            try console.send("y")
            try console.waitFor("copied id \(top) to the clipboard")
            #expect(try console.tmux(["show-buffer"]).stdout == String(top))
            try console.send("Q")
        }
    }

    @Test("a filter typed character by character shows its live match count; Esc puts the rows back")
    func filterCountsAsYouType() async throws {
        try await DedicatedExecutor.run {
            let sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.addTenant("globex")
            for index in 0..<3 { _ = try sandbox.submit(tenant: "acme", args: #"{"n": \#(index)}"#) }
            for index in 0..<2 { _ = try sandbox.submit(tenant: "globex", tool: "SLACK_SEND_MESSAGE", args: #"{"n": \#(index)}"#) }
            let binary = try CLI.binary().path
            let console = try TmuxSession(
                command: "\(binary) --db \(sandbox.db) --operator alice --no-engine; sleep 30", width: 120, height: 30,
                directory: sandbox.directory)
            try console.waitFor("Outbox  5 envelopes")
            try console.send("/")
            try console.send("s", literal: true)
            // "s": every row (GMAIL_SEND_EMAIL, SLACK_SEND_MESSAGE both contain an s).
            try console.waitFor("/s█  5 matches")
            try console.send("l", literal: true)
            try console.waitFor("/sl█  2 matches")
            try console.send("a", literal: true)
            try console.waitFor("/sla█  2 matches")
            try console.send("BSpace")
            try console.send("BSpace")
            try console.send("g", literal: true)
            try console.waitFor("/sg█  0 matches")
            try console.waitFor("Nothing matches the filter.")
            try console.send("Escape")
            try console.waitFor("Outbox  5 envelopes")
            console.driver.stop()
        }
    }

    @Test("SIGTERM or a closed terminal (SIGHUP) stop the console like Q: running executions finish, none is left running or run twice")
    func signalsStopTheConsoleCleanly() async throws {
        for closeTerminal in [false, true] {
            try await DedicatedExecutor.run {
                let sandbox = try Sandbox()
                try sandbox.migrate()
                _ = try sandbox.addTenant("acme", ["--max-running", "8"])
                for index in 0..<40 { _ = try sandbox.submit(tenant: "acme", args: #"{"n": \#(index)}"#, risk: "low") }
                let binary = try CLI.binary().path
                let console = try TmuxSession(
                    command: "TMPDIR=\(sandbox.directory.path) \(binary) --db \(sandbox.db) --operator alice --sim-latency-ms 2000; "
                        + "echo $? > \(sandbox.path("exit")); sleep 30",
                    width: 120, height: 30, directory: sandbox.directory)
                let pid = try Self.consolePID(console)
                let how = closeTerminal ? "closed terminal" : "SIGTERM"
                let running = try Self.eventually(seconds: 20) { try sandbox.count("outbox", where: "status = 'running'") > 0 }
                #expect(running, "executions started")
                // `running` is set when the claim commits; the execution itself starts a moment
                // later, and a stop releases what has not started. Under load a signal sent at
                // once once found all eight unstarted (nothing to finish, none succeeded): wait
                // a second into the two-second calls, so some are surely under way.
                try await Task.sleep(for: .seconds(1))
                if closeTerminal {
                    try console.tmux(["kill-session", "-t", console.name])
                } else {
                    kill(pid, SIGTERM)
                }
                let ended = Self.eventually(seconds: 20) { !Self.isRunning(pid) }
                #expect(ended, "the console stopped within 20 s (\(how))")
                #expect(try sandbox.count("outbox", where: "status = 'running'") == 0, "nothing left running (\(how))")
                #expect(try sandbox.count("outbox", where: "attempts > 1 OR status = 'dead'") == 0, "nothing ran twice or went to the DLQ (\(how))")
                #expect(try sandbox.count("worker_heartbeats") == 0, "the worker signed off (\(how))")
                let succeeded = try sandbox.count("outbox", where: "status = 'succeeded'")
                let pending = try sandbox.count("outbox", where: "status = 'pending'")
                #expect(succeeded > 0 && succeeded + pending == 40, "\(how)")
                if !closeTerminal {
                    let code = try String(contentsOfFile: sandbox.path("exit"), encoding: .utf8)
                    #expect(code.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
                    let screen = try console.screen()
                    #expect(screen.contains("SIGTERM received: stopping"), "\(screen)")
                }
                // The log file is removed when empty, else kept and named: never left empty.
                let logs = try sandbox.listing().filter { $0.hasPrefix("opsdeck-console-") }
                for log in logs { #expect((sandbox.bytes(sandbox.path(log))?.count ?? 0) > 0, "empty log \(log) left behind") }
                console.driver.stop()
            }
        }
    }
}
