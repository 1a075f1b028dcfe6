import DeckCore
import GRDB

/// The audit log's per-tenant access path, maintained in bulk.
///
/// An ordinary `(tenant_id, id)` index on `audit_log` costs a page write per tenant in every
/// transaction (each tenant's newest entries sit on their own page), which set the worker's
/// ceiling. Instead, `audit_tenant_index` holds `(tenant_id, audit_id)` for every row up to
/// the `audit_tenant_indexed` counter, and write transactions catch it up once enough newer
/// rows exist: one pass that touches each tenant's page once for thousands of rows. A pass
/// dirties about one page per tenant it meets, so it waits for at least four rows per tenant
/// (`catchUpRows`, or four times the tenants when there are more). A tenant's audit rows are
/// then its indexed rows plus the rows above the counter (at most that many, read by id). The
/// index is derived data: the hash chain covers `audit_log` alone.
enum AuditTenantIndex {
    /// How many unindexed rows trigger a catch-up with few tenants; also the most a
    /// tenant-scoped read scans then.
    static let catchUpRows: Int64 = 4_096

    /// Rows per tenant a catch-up waits for (with more than `catchUpRows / 4` tenants).
    static let rowsPerTenant: Int64 = 4

    /// The id of the last row indexed.
    static func indexedThrough(_ db: Database) throws -> Int64 {
        let statement = try SQLiteRawStatement.cached(db, sql: "SELECT value FROM counters WHERE name = 'audit_tenant_indexed'")
        defer { statement.done() }
        return try statement.next() ? statement.int64(0) : 0
    }

    /// Indexes the rows above the counter when there are `catchUpRows` of them (or any, with
    /// `force`), inside the caller's write transaction.
    static func catchUp(_ db: Database, force: Bool = false) throws {
        let through = try indexedThrough(db)
        let head = try SQLiteRawStatement.cached(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log")
        let last = try head.next() ? head.int64(0) : 0
        head.done()
        guard last - through >= (force ? 1 : catchUpRows) else { return }
        if !force {
            // Tenants ever added (rowids are never reused here): a cheap bound on those met.
            let tenants = try SQLiteRawStatement.cached(db, sql: "SELECT coalesce(max(rowid), 0) FROM tenants")
            let count = try tenants.next() ? tenants.int64(0) : 0
            tenants.done()
            guard last - through >= count * rowsPerTenant else { return }
        }
        let insert = try SQLiteRawStatement.cached(db, sql: """
            INSERT INTO audit_tenant_index (tenant_id, audit_id)
            SELECT tenant_id, id FROM audit_log WHERE id > ? AND id <= ? AND tenant_id IS NOT NULL
            """)
        insert.bind(1, through)
        insert.bind(2, last)
        try insert.run()
        let mark = try SQLiteRawStatement.cached(db, sql: "UPDATE counters SET value = ? WHERE name = 'audit_tenant_indexed'")
        mark.bind(1, last)
        try mark.run()
    }

    /// One page of a tenant's audit rows: the unindexed rows above the counter (by id) and
    /// the indexed ones below it (through the index), in the query's order.
    static func page(_ query: AuditQuery, tenant: TenantID, _ db: Database) throws -> Page<AuditEvent> {
        let through = try indexedThrough(db)
        var filters = ""
        var filterArguments = StatementArguments()
        if let categories = query.categories {
            filters += " AND a.category IN (\(Array(repeating: "?", count: categories.count).joined(separator: ",")))"
            _ = filterArguments.append(contentsOf: StatementArguments(categories.map(\.rawValue).sorted()))
        }
        let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
        let wanted = window.fetchLimit
        /// Rows from `source`, whose audit id is `key`, restricted by `range` (the tenant and
        /// which side of the counter), after the query's cursor, in its order.
        func rows(_ source: String, key: String, range: String, _ rangeArguments: StatementArguments, limit: Int) throws -> [Row] {
            var arguments = rangeArguments
            var bound = ""
            if let comparison = window.keyComparison, let after = window.cursor {
                bound = " AND \(key) \(comparison) ?"
                _ = arguments.append(contentsOf: [after.rawValue])
            }
            _ = arguments.append(contentsOf: filterArguments)
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(
                db, sql: "SELECT a.* FROM \(source) WHERE \(range)\(bound)\(filters) ORDER BY \(key) \(window.sortDirection) LIMIT ?",
                arguments: arguments)
        }
        // The unindexed tail: rows above the counter, read by id.
        func tail(_ limit: Int) throws -> [Row] {
            try rows("audit_log a", key: "a.id", range: "a.id > ? AND a.tenant_id = ?", [through, tenant.rawValue], limit: limit)
        }
        // The indexed rows, through `audit_tenant_index`.
        func indexed(_ limit: Int) throws -> [Row] {
            try rows(
                "audit_tenant_index i CROSS JOIN audit_log a ON a.id = i.audit_id", key: "i.audit_id",
                range: "i.tenant_id = ? AND i.audit_id <= ?", [tenant.rawValue, through], limit: limit)
        }
        var rows: [Row]
        if query.order == .newestFirst {
            rows = try tail(wanted)
            if rows.count < wanted { rows += try indexed(wanted - rows.count) }
        } else {
            rows = try indexed(wanted)
            if rows.count < wanted { rows += try tail(wanted - rows.count) }
        }
        return window.page(try rows.map(SQLiteRows.auditEvent))
    }
}
