import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// The PostgreSQL adapter: the same ports as the SQLite store, over one database shared by
/// consoles, workers and schedulers on many hosts.
///
/// Every transaction runs as `opsdeck_app` with its scope set (`PostgresPool.transaction`),
/// so row-level security admits only the rows the scope may see: another tenant's row is
/// indistinguishable from a missing one because the database never returns it. The audit
/// chain is extended under a transaction-level advisory lock (`PostgresAuditWriter`).
public final class PostgresStore: Sendable {
    public let url: PostgresURL
    let pool: PostgresPool
    let clock: any WallClock
    /// Tenants as claims read them, kept until the `claim_context` counter moves.
    let claimContexts = PostgresClaimContextCache()

    /// Opens the database at `url`: the connection is checked (one line saying why when it
    /// fails) and the schema must be the one this build ships (`opsdeck migrate` first).
    public static func open(
        _ url: PostgresURL, password: String?, clock: any WallClock = SystemClock()
    ) async throws -> PostgresStore {
        let pool = PostgresPool(url, password: password)
        do {
            try await pool.checkConnection()
            let recorded = try await pool.client.withConnection { connection in
                try await PostgresMigrator.recordedVersions(on: connection, logger: pool.logger)
            }
            let shipped = PostgresMigrator.shipped.files.map(\.version)
            if let newer = recorded.first(where: { !shipped.contains($0) }) {
                throw StoreError.schema("\(url) has schema version \(newer), newer than this opsdeck's; use a newer opsdeck")
            }
            if recorded != shipped {
                throw StoreError.schema("\(url) is not migrated to this opsdeck's schema; run opsdeck migrate --db <administrator's URL>")
            }
        } catch {
            pool.close()
            throw Self.storeError(error)
        }
        return PostgresStore(url: url, pool: pool, clock: clock)
    }

    init(url: PostgresURL, pool: PostgresPool, clock: any WallClock) {
        self.url = url
        self.pool = pool
        self.clock = clock
    }

    /// Ends the connections.
    public func close() { pool.close() }

    /// Runs `body` in one transaction in `scope`; failures become `StoreError`s with one line.
    func transaction<Result: Sendable>(
        _ scope: TenantScope, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await pool.transaction(scope, body)
        } catch {
            throw Self.storeError(error)
        }
    }

    var logger: Logger { pool.logger }

    /// `error` as a `StoreError`: the store's own errors as they are, a unique-constraint
    /// violation as a conflict, anything else as the database being unavailable, with the
    /// server's message.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError { return storeError(inner) }
        }
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            if state == "23505" { return .conflict(PostgresErrorText.describe(error)) }
        }
        return .unavailable(PostgresErrorText.describe(error))
    }
}
