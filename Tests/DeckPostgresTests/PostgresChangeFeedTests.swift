import DeckCore
import Foundation
import Synchronization
import Testing
@testable import DeckPostgres

/// `LISTEN`/`NOTIFY` on the test server: another process's (another pool's) committed change
/// reaches a follower at once; reads notify nothing; cancelling ends the follower.
@Suite("PostgreSQL change feed (server)", .enabled(if: TestServer.url != nil), .timeLimit(.minutes(5)))
struct PostgresChangeFeedTests {
    /// The events a follower saw, with when it saw them.
    final class Events: Sendable {
        private let seen = Mutex<[(ChangeFeedEvent, ContinuousClock.Instant)]>([])

        func record(_ event: ChangeFeedEvent) { seen.withLock { $0.append((event, .now)) } }
        var all: [ChangeFeedEvent] { seen.withLock { $0.map(\.0) } }
        func count(_ event: ChangeFeedEvent) -> Int { seen.withLock { $0.filter { $0.0 == event }.count } }

        /// Waits (polling every 5 ms, at most `seconds`) until `count(event)` reaches `target`;
        /// returns when it did, or nil.
        func waitFor(_ event: ChangeFeedEvent, count target: Int, seconds: Double = 90) async throws -> ContinuousClock.Instant? {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                let hit = seen.withLock { list in list.filter { $0.0 == event }.dropFirst(target - 1).first?.1 }
                if let hit { return hit }
                try await Task.sleep(for: .milliseconds(5))
            }
            // One last look, in case this task was starved past the deadline.
            return seen.withLock { list in list.filter { $0.0 == event }.dropFirst(target - 1).first?.1 }
        }
    }

    @Test("another pool's commit reaches the follower at once, once per transaction; reads send nothing; cancel ends it")
    func notifications() async throws {
        try await PostgresServerTests.withStore { follower, database in
            // Another host: a store of its own over the same database.
            let other = try await PostgresStore.open(database.url, password: PostgresPassword.resolve(for: try PostgresURL(parsing: TestServer.url!)))
            defer { other.close() }
            let events = Events()
            let following = Task { await follower.followChanges { events.record($0) } }
            #expect(try await events.waitFor(.listening, count: 1) != nil, "the feed went live: \(events.all)")

            let tenant = try await other.addTenant(try TenantDraft(name: "acme"), actor: "op").id
            let committed = ContinuousClock.now
            let first = try await events.waitFor(.changed, count: 1)
            #expect(first != nil, "a tenant added elsewhere was reported: \(events.all)")
            // Milliseconds on an idle machine (nothing polls here: any report is the notification);
            // 5 s leaves room for a suite loading both cores.
            if let first { #expect(first - committed < .seconds(5), "reported after \(first - committed)") }

            // One transaction appending 40 audit rows: one notification.
            let drafts = try (0..<40).map { try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", arguments: ["n": .integer(Int64($0))]) }
            _ = try await other.submit(drafts, in: .allTenants, actor: "agent")
            #expect(try await events.waitFor(.changed, count: 2) != nil)
            // Reads append nothing, so they notify nothing.
            _ = try await other.changeToken()
            _ = try await other.envelopes(EnvelopeQuery(), in: .allTenants)
            try await Task.sleep(for: .milliseconds(300))
            #expect(events.count(.changed) == 2, "\(events.all)")
            #expect(events.count(.lost) == 0)

            following.cancel()
            await following.value
        }
    }

    @Test("a feed that cannot connect reports lost and keeps trying; cancelling ends it")
    func refused() async throws {
        var url = try PostgresURL(parsing: TestServer.url!)
        url.port = 1  // nothing listens there
        let store = PostgresStore(url: url, pool: PostgresPool(url, password: nil), clock: SystemClock())
        defer { store.close() }
        let events = Events()
        let following = Task { await store.followChanges { events.record($0) } }
        #expect(try await events.waitFor(.lost, count: 1) != nil)
        following.cancel()
        await following.value
        #expect(events.count(.listening) == 0 && events.count(.changed) == 0)
    }
}
