import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// Extends the audit chain inside the caller's transaction, as its last writes.
///
/// Hosts append to one chain: the transaction-level advisory lock ('OPSD', 1) is taken first,
/// then the head is read from `audit_chain_head` (a new statement, so it sees the last
/// appender's commit), then the rows are inserted with consecutive ids after it. The lock is
/// held until the transaction ends, so the next appender reads the head this one leaves.
/// (The database checks the same rule itself: an insert that does not follow the head is
/// refused.)
enum PostgresAuditWriter {
    static let lock: (Int32, Int32) = (1_330_664_260, 1)

    /// Seals and inserts `entries` in order; returns them as stored.
    static func append(
        _ entries: [AuditEntry], at now: Timestamp, on connection: PostgresConnection, logger: Logger
    ) async throws -> [AuditEvent] {
        guard !entries.isEmpty else { return [] }
        try await connection.query("SELECT pg_advisory_xact_lock(\(lock.0), \(lock.1))", logger: logger)
        var lastID: Int64 = 0
        var lastHash = AuditChain.genesisHash
        for try await (id, hash) in try await connection.query(
            "SELECT last_id, last_hash FROM audit_chain_head", logger: logger
        ).decode((Int64, String).self) {
            lastID = id
            lastHash = hash
        }
        var events: [AuditEvent] = []
        events.reserveCapacity(entries.count)
        var bindings = PostgresBindings(capacity: entries.count * 10)
        var tuples: [String] = []
        tuples.reserveCapacity(entries.count)
        for entry in entries {
            let (event, payloadText) = AuditEvent.sealing(entry, id: lastID + 1, at: now, prevHash: lastHash)
            let first = bindings.count + 1
            tuples.append("($\(first), $\(first + 1)::uuid, $\(first + 2), $\(first + 3), $\(first + 4), $\(first + 5), "
                + "$\(first + 6), $\(first + 7), $\(first + 8), $\(first + 9))")
            bindings.append(event.id.rawValue)
            bindings.append(event.tenantID?.rawValue)
            bindings.append(event.category.rawValue)
            bindings.append(event.action)
            bindings.append(event.envelopeID?.rawValue)
            bindings.append(event.actor)
            bindings.append(payloadText)
            bindings.append(event.createdAt.millisecondsSinceEpoch)
            bindings.append(event.prevHash)
            bindings.append(event.hash)
            lastID = event.id.rawValue
            lastHash = event.hash
            events.append(event)
        }
        try await connection.query(PostgresQuery(
            unsafeSQL: """
                INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
                VALUES \(tuples.joined(separator: ", "))
                """,
            binds: bindings), logger: logger)
        return events
    }
}
