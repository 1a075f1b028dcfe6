import DeckCore
import GRDB

extension SQLiteStore {
    /// Inserts `envelopes` outbox rows and as many audit rows with set-based SQL, in
    /// transactions of `batchSize`: the database's share of bulk submission, without
    /// parsing, validation or hashing (audit hashes are placeholders; the chain is not
    /// valid afterwards). For `opsdeck bench` only, on a throwaway database.
    public func benchmarkInsertSetBased(envelopes: Int, tenantIDs: [String], batchSize: Int, argumentsSQL: String) async throws {
        let tenantList = tenantIDs.enumerated().map { "(\($0.offset), '\($0.element)')" }.joined(separator: ",")
        var start = 1
        while start <= envelopes {
            let first = start
            let last = min(envelopes, first + batchSize - 1)
            let now = clock.now().millisecondsSinceEpoch
            try await write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                let base = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0
                try db.execute(sql: """
                    WITH RECURSIVE c(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM c WHERE i < \(last)),
                        t(n, id) AS (VALUES \(tenantList))
                    INSERT INTO outbox (id, tenant_id, envelope, status, attempts, tool_slug, toolkit, risk, run_at,
                        idempotency_key, created_at, updated_at)
                    SELECT i, (SELECT id FROM t WHERE n = i % \(tenantIDs.count)), \(argumentsSQL), 'pending', 0,
                        'GMAIL_SEND_EMAIL', 'gmail', 'medium', \(now), printf('%08x-aaaa-7bbb-8ccc-%012x', \(now / 1000), i),
                        \(now), \(now)
                    FROM c
                    """)
                try db.execute(sql: """
                    WITH RECURSIVE c(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM c WHERE i < \(last)),
                        t(n, id) AS (VALUES \(tenantList))
                    INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
                    SELECT \(base) + i - \(first) + 1, (SELECT id FROM t WHERE n = i % \(tenantIDs.count)), 'envelope', 'submitted',
                        i, 'bench', '{"risk":"medium","status":"pending","tool":"GMAIL_SEND_EMAIL"}', \(now),
                        printf('%064x', i), printf('%064x', i + 1)
                    FROM c
                    """)
            }
            start = last + 1
        }
    }
}
