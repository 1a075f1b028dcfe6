import DeckCore
import GRDB

extension SQLiteStore {
    public func saveAccount(_ account: ConnectedAccount, in scope: TenantScope, actor: String) async throws -> AccountStatus? {
        let now = clock.now()
        return try await write { db in
            try Self.requireTenant(account.tenantID, in: scope, db)
            let existing = try Row.fetchOne(
                db, sql: "SELECT tenant_id, status FROM connected_accounts WHERE id = ?", arguments: [account.id.rawValue])
            if let existing, (existing["tenant_id"] as String) != account.tenantID.rawValue {
                throw StoreError.conflict("connected account \(account.id) belongs to another tenant")
            }
            let previous: AccountStatus? = try existing.map { try SQLiteRows.enumValue($0, "status") }
            try db.execute(
                sql: """
                    INSERT INTO connected_accounts
                        (id, tenant_id, provider, status, status_reason, scopes, last_scan_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET provider = excluded.provider, status = excluded.status,
                        status_reason = excluded.status_reason, scopes = excluded.scopes,
                        last_scan_at = coalesce(excluded.last_scan_at, last_scan_at), updated_at = excluded.updated_at
                    """,
                arguments: [
                    account.id.rawValue, account.tenantID.rawValue, account.provider, account.status.rawValue,
                    account.statusReason, SQLiteRows.jsonText(account.scopes), account.lastScanAt?.millisecondsSinceEpoch,
                    now.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
                ])
            if previous != account.status {
                var audit = try SQLiteAuditWriter(db, now: now)
                try audit.append(StoreAudit.accountSaved(account, previous: previous, actor: actor))
            }
            return previous
        }
    }

    public func account(_ id: ConnectedAccountID, in scope: TenantScope) async throws -> ConnectedAccount? {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var arguments: StatementArguments = [id.rawValue]
            _ = arguments.append(contentsOf: predicate.arguments)
            return try Row.fetchOne(
                db, sql: "SELECT * FROM connected_accounts WHERE id = ? AND \(predicate.sql)", arguments: arguments
            ).map(SQLiteRows.account)
        }
    }

    public func accounts(in scope: TenantScope, status: AccountStatus?) async throws -> [ConnectedAccount] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var sql = "SELECT * FROM connected_accounts WHERE \(predicate.sql)"
            var arguments = predicate.arguments
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY tenant_id, id", arguments: arguments).map(SQLiteRows.account)
        }
    }

    public func markScanned(_ id: ConnectedAccountID, at instant: Timestamp, in scope: TenantScope) async throws {
        try await write { db in
            let predicate = ScopePredicate(scope)
            var arguments: StatementArguments = [instant.millisecondsSinceEpoch, id.rawValue]
            _ = arguments.append(contentsOf: predicate.arguments)
            try db.execute(
                sql: "UPDATE connected_accounts SET last_scan_at = ? WHERE id = ? AND \(predicate.sql)", arguments: arguments)
            if db.changesCount == 0 { throw StoreError.notFound("connected account \(id)") }
        }
    }
}
