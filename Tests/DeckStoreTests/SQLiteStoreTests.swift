import DeckCore
import Foundation
import GRDB
import Testing
@testable import DeckStore

@Suite("SQLite adapter")
struct SQLiteStoreTests {
    /// A migrated database file in a fresh directory.
    struct Database {
        let directory: URL
        let path: String
        let store: SQLiteStore

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-sqlite-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("deck.sqlite").path
            store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
        }

        /// A raw connection, as a person with the sqlite3 shell would have.
        func raw() throws -> DatabaseQueue { try DatabaseQueue(path: path) }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func connectionsUseWALNormalSyncAndForeignKeys() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        let settings = try await db.store.pool.write { db in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous").map(String.init),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys").map(String.init),
                try Int32.fetchOne(db, sql: "PRAGMA application_id").map(String.init),
            ]
        }
        #expect(settings == ["wal", "1", "1", String(SQLiteSchema.applicationID)])
        // The store's writer checkpoints through `WALCheckpointer` (its WAL hook replaces
        // SQLite's automatic checkpoint, which reads back as 0); the file is cut back after.
        let checkpointing = try await db.store.pool.write { db in
            [try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"), try Int.fetchOne(db, sql: "PRAGMA journal_size_limit")]
        }
        #expect(checkpointing == [0, SQLiteStore.walSizeLimitBytes])
        let strict = try await db.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%' ORDER BY name")
        }
        #expect(strict == [
            "audit_log", "audit_tenant_index", "connected_accounts", "counters", "drift_alerts", "guardrails", "objectives",
            "outbox", "schedules", "signals",
            "tasks", "tenants", "tool_catalog", "worker_heartbeats",
        ])
        let strictWithoutRowID = try await db.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT, WITHOUT ROWID%' ORDER BY name")
        }
        #expect(strictWithoutRowID == ["audit_tenant_index", "counters", "schedules", "tool_catalog"])
    }

    @Test func migrateIsIdempotent() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        #expect(try db.store.migrate().isEmpty)
        let reopened = try SQLiteStore.open(path: db.path, mode: .migrate)
        #expect(try reopened.migrate().isEmpty)
        _ = try SQLiteStore.open(path: db.path, mode: .existing)
    }

    @Test func theAuditLogRefusesUpdateAndDelete() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        _ = try await db.store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let raw = try db.raw()
        await #expect(throws: DatabaseError.self) {
            try await raw.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'mallory'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await raw.write { try $0.execute(sql: "DELETE FROM audit_log") }
        }
        do {
            try await raw.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'mallory'") }
        } catch let error as DatabaseError {
            #expect(error.message == "audit_log is append-only")
        }
        #expect(try await raw.read { try String.fetchAll($0, sql: "SELECT actor FROM audit_log") } == ["op"])
    }

    @Test func verifyFindsARowChangedBehindTheTriggersBack() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        let acme = try await db.store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let drafts = try (0..<5).map { _ in try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE") }
        _ = try await db.store.submit(drafts, in: .allTenants, actor: "agent")
        let head = try await db.raw().read { try String.fetchOne($0, sql: "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1") }
        #expect(try await db.store.verifyAuditChain() == .intact(rows: 6, headHash: try #require(head)))
        try await db.raw().write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET payload = '{\"risk\":\"low\"}' WHERE id = 4")
        }
        guard case .broken(let failure, let checked) = try await db.store.verifyAuditChain() else {
            Issue.record("tampering went unnoticed")
            return
        }
        #expect(failure.id == 4)
        #expect(checked == 3)
        #expect(failure.reason == "hash does not match the row's contents")
    }

    @Test func verifyFindsADeletedRowAndARewrittenChain() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        let acme = try await db.store.addTenant(TenantDraft(name: "acme"), actor: "op")
        _ = try await db.store.submit(
            try (0..<4).map { _ in try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE") }, in: .allTenants,
            actor: "agent")
        try await db.raw().write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = 3")
        }
        guard case .broken(let failure, _) = try await db.store.verifyAuditChain() else {
            Issue.record("deletion went unnoticed")
            return
        }
        #expect(failure.id == 4)
        #expect(failure.reason.contains("missing"))

        // Renumbering the rows to hide the gap breaks the hashes instead.
        try await db.raw().write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET id = id - 1 WHERE id > 3")
        }
        guard case .broken(let second, _) = try await db.store.verifyAuditChain() else {
            Issue.record("renumbering went unnoticed")
            return
        }
        #expect(second.id == 3)
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        try await db.raw().write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999_future')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        for mode in [SQLiteStore.OpenMode.existing, .migrate] {
            #expect(throws: StoreError.schema(
                "\(db.path) has a newer schema (v999_future) than this opsdeck knows; upgrade opsdeck")) {
                try SQLiteStore.open(path: db.path, mode: mode)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == before)
    }

    @Test func filesThatAreNotOpsDeckDatabasesAreRefusedUnchanged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let garbage = directory.appendingPathComponent("garbage.sqlite")
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        try bytes.write(to: garbage)
        #expect(throws: StoreError.unavailable("\(garbage.path) is not an SQLite database")) {
            try SQLiteStore.open(path: garbage.path, mode: .migrate)
        }
        #expect(try Data(contentsOf: garbage) == bytes)

        let foreign = directory.appendingPathComponent("other.sqlite")
        try DatabaseQueue(path: foreign.path).inDatabase { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
        let foreignBytes = try Data(contentsOf: foreign)
        #expect(throws: StoreError.schema("\(foreign.path) is an SQLite database of another application, not OpsDeck's")) {
            try SQLiteStore.open(path: foreign.path, mode: .migrate)
        }
        #expect(try Data(contentsOf: foreign) == foreignBytes)

        let missing = directory.appendingPathComponent("missing.sqlite")
        #expect(throws: StoreError.unavailable("no database at \(missing.path) (create it with `opsdeck migrate`)")) {
            try SQLiteStore.open(path: missing.path, mode: .existing)
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))

        let empty = directory.appendingPathComponent("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        #expect(throws: StoreError.schema("\(empty.path) has no OpsDeck schema yet (run `opsdeck migrate`)")) {
            try SQLiteStore.open(path: empty.path, mode: .existing)
        }
        #expect(throws: StoreError.self) {
            try SQLiteStore.open(path: directory.path, mode: .migrate)
        }
    }

    @Test func hotQueriesUseTheirIndexes() async throws {
        let db = try Database()
        defer { db.cleanUp() }
        let plans = try await db.store.pool.read { db in
            func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                    .joined(separator: " | ")
            }
            func plan(_ listing: (String, StatementArguments)) throws -> String { try plan(listing.0, listing.1) }
            return [
                try plan("SELECT id FROM outbox WHERE status = 'pending' AND run_at <= 5 ORDER BY run_at LIMIT 32"),
                try plan("SELECT * FROM outbox WHERE tenant_id = 'x' AND status = 'dead' ORDER BY id DESC LIMIT 50"),
                try plan(SQLiteStore.listingSQL(EnvelopeQuery(statuses: [.dead], limit: 50), in: .allTenants)),
                try plan("SELECT tenant_id, count(*) FROM outbox WHERE status = 'running' GROUP BY tenant_id"),
                try plan("""
                    SELECT a.* FROM audit_tenant_index i CROSS JOIN audit_log a ON a.id = i.audit_id
                    WHERE i.tenant_id = 'x' AND i.audit_id <= 9 AND i.audit_id < 5 ORDER BY i.audit_id DESC LIMIT 50
                    """),
                try plan("SELECT * FROM audit_log WHERE envelope_id = 7 ORDER BY id"),
                try plan("SELECT * FROM audit_log WHERE id < 100 ORDER BY id DESC LIMIT 50"),
                try plan("SELECT id FROM outbox WHERE tenant_id = 'x' AND idempotency_key = 'k'"),
                try plan(SQLiteStore.listingSQL(EnvelopeQuery(statuses: [.awaitingApproval], limit: 50), in: .allTenants)),
                try plan(SQLiteStore.listingSQL(EnvelopeQuery(statuses: [.dead], limit: 50), in: .tenant(TenantID.random()))),
                try plan(SQLiteClaimReads.windowExcludingSQL, [5, "[\"x\"]", 128]),
                try plan(SQLiteClaimReads.windowSQL, [5, 128]),
                try plan(SQLiteStore.listingSQL(EnvelopeQuery(heldBy: 3, limit: 50), in: .allTenants)),
                try plan("SELECT count(*) FROM outbox WHERE status = 'cancelled'"),
                try plan("SELECT min(run_at) FROM outbox WHERE status = 'pending'"),
                try plan("SELECT * FROM outbox WHERE status = 'running' AND lease_expires_at <= 5 ORDER BY lease_expires_at LIMIT 500"),
            ]
        }
        // The claim window, in run_at order, and the C reference loop's claim: the pending index.
        #expect(plans[0].contains("INDEX outbox_ready"), "\(plans[0])")
        #expect(plans[1].contains("INDEX outbox_by_tenant"), "\(plans[1])")
        #expect(plans[2].contains("outbox_dead"), "\(plans[2])")
        #expect(plans[3].contains("COVERING INDEX outbox_running"), "\(plans[3])")
        #expect(plans[4].contains("SEARCH i USING PRIMARY KEY") && plans[4].contains("SEARCH a USING INTEGER PRIMARY KEY"), "\(plans[4])")
        #expect(plans[5].contains("audit_log_by_envelope"), "\(plans[5])")
        #expect(plans[6].contains("INTEGER PRIMARY KEY"), "\(plans[6])")
        #expect(plans[7].contains("outbox_idempotency"), "\(plans[7])")
        #expect(plans[8].contains("outbox_awaiting_approval"), "\(plans[8])")
        #expect(plans[9].contains("outbox_by_tenant"), "\(plans[9])")
        #expect(plans[10].contains("INDEX outbox_ready (run_at<?)"), "\(plans[10])")
        #expect(plans[11].contains("INDEX outbox_ready (run_at<?)"), "\(plans[11])")
        #expect(plans[12].contains("outbox_held"), "\(plans[12])")
        #expect(plans[13].contains("outbox_cancelled"), "\(plans[13])")
        #expect(plans[14].contains("outbox_ready"), "\(plans[14])")
        #expect(plans[15].contains("outbox_running"), "\(plans[15])")
        // Sorting is allowed only where the set is small: the running envelopes' leases.
        #expect(plans.dropLast().allSatisfy { !$0.contains("TEMP B-TREE") }, "\(plans)")
    }

    @Test func twoStoresOnOneFileKeepOneChain() async throws {
        // Two pools on one file behave like two processes: each append reads the chain head
        // under the write lock, so the chain stays whole however the writes interleave.
        let db = try Database()
        defer { db.cleanUp() }
        let acme = try await db.store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let second = try SQLiteStore.open(path: db.path, mode: .existing)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [db.store, second] {
                group.addTask {
                    for _ in 0..<40 {
                        _ = try await store.submit(
                            [try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE")], in: .allTenants, actor: "a")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await db.store.verifyAuditChain() == .intact(rows: 81, headHash: try await second.auditEvents(
            AuditQuery(limit: 1), in: .allTenants).items[0].hash))
        #expect(try await second.statusCounts(in: .allTenants) == [.pending: 80])
    }
}
