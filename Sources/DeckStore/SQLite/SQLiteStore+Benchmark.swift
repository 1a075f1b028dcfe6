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

extension SQLiteStore {
    /// Envelopes running now, from the partial index of running ones: cheap enough to sample
    /// every 100 ms during `opsdeck bench worker`.
    public func benchmarkRunningCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = 'running'") ?? 0 }
    }
}

extension SQLiteStore {
    /// Fills a throwaway database for `opsdeck bench console`: `envelopes` outbox rows over
    /// `tenantIDs` in a realistic status mix (60% succeeded, 29% pending, 5% dead, one in
    /// five of those in doubt, 5% awaiting approval, 1% running), then audit rows up to
    /// `auditRows`, all with set-based SQL in transactions of 50,000. Audit hashes are
    /// placeholders (the chain is not valid afterwards): the console reads, it does not verify.
    public func benchmarkFillConsole(envelopes: Int, auditRows: Int, tenantIDs: [String]) async throws {
        let tenantList = tenantIDs.enumerated().map { "(\($0.offset), '\($0.element)')" }.joined(separator: ",")
        let start = clock.now().millisecondsSinceEpoch - Int64(envelopes) * 10
        let batch = 50_000
        var next = 1
        while next <= envelopes {
            let first = next
            let last = min(envelopes, first + batch - 1)
            try await write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                try db.execute(sql: """
                    WITH RECURSIVE c(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM c WHERE i < \(last)),
                        t(n, id) AS (VALUES \(tenantList))
                    INSERT INTO outbox (id, tenant_id, envelope, status, attempts, tool_slug, toolkit, risk, run_at,
                        last_error, in_doubt, idempotency_key, created_at, updated_at)
                    SELECT i, (SELECT id FROM t WHERE n = i % \(tenantIDs.count)),
                        '{"to":"person' || i || '@example.com","subject":"Quarterly review","body":"Hello"}',
                        CASE WHEN i % 20 = 0 THEN 'dead' WHEN i % 20 = 1 THEN 'awaiting_approval' WHEN i % 100 = 2 THEN 'running'
                             WHEN i % 20 < 8 THEN 'pending' ELSE 'succeeded' END,
                        CASE WHEN i % 20 = 0 THEN 3 WHEN i % 20 < 8 THEN 0 ELSE 1 END,
                        CASE i % 4 WHEN 0 THEN 'GMAIL_SEND_EMAIL' WHEN 1 THEN 'SLACK_SEND_MESSAGE'
                             WHEN 2 THEN 'HUBSPOT_CREATE_CONTACT' ELSE 'GITHUB_CREATE_ISSUE' END,
                        CASE i % 4 WHEN 0 THEN 'gmail' WHEN 1 THEN 'slack' WHEN 2 THEN 'hubspot' ELSE 'github' END,
                        CASE i % 10 WHEN 0 THEN 'high' WHEN 1 THEN 'critical' WHEN 2 THEN 'low' ELSE 'medium' END,
                        \(start) + i * 10,
                        CASE WHEN i % 20 = 0 THEN 'HTTP 503: upstream unavailable' END,
                        CASE WHEN i % 100 = 0 THEN 1 ELSE 0 END,
                        printf('%08x-aaaa-7bbb-8ccc-%012x', 7, i), \(start) + i * 10, \(start) + i * 10
                    FROM c
                    """)
            }
            next = last + 1
        }
        var done = try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
        while done < auditRows {
            let count = min(batch, auditRows - done)
            let base = done
            try await write { db in
                let lastID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0
                try db.execute(sql: """
                    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < \(count)),
                        t(n, id) AS (VALUES \(tenantList))
                    INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
                    SELECT \(lastID) + i, (SELECT id FROM t WHERE n = (\(base) + i) % \(tenantIDs.count)), 'envelope',
                        CASE (\(base) + i) % 3 WHEN 0 THEN 'submitted' WHEN 1 THEN 'claimed' ELSE 'succeeded' END,
                        1 + (\(base) + i) % \(max(1, envelopes)), 'bench-worker',
                        '{"from":"pending","to":"running"}', \(start) + (\(base) + i) * 2,
                        printf('%064x', \(lastID) + i - 1), printf('%064x', \(lastID) + i)
                    FROM c
                    """)
            }
            done += count
        }
        // Set-based inserts bypass the writers' bulk upkeep of the audit log's tenant index:
        // bring it up to date, as the console meets a real database.
        try await write { db in try AuditTenantIndex.catchUp(db, force: true) }
    }
}
