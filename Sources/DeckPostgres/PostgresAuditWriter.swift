import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// Writes audit rows inside the caller's transaction; the database seals them into the chain.
///
/// Rows are staged in `audit_pending` (no id, no hashes) with one statement. When the
/// transaction commits, a deferred trigger (`0004_audit_sealed_at_commit.sql`) locks the
/// chain's head, numbers the rows after it, hashes them with the encoding of `docs/audit.md`
/// and moves them into `audit_log`: the head is held only inside the server, during the commit,
/// so appenders on many hosts do not wait on each other's round trips.
enum PostgresAuditWriter {
    /// Stages `entries`, in order, to be sealed when the transaction commits.
    static func stage(
        _ entries: [AuditEntry], at now: Timestamp, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !entries.isEmpty else { return }
        // Arrays of optionals do not encode: '' stands for no tenant and 0 for no envelope
        // (envelope ids start at 1).
        var tenants: [String] = [], categories: [String] = [], actions: [String] = [], envelopes: [Int64] = []
        var actors: [String] = [], payloads: [String] = []
        tenants.reserveCapacity(entries.count)
        categories.reserveCapacity(entries.count)
        actions.reserveCapacity(entries.count)
        envelopes.reserveCapacity(entries.count)
        actors.reserveCapacity(entries.count)
        payloads.reserveCapacity(entries.count)
        for entry in entries {
            tenants.append(entry.tenantID?.rawValue ?? "")
            categories.append(entry.category.rawValue)
            actions.append(entry.action)
            envelopes.append(entry.envelopeID?.rawValue ?? 0)
            actors.append(entry.actor)
            payloads.append(entry.payload.canonicalText)
        }
        var query = PostgresQuery(unsafeSQL: """
            INSERT INTO audit_pending (tenant_id, category, action, envelope_id, actor, payload, created_at)
            SELECT NULLIF(t, '')::uuid, c, a, NULLIF(e, 0), actor, p, $7
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[]) AS s(t, c, a, e, actor, p)
            """)
        query.binds.append(tenants)
        query.binds.append(categories)
        query.binds.append(actions)
        query.binds.append(envelopes)
        query.binds.append(actors)
        query.binds.append(payloads)
        query.binds.append(now.millisecondsSinceEpoch)
        try await connection.query(query, logger: logger)
    }

    /// Stages `entries` and seals them now (`opsdeck_audit_seal()`), for a caller that returns
    /// the stored rows: the chain's head stays locked from here to the commit.
    static func appendSealed(
        _ entries: [AuditEntry], at now: Timestamp, on connection: PostgresConnection, logger: Logger
    ) async throws -> [AuditEvent] {
        try await stage(entries, at: now, on: connection, logger: logger)
        var sealed: [(id: Int64, prevHash: String, hash: String)] = []
        for try await row in try await connection.query(
            "SELECT sealed_id, sealed_prev_hash, sealed_hash FROM opsdeck_audit_seal()", logger: logger
        ).decode((Int64, String, String).self) { sealed.append(row) }
        guard sealed.count == entries.count else {
            throw StoreError.unavailable("the audit log sealed \(sealed.count) rows of \(entries.count)")
        }
        return zip(entries, sealed).map { entry, row in
            AuditEvent(
                id: AuditEventID(row.id), tenantID: entry.tenantID, category: entry.category, action: entry.action,
                envelopeID: entry.envelopeID, actor: entry.actor, payload: entry.payload, createdAt: now,
                prevHash: row.prevHash, hash: row.hash)
        }
    }
}
