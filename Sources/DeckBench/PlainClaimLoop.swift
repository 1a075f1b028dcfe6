import DeckCore
import DeckEngine
import DeckPostgres
import DeckStore
import Logging
import PostgresNIO

/// The reference of the PostgreSQL drain: the worker's claim / complete / audit work as a
/// plain SQL loop, written the way one would write it by hand against OpsDeck's schema —
/// one connection per loop, the role and scope set once per session, a handful of
/// statements per batch — so the worker's figure can be read as a ratio.
///
/// Each transaction does what one steady-state claim of the worker does:
/// 1. the previous batch's outcomes: one `UPDATE … FROM unnest(…)` to `succeeded` (external
///    id, a result of the simulator's shape, lease cleared), only while the row still runs
///    under this loop's lease;
/// 2. the claims' lock ('OPSD', 3) and the audit chain's lock ('OPSD', 1), as the store took
///    them before migrations 0004 and 0005 (both are held to the commit; the claims' lock
///    already serializes the rest). The loop keeps them: it is the reference every figure in
///    docs/benchmarks.md was measured against, and caps and the chain need some serialization;
/// 3. one statement that reads the running counts per tenant, the window of 4 × batch due
///    envelopes `FOR UPDATE SKIP LOCKED`, leaves out paused tenants and those at their cap,
///    picks up to a batch round-robin over tenants, marks them `running` under a lease and
///    returns them whole (arguments included, as a worker needs them) with their tenant's
///    catalog version of the tool and the chain's head;
/// 4. one audit row per outcome and per claim, payloads byte for byte the store's, hashed
///    in Swift with the store's hash and chained from the head, inserted in one statement;
/// 5. commit.
///
/// Guardrails are not evaluated (the benchmark's tenants have none; the worker's decider
/// reads them from its cache).
struct PlainClaimLoop: Sendable {
    let server: PostgresBenchServer
    let database: String
    let batch: Int
    let leaseMilliseconds: Int64 = 30_000
    let clock: any WallClock = SystemClock()

    /// One claimed envelope, as the loop keeps it until its outcome is written (its
    /// arguments, key and pinned version are read, as a worker reads them, and not used: the
    /// outcome is the zero-latency simulator's).
    struct Claimed: Sendable {
        var id: Int64
        var tenantID: String
        var attempts: Int
        var toolSlug: String
        var toolkit: String
    }

    /// One audit row before it is hashed.
    struct AuditRow: Sendable {
        var tenantID: String
        var action: String
        var envelopeID: Int64
        var payload: String
    }

