import ArgumentParser
import DeckConsole
import DeckCore
import DeckStore
import DeckTmux
import DeckTerminal
import DeckUI
import Foundation

extension BenchCommand {
    /// Measures the console on a large database: in process (queries + render + diff per
    /// refresh) and as an operator meets it, in a real terminal under tmux (first frame,
    /// key-to-screen latency, idle CPU, peak memory).
    struct Console: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "console",
            abstract: "Measure the console on a database of 200,000 envelopes and 1,000,000 audit rows.",
            discussion: """
                Builds the database once (set-based SQL; audit hashes are placeholders) in --dir, \
                then: the first frame in process; refresh cycles (the visible rows' queries, \
                render, diff) over every view and window position; and, when tmux is installed, \
                the real console (--no-engine) in a 200x50 terminal: time from start to the first \
                frame on screen, key press to changed screen (tmux capture, so an upper bound), \
                CPU over an idle period, and peak resident memory after paging around.
                """)

        @Option(help: "Envelopes in the database.") var envelopes = 200_000
        @Option(help: "Audit rows in the database.") var auditRows = 1_000_000
        @Option(help: "Tenants.") var tenants = 50
        @Option(help: "Refresh cycles measured in process.") var refreshes = 700
        @Option(help: "Key presses timed in the terminal.") var keys = 60
        @Option(help: "Seconds of idle CPU measured.") var idleSeconds = 10.0
        @Option(help: "Working directory (default: a new temporary directory, removed afterwards).") var dir: String?

        func run() async throws {
            let fileManager = FileManager.default
            let work = dir.map { URL(fileURLWithPath: $0) }
                ?? fileManager.temporaryDirectory.appendingPathComponent("opsdeck-bench-console-\(UUID().uuidString)")
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            defer { if dir == nil { try? fileManager.removeItem(at: work) } }
            let path = work.appendingPathComponent("console-\(envelopes)-\(auditRows).sqlite").path
            if !fileManager.fileExists(atPath: path) {
                let started = ContinuousClock.now
                let store = try SQLiteStore.open(path: path, mode: .migrate)
                try store.migrate()
                var ids: [String] = []
                for index in 0..<tenants {
                    ids.append(try await store.addTenant(
                        TenantDraft(name: String(format: "tenant-%03d", index), timeZone: "Europe/Paris", maxRunning: 8),
                        actor: "bench").id.rawValue)
                }
                try await store.benchmarkFillConsole(envelopes: envelopes, auditRows: auditRows, tenantIDs: ids)
                print("built \(path) in \(Self.seconds(ContinuousClock.now - started)) s")
            } else {
                // A database kept from an earlier build (--dir): brought to this build's schema.
                let migrated = try SQLiteStore.open(path: path, mode: .migrate).migrate()
                if !migrated.isEmpty { print("migrated \(path): \(migrated.joined(separator: ", "))") }
            }
            try await inProcess(path: path)
            if let tmux = TmuxDriver() {
                try await inTerminal(path: path, tmux: tmux)
            } else {
                print("tmux not installed: terminal measurements skipped")
            }
        }

        static func seconds(_ duration: Duration) -> String { String(format: "%.1f", duration.milliseconds / 1000) }

        static func percentile(_ values: [Double], _ p: Double) -> Double {
            guard !values.isEmpty else { return 0 }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }

        static func summary(_ values: [Double]) -> String {
            String(format: "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%d)",
                   percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99), values.max() ?? 0, values.count)
        }

        func inProcess(path: String) async throws {
            let opened = ContinuousClock.now
            let store = try SQLiteStore.open(path: path, mode: .existing)
            let source = StoreConsoleSource(store: store, telemetry: EngineTelemetry.frame)
            var state = ConsoleState(
                operatorName: "bench", databaseLabel: path, engineLabel: "observe", readOnly: false, width: 200, height: 50,
                now: Timestamp(Date()))
            state.view = .outbox
            var previous: DeckUI.Buffer?
            let request = state.dataRequest
            _ = DeckUI.Console.update(&state, .loaded(request, try await source.load(request)))
            var buffer = DeckUI.Console.render(state, theme: .dark)
            _ = FrameDiff(from: previous, to: buffer)
            previous = buffer
            print(String(format: "in process: first frame (open, queries, render, diff) %.1f ms", (ContinuousClock.now - opened).milliseconds))

            let middleEnvelope = Int64(envelopes / 2)
            let middleAudit = Int64(auditRows / 2)
            // The last two: one tenant's outbox and audit log (`:tenant tenant-007`), which read
            // `outbox_by_tenant` and the audit log's tenant index.
            let tenant = try await store.tenant(named: "tenant-007", in: .allTenants)?.id
            let positions: [(String, ConsoleViewKind, Int64?, TenantID?)] = [
                ("outbox newest", .outbox, nil, nil), ("outbox middle", .outbox, middleEnvelope, nil), ("dlq", .dlq, nil, nil),
                ("audit newest", .audit, nil, nil), ("audit middle", .audit, middleAudit, nil), ("tenants", .tenants, nil, nil),
                ("telemetry", .telemetry, nil, nil), ("drift", .drift, nil, nil),
                ("outbox tenant", .outbox, nil, tenant), ("audit tenant", .audit, nil, tenant),
            ]
            var byPosition: [String: [Double]] = [:]
            var all: [Double] = []
            var counts: [String: [Double]] = [:]
            var cached = state.data
            for index in 0..<refreshes {
                let (name, view, anchor, tenant) = positions[index % positions.count]
                state.view = view
                state.scope = tenant.map { .tenant($0) } ?? .allTenants
                var position = ListPosition()
                position.selectedID = anchor.map { $0 - Int64(index % 50) }
                position.cursorRow = 10
                state.positions[view] = position
                let request = state.dataRequest
                if index < positions.count * 10 {
                    // Counts and telemetry: at most once a second in the console.
                    let started = ContinuousClock.now
                    cached = cached.merging(try await source.load(request, parts: [.counts, .telemetry]), parts: [.counts, .telemetry])
                    counts[name, default: []].append((ContinuousClock.now - started).milliseconds)
                }
                let started = ContinuousClock.now
                cached = cached.merging(try await source.load(request, parts: .rows), parts: .rows)
                _ = DeckUI.Console.update(&state, .loaded(request, cached))
                buffer = DeckUI.Console.render(state, theme: .dark)
                _ = FrameDiff(from: previous, to: buffer)
                previous = buffer
                let elapsed = (ContinuousClock.now - started).milliseconds
                byPosition[name, default: []].append(elapsed)
                all.append(elapsed)
            }
            print("in process: refresh (queries for the visible rows + render + diff), 200x50:")
            print("  all views      " + Self.summary(all))
            for (name, _, _, _) in positions {
                print("  " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + Self.summary(byPosition[name] ?? []))
            }
            print("in process: counts and telemetry (whole-table aggregates, at most once a second):")
            for (name, _, _, _) in positions {
                print("  " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + Self.summary(counts[name] ?? []))
            }
            if let sample = ProcessSample(pid: getpid()) {
                print(String(format: "in process: peak resident memory %.1f MB", Double(sample.peakResidentBytes) / 1_048_576))
            }
        }

        func inTerminal(path: String, tmux: TmuxDriver) async throws {
            defer { tmux.stop() }
            let binary = CommandLine.arguments[0].hasPrefix("/")
                ? CommandLine.arguments[0] : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
            let started = ContinuousClock.now
            guard tmux.start("\(binary) --db \(path) --no-engine --operator bench", width: 200, height: 50) else {
                print("tmux could not start the console")
                return
            }
            var firstFrame: Double?
            while ContinuousClock.now - started < .seconds(10) {
                let screen = tmux.screen()
                if screen.contains("ID TENANT") && screen.contains("tenant-0") {
                    firstFrame = (ContinuousClock.now - started).milliseconds
                    break
                }
                usleep(1_000)
            }
            guard let firstFrame else {
                print("terminal: no first frame within 10 s:\n" + tmux.screen())
                return
            }
            print(String(format: "terminal: process start to first frame on screen %.0f ms", firstFrame))
            guard let shell = tmux.panePID(), let pid = Self.consolePID(under: shell) else {
                print("terminal: cannot find the console's pid")
                return
            }
            usleep(500_000)
            var latencies: [Double] = []
            for index in 0..<keys {
                let before = tmux.screen()
                let key = index % 10 == 9 ? "PageDown" : "j"
                let sent = ContinuousClock.now
                tmux.send(key)
                while ContinuousClock.now - sent < .seconds(2) {
                    if tmux.screen() != before { break }
                }
                latencies.append((ContinuousClock.now - sent).milliseconds)
                usleep(20_000)
            }
            print("terminal: key press to changed screen (j / PgDn, via tmux capture): " + Self.summary(latencies))
            for key in ["G", "g", "6", "G", "5", "1", "7", "4", "g"] {
                tmux.send(key)
                usleep(150_000)
            }
            // Another process's write, to the screen: this bench process submits, the console shows it.
            let writer = try SQLiteStore.open(path: path, mode: .existing)
            let tenant = try await writer.tenants(in: .allTenants)[0]
            var appearances: [Double] = []
            // The outbox keeps the selection pinned to its row: a new envelope arrives above it
            // as "▲ N newer" in the title (its row shows once the operator presses g).
            tmux.send("g")
            usleep(300_000)
            for round in 0..<10 {
                let draft = try EnvelopeDraft(tenantID: tenant.id, toolSlug: "SLACK_SEND_MESSAGE", arguments: ["text": "bench"])
                let submitted = ContinuousClock.now
                let receipt = try await writer.submit([draft], in: .tenant(tenant.id), actor: "bench")
                let row = String(receipt.ids[0].rawValue) + " " + tenant.name
                let counted = "▲ \(round + 1) newer"
                while ContinuousClock.now - submitted < .seconds(5) {
                    let screen = tmux.screen()
                    if screen.contains(counted) || screen.contains(row) { break }
                }
                appearances.append((ContinuousClock.now - submitted).milliseconds)
                usleep(300_000)
            }
            print("terminal: another process's submission to the screen: " + Self.summary(appearances))
            usleep(1_000_000)
            guard let before = ProcessSample(pid: pid) else { return }
            usleep(UInt32(idleSeconds * 1_000_000))
            guard let after = ProcessSample(pid: pid) else { return }
            let share = (after.cpuSeconds - before.cpuSeconds) / idleSeconds * 100
            print(String(format: "terminal: idle CPU over %.0f s: %.2f%% of one core", idleSeconds, share))
            print(String(format: "terminal: resident memory %.1f MB, peak %.1f MB (after paging every view to both ends)",
                         Double(after.residentBytes) / 1_048_576, Double(after.peakResidentBytes) / 1_048_576))
            tmux.send("Q")
        }

        /// The console process: the child of the pane's shell, or the pane process itself.
        static func consolePID(under shell: Int32) -> Int32? {
            if let comm = try? String(contentsOfFile: "/proc/\(shell)/comm", encoding: .utf8), comm.hasPrefix("opsdeck") {
                return shell
            }
            let tasks = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            return tasks.split(separator: " ").compactMap { Int32($0) }.first
        }
    }
}
