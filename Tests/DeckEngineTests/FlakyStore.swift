import DeckCore
import DeckEngine
import DeckStore
import Synchronization

/// The in-memory store behind a wall that refuses some claims, as a database locked too long
/// by another process would: for tests of what the worker does when a write fails.
final class FlakyStore: InMemoryForwarding {
    let base: InMemoryStore
    /// Refuse every n-th claim that carries finished outcomes.
    let every: Int
    private let calls = Mutex(0)
    private let refusals = Mutex(0)

    init(_ base: InMemoryStore, refusingEvery every: Int) {
        self.base = base
        self.every = every
    }

    var refused: Int { refusals.withLock { $0 } }

    func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        if !request.finished.isEmpty {
            let refuse = calls.withLock { count -> Bool in
                count += 1
                return count % every == 0
            }
            if refuse {
                refusals.withLock { $0 += 1 }
                throw StoreError.unavailable("database is locked (test)")
            }
        }
        return try await base.claim(request)
    }
}
