import DeckCore
import GRDB

extension SQLiteStore {
    public func addSignals(_ drafts: [SignalDraft], in scope: TenantScope) async throws -> [Signal] {
        try await write { db in
            for tenant in Set(drafts.map(\.tenantID)) { try Self.requireTenant(tenant, in: scope, db) }
            let statement = try db.cachedStatement(sql: """
                INSERT INTO signals (tenant_id, connected_account_id, toolkit, tool_slug, source, payload, observed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            return try drafts.map { draft in
                try statement.execute(arguments: [
                    draft.tenantID.rawValue, draft.connectedAccountID?.rawValue, draft.toolkit, draft.toolSlug,
                    draft.source.rawValue, draft.payload.canonicalText, draft.observedAt.millisecondsSinceEpoch,
                ])
                return Signal(
                    id: SignalID(db.lastInsertedRowID), tenantID: draft.tenantID, connectedAccountID: draft.connectedAccountID,
                    toolkit: draft.toolkit, toolSlug: draft.toolSlug, source: draft.source, payload: draft.payload,
                    observedAt: draft.observedAt)
            }
        }
    }

    public func signals(_ query: SignalQuery, in scope: TenantScope) async throws -> Page<Signal> {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var sql = "SELECT * FROM signals WHERE \(predicate.sql)"
            var arguments = predicate.arguments
            if let toolkit = query.toolkit {
                sql += " AND toolkit = ?"
                _ = arguments.append(contentsOf: [toolkit])
            }
            let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
            if let comparison = window.keyComparison, let after = window.cursor {
                sql += " AND id \(comparison) ?"
                _ = arguments.append(contentsOf: [after.rawValue])
            }
            sql += " ORDER BY id \(window.sortDirection) LIMIT ?"
            _ = arguments.append(contentsOf: [window.fetchLimit])
            return window.page(try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteRows.signal))
        }
    }
}
