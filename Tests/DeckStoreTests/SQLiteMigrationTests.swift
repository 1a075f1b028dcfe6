import DeckCore
import Foundation
import GRDB
import Testing
@testable import DeckStore

/// Schema v1 → v2 (the lean queue) on a database that holds data, as an operator upgrading
/// OpsDeck would meet it.
@Suite("SQLite migration v1 → v2")
struct SQLiteMigrationTests {
    /// A v1 database written the way a v1 `opsdeck` wrote it: two tenants, envelopes in every
    /// status (one of them deferred by v1's minute-long drift hold), an open breaking drift
    /// alert, and the hash-chained audit rows of all of it.
    struct V1Database {
        let directory: URL
        let path: String
        let acme = TenantID.random()
        let globex = TenantID.random()
        let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-migration-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("v1.sqlite").path
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1_foundation") { db in
                try db.execute(sql: "PRAGMA application_id = \(SQLiteSchema.applicationID)")
                try db.execute(sql: SQLiteSchema.v1)
            }
            let queue = try DatabaseQueue(path: path)
            try migrator.migrate(queue)
            try queue.write { db in try fill(db) }
            try queue.close()
        }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }

        /// (id, tenant, status, run_at offset in ms, tool, lease owner, status reason).
        var envelopes: [(Int64, TenantID, String, Int64, String, String?, String?)] {
            [
                (1, acme, "succeeded", -9_000, "SLACK_SEND_MESSAGE", nil, nil),
                (2, acme, "pending", -8_000, "SLACK_SEND_MESSAGE", nil, nil),
                (3, globex, "pending", -7_000, "SLACK_SEND_MESSAGE", nil, nil),
                (4, acme, "dead", -6_000, "SLACK_SEND_MESSAGE", nil, nil),
                (5, globex, "awaiting_approval", -5_000, "SLACK_SEND_MESSAGE", nil, "guardrail: risk high is above the autonomy threshold medium"),
                (6, acme, "running", -4_000, "SLACK_SEND_MESSAGE", "w-old", nil),
                (7, globex, "cancelled", -3_000, "SLACK_SEND_MESSAGE", nil, nil),
                // v1's drift hold: pending, deferred a minute at a time.
                (8, acme, "pending", 60_000, "GMAIL_SEND_EMAIL", nil, "drift: breaking change to GMAIL_SEND_EMAIL awaits an operator (opsdeck drift accept 1)"),
            ]
        }

        private func fill(_ db: Database) throws {
            var prevHash = AuditChain.genesisHash
            var auditID: Int64 = 0
            func audit(_ entry: AuditEntry) throws {
                auditID += 1
                let (event, payloadText) = AuditEvent.sealing(entry, id: auditID, at: now, prevHash: prevHash)
                try db.execute(
                    sql: """
                        INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        auditID, entry.tenantID?.rawValue, entry.category.rawValue, entry.action, entry.envelopeID?.rawValue,
                        entry.actor, payloadText, now.millisecondsSinceEpoch, prevHash, event.hash,
                    ])
                prevHash = event.hash
            }
            for (id, name) in [(acme, "acme"), (globex, "globex")] {
                try db.execute(
                    sql: """
                        INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at)
                        VALUES (?, ?, 'free', 'UTC', 5, ?, ?, ?)
                        """,
                    arguments: [id.rawValue, name, name, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
                try db.execute(
                    sql: "INSERT INTO guardrails (tenant_id, config, updated_at, updated_by) VALUES (?, ?, ?, 'op')",
                    arguments: [id.rawValue, try JSONValue(encoding: Guardrails(autonomy: .critical)).canonicalText, now.millisecondsSinceEpoch])
                try audit(AuditEntry(tenantID: id, category: .tenant, action: "added", actor: "op", payload: ["name": .string(name)]))
            }
            try db.execute(
                sql: """
                    INSERT INTO drift_alerts (id, tenant_id, tool_slug, toolkit, kind, breaking, diff, fingerprint, status, opened_at)
                    VALUES (1, ?, 'GMAIL_SEND_EMAIL', 'gmail', 'schema_changed', 1, '{}', 'f1', 'open', ?)
                    """,
                arguments: [acme.rawValue, now.millisecondsSinceEpoch])
            for (id, tenant, status, offset, tool, owner, reason) in envelopes {
                try db.execute(
                    sql: """
                        INSERT INTO outbox (id, tenant_id, envelope, status, attempts, tool_slug, toolkit, risk, run_at,
                            lease_owner, lease_expires_at, status_reason, idempotency_key, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'low', ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, tenant.rawValue, "{\"n\":\(id)}", status, status == "pending" || status == "awaiting_approval" ? 0 : 1,
                        tool, tool.hasPrefix("GMAIL") ? "gmail" : "slack", now.millisecondsSinceEpoch + offset, owner,
                        owner == nil ? nil : now.millisecondsSinceEpoch + 30_000, reason, "key-\(id)",
                        now.millisecondsSinceEpoch - 10_000, now.millisecondsSinceEpoch,
                    ])
                try audit(AuditEntry(
                    tenantID: tenant, category: .envelope, action: "submitted", envelopeID: EnvelopeID(id), actor: "agent",
                    payload: ["tool": .string(tool), "risk": "low", "status": "pending"]))
            }
        }
    }

    @Test func aV1DatabaseWithDataIsMigratedAndKeepsEveryRowAndTheChain() async throws {
        let v1 = try V1Database()
        defer { v1.cleanUp() }
        // Not yet migrated: every command but `migrate` refuses it, unchanged.
        #expect(throws: StoreError.schema("\(v1.path) needs migrating to this opsdeck's schema (run `opsdeck migrate`)")) {
            try SQLiteStore.open(path: v1.path, mode: .existing)
        }
        let clock = ManualClock(v1.now)
        let store = try SQLiteStore.open(path: v1.path, mode: .migrate, clock: clock)
        let before = try await store.statusCounts(in: .allTenants)
        #expect(try store.migrate() == ["v2_lean_queue", "v3_catalog_versions_counter", "v4_tenant_pause"])
        #expect(try store.migrate().isEmpty)

        // Every row is still there, as it was.
        #expect(try await store.statusCounts(in: .allTenants) == before)
        #expect(before == [.succeeded: 1, .pending: 3, .dead: 1, .awaitingApproval: 1, .running: 1, .cancelled: 1])
        #expect(try await store.statusCounts(in: .tenant(v1.acme)) == [.succeeded: 1, .pending: 2, .dead: 1, .running: 1])
        for (id, tenant, status, offset, tool, owner, reason) in v1.envelopes {
            let envelope = try #require(try await store.envelope(EnvelopeID(id), in: .tenant(tenant)))
            #expect(envelope.status.rawValue == status)
            #expect(envelope.runAt == v1.now.adding(milliseconds: offset))
            #expect(envelope.toolSlug.rawValue == tool && envelope.leaseOwner?.rawValue == owner && envelope.statusReason == reason)
            #expect(envelope.heldBy == nil)
            #expect(envelope.arguments == ["n": .integer(id)])
        }
        #expect(try await store.verifyAuditChain().isIntact)
        // v4: every tenant runs (none paused).
        let tenants = try await store.tenants(in: .allTenants)
        #expect(!tenants.isEmpty && tenants.allSatisfy { !$0.isPaused && $0.pausedBy == nil })
        let indexes = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name")
        }
        #expect(indexes == [
            "outbox_awaiting_approval", "outbox_by_tenant", "outbox_cancelled", "outbox_dead", "outbox_held", "outbox_idempotency",
            "outbox_ready", "outbox_running",
        ])

        // The queue works on the migrated file: due envelopes are claimed oldest first; the one
        // v1 deferred for drift is held once its minute is up, now as state.
        let first = try await store.claim(ClaimRequest(worker: "w-new", limit: 10, leaseMilliseconds: 600_000))
        #expect(first.claimed.map(\.envelope.id) == [2, 3])
        clock.advance(seconds: 61)
        let second = try await store.claim(ClaimRequest(worker: "w-new", limit: 10, leaseMilliseconds: 60_000))
        #expect(second.claimed.isEmpty && second.driftHeld == 1)
        #expect(try await store.envelope(8, in: .allTenants)?.heldBy == DriftAlertID(1))
        let accepted = try await store.acceptDriftAlert(1, in: .allTenants, actor: "op")
        #expect(accepted.released == [8])
        // The v1 worker's lease expires and the rescuer takes its envelope back.
        #expect(try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer").map(\.id) == [6])
        #expect(try await store.verifyAuditChain().isIntact)
    }
}
