import DeckCore
import DeckEngine
import DeckUI
import Foundation
import Synchronization

/// Keeps the screen's rows fresh: reloads when the wanted request changes, when the
/// database's change token moves (polled every 250 ms), and every second for telemetry.
final class ConsoleLoader: Sendable {
    private let source: any ConsoleSource
    private let inbox: ConsoleInbox
    private let wanted = Mutex<DataRequest?>(nil)
    private let doorbell = Doorbell()
    static let pollInterval = Duration.milliseconds(250)
    static let refreshMilliseconds: Int64 = 1_000

    init(source: any ConsoleSource, inbox: ConsoleInbox) {
        self.source = source
        self.inbox = inbox
    }

    /// Asks for `request`; a change wakes the loader at once.
    func want(_ request: DataRequest) {
        let changed = wanted.withLock { current -> Bool in
            guard current != request else { return false }
            current = request
            return true
        }
        if changed { doorbell.ring() }
    }

    /// Loads until cancelled.
    func run() async {
        var lastRequest: DataRequest?
        var lastToken: Int64?
        var lastLoad = ContinuousClock.now
        var failing = false
        while !Task.isCancelled {
            if let request = wanted.withLock({ $0 }) {
                do {
                    let token = try await source.changeToken()
                    let stale = ContinuousClock.now - lastLoad >= .milliseconds(Self.refreshMilliseconds)
                    if request != lastRequest || token != lastToken || stale {
                        let data = try await source.load(request)
                        inbox.post(.loaded(request, data))
                        lastRequest = request
                        lastToken = token
                        lastLoad = ContinuousClock.now
                    }
                    failing = false
                } catch {
                    if !failing { inbox.post(.loadFailed(TerminalText.sanitize("\(error)"))) }
                    failing = true
                }
            }
            await doorbell.wait(timeout: Self.pollInterval)
        }
    }
}
