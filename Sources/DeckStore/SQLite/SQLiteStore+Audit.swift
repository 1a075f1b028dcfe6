import DeckCore
import GRDB

extension SQLiteStore {
    public func append(_ entry: AuditEntry, in scope: TenantScope) async throws -> AuditEvent {
        let now = clock.now()
        return try await write { db in
            if let tenant = entry.tenantID {
                try Self.requireTenant(tenant, in: scope, db)
            } else if scope != .allTenants {
                throw StoreError.notFound("operator-wide audit scope")
            }
            var audit = try SQLiteAuditWriter(db, now: now)
            return try audit.append(entry)
        }
    }

    public func auditEvents(_ query: AuditQuery, in scope: TenantScope) async throws -> Page<AuditEvent> {
        try await read { db in
            if case .tenant(let tenant) = scope, query.envelopeID == nil {
                return try AuditTenantIndex.page(query, tenant: tenant, db)
            }
            var clauses: [String] = []
            var arguments = StatementArguments()
            switch scope {
            case .tenant(let id):
                clauses.append("tenant_id = ?")
                _ = arguments.append(contentsOf: [id.rawValue])
            case .allTenants:
                break
            }
            if let categories = query.categories {
                clauses.append("category IN (\(Array(repeating: "?", count: categories.count).joined(separator: ",")))")
                _ = arguments.append(contentsOf: StatementArguments(categories.map(\.rawValue).sorted()))
            }
            if let envelopeID = query.envelopeID {
                clauses.append("envelope_id = ?")
                _ = arguments.append(contentsOf: [envelopeID.rawValue])
            }
            let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
            if let comparison = window.keyComparison, let after = window.cursor {
                clauses.append("id \(comparison) ?")
                _ = arguments.append(contentsOf: [after.rawValue])
            }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [window.fetchLimit])
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log \(whereSQL) ORDER BY id \(window.sortDirection) LIMIT ?", arguments: arguments)
            return window.page(try rows.map(SQLiteRows.auditEvent))
        }
    }

    public func verifyAuditChain(checkpoints: [AuditCheckpoint]) async throws -> AuditVerification {
        try await read { db in
            // A chain read from a damaged file proves nothing: the file's own structure first.
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(5)")
            if problems != ["ok"] {
                throw StoreError.unavailable(
                    "database \(self.path) is damaged (integrity check: \(TerminalText.sanitize(problems.joined(separator: "; "))))")
            }
            var verifier = AuditHasher.verifier(checkpoints: checkpoints)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.auditRecordColumns) FROM audit_log ORDER BY id")
            var recorded: [Int64: (row: Int64, digest: String)] = [:]
            while let row = try rows.next() {
                let record = SQLiteRows.auditRecord(row)
                guard verifier.check(record) else { break }
                if record.action == "submitted", let id = record.envelopeID,
                   case .string(let digest)? = try? JSONValue(parsing: record.payloadText)["args_sha256"] {
                    recorded[id] = (record.id, digest)
                }
            }
            guard case .intact(let count, _) = verifier.result else { return verifier.result }
            // The chain holds: do the envelopes still hold what was submitted?
            let stored = try Row.fetchCursor(db, sql: "SELECT id, envelope FROM outbox ORDER BY id")
            var pairs: [(id: Int64, text: String)] = []
            while let row = try stored.next() {
                let id: Int64 = row[0]
                if recorded[id] != nil { pairs.append((id, row[1])) }
            }
            if let mismatch = ArgumentsDigest.firstMismatch(recorded: recorded, stored: pairs) {
                return .broken(mismatch, checkedBefore: min(count, Int(mismatch.id) - 1))
            }
            return verifier.result
        }
    }

    /// The columns `SQLiteRows.auditRecord` reads, in its order.
    static let auditRecordColumns = "id, created_at, tenant_id, category, action, envelope_id, actor, payload, prev_hash, hash"

    public func auditChainHead(resumingAt checkpoint: AuditCheckpoint?) async throws -> AuditVerification {
        try await read { db in
            var verifier = AuditHasher.verifier(resumingAt: checkpoint)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(Self.auditRecordColumns) FROM audit_log WHERE id >= ? ORDER BY id", arguments: [verifier.nextID])
            while let row = try rows.next() {
                guard verifier.check(SQLiteRows.auditRecord(row)) else { break }
            }
            return verifier.result
        }
    }
}
