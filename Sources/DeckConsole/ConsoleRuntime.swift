import DeckCore
import DeckTerminal
import DeckUI
import Foundation

/// Runs the console: one thread owns the terminal (every curses call happens there) and
/// the state; loads and actions run as tasks and come back as messages.
public final class ConsoleRuntime: @unchecked Sendable {
    private let source: any ConsoleSource
    private let initial: ConsoleState
    private let themes: ThemeCatalog
    private let noColor: Bool
    private let mouse: Bool
    /// The wall clock the console's times (ages, durations, the status bar) are read from.
    private let clock: any WallClock
    /// Opens the terminal, on the console's thread.
    private let openTerminal: @Sendable (_ mouse: Bool) throws -> any TerminalBackend
    /// Where the loader and the actions run (the global pool when nil).
    private let taskExecutor: (any TaskExecutor)?

    /// A runtime over `source`; `openTerminal` gives the real terminal by default (with
    /// SIGTERM, SIGHUP and SIGINT turned into a graceful stop), a scripted one in tests.
    /// `taskExecutor` runs the loader and the actions elsewhere than the global pool (tests
    /// whose pool other suites keep busy).
    public init(
        source: any ConsoleSource, state: ConsoleState, themes: ThemeCatalog, noColor: Bool, mouse: Bool,
        clock: any WallClock = SystemClock(),
        openTerminal: @escaping @Sendable (_ mouse: Bool) throws -> any TerminalBackend = { mouse in
            try CursesTerminal(mouse: mouse, gracefulTermination: true)
        },
        taskExecutor: (any TaskExecutor)? = nil
    ) {
        self.openTerminal = openTerminal
        self.taskExecutor = taskExecutor
        self.source = source
        self.clock = clock
        initial = state
        self.themes = themes
        self.noColor = noColor
        self.mouse = mouse
    }

    /// Returns when the operator quits (nil) or a termination signal asked the console to stop
    /// (the signal); throws when the terminal cannot be used. `terminalOpened` is called once
    /// the terminal is open — with the real terminal, once SIGTERM, SIGHUP and SIGINT are turned
    /// into an orderly stop — so work that must not be cut short by those signals (the engine)
    /// can start after it.
    public func run(terminalOpened: @escaping @Sendable () -> Void = {}) async throws -> Int32? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32?, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try self.loop(terminalOpened))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "opsdeck-console"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func theme(_ name: String, colors: Int) -> Theme {
        let theme = themes.theme(named: name) ?? Theme.dark
        return noColor || colors < 8 ? theme.withoutColor() : theme
    }

    private func loop(_ terminalOpened: @Sendable () -> Void) throws -> Int32? {
        // SIGTERM, SIGHUP (the terminal closed) and SIGINT stop the console like Q: the
        // engine finishes what runs before the process ends.
        let terminal = try openTerminal(mouse)
        defer { terminal.shutdown() }
        terminalOpened()
        let inbox = ConsoleInbox(terminal: terminal)
        let loader = ConsoleLoader(source: source, inbox: inbox, timerExecutor: taskExecutor)
        let executor = taskExecutor
        let loaderTask = Task.detached(executorPreference: executor) { await loader.run() }
        defer { loaderTask.cancel() }
        var state = initial
        (state.width, state.height) = terminal.size
        state.now = clock.now()
        var theme = theme(state.themeName, colors: terminal.colors)
        var effects: [ConsoleEffect] = []
        var dirty = true
        var nextTick = ContinuousClock.now + .seconds(1)
        let actor = state.operatorName
        let source = self.source
        while true {
            for message in inbox.drain() {
                effects += Console.update(&state, message)
                dirty = true
            }
            for effect in effects {
                switch effect {
                case .quit:
                    return nil
                case .setTheme(let name):
                    theme = self.theme(name, colors: terminal.colors)
                    terminal.invalidate()
                case .copy(let text, let label):
                    terminal.copyToClipboard(text)
                    inbox.post(.actionFinished(ActionOutcome("copied \(label) to the clipboard (OSC 52)")))
                case .preview(let action):
                    Task.detached(executorPreference: executor) {
                        do {
                            inbox.post(.previewed(action, try await source.preview(action)))
                        } catch {
                            inbox.post(.actionFinished(ActionOutcome("\(error)", isError: true)))
                        }
                    }
                case .perform(let action):
                    Task.detached(executorPreference: executor) {
                        do {
                            inbox.post(.actionFinished(try await source.perform(action, actor: actor)))
                        } catch {
                            inbox.post(.actionFinished(ActionOutcome("\(action.verb) failed: \(error)", isError: true)))
                        }
                    }
                }
            }
            effects.removeAll()
            loader.want(state.dataRequest)
            if dirty {
                terminal.draw(Console.render(state, theme: theme))
                dirty = false
            }
            let timeout = max(0, Int((nextTick - ContinuousClock.now).milliseconds))
            if let event = terminal.nextEvent(timeoutMilliseconds: timeout) {
                switch event {
                case .key(let key): effects += Console.update(&state, .key(key))
                case .mouse(let mouse): effects += Console.update(&state, .mouse(mouse))
                case .resize(let width, let height): effects += Console.update(&state, .resize(width: width, height: height))
                case .terminate(let signal): return signal
                }
                dirty = true
            }
            if ContinuousClock.now >= nextTick {
                effects += Console.update(&state, .tick(clock.now()))
                nextTick = ContinuousClock.now + .seconds(1)
                dirty = true
            }
        }
    }
}
