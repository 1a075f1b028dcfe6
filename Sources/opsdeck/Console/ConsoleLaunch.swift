import DeckConsole
import DeckCore
import DeckEngine
import DeckStore
import DeckUI
import Foundation

/// Wires the console: store, themes, in-process engine (unless `--no-engine`), runtime.
struct ConsoleLaunch {
    var global: GlobalOptions
    var console: ConsoleOptions
    var provider: ProviderOptions
    var scheduler: SchedulerOptions

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError(.badInput, "the console needs a terminal; use a subcommand (opsdeck --help) or opsdeck snapshot")
        }
        let view = try console.initialView()
        let catalog = ConsoleOptions.themeCatalog()
        let settings = try global.settings()
        let themeName = try console.themeName(in: catalog, settings: settings)
        var global = global
        var provider = provider
        var scheduler = scheduler
        let demoSeed = console.demoSeed ?? UInt64(settings.int("demo.seed"))
        if console.demo {
            // The demo's script changes accounts at 20 s and schemas at 30 s: look often,
            // unless the flags or the configuration file say otherwise.
            if settings.isDefault("scheduler.drift_check_seconds", flag: scheduler.driftCheckSeconds) {
                scheduler.driftCheckSeconds = 10
            }
            if settings.isDefault("scheduler.account_sync_seconds", flag: scheduler.accountSyncSeconds) {
                scheduler.accountSyncSeconds = 5
            }
            if !console.memory { global.db = try await DemoSetup.prepare(global: global, seed: demoSeed) }
            provider.useDemoDefaults(settings: settings)
        }
        let access = console.memory ? try StoreAccess(memory: global) : try await StoreAccess.open(global)
        if console.memory, console.demo {
            _ = try await DemoWorld.seed(into: access.store, seed: demoSeed, now: SystemClock().now())
        }
        // From here the terminal belongs to the console: anything written to stderr (engine
        // logs, library warnings, a crash report) goes to the log file instead of corrupting
        // the screen.
        let log = try ConsoleLog(path: console.logFile)
        LogOptions.bootstrapConsole()
        var engine: ConsoleServices?
        if !console.noEngine && !console.readOnly {
            let configuration = try scheduler.configuration(actor: SchedulerOptions.actor, settings: settings)
            // The demo's script runs on the world's clock: a reused demo database continues its
            // timeline instead of replaying it (which would show schemas going back and forth).
            let worldStart = console.demo ? try await access.store.tenants(in: .allTenants).map(\.createdAt).min() : nil
            let toolProvider = try await provider.makeProvider(store: access.store, settings: settings, scriptStart: worldStart)
            engine = try ConsoleServices(
                store: access.store, provider: toolProvider, scheduler: configuration, concurrency: console.concurrency,
                retryPolicy: try settings.retryPolicy(),
                agent: console.demo ? (settings.double("demo.rate", flag: console.demoRate), demoSeed) : nil)
        }
        var state = ConsoleState(
            operatorName: access.operatorName, databaseLabel: console.memory ? "memory (lost on exit)" : StoreOpening.label(global.databasePath),
            engineLabel: engine == nil ? "observe" : "engine", readOnly: console.readOnly, width: 80, height: 24,
            now: SystemClock().now(), themeName: themeName, themeNames: catalog.names)
        state.view = view
        state.bulkConfirmThreshold = settings.int("bulk_confirm_threshold")
        let source = StoreConsoleSource(store: access.store, telemetry: EngineTelemetry.frame)
        let runtime = ConsoleRuntime(
            source: source, state: state, themes: catalog, noColor: ConsoleOptions.noColorRequested, mouse: !console.noMouse)
        // The services run as a child task of this one (structured: they cannot outlive
        // the console), their own service group inside; the console's loop beside them.
        // The engine starts once the terminal is open: from then on SIGTERM, SIGHUP and SIGINT
        // stop the console in order. Started earlier, on a loaded machine it claimed before the
        // terminal's handlers were in place, and a SIGTERM then killed the process with
        // executions running (a tmux test saw exit 143).
        let (terminalOpen, opened) = AsyncStream<Void>.makeStream()
        try await withThrowingDiscardingTaskGroup { group in
            if let engine {
                group.addTask {
                    for await _ in terminalOpen {}
                    guard !Task.isCancelled else { return }
                    try? await engine.run()
                }
            }
            let signal: Int32?
            do {
                signal = try await runtime.run(terminalOpened: { opened.finish() })
            } catch {
                await engine?.stop()
                log.restore()
                throw CLIError(.refused, "\(error)")
            }
            log.restore()
            // The terminal may be gone (SIGHUP): more hang-ups follow it, and must not cut the
            // engine's stop short. A second SIGTERM or SIGINT still ends the process at once.
            Glibc.signal(SIGHUP, SIG_IGN)
            if let signal {
                ConsoleLog.say("opsdeck: \(signalName(signal)) received: stopping")
            }
            if let engine {
                ConsoleLog.say("opsdeck: stopping the engine (finishing running executions)…")
                await engine.stop()
            }
        }
        await engine?.release()
    }

    private func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }
}
