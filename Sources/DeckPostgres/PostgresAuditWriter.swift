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
        var binds = PostgresBindings()
        appendStageBinds(entries, at: now, to: &binds)
        for try await _ in try await connection.prepared(Stage.self, binds, logger: logger) {}
    }

    /// Appends the seven binds of `stageSQL` for `entries` to `binds`.
    static func appendStageBinds(_ entries: [AuditEntry], at now: Timestamp, to binds: inout PostgresBindings) {
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
        binds.append(tenants)
        binds.append(categories)
        binds.append(actions)
        binds.append(envelopes)
        binds.append(actors)
        binds.append(payloads)
        binds.append(now.millisecondsSinceEpoch)
    }

    /// The statement that stages rows, its seven parameters numbered from `first`.
    static func stageSQL(firstParameter first: Int) -> String {
        let p = (first..<first + 7).map { "$\($0)" }
        return """
            INSERT INTO audit_pending (tenant_id, category, action, envelope_id, actor, payload, created_at)
            SELECT NULLIF(t, '')::uuid, c, a, NULLIF(e, 0), actor, p, \(p[6])
            FROM unnest(\(p[0])::text[], \(p[1])::text[], \(p[2])::text[], \(p[3])::bigint[], \(p[4])::text[], \(p[5])::text[])
                AS s(t, c, a, e, actor, p)
            """
    }

    private enum Stage: PostgresStatementText {
        static let name = "audit_stage"
        static let sql = stageSQL(firstParameter: 1)
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
