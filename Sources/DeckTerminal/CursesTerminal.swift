import CNCursesw
import DeckUI
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that talks to curses: draws `Buffer`s and reads keys, mouse and resizes.
///
/// Thread use: create it, draw, read events and shut it down from ONE thread (the console
/// loop's) — curses is not thread-safe. Only `wake()` may be called from any thread, to
/// make a `nextEvent` blocked on that thread return early.
///
/// The terminal is put in raw mode (Ctrl-C and Ctrl-Z arrive as keys, not signals), echo
/// off, the cursor hidden, the keypad and (optionally) the mouse on. `TerminalGuard`
/// restores it however the process ends; call `shutdown()` for an orderly exit.
public final class CursesTerminal: @unchecked Sendable {
    /// The standard screen.
    private let window: UnsafeMutablePointer<WINDOW>
    /// The curses screen from `newterm`, freed by `shutdown()`.
    private var screen: OpaquePointer?
    /// The read end of the wake-up pipe, polled with stdin.
    private let wakeReadFD: Int32
    /// The write end of the wake-up pipe; -1 once closed. Locked so `wake()` never writes
    /// to a descriptor `shutdown()` closed (and the system reused).
    private let wakeWriteFD: Mutex<Int32>
    /// The frame on screen, or nil when unknown (first frame, after a resize).
    private var lastDrawn: Buffer?
    /// Colour pairs already allocated, keyed by foreground and background (-1 = default).
    private var pairs: [PairKey: Int32] = [:]
    /// How many pairs the terminal has.
    private let colorPairs: Int
    /// True when `use_default_colors` worked, so -1 means the terminal's own colour.
    private let hasDefaultColors: Bool
    private let mouseEnabled: Bool
    /// True once stdin hung up: poll the wake pipe only.
    private var inputClosed = false
    private var isShutDown = false
    /// True once `nextEvent` reported the pending termination signal (or the hang-up).
    private var terminationReported = false
    /// Termination signals and a hang-up become `.terminate` events.
    private let gracefulTermination: Bool
    private let attributeBits: (bold: attr_t, dim: attr_t, italic: attr_t, underline: attr_t, reverse: attr_t)

    /// Colours the terminal can show (8, 16, 256…); 0 without colour support.
    public let colors: Int

    /// The terminal's size in cells ((0, 0) after `shutdown()`).
    public var size: (width: Int, height: Int) {
        guard !isShutDown else { return (0, 0) }
        var rows: Int32 = 0
        var columns: Int32 = 0
        opsdeck_getmaxyx(window, &rows, &columns)
        return (Int(max(columns, 0)), Int(max(rows, 0)))
    }

