import CNCursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way the shell left it however the process ends: normal exit,
/// a termination signal, or a crash.
///
/// `install()` saves stdin's termios (call it before curses changes the modes) and installs
/// handlers for SIGTERM, SIGHUP, SIGINT and SIGQUIT (restore, then `_exit(128 + signal)`)
/// and for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and SIGFPE (restore, put back the
/// handler that was there before — `SIG_DFL`, or the Swift runtime's backtracer — and hand
/// it the signal: a CPU fault repeats when the handler returns, anything else is raised
/// again; so the crash is reported as usual, with its real address). An `atexit` hook
/// restores too. The restore itself is async-signal-safe: `tcsetattr` with the saved
/// termios and one `write` of a fixed escape sequence (mouse reporting off, cursor shown,
/// alternate screen left), held in static C storage.
///
/// Call `install`, `uninstall` and `watchResize` from one thread (the terminal's).
/// Installed handlers replace any earlier ones for the termination signals. A program that
/// wants to stop in an orderly way asks for `gracefulTermination`: then the first SIGTERM,
/// SIGHUP or SIGINT only records itself (`pendingTermination`) and wakes the terminal's
/// reader (the same pipe as a resize), which reports it as an event; a second SIGTERM or
/// SIGINT, or SIGQUIT, restores the terminal and ends the process at once (a repeated SIGHUP,
/// or one arriving while the terminal is given back, is ignored).
public enum TerminalGuard {
    /// Signals that end the process after the terminal is restored.
    public static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// Signals of a crash: restore, then let the previous disposition handle them.
    public static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    private static let slotCount = 65

    // Everything a handler reads is set up before the handler is installed, never freed,
    // and only written while no handler of ours is installed (or, for `armed`, atomically
    // enough for a flag): hence `nonisolated(unsafe)`.
    /// The termios stdin had at `install()`.
    nonisolated(unsafe) private static let savedTermios: UnsafeMutablePointer<termios> = {
        let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        pointer.initialize(to: termios())
        return pointer
    }()
    /// The dispositions our handlers replaced, by signal number.
    nonisolated(unsafe) private static let previousActions: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: slotCount)
        pointer.initialize(repeating: sigaction(), count: slotCount)
        return pointer
    }()
    /// 1 while handlers are installed and the terminal needs restoring.
    nonisolated(unsafe) private static var armed: Int32 = 0
    /// 1 when `savedTermios` holds a real value.
    nonisolated(unsafe) private static var haveTermios: Int32 = 0
    nonisolated(unsafe) private static var atexitRegistered = false
    /// The write end of the pipe SIGWINCH pokes, or -1.
    nonisolated(unsafe) private static var resizeWakeFD: Int32 = -1
    nonisolated(unsafe) private static var resizeWatched = false

    /// The byte SIGWINCH writes to the wake-up pipe, so a reader can tell it from a wake.
    static let resizeWakeByte: UInt8 = 0x57
    /// The byte a graceful termination signal writes to the wake-up pipe.
    static let terminationWakeByte: UInt8 = 0x54
    /// 1 when the first SIGTERM, SIGHUP or SIGINT should ask for an orderly stop instead of
    /// ending the process (set before `install()`).
    nonisolated(unsafe) public static var gracefulTermination: Int32 = 0
    /// The signal of a termination asked for and not yet carried out, or 0.
    nonisolated(unsafe) public private(set) static var pendingTermination: Int32 = 0

    /// True between `install()` and `uninstall()`.
    public static var isInstalled: Bool { armed != 0 }

    /// Saves stdin's terminal modes and installs the signal handlers and the `atexit` hook.
    /// Does nothing if already installed.
    public static func install() {
        guard armed == 0 else { return }
        // Touch every static a handler uses so its lazy initialisation happens here.
        _ = previousActions
        _ = resizeWakeFD
        _ = terminationWakeByte
        pendingTermination = 0
        haveTermios = tcgetattr(STDIN_FILENO, savedTermios) == 0 ? 1 : 0
        armed = 1
        for signal in terminationSignals { installHandler(onTermination, for: signal) }
        for signal in crashSignals { installCrashHandler(for: signal) }
        if !atexitRegistered {
            atexitRegistered = true
            atexit(onExit)
        }
    }

    /// Puts back the signal dispositions `install()` replaced; the `atexit` hook stays
    /// registered but does nothing. Call after the terminal was restored in an orderly way.
    ///
    /// With `gracefulTermination`, SIGHUP is left ignored instead: the terminal may be gone,
    /// and the hang-ups that follow (the terminal's, then the kernel's when the pty closes)
    /// must not cut the program's orderly stop short. Restored to its default, a second
    /// SIGHUP landing before the program could ignore it killed a console whose tmux
    /// session was closed, executions still running.
    public static func uninstall() {
        guard armed != 0 else { return }
        unwatchResize()
        armed = 0
        for signal in terminationSignals + crashSignals {
            if signal == SIGHUP, gracefulTermination != 0 {
                ignore(SIGHUP)
            } else {
                _ = sigaction(signal, previousActions + Int(signal), nil)
            }
        }
    }

    private static func ignore(_ signal: Int32) {
        #if canImport(Glibc)
        _ = Glibc.signal(signal, SIG_IGN)
        #else
        _ = Darwin.signal(signal, SIG_IGN)
        #endif
    }

    /// Restores the terminal now if installed: async-signal-safe, and safe to call twice.
    public static func restore() {
        guard armed != 0 else { return }
        opsdeck_restore_terminal(haveTermios != 0 ? UnsafePointer(savedTermios) : nil)
    }

    /// Also writes a byte to `fd` on SIGWINCH, then calls the handler curses installed, so
    /// a `poll` on the other end of the pipe wakes for a resize. Call after curses started.
    static func watchResize(wakeFD fd: Int32) {
        guard !resizeWatched else { return }
        _ = resizeWakeByte  // initialised here, not first in the handler
        resizeWakeFD = fd
        resizeWatched = true
        installHandler(onResize, for: SIGWINCH, flags: SA_RESTART)
    }

    /// Puts back the SIGWINCH handler `watchResize` replaced.
    static func unwatchResize() {
        guard resizeWatched else { return }
        _ = sigaction(SIGWINCH, previousActions + Int(SIGWINCH), nil)
        resizeWatched = false
        resizeWakeFD = -1
    }

    private static func installHandler(_ handler: @escaping @convention(c) (Int32) -> Void, for signal: Int32, flags: Int32 = 0) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        _ = sigaction(signal, &action, previousActions + Int(signal))
    }

    private static func installCrashHandler(for signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_sigaction = onCrash
        #else
        action.__sigaction_u.__sa_sigaction = onCrash
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO | SA_NODEFER
        _ = sigaction(signal, &action, previousActions + Int(signal))
    }
}