    /// Runs `loops` loops at once, each on its own connection, until nothing is due; returns
    /// the envelopes they finished.
    func run(loops: Int) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 1...loops {
                group.addTask { try await runOne(index: index) }
            }
            var total = 0
            for try await finished in group { total += finished }
            return total
        }
    }

    /// One loop on one connection.
    func runOne(index: Int) async throws -> Int {
        let connection = try await server.connect(to: database, id: index)
        do {
            // An id of the worker's shape (host:pid:suffix), so the audit rows are as long.
            let process = WorkerConfiguration.currentProcess
            let finished = try await drain(connection, worker: "\(process.host):\(process.pid):plain\(index)")
            try await connection.close()
            return finished
        } catch {
            try? await connection.close()
            throw BenchFailure("plain loop \(index): \(PostgresErrorText.describe(error))")
        }
    }

    private func drain(_ connection: PostgresConnection, worker: String) async throws -> Int {
        let logger = server.logger
        try await connection.query(
            "SELECT set_config('role', 'opsdeck_app', false), set_config('opsdeck.scope', 'all', false)", logger: logger)
        var previous: [Claimed] = []
        var finished = 0
        var scratch: [UInt8] = []
        repeat {
            let now = clock.now().millisecondsSinceEpoch
            try await connection.query("BEGIN", logger: logger)
            var rows: [AuditRow] = []
            rows.reserveCapacity(2 * batch)
            if !previous.isEmpty {
                var binds = PostgresBindings(capacity: 5)
                binds.append(now)
                binds.append(previous.map(\.id))
                binds.append(previous.map { Self.externalID(envelopeID: $0.id, attempt: $0.attempts) })
                binds.append(previous.map { Self.resultText($0) })
                binds.append(worker)
                for try await (id, tenant, attempts) in try await connection.query(
                    PostgresQuery(unsafeSQL: Self.completeSQL, binds: binds), logger: logger
                ).decode((Int64, String, Int).self) {
                    rows.append(AuditRow(
                        tenantID: tenant, action: "succeeded", envelopeID: id,
                        payload: Self.succeededPayload(attempts: attempts, externalID: Self.externalID(envelopeID: id, attempt: attempts))))
                }
                finished += rows.count
            }
            try await connection.query(
                "SELECT pg_advisory_xact_lock(1330664260, 3), pg_advisory_xact_lock(1330664260, 1)", logger: logger)
            var binds = PostgresBindings(capacity: 5)
            let lease = now + leaseMilliseconds
            binds.append(now)
            binds.append(4 * batch)
            binds.append(batch)
            binds.append(worker)
            binds.append(lease)
            var head: (id: Int64, hash: String) = (0, AuditChain.genesisHash)
            var claimed: [Claimed] = []
            claimed.reserveCapacity(batch)
            for try await (headID, headHash, id, tenant, attempts, tool, toolkit, _, _, _) in try await connection.query(
                PostgresQuery(unsafeSQL: Self.claimSQL, binds: binds), logger: logger
            ).decode((Int64, String, Int64?, String?, Int?, String?, String?, String?, String?, String?).self) {
                head = (headID, headHash)
                guard let id, let tenant, let attempts, let tool, let toolkit else { continue }
                claimed.append(Claimed(id: id, tenantID: tenant, attempts: attempts, toolSlug: tool, toolkit: toolkit))
                rows.append(AuditRow(
                    tenantID: tenant, action: "claimed", envelopeID: id,
                    payload: Self.claimedPayload(attempts: attempts, leaseExpiresAt: lease)))
            }
            if !rows.isEmpty {
                try await connection.query(
                    Self.auditInsert(rows, actor: worker, at: now, after: head, scratch: &scratch), logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
            previous = claimed
        } while !previous.isEmpty
        return finished
    }

    // MARK: - Statements

    static let completeSQL = """
        UPDATE outbox AS o SET status = 'succeeded', external_id = d.external_id, result = d.result,
            result_truncated = false, last_error = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = $1
        FROM unnest($2::bigint[], $3::text[], $4::text[]) AS d(id, external_id, result)
        WHERE o.id = d.id AND o.status = 'running' AND o.lease_owner = $5
        RETURNING o.id, o.tenant_id::text, o.attempts
        """

    /// $1 now, $2 window, $3 batch, $4 worker, $5 lease end. Always one row at least: the
    /// chain's head (read after the locks, so it is the last committed one), with the
    /// claimed envelopes beside it and the catalog version each would be pinned to.
    static let claimSQL = """
        WITH running AS MATERIALIZED (
            SELECT tenant_id, count(*) AS n FROM outbox WHERE status = 'running' GROUP BY tenant_id
        ), candidates AS (
            SELECT id, tenant_id, run_at FROM outbox WHERE status = 'pending' AND run_at <= $1
            ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
        ), ranked AS (
            SELECT c.id, c.run_at, coalesce(r.n, 0) AS running, t.max_running,
                row_number() OVER (PARTITION BY c.tenant_id ORDER BY c.run_at, c.id) AS turn
            FROM candidates c JOIN tenants t ON t.id = c.tenant_id LEFT JOIN running r ON r.tenant_id = c.tenant_id
            WHERE t.paused_at IS NULL
        ), chosen AS (
            SELECT id FROM ranked WHERE running + turn <= max_running ORDER BY turn, run_at, id LIMIT $3
        ), claimed AS (
            UPDATE outbox AS o SET status = 'running', attempts = o.attempts + 1, lease_owner = $4,
                lease_expires_at = $5, status_reason = NULL, updated_at = $1
            FROM chosen WHERE o.id = chosen.id
            RETURNING o.id, o.tenant_id, o.attempts, o.tool_slug, o.toolkit, o.envelope, o.idempotency_key
        )
        SELECT h.last_id, h.last_hash, c.id, c.tenant_id::text, c.attempts, c.tool_slug, c.toolkit, c.envelope,
            c.idempotency_key, tc.version
        FROM audit_chain_head AS h LEFT JOIN claimed AS c ON true
            LEFT JOIN tool_catalog AS tc ON tc.tenant_id = c.tenant_id AND tc.tool_slug = c.tool_slug
        ORDER BY c.id
        """

    /// The audit rows chained after `head`, hashed as the store hashes them, in one insert.
    static func auditInsert(
        _ rows: [AuditRow], actor: String, at now: Int64, after head: (id: Int64, hash: String), scratch: inout [UInt8]
    ) -> PostgresQuery {
        let (ids, prevHashes, hashes) = seal(rows, actor: actor, at: now, after: head, scratch: &scratch)
        var binds = PostgresBindings(capacity: 9)
        binds.append(actor)
        binds.append(now)
        binds.append(ids)
        binds.append(rows.map(\.tenantID))
        binds.append(rows.map(\.action))
        binds.append(rows.map(\.envelopeID))
        binds.append(rows.map(\.payload))
        binds.append(prevHashes)
        binds.append(hashes)
        return PostgresQuery(unsafeSQL: """
            INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
            SELECT a.id, a.tenant_id::uuid, 'envelope', a.action, a.envelope_id, $1, a.payload, $2, a.prev_hash, a.hash
            FROM unnest($3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])
                AS a(id, tenant_id, action, envelope_id, payload, prev_hash, hash)
            """, binds: binds)
    }

    /// Each row's id, `prev_hash` and hash, chained after `head`: SHA-256 over the row's
    /// canonical bytes (`AuditRecord`), as every store seals its rows.
    static func seal(
        _ rows: [AuditRow], actor: String, at now: Int64, after head: (id: Int64, hash: String), scratch: inout [UInt8]
    ) -> (ids: [Int64], prevHashes: [String], hashes: [String]) {
        var ids: [Int64] = []
        var prevHashes: [String] = []
        var hashes: [String] = []
        ids.reserveCapacity(rows.count)
        prevHashes.reserveCapacity(rows.count)
        hashes.reserveCapacity(rows.count)
        var last = head
        for row in rows {
            let record = AuditRecord(
                id: last.id + 1, createdAt: now, tenantID: row.tenantID, category: "envelope", action: row.action,
                envelopeID: row.envelopeID, actor: actor, payloadText: row.payload, prevHash: last.hash, hash: "")
            let hash = AuditHasher.hash(record, scratch: &scratch)
            ids.append(record.id)
            prevHashes.append(last.hash)
            hashes.append(hash)
            last = (record.id, hash)
        }
        return (ids, prevHashes, hashes)
    }

    // MARK: - Texts, as the worker and the store write them

    /// The `claimed` row's payload: the canonical text `EnvelopeAudit` writes for a claim.
    static func claimedPayload(attempts: Int, leaseExpiresAt: Int64) -> String {
        "{\"attempts\":\(attempts),\"from\":\"pending\",\"lease_expires_at\":\(leaseExpiresAt),\"to\":\"running\"}"
    }

    /// The `succeeded` row's payload: the canonical text `EnvelopeAudit` writes for a success.
    static func succeededPayload(attempts: Int, externalID: String) -> String {
        "{\"attempts\":\(attempts),\"external_id\":\"\(externalID)\",\"from\":\"running\",\"to\":\"succeeded\"}"
    }

    /// A provider's log id of the simulator's shape (`log_` and 16 hex digits).
    static func externalID(envelopeID: Int64, attempt: Int) -> String {
        "log_" + hex16(mix(UInt64(bitPattern: envelopeID) &* 31 &+ UInt64(attempt)))
    }

    /// The result the simulator answers for a tool outside its catalog, as canonical JSON.
    static func resultText(_ claimed: Claimed) -> String {
        "{\"attempt\":\(claimed.attempts),\"envelope_id\":\(claimed.id),\"id\":\"sim_"
            + hex16(mix(UInt64(bitPattern: claimed.id) &+ 0x9E37_79B9)) + "\",\"simulated\":true,\"tool\":\""
            + claimed.toolSlug + "\",\"toolkit\":\"" + claimed.toolkit + "\",\"version\":\"unpinned\"}"
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
