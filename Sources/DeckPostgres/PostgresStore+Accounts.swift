import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: ConnectedAccountRepository {
    static let accountColumns =
        "id, tenant_id::text, provider, status, status_reason, scopes::text, last_scan_at, created_at, updated_at"

    /// As SQLite's: an id already held by another tenant is a conflict, an unchanged status is
    /// not audited, and a stored scan time survives a save that carries none.
    ///
    /// The status reason and scopes are Composio's text: U+0000 in them is stored as U+FFFD
    /// (`PostgresRows.storable`).
    public func saveAccount(_ account: ConnectedAccount, in scope: TenantScope, actor: String) async throws -> AccountStatus? {
        let now = clock.now()
        let reason = PostgresRows.storable(account.statusReason)
        let scopes = JSONValue.array(account.scopes.map { .string(PostgresRows.storable($0)) }).canonicalText
        return try await transaction(scope) { connection in
            try await Self.requireTenant(account.tenantID, in: scope, connection, logger: logger)
            // Insert first: a new id is the common case, and two hosts saving the same new id
            // meet here (the second waits for the first to commit, then updates).
            var inserted = false
            for try await _ in try await connection.query("""
                INSERT INTO connected_accounts
                    (id, tenant_id, provider, status, status_reason, scopes, last_scan_at, created_at, updated_at)
                VALUES (\(account.id.rawValue), \(account.tenantID.rawValue)::uuid, \(account.provider),
                    \(account.status.rawValue), \(reason), \(scopes)::jsonb, \(account.lastScanAt?.millisecondsSinceEpoch),
                    \(now.millisecondsSinceEpoch), \(now.millisecondsSinceEpoch))
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """, logger: logger
            ).decode(String.self) { inserted = true }
            guard !inserted else {
                try await PostgresAuditWriter.stage(
                    [StoreAudit.accountSaved(account, previous: nil, actor: actor)], at: now, on: connection, logger: logger)
                return nil
            }
            // The id exists. In a tenant's scope another tenant's row is invisible here, so
            // "no row" and "another tenant's row" are the same answer: the id is taken.
            var existing: (tenant: String, status: String)?
            for try await (tenant, status) in try await connection.query(
                "SELECT tenant_id::text, status FROM connected_accounts WHERE id = \(account.id.rawValue) FOR UPDATE",
                logger: logger
            ).decode((String, String).self) { existing = (tenant, status) }
            guard let existing, existing.tenant == account.tenantID.rawValue else {
                throw StoreError.conflict("connected account \(account.id) belongs to another tenant")
            }
            let previous: AccountStatus = try PostgresRows.enumValue(existing.status, column: "status")
            try await connection.query("""
                UPDATE connected_accounts SET provider = \(account.provider), status = \(account.status.rawValue),
                    status_reason = \(reason), scopes = \(scopes)::jsonb,
                    last_scan_at = coalesce(\(account.lastScanAt?.millisecondsSinceEpoch), last_scan_at),
                    updated_at = \(now.millisecondsSinceEpoch)
                WHERE id = \(account.id.rawValue)
                """, logger: logger)
            if previous != account.status {
                try await PostgresAuditWriter.stage(
                    [StoreAudit.accountSaved(account, previous: previous, actor: actor)], at: now, on: connection, logger: logger)
            }
            return previous
        }
    }

    public func account(_ id: ConnectedAccountID, in scope: TenantScope) async throws -> ConnectedAccount? {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            binds.append(id.rawValue)
            let condition = PostgresRows.scopeCondition(scope, &binds)
            return try await Self.fetchAccounts(
                PostgresQuery(unsafeSQL: "SELECT \(Self.accountColumns) FROM connected_accounts WHERE id = $1 AND \(condition)", binds: binds),
                connection, logger: logger
            ).first
        }
    }

    /// By tenant then id, both in byte order (`COLLATE "C"`), as SQLite compares text.
    public func accounts(in scope: TenantScope, status: AccountStatus?) async throws -> [ConnectedAccount] {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            var sql = "SELECT \(Self.accountColumns) FROM connected_accounts WHERE \(PostgresRows.scopeCondition(scope, &binds))"
            if let status {
                binds.append(status.rawValue)
                sql += " AND status = $\(binds.count)"
            }
            return try await Self.fetchAccounts(
                PostgresQuery(unsafeSQL: sql + " ORDER BY tenant_id, id COLLATE \"C\"", binds: binds), connection, logger: logger)
        }
    }

    public func markScanned(_ id: ConnectedAccountID, at instant: Timestamp, in scope: TenantScope) async throws {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            binds.append(instant.millisecondsSinceEpoch)
            binds.append(id.rawValue)
            let condition = PostgresRows.scopeCondition(scope, &binds)
            var updated = false
            for try await _ in try await connection.query(
                PostgresQuery(
                    unsafeSQL: "UPDATE connected_accounts SET last_scan_at = $1 WHERE id = $2 AND \(condition) RETURNING id",
                    binds: binds),
                logger: logger
            ).decode(String.self) { updated = true }
            guard updated else { throw StoreError.notFound("connected account \(id)") }
        }
    }

    static func fetchAccounts(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [ConnectedAccount] {
        var accounts: [ConnectedAccount] = []
        for try await (id, tenant, provider, status, reason, scopes, scannedAt, created, updated) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, String, String?, String, Int64?, Int64, Int64).self) {
            accounts.append(ConnectedAccount(
                id: ConnectedAccountID(rawValue: id), tenantID: TenantID(rawValue: tenant), provider: provider,
                status: try PostgresRows.enumValue(status, column: "status"), statusReason: reason,
                scopes: try PostgresRows.strings(scopes, column: "scopes"), lastScanAt: PostgresRows.timestamp(scannedAt),
                createdAt: PostgresRows.timestamp(created), updatedAt: PostgresRows.timestamp(updated)))
        }
        return accounts
    }
}