// The handlers are plain C function pointers; they touch only statics set up beforehand
// and call only async-signal-safe functions.

private let onTermination: @convention(c) (Int32) -> Void = { signal in
    if TerminalGuard.requestTermination(signal) { return }
    TerminalGuard.restore()
    _exit(128 + signal)
}

private let onCrash: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signal, info, _ in
    TerminalGuard.restore()
    TerminalGuard.handOver(signal, faulted: (info?.pointee.si_code ?? 0) > 0)
}

private let onResize: @convention(c) (Int32) -> Void = { signal in
    TerminalGuard.pokeAndChain(signal)
}

private let onExit: @convention(c) () -> Void = {
    TerminalGuard.restore()
}

extension TerminalGuard {
    /// Puts back the disposition from before `install()` and lets it handle `signal`.
    ///
    /// A fault the CPU raised (`faulted`: SIGSEGV, SIGBUS, SIGILL, SIGFPE with a positive
    /// `si_code`) happens again when the handler returns, so the previous handler — the
    /// default, or the Swift runtime's backtracer — sees the real fault and address.
    /// Anything else (`kill`, `abort`, a breakpoint trap, which does not repeat) is raised.
    fileprivate static func handOver(_ signal: Int32, faulted: Bool) {
        armed = 0
        if sigaction(signal, previousActions + Int(signal), nil) != 0 {
            var fallback = sigaction()  // all zero: SIG_DFL
            sigemptyset(&fallback.sa_mask)
            _ = sigaction(signal, &fallback, nil)
        }
        if faulted && signal != SIGTRAP && signal != SIGABRT { return }
        _ = raise(signal)
    }

    /// In graceful mode, records the first SIGTERM, SIGHUP or SIGINT and wakes the reader;
    /// false when the process should end now (not graceful, SIGQUIT, or a second signal).
    /// A hang-up never forces: closing a terminal sends SIGHUP more than once (the session's
    /// own, then the kernel's when the terminal goes away).
    fileprivate static func requestTermination(_ signal: Int32) -> Bool {
        guard gracefulTermination != 0, signal != SIGQUIT else { return false }
        // A hang-up never ends a program that stops in order: reported when it can be, else
        // ignored. The terminal's thread may have seen the hang-up on stdin first and begun
        // giving the terminal back (the wake pipe already unwatched): ending the process then
        // cut the console's engine short with executions running.
        if signal == SIGHUP, pendingTermination != 0 || resizeWakeFD < 0 { return true }
        guard resizeWakeFD >= 0, pendingTermination == 0 else { return false }
        let savedErrno = errno
        pendingTermination = signal
        var byte = terminationWakeByte
        _ = write(resizeWakeFD, &byte, 1)
        errno = savedErrno
        return true
    }

    /// Writes a wake byte, then runs the SIGWINCH handler that was there before.
    fileprivate static func pokeAndChain(_ signal: Int32) {
        let savedErrno = errno
        var byte = resizeWakeByte
        if resizeWakeFD >= 0 { _ = write(resizeWakeFD, &byte, 1) }
        let previous = previousActions + Int(signal)
        #if canImport(Glibc)
        if previous.pointee.sa_flags & SA_SIGINFO != 0 {
            previous.pointee.__sigaction_handler.sa_sigaction?(signal, nil, nil)
        } else if let handler = previous.pointee.__sigaction_handler.sa_handler,
                  unsafeBitCast(handler, to: Int.self) > 1 {  // not SIG_DFL (0) or SIG_IGN (1)
            handler(signal)
        }
        #endif
        errno = savedErrno
    }
}
