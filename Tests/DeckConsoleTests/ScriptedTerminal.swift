import DeckConsole
import DeckTerminal
import DeckUI
import Foundation

/// A terminal backend that plays a script: keys to press, and screens to wait for before
/// the next key (each wait with a deadline). It records every frame drawn, so a test reads
/// the screen as an operator would, without curses or tmux.
final class ScriptedTerminal: TerminalBackend, @unchecked Sendable {
    enum Step {
        /// Press a key.
        case press(Key)
        /// Type each character.
        case type(String)
        /// Wait (at most `seconds`) until the screen shows `text`.
        case waitFor(String, seconds: Double)
        /// The terminal is resized.
        case resize(width: Int, height: Int)
        /// A termination signal arrives.
        case terminate(Int32)
    }

    private let condition = NSCondition()
    private var events: [TerminalEvent] = []
    private var pending: [Step]
    private var waitDeadline: Date?
    private var screenText = ""
    private(set) var size: (width: Int, height: Int)
    let colors = 256
    /// Frames drawn so far.
    private(set) var framesDrawn = 0
    /// Waits that ran out, with the screen they saw: the test fails on any.
    private(set) var timeouts: [String] = []
    /// Text put on the clipboard.
    private(set) var clipboard: [String] = []
    private(set) var isShutDown = false

    init(width: Int = 120, height: Int = 30, script: [Step]) {
        size = (width, height)
        pending = script
    }

    /// The last frame, trailing spaces trimmed.
    var screen: String { condition.withLock { screenText } }

    func draw(_ buffer: Buffer) {
        condition.withLock {
            screenText = buffer.lines().joined(separator: "\n")
            framesDrawn += 1
            condition.broadcast()
        }
    }

    func invalidate() {}

    func copyToClipboard(_ text: String) { condition.withLock { clipboard.append(text) } }

    func wake() { condition.withLock { condition.broadcast() } }

    func shutdown() { condition.withLock { isShutDown = true } }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        condition.lock()
        defer { condition.unlock() }
        let until = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        while true {
            if !events.isEmpty { return events.removeFirst() }
            guard let step = pending.first else {
                // The script is over and nobody quit: stop the console rather than hang.
                return .terminate(signal: SIGTERM)
            }
            switch step {
            case .press(let key):
                pending.removeFirst()
                events.append(.key(key))
            case .type(let text):
                pending.removeFirst()
                events += text.map { .key(.character($0)) }
            case .resize(let width, let height):
                pending.removeFirst()
                size = (width, height)
                events.append(.resize(width: width, height: height))
            case .terminate(let signal):
                pending.removeFirst()
                events.append(.terminate(signal: signal))
            case .waitFor(let text, let seconds):
                if screenText.contains(text) {
                    pending.removeFirst()
                    waitDeadline = nil
                    continue
                }
                let deadline = waitDeadline ?? Date().addingTimeInterval(seconds)
                waitDeadline = deadline
                if Date() >= deadline {
                    timeouts.append("waited \(seconds) s for \"\(text)\"; the screen was:\n\(screenText)")
                    pending.removeAll()
                    return .terminate(signal: SIGTERM)
                }
                // Let the runtime process messages (a load) and draw: return on wake or timeout.
                if !condition.wait(until: min(until, deadline)) { return nil }
                if screenText.contains(text) { continue }
                return nil
            }
        }
    }
}
