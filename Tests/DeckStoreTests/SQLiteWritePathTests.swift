import DeckCore
import Foundation
import GRDB
import Testing
@testable import DeckStore

/// The pieces of the lean write path that the contract suite cannot see: the audit log's
/// bulk-maintained tenant index, the streamed audit hash, the background WAL checkpoints.
@Suite("SQLite write path")
struct SQLiteWritePathTests {
    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-writepath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aTenantsAuditRowsAreTheSameOnBothSidesOfTheIndexCatchUp() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let store = try SQLiteStore.open(path: directory.appendingPathComponent("a.sqlite").path, mode: .migrate, clock: clock)
        try store.migrate()
        let tenants = try await store.addTenants(
            (0..<7).map { try TenantDraft(name: "t\($0)", maxRunning: 100) }, actor: "op")
        // Enough rows that catch-ups happen on the way (one every `catchUpRows`), in several
        // transactions of mixed tenants, then a tail left unindexed.
        let total = Int(AuditTenantIndex.catchUpRows) * 2 + 777
        var submitted = 0
        while submitted < total {
            let count = min(500, total - submitted)
            let drafts = try (0..<count).map { index in
                try EnvelopeDraft(tenantID: tenants[(submitted + index * 3) % tenants.count].id, toolSlug: "SLACK_SEND_MESSAGE")
            }
            _ = try await store.submit(drafts, in: .allTenants, actor: "agent")
            submitted += count
        }
        // A last transaction too small to trigger a catch-up: it stays in the tail.
        _ = try await store.submit(
            try (0..<333).map { try EnvelopeDraft(tenantID: tenants[$0 % tenants.count].id, toolSlug: "GMAIL_SEND_EMAIL") },
            in: .allTenants, actor: "agent")
        let (indexed, head) = try await store.pool.read { db in
            (try AuditTenantIndex.indexedThrough(db), try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log") ?? 0)
        }
        #expect(indexed > 0 && indexed < head, "part indexed (\(indexed)), part in the tail (head \(head))")
        let all = try await store.auditEvents(AuditQuery(order: .oldestFirst, limit: 10_000), in: .allTenants).items
        #expect(all.count == Int(head))
        for tenant in tenants {
            let expected = all.filter { $0.tenantID == tenant.id }
            // Whole history, both orders, in pages of 97 that cross the indexed/tail boundary.
            for order in [ListOrder.newestFirst, .oldestFirst] {
                var seen: [AuditEvent] = []
                var after: AuditEventID?
                repeat {
                    let page = try await store.auditEvents(AuditQuery(order: order, after: after, limit: 97), in: .tenant(tenant.id))
                    seen += page.items
                    after = page.nextCursor
                } while after != nil
                #expect(seen.map(\.id) == (order == .oldestFirst ? expected : expected.reversed()).map(\.id), "\(tenant.name) \(order)")
            }
            let submittedOnly = try await store.auditEvents(
                AuditQuery(categories: [.tenant], limit: 100), in: .tenant(tenant.id)).items
            #expect(submittedOnly.map(\.action) == ["added"])
        }
        // A catch-up forced now indexes the tail; the answers stay the same.
        try await store.pool.write { db in try AuditTenantIndex.catchUp(db, force: true) }
        #expect(try await store.pool.read { db in try AuditTenantIndex.indexedThrough(db) } == head)
        let first = tenants[0].id
        #expect(try await store.auditEvents(AuditQuery(limit: 10_000), in: .tenant(first)).items.map(\.id)
            == all.filter { $0.tenantID == first }.reversed().map(\.id))
        #expect(try await store.verifyAuditChain().isIntact)
    }

    @Test func claimsPinTheCatalogVersionCurrentInTheirTransactionWhoeverChangedIt() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let worker = try SQLiteStore.open(path: path, mode: .migrate, clock: clock)
        try worker.migrate()
        // Another process: its own store (connections, caches) on the same file.
        let scheduler = try SQLiteStore.open(path: path, mode: .existing, clock: clock)
        let tenants = try await worker.addTenants([try TenantDraft(name: "acme", maxRunning: 100), try TenantDraft(name: "globex", maxRunning: 100)], actor: "op")
        func entry(_ tenant: Tenant, _ slug: String, _ version: String) -> ToolCatalogEntry {
            ToolCatalogEntry(
                tenantID: tenant.id, toolSlug: slug, toolkit: "gmail", jsonSchema: ["type": "object"], version: version,
                classifiedRisk: .medium, fetchedAt: clock.now())
        }
        func counter() async throws -> Int64 {
            try await worker.pool.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'catalog_versions'") ?? -1 }
        }
        func pins(_ count: Int = 2) async throws -> [String?] {
            _ = try await worker.submit(
                tenants.map { try EnvelopeDraft(tenantID: $0.id, toolSlug: "GMAIL_SEND_EMAIL") }, in: .allTenants, actor: "agent")
            let claimed = try await worker.claim(ClaimRequest(worker: "w", limit: 10, leaseMilliseconds: 60_000)).claimed
            #expect(claimed.count == tenants.count)
            return tenants.map { tenant in claimed.first { $0.envelope.tenantID == tenant.id }.flatMap(\.pinnedVersion) }
        }
        #expect(try await pins() == [nil, nil])
        try await scheduler.saveTools([entry(tenants[0], "GMAIL_SEND_EMAIL", "v1")], in: .allTenants)
        #expect(try await pins() == ["v1", nil])
        try await scheduler.saveTools([entry(tenants[0], "GMAIL_SEND_EMAIL", "v2"), entry(tenants[1], "GMAIL_SEND_EMAIL", "g1")], in: .allTenants)
        #expect(try await pins() == ["v2", "g1"])
        // A refresh that finds the same versions moves nothing, so caches stay warm.
        let before = try await counter()
        try await scheduler.saveTools([entry(tenants[0], "GMAIL_SEND_EMAIL", "v2")], in: .allTenants)
        #expect(try await counter() == before)
        // A row removed (a tool gone from the catalog) is seen too.
        try await scheduler.pool.write { db in try db.execute(sql: "DELETE FROM tool_catalog WHERE tenant_id = ?", arguments: [tenants[1].id.rawValue]) }
        #expect(try await counter() == before + 1)
        #expect(try await pins() == ["v2", nil])
    }

    @Test func theStreamedAuditHashIsTheHashOfTheCanonicalBytes() {
        var generator = Xoshiro256(seed: 7)
        var scratch: [UInt8] = []
        for index in 0..<300 {
            let text = { (length: Int) in
                String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &generator))) })
            }
            let record = AuditRecord(
                id: Int64(index), createdAt: Int64.random(in: 0...Int64.max, using: &generator),
                tenantID: index % 3 == 0 ? nil : text(36), category: "envelope", action: text(index % 17),
                envelopeID: index % 2 == 0 ? nil : Int64(index * 7), actor: text(20), payloadText: text(index),
                prevHash: text(64), hash: "")
            #expect(AuditHasher.hash(record, scratch: &scratch) == AuditHasher.hash(record.canonicalBytes))
            #expect(AuditHasher.hash(record) == AuditHasher.hash(record.canonicalBytes))
        }
    }

    @Test func backgroundCheckpointsKeepTheLogShortWhileTheWriterGoesOn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("w.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        }
        let checkpointer = WALCheckpointer(path: path, restartFrames: 400, backgroundFrames: 60)
        try queue.writeWithoutTransaction { db in checkpointer.install(on: db) }
        defer { checkpointer.close() }
        // About 8 pages per commit, 2,000 commits: 16,000 frames without any checkpoint.
        let body = String(repeating: "x", count: 4_000)
        var largestLog = 0
        for batch in 0..<2_000 {
            try queue.write { db in
                for row in 0..<8 {
                    try db.execute(sql: "INSERT OR REPLACE INTO t (id, body) VALUES (?, ?)", arguments: [(batch % 50) * 8 + row, body])
                }
            }
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestLog = max(largestLog, log)
        }
        // The log restarts after about 400 frames: it never holds much more than that.
        #expect(largestLog < 600 * 4_120, "the log reached \(largestLog) bytes")
        #expect(largestLog > 0)
        // What was written is in the database file too (the checkpoints copied it).
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 400)
    }

    @Test func setBasedWritesGroupRowsByTheColumnsTheyChangeAndHonourTheLeaseGuard() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let store = try SQLiteStore.open(path: directory.appendingPathComponent("g.sqlite").path, mode: .migrate, clock: clock)
        try store.migrate()
        let acme = try await store.addTenant(TenantDraft(name: "acme", maxRunning: 100), actor: "op")
        let ids = try await store.submit(
            try (0..<70).map { try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", arguments: ["n": .integer(Int64($0))]) },
            in: .allTenants, actor: "agent").ids
        // 70 claims in one transaction: three statements of up to 32 rows, all written.
        let claimed = try await store.claim(ClaimRequest(worker: "w-1", limit: 70, leaseMilliseconds: 60_000))
        #expect(claimed.claimed.count == 70)
        // The rescuer takes two back; then outcomes of three shapes (succeeded with and without
        // a result, a failure) for all 70, guarded: the two lost ones are skipped, exactly.
        clock.advance(seconds: 61)
        let rescued = try await store.pool.write { db in
            var audit = try SQLiteAuditWriter(db, now: clock.now())
            return try SQLiteStore.apply(
                [EnvelopeChange(ids[3], .expireLease(retryAt: clock.now())), EnvelopeChange(ids[40], .expireLease(retryAt: clock.now()))],
                in: .allTenants, actor: "rescuer", mode: .allOrNothing, now: clock.now(), db, audit: &audit).applied.count
        }
        #expect(rescued == 2)
        let outcomes = claimed.claimed.enumerated().map { index, claim in
            ExecutionOutcome(claim.envelope, index % 3 == 0
                ? .fail(worker: "w-1", error: "boom")
                : .succeed(worker: "w-1", externalID: "log_\(index)", result: index % 3 == 1 ? "{}" : nil, resultTruncated: false))
        }
        let finished = try await store.claim(ClaimRequest(worker: "w-1", limit: 0, leaseMilliseconds: 60_000, finished: outcomes))
        #expect(Set(finished.finished.skipped.map(\.id)) == [ids[3], ids[40]])
        #expect(finished.finished.applied.count == 68)
        for (index, id) in ids.enumerated() where id != ids[3] && id != ids[40] {
            let envelope = try #require(try await store.envelope(id, in: .allTenants))
            #expect(envelope.status == (index % 3 == 0 ? .dead : .succeeded))
            #expect(envelope.externalID == (index % 3 == 0 ? nil : "log_\(index)"))
            #expect(envelope.result == (index % 3 == 1 ? "{}" : nil))
            #expect(envelope.leaseOwner == nil && envelope.leaseExpiresAt == nil)
        }
        #expect(try await store.envelope(ids[3], in: .allTenants)?.status == .pending)
        #expect(try await store.statusCounts(in: .allTenants) == [.pending: 2, .dead: 23, .succeeded: 45])
        #expect(try await store.verifyAuditChain().isIntact)
    }

    @Test func anUpdateWritesEveryColumnThatChangedAndNothingElse() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let store = try SQLiteStore.open(path: directory.appendingPathComponent("u.sqlite").path, mode: .migrate, clock: clock)
        try store.migrate()
        let acme = try await store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let alert = try await store.openDriftAlert(
            DriftAlertDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged,
                            breaking: true, diff: [:], fingerprint: "f"), in: .allTenants, actor: "drift").alert
        let ids = try await store.submit(
            [try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL"), try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL")],
            in: .allTenants, actor: "agent").ids
        let before = try #require(try await store.envelope(ids[0], in: .allTenants))
        let neighbour = try #require(try await store.envelope(ids[1], in: .allTenants))
        // Every column a transition may change, changed at once.
        var after = before
        after.status = .dead
        after.attempts = 7
        after.runAt = Timestamp(millisecondsSinceEpoch: 1_790_000_123_456)
        after.leaseOwner = "w-9"
        after.leaseExpiresAt = Timestamp(millisecondsSinceEpoch: 1_790_000_999_000)
        after.lastError = "boom"
        after.statusReason = "because"
        after.externalID = "log_9"
        after.result = #"{"ok":true}"#
        after.resultTruncated = true
        after.inDoubt = true
        after.approvedBy = "alice"
        after.heldBy = alert.id
        after.updatedAt = Timestamp(millisecondsSinceEpoch: 1_790_000_555_000)
        #expect(OutboxColumn.allCases.allSatisfy { $0.differs(before, after) })
        let changedAll = after
        let written = try await store.pool.write { db in
            var writer = OutboxRowWriter()
            writer.add(changedAll, from: before)
            return try writer.run(db)
        }
        #expect(written == [ids[0]])
        #expect(try await store.envelope(ids[0], in: .allTenants) == after)
        #expect(try await store.envelope(ids[1], in: .allTenants) == neighbour)
        // And back, column by column: each single change is written alone.
        var current = after
        for column in OutboxColumn.allCases {
            var next = current
            switch column {
            case .status: next.status = .pending
            case .attempts: next.attempts = 0
            case .runAt: next.runAt = before.runAt
            case .leaseOwner: next.leaseOwner = nil
            case .leaseExpiresAt: next.leaseExpiresAt = nil
            case .lastError: next.lastError = nil
            case .statusReason: next.statusReason = nil
            case .externalID: next.externalID = nil
            case .result: next.result = nil
            case .resultTruncated: next.resultTruncated = false
            case .inDoubt: next.inDoubt = false
            case .approvedBy: next.approvedBy = nil
            case .heldBy: next.heldBy = nil
            }
            #expect(OutboxColumn.allCases.filter { $0.differs(current, next) } == [column])
            let written = next
            let previous = current
            try await store.pool.write { db in
                var writer = OutboxRowWriter()
                writer.add(written, from: previous)
                _ = try writer.run(db)
            }
            #expect(try await store.envelope(ids[0], in: .allTenants) == written, "\(column)")
            current = next
        }
        // A guarded update of an envelope not running under that worker's lease changes nothing.
        var stolen = current
        stolen.status = .succeeded
        let (attempt, last) = (stolen, current)
        let guarded = try await store.pool.write { db in
            var writer = OutboxRowWriter()
            writer.add(attempt, from: last)
            return try writer.run(db, onlyIfLeasedTo: "w-1")
        }
        #expect(guarded.isEmpty)
        #expect(try await store.envelope(ids[0], in: .allTenants) == current)
    }
}
