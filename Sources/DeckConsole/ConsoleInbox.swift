import DeckUI
import Synchronization

/// Messages for the UI thread from background tasks; posting wakes the terminal's wait.
final class ConsoleInbox: Sendable {
    private let messages = Mutex<[ConsoleMessage]>([])
    private let terminal: (any TerminalBackend)?

    init(terminal: (any TerminalBackend)?) { self.terminal = terminal }

    func post(_ message: ConsoleMessage) {
        messages.withLock { $0.append(message) }
        terminal?.wake()
    }

    func drain() -> [ConsoleMessage] {
        messages.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
