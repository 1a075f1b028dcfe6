import DeckCore
import GRDB

extension SQLiteStore {
    /// Runs `body` in an immediate write transaction; errors come out as `StoreError`. The
    /// audit log's tenant index catches up in the same transaction when enough rows wait.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write { db in try Self.transaction(db, body) }
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// The same, on the calling thread (blocking it instead of suspending).
    func writeBlocking<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write { db in try Self.transaction(db, body) }
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// A write transaction's body, then the upkeep every write transaction does.
    private static func transaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        let result = try body(db)
        try AuditTenantIndex.catchUp(db)
        return result
    }

    /// Runs `body` on a snapshot read; errors come out as `StoreError`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// Throws `notFound` unless the tenant exists and is visible in `scope`.
    static func requireTenant(_ tenant: TenantID, in scope: TenantScope, _ db: Database) throws {
        guard scope.admits(tenant),
              try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE id = ?", arguments: [tenant.rawValue]) == true
        else { throw StoreError.notFound("tenant \(tenant)") }
    }
}

/// A scope as an SQL predicate on a tenant column.
struct ScopePredicate {
    let sql: String
    let arguments: StatementArguments

    init(_ scope: TenantScope, column: String = "tenant_id") {
        switch scope {
        case .tenant(let id):
            sql = "\(column) = ?"
            arguments = [id.rawValue]
        case .allTenants:
            sql = "1"
            arguments = []
        }
    }
}