    /// Starts curses on the process's terminal.
    ///
    /// Sets the locale from the environment (falling back to C.UTF-8 for character handling
    /// when the environment's is plain ASCII, so wide characters still work), installs
    /// `TerminalGuard`, and enables the mouse (left click, wheel) when `mouse` is true.
    /// Throws `CursesTerminalError` when stdin or stdout is not a terminal or curses
    /// cannot start.
    ///
    /// With `gracefulTermination`, the first SIGTERM, SIGHUP or SIGINT becomes a
    /// `.terminate` event instead of ending the process (see `TerminalGuard`).
    public init(mouse: Bool = true, gracefulTermination: Bool = false) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CursesTerminalError.notATerminal
        }
        setlocale(LC_ALL, "")
        if opsdeck_locale_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }

        var fds: [Int32] = [-1, -1]
        guard opsdeck_pipe(&fds) == 0 else {
            throw CursesTerminalError.pipeFailed(errno: errno)
        }

        self.gracefulTermination = gracefulTermination
        TerminalGuard.gracefulTermination = gracefulTermination ? 1 : 0
        TerminalGuard.install()
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard let screen = opsdeck_newterm(), let window = opsdeck_stdscr() else {
            TerminalGuard.uninstall()
            close(fds[0])
            close(fds[1])
            throw CursesTerminalError.cannotInitialize(term: term)
        }
        guard opsdeck_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            TerminalGuard.uninstall()
            close(fds[0])
            close(fds[1])
            throw CursesTerminalError.unsupportedTerminal(term: term)
        }
        self.screen = screen
        self.window = window
        wakeReadFD = fds[0]
        wakeWriteFD = Mutex(fds[1])
        mouseEnabled = mouse

        raw()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        meta(window, true)
        nodelay(window, true)
        scrollok(window, false)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)

        var hasDefaults = false
        if has_colors() {
            start_color()
            hasDefaults = use_default_colors() == OK
            colors = Int(opsdeck_colors())
            colorPairs = Int(opsdeck_color_pairs())
        } else {
            colors = 0
            colorPairs = 0
        }
        hasDefaultColors = hasDefaults
        attributeBits = (opsdeck_a_bold(), opsdeck_a_dim(), opsdeck_a_italic(), opsdeck_a_underline(), opsdeck_a_reverse())

        if mouse {
            // Only left presses and wheel steps become events, but curses is asked for every
            // press and release: an event outside its mask makes `wget_wch` block on the next
            // byte even in nodelay mode, stalling wake-ups and resizes. `nextEvent` filters.
            _ = mousemask(opsdeck_button_press_release_events(), nil)
            _ = mouseinterval(0)
        }
        TerminalGuard.watchResize(wakeFD: fds[1])
    }

    deinit {
        shutdown()
    }

    // MARK: - Drawing

    /// Shows `buffer`: writes only the cells that differ from the last frame drawn, then
    /// updates the terminal once. Writes nothing when nothing changed. Cells beyond the
    /// terminal's current size are dropped.
    public func draw(_ buffer: Buffer) {
        guard !isShutDown else { return }
        let diff = FrameDiff(from: lastDrawn, to: buffer)
        lastDrawn = buffer
        guard !diff.isEmpty || diff.isFull else { return }
        if diff.isFull { werase(window) }
        let (width, height) = size
        for run in diff.runs where run.y < height {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                let x = run.x + offset
                guard x < width else { break }
                put(cell, x: x, y: run.y, roomForWide: x + 1 < width)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Puts `text` on the clipboard with OSC 52 (`ESC ] 52 ; c ; base64 BEL`), after what
    /// curses has drawn. Terminals that support it (and tmux with `set-clipboard on`) take
    /// it; others ignore the sequence. Nothing of `text` reaches the screen.
    public func copyToClipboard(_ text: String) {
        guard !isShutDown else { return }
        opsdeck_write_terminal("\u{1b}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}")
    }

    /// Forgets what is on screen: the next `draw` repaints every cell and clears the
    /// terminal first (`clearok`). Called after a resize; call it when the screen may have
    /// been disturbed (e.g. after another program wrote to the terminal).
    public func invalidate() {
        guard !isShutDown else { return }
        lastDrawn = nil
        clearok(window, true)
    }

    /// Writes one cell at (`x`, `y`), keeping curses's column accounting in step with
    /// the buffer's even where the C library disagrees on a character's width.
    private func put(_ cell: Cell, x: Int, y: Int, roomForWide: Bool) {
        var scalars = Array(cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
        if scalars.isEmpty { scalars = [0x20] }
        let cursesWidth = opsdeck_wcwidth(scalars[0])
        var fillRight = false
        if cell.width == 2 {
            if !roomForWide {
                scalars = [0xFFFD]  // a wide character cut by the right edge
            } else if cursesWidth != 2 {
                // The C library thinks it narrower: draw it in one column, blank the other.
                if cursesWidth != 1 { scalars = [0xFFFD] }
                fillRight = true
            }
        } else if cursesWidth != 1 {
            scalars = [0xFFFD]  // curses would take two columns, or none, for this cell
        }
        var character = cchar_t()
        let attributes = attributes(for: cell.style.attributes)
        let pair = pair(for: cell.style)
        if opsdeck_setcchar(&character, scalars, Int32(min(scalars.count, Int(CCHARW_MAX))), attributes, pair) == ERR {
            _ = opsdeck_setcchar(&character, [0x20], 1, attributes, pair)
        }
        // ERR at the bottom-right cell only means the cursor could not advance: ignored.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &character)
        if fillRight {
            var blank = cchar_t()
            _ = opsdeck_setcchar(&blank, [0x20], 1, attributes, pair)
            _ = mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }

    private func attributes(for textAttributes: TextAttributes) -> attr_t {
        var bits: attr_t = 0
        if textAttributes.contains(.bold) { bits |= attributeBits.bold }
        if textAttributes.contains(.dim) { bits |= attributeBits.dim }
        if textAttributes.contains(.italic) { bits |= attributeBits.italic }
        if textAttributes.contains(.underline) { bits |= attributeBits.underline }
        if textAttributes.contains(.reverse) { bits |= attributeBits.reverse }
        return bits
    }

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// The colour pair for `style`'s colours (degraded to what the terminal has), allocated
    /// on first use. Pair 0 (the terminal's defaults) when there is no colour or the pairs
    /// run out — never recycling a pair already on screen.
    private func pair(for style: Style) -> Int32 {
        guard colors > 0 else { return 0 }
        let key = PairKey(
            foreground: colorNumber(style.foreground, fallback: COLOR_WHITE),
            background: colorNumber(style.background, fallback: COLOR_BLACK))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard pairs.count < colorPairs - 1 else { return 0 }
        let pair = alloc_pair(key.foreground, key.background)
        guard pair > 0 else { return 0 }
        pairs[key] = pair
        return pair
    }

    private func colorNumber(_ color: Color, fallback: Int32) -> Int32 {
        switch color.degraded(toColors: colors) {
        case .default: hasDefaultColors ? -1 : fallback
        case .indexed(let index): Int32(index)
        }
    }

    // MARK: - Input

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: don't wait) for a key, a mouse
    /// action or a resize. Returns nil on timeout or when `wake()` was called. Keys the
    /// console does not use, and mouse actions other than a left press or a wheel step,
    /// are skipped. On a resize the next `draw` repaints everything.
    ///
    /// Blocks in `poll` on stdin and the wake-up pipe — never spins. curses buffers input,
    /// so what it already holds is read before polling.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !isShutDown else { return nil }
        let deadline: ContinuousClock.Instant? = timeoutMilliseconds < 0
            ? nil : .now + .milliseconds(timeoutMilliseconds)
        while true {
            if let event = readBuffered() { return event }
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                waitMilliseconds = Int32(clamping: max(0, milliseconds))
            }
            var fds = [
                pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inputClosed ? -1 : STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if ready == 0 { return nil }
            if fds[0].revents != 0 {
                // A resize pokes the pipe too; curses then reports it as a key.
                let woken = drainWakePipe()
                if !terminationReported, TerminalGuard.pendingTermination != 0 {
                    terminationReported = true
                    return .terminate(signal: TerminalGuard.pendingTermination)
                }
                if let event = readBuffered() { return event }
                if woken { return nil }
                continue
            }
            let hangUp = Int16(POLLHUP | POLLERR | POLLNVAL)
            if fds[1].revents & hangUp != 0 {
                // The terminal went away (closed window, dropped ssh, killed tmux session).
                // A SIGHUP may never come (nohup, an ignored SIGHUP): stop as if it had,
                // after what curses still holds.
                if let event = readBuffered() { return event }
                inputClosed = true
                if gracefulTermination, !terminationReported {
                    terminationReported = true
                    return .terminate(signal: SIGHUP)
                }
            }
        }
    }

    /// Makes a `nextEvent` waiting on the terminal's thread return nil soon. Thread-safe;
    /// does nothing after `shutdown()`.
    public func wake() {
        wakeWriteFD.withLock { fd in
            guard fd >= 0 else { return }
            var byte: UInt8 = 1  // anything but TerminalGuard.resizeWakeByte
            _ = write(fd, &byte, 1)  // a full pipe already means "wake up"
        }
    }

    /// The next event curses can give without waiting, skipping unused input; nil when
    /// it has nothing more.
    private func readBuffered() -> TerminalEvent? {
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return nil }
            if status == KEY_CODE_YES {
                switch Int32(truncatingIfNeeded: code) {
                case KEY_RESIZE:
                    invalidate()
                    let (width, height) = size
                    return .resize(width: width, height: height)
                case KEY_MOUSE:
                    if let event = readMouse() { return .mouse(event) }
                    continue
                default:
                    break
                }
            }
            if let key = KeyDecoder.decode(code: code, isFunctionKey: status == KEY_CODE_YES) {
                return .key(key)
            }
        }
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard mouseEnabled, getmouse(&event) == OK else { return nil }
        let x = Int(event.x)
        let y = Int(event.y)
        if event.bstate & (opsdeck_button1_pressed() | opsdeck_button1_clicked()) != 0 {
            return MouseEvent(.click, x: x, y: y)
        }
        if event.bstate & opsdeck_button4_pressed() != 0 { return MouseEvent(.wheelUp, x: x, y: y) }
        if event.bstate & opsdeck_button5_pressed() != 0 { return MouseEvent(.wheelDown, x: x, y: y) }
        return nil
    }

    /// Empties the wake-up pipe; true if `wake()` (not only a resize) wrote to it.
    private func drainWakePipe() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 64)
        var woken = false
        while true {
            let count = read(wakeReadFD, &scratch, scratch.count)
            guard count > 0 else { return woken }
            if scratch[0..<count].contains(where: { $0 != TerminalGuard.resizeWakeByte && $0 != TerminalGuard.terminationWakeByte }) {
                woken = true
            }
        }
    }

    // MARK: - Shutdown

    /// Ends curses and gives the terminal back to the shell: modes restored, cursor shown,
    /// mouse reporting off, alternate screen left; closes the wake-up pipe and removes
    /// `TerminalGuard`'s handlers. Safe to call more than once (also runs on deinit).
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        TerminalGuard.unwatchResize()
        if mouseEnabled { _ = mousemask(0, nil) }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        TerminalGuard.uninstall()
        wakeWriteFD.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        close(wakeReadFD)
    }
}
