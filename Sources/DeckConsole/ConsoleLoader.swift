import DeckCore
import DeckEngine
import DeckUI
import Foundation
import Synchronization

/// Keeps the screen's rows fresh: reloads when the wanted request changes, when the
/// database's change token moves, and every second for telemetry. The token is polled every
/// 250 ms; on a store with a change feed (PostgreSQL's `NOTIFY`) a notification wakes the
/// loader at once, and while the feed is live the token is read once a second (and every
/// 250 ms while counts wait to be reloaded) as a fallback.
final class ConsoleLoader: Sendable {
    private let source: any ConsoleSource
    private let inbox: ConsoleInbox
    private let wanted = Mutex<DataRequest?>(nil)
    private let doorbell = Doorbell()
    private let changes = ChangeWatch()
    /// Where the poll timer runs (the global pool when nil).
    private let timerExecutor: (any TaskExecutor)?
    static let pollInterval = Duration.milliseconds(250)
    static let countsInterval = Duration.seconds(1)
    static let telemetryInterval = Duration.seconds(1)
    static let fallbackInterval = Duration.seconds(1)

    init(source: any ConsoleSource, inbox: ConsoleInbox, timerExecutor: (any TaskExecutor)? = nil) {
        self.source = source
        self.inbox = inbox
        self.timerExecutor = timerExecutor
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

    /// Loads until cancelled: the visible rows whenever the request or the database changed;
    /// counts (whole-table aggregates) with them at most once a second; telemetry every second.
    func run() async {
        await withDiscardingTaskGroup { group in
            if let feed = source.changeFeed {
                group.addTask { await self.changes.follow(feed, doorbell: self.doorbell) }
            }
            await load()
            group.cancelAll()
        }
    }

    /// Whether the change feed is live (tests).
    var isFollowingChanges: Bool { changes.isLive }

    private func load() async {
        var lastRequest: DataRequest?
        var lastToken: Int64?
        var cached = ConsoleData()
        var lastCounts = ContinuousClock.now - .seconds(60)
        var lastTelemetry = ContinuousClock.now - .seconds(60)
        var countsStale = true
        var failing = false
        while !Task.isCancelled {
            if let request = wanted.withLock({ $0 }) {
                do {
                    let token = try await source.changeToken()
                    let now = ContinuousClock.now
                    var parts: LoadParts = []
                    if request != lastRequest || token != lastToken { parts.insert(.rows) }
                    if token != lastToken { countsStale = true }
                    // A new view, scope or filter needs its counts (and the filter's match count) now.
                    let reshaped = request.view != lastRequest?.view || request.scope != lastRequest?.scope
                        || request.envelopeFilter != lastRequest?.envelopeFilter
                    if reshaped || (countsStale && now - lastCounts >= Self.countsInterval) { parts.insert(.counts) }
                    if now - lastTelemetry >= Self.telemetryInterval { parts.insert(.telemetry) }
                    if !parts.isEmpty {
                        let data = try await source.load(request, parts: parts)
                        cached = cached.merging(data, parts: parts)
                        inbox.post(.loaded(request, cached))
                        lastRequest = request
                        lastToken = token
                        if parts.contains(.counts) {
                            lastCounts = now
                            countsStale = false
                        }
                        if parts.contains(.telemetry) { lastTelemetry = now }
                    }
                    failing = false
                } catch {
                    if !failing { inbox.post(.loadFailed(TerminalText.sanitize("\(error)"))) }
                    failing = true
                }
            }
            let interval = countsStale ? Self.pollInterval : changes.pollInterval(polling: Self.pollInterval, fallback: Self.fallbackInterval)
            await doorbell.wait(timeout: interval, timerExecutor: timerExecutor)
        }
    }
}
