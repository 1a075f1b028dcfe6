import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: AuditLogger {
    static let auditColumns = "id, created_at, tenant_id::text, category, action, envelope_id, actor, payload, prev_hash, hash"

    public func append(_ entry: AuditEntry, in scope: TenantScope) async throws -> AuditEvent {
        let now = clock.now()
        return try await transaction(scope) { connection in
            if let tenant = entry.tenantID {
                try await Self.requireTenant(tenant, in: scope, connection, logger: logger)
            } else if scope != .allTenants {
                throw StoreError.notFound("operator-wide audit scope")
            }
            return try await PostgresAuditWriter.appendSealed([entry], at: now, on: connection, logger: logger)[0]
        }
    }

    public func auditEvents(_ query: AuditQuery, in scope: TenantScope) async throws -> Page<AuditEvent> {
        try await transaction(scope) { connection in
            // Row-level security leaves out other tenants' rows, and in a tenant's scope the
            // rows of no tenant; the filters and the keyset bounds are the query's.
            var clauses: [String] = []
            var binds = PostgresBindings()
            if let categories = query.categories {
                clauses.append("category = ANY($\(binds.count + 1))")
                binds.append(categories.map(\.rawValue).sorted())
            }
            if let envelopeID = query.envelopeID {
                clauses.append("envelope_id = $\(binds.count + 1)")
                binds.append(envelopeID.rawValue)
            }
            let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
            if let comparison = window.keyComparison, let after = window.cursor {
                clauses.append("id \(comparison) $\(binds.count + 1)")
                binds.append(after.rawValue)
            }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let records = try await Self.fetchAuditRecords(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.auditColumns) FROM audit_log \(whereSQL) ORDER BY id \(window.sortDirection) LIMIT \(window.fetchLimit)",
                    binds: binds),
                connection, logger: logger)
            return window.page(try records.map(Self.auditEvent))
        }
    }

    public func verifyAuditChain(checkpoints: [AuditCheckpoint]) async throws -> AuditVerification {
        try await transaction(.allTenants) { connection in
            var verifier = AuditHasher.verifier(checkpoints: checkpoints)
            var recorded: [Int64: (row: Int64, digest: String)] = [:]
            for record in try await Self.fetchAuditRecords(
                PostgresQuery(unsafeSQL: "SELECT \(Self.auditColumns) FROM audit_log ORDER BY id"), connection, logger: logger) {
                guard verifier.check(record) else { break }
                if record.action == "submitted", let id = record.envelopeID,
                   case .string(let digest)? = try? JSONValue(parsing: record.payloadText)["args_sha256"] {
                    recorded[id] = (record.id, digest)
                }
            }
            guard case .intact(let count, _) = verifier.result else { return verifier.result }
            // The chain holds: do the envelopes still hold what was submitted?
            var pairs: [(id: Int64, text: String)] = []
            for try await (id, text) in try await connection.query(
                "SELECT id, envelope FROM outbox ORDER BY id", logger: logger
            ).decode((Int64, String).self) where recorded[id] != nil {
                pairs.append((id, text))
            }
            if let mismatch = ArgumentsDigest.firstMismatch(recorded: recorded, stored: pairs) {
                return .broken(mismatch, checkedBefore: min(count, Int(mismatch.id) - 1))
            }
            return verifier.result
        }
    }

    public func auditChainHead(resumingAt checkpoint: AuditCheckpoint?) async throws -> AuditVerification {
        try await transaction(.allTenants) { connection in
            var verifier = AuditHasher.verifier(resumingAt: checkpoint)
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.auditColumns) FROM audit_log WHERE id >= $1 ORDER BY id")
            query.binds.append(verifier.nextID)
            for record in try await Self.fetchAuditRecords(query, connection, logger: logger) {
                guard verifier.check(record) else { break }
            }
            return verifier.result
        }
    }

    static func fetchAuditRecords(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        for try await (id, created, tenant, category, action, envelope, actor, payload, prevHash, hash) in try await connection.query(
            query, logger: logger
        ).decode((Int64, Int64, String?, String, String, Int64?, String, String, String, String).self) {
            records.append(AuditRecord(
                id: id, createdAt: created, tenantID: tenant, category: category, action: action, envelopeID: envelope,
                actor: actor, payloadText: payload, prevHash: prevHash, hash: hash))
        }
        return records
    }

    static func auditEvent(_ record: AuditRecord) throws -> AuditEvent {
        guard let category = AuditCategory(rawValue: record.category) else {
            throw StoreError.unavailable("unknown audit category '\(TerminalText.sanitize(record.category))' in row \(record.id)")
        }
        let payload: JSONValue
        do {
            payload = try JSONValue(parsing: record.payloadText)
        } catch {
            throw StoreError.unavailable("audit row \(record.id) holds a payload that is not JSON")
        }
        return AuditEvent(
            id: AuditEventID(record.id), tenantID: record.tenantID.map(TenantID.init(rawValue:)), category: category,
            action: record.action, envelopeID: record.envelopeID.map(EnvelopeID.init(rawValue:)), actor: record.actor,
            payload: payload, createdAt: Timestamp(millisecondsSinceEpoch: record.createdAt), prevHash: record.prevHash,
            hash: record.hash)
    }
}
