import DeckCore
import Logging
import PostgresNIO

/// Writes many envelopes' new states in one statement: each column as an array, `unnest`ed
/// into rows and joined to `outbox` by id. A claim of 32 envelopes and the 32 outcomes it
/// carries are two round trips, not 64.
///
/// postgres-nio encodes no arrays of optionals, so every nullable column travels with a
/// placeholder and one bitmask per row (`nulls`) says which of them are NULL.
enum PostgresEnvelopeWrites {
    /// The nullable columns, in the order of their bit in `nulls`.
    private enum Nullable: Int64 {
        case leaseOwner = 1, leaseExpiresAt = 2, lastError = 4, statusReason = 8, externalID = 16, result = 32
        case approvedBy = 64, heldBy = 128
    }

    private static let statement = """
        UPDATE outbox AS o SET
            status = v.status, attempts = v.attempts, run_at = v.run_at,
            lease_owner = CASE WHEN v.nulls & 1 = 0 THEN v.lease_owner END,
            lease_expires_at = CASE WHEN v.nulls & 2 = 0 THEN v.lease_expires_at END,
            last_error = CASE WHEN v.nulls & 4 = 0 THEN v.last_error END,
            status_reason = CASE WHEN v.nulls & 8 = 0 THEN v.status_reason END,
            external_id = CASE WHEN v.nulls & 16 = 0 THEN v.external_id END,
            result = CASE WHEN v.nulls & 32 = 0 THEN v.result END,
            approved_by = CASE WHEN v.nulls & 64 = 0 THEN v.approved_by END,
            held_by = CASE WHEN v.nulls & 128 = 0 THEN v.held_by END,
            result_truncated = v.result_truncated, in_doubt = v.in_doubt, updated_at = v.updated_at
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::bigint[], $13::bool[], $14::bool[], $15::bigint[], $16::bigint[])
            AS v(id, status, attempts, run_at, lease_owner, lease_expires_at, last_error, status_reason, external_id, result,
                 approved_by, held_by, result_truncated, in_doubt, updated_at, nulls)
        WHERE o.id = v.id
        """

    private enum Write: PostgresStatementText {
        static let name = "outbox_write"
        static let sql = statement + " RETURNING o.id"
    }

    /// Only rows still running under the lease of the worker in `$17`.
    private enum WriteLeased: PostgresStatementText {
        static let name = "outbox_write_leased"
        static let sql = statement + " AND o.status = 'running' AND o.lease_owner = $17 RETURNING o.id"
    }

    /// The write, and audit rows staged (`PostgresAuditWriter`) by the same statement.
    private enum WriteAndStage: PostgresStatementText {
        static let name = "outbox_write_stage"
        static let sql = "WITH staged AS (" + PostgresAuditWriter.stageSQL(firstParameter: 17) + ") "
            + statement + " RETURNING o.id"
    }

    /// Writes `envelopes` (each id once); with `worker`, only rows still running under its
    /// lease. Returns the ids of the rows written.
    ///
    /// `staging`'s audit rows are staged by the same statement, one round trip less (not
    /// with `worker`: whose rows to stage depends on which were written).
    static func write(
        _ envelopes: [Envelope], onlyIfLeasedTo worker: WorkerID?, staging: (entries: [AuditEntry], at: Timestamp)? = nil,
        _ connection: PostgresConnection, logger: Logger
    ) async throws -> Set<EnvelopeID> {
        precondition(worker == nil || staging == nil, "a leased write stages no audit rows")
        guard !envelopes.isEmpty else {
            if let staging { try await PostgresAuditWriter.stage(staging.entries, at: staging.at, on: connection, logger: logger) }
            return []
        }
        let count = envelopes.count
        var ids = [Int64](), statuses = [String](), attempts = [Int64](), runAts = [Int64]()
        var leaseOwners = [String](), leaseExpiries = [Int64](), lastErrors = [String](), reasons = [String]()
        var externalIDs = [String](), results = [String](), approvers = [String](), heldBy = [Int64]()
        var truncated = [Bool](), inDoubt = [Bool](), updatedAts = [Int64](), nulls = [Int64]()
        for envelope in envelopes {
            var mask: Int64 = 0
            func text(_ value: String?, _ bit: Nullable) -> String {
                if value == nil { mask |= bit.rawValue }
                return value ?? ""
            }
            func number(_ value: Int64?, _ bit: Nullable) -> Int64 {
                if value == nil { mask |= bit.rawValue }
                return value ?? 0
            }
            ids.append(envelope.id.rawValue)
            statuses.append(envelope.status.rawValue)
            attempts.append(Int64(envelope.attempts))
            runAts.append(envelope.runAt.millisecondsSinceEpoch)
            leaseOwners.append(text(envelope.leaseOwner?.rawValue, .leaseOwner))
            leaseExpiries.append(number(envelope.leaseExpiresAt?.millisecondsSinceEpoch, .leaseExpiresAt))
            lastErrors.append(text(envelope.lastError, .lastError))
            reasons.append(text(envelope.statusReason, .statusReason))
            externalIDs.append(text(envelope.externalID, .externalID))
            results.append(text(envelope.result, .result))
            approvers.append(text(envelope.approvedBy, .approvedBy))
            heldBy.append(number(envelope.heldBy?.rawValue, .heldBy))
            truncated.append(envelope.resultTruncated)
            inDoubt.append(envelope.inDoubt)
            updatedAts.append(envelope.updatedAt.millisecondsSinceEpoch)
            nulls.append(mask)
        }
        var binds = PostgresBindings()
        binds.append(ids)
        binds.append(statuses)
        binds.append(attempts)
        binds.append(runAts)
        binds.append(leaseOwners)
        binds.append(leaseExpiries)
        binds.append(lastErrors)
        binds.append(reasons)
        binds.append(externalIDs)
        binds.append(results)
        binds.append(approvers)
        binds.append(heldBy)
        binds.append(truncated)
        binds.append(inDoubt)
        binds.append(updatedAts)
        binds.append(nulls)
        let rows: AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow>
        if let worker {
            binds.append(worker.rawValue)
            rows = try await connection.prepared(WriteLeased.self, binds, logger: logger)
        } else if let staging, !staging.entries.isEmpty {
            PostgresAuditWriter.appendStageBinds(staging.entries, at: staging.at, to: &binds)
            rows = try await connection.prepared(WriteAndStage.self, binds, logger: logger)
        } else {
            rows = try await connection.prepared(Write.self, binds, logger: logger)
        }
        var written = Set<EnvelopeID>()
        written.reserveCapacity(count)
        for try await row in rows { written.insert(EnvelopeID(try row.decode(Int64.self))) }
        return written
    }
}
