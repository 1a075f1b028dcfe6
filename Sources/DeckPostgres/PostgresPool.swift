import DeckCore
import Logging
import NIOSSL
import PostgresNIO

/// A pool of connections to one PostgreSQL database, running for as long as this value
/// lives: made by `open`, ended by `close()` (which every caller must reach, including on
/// errors and signals).
///
/// Every transaction OpsDeck runs through `transaction(_:as:)` states its scope first:
/// `SET LOCAL ROLE opsdeck_app` when the login is an administrator (so row-level security
/// always applies: no query of OpsDeck's runs as a role that bypasses it), then either
/// `opsdeck.tenant_id` (one tenant's rows) or `opsdeck.scope = 'all'` (the operator-wide scope
/// of the worker and the console's all-tenant views).
public final class PostgresPool: Sendable {
    public let url: PostgresURL
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    private let password: String?

    /// Connects lazily: the first query opens the first connection.
    public init(_ url: PostgresURL, password: String?, logger: Logger = Logger(label: "opsdeck.postgres")) {
        self.url = url
        self.logger = logger
        self.password = password
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database,
            tls: url.tls == .disable ? .disable : .require(.makeClientConfiguration()))
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 8
        // The pool's own messages (reconnects, a lease asked for while `run()` is still
        // starting) at error level only: failures reach callers as errors.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Opens one connection outside the pool and closes it: the pool retries a failing
    /// connection behind a circuit breaker whose error says nothing, this says why
    /// (refused, unknown database, authentication), as one line.
    public func checkConnection() async throws(StoreError) {
        do {
            try await dedicatedConnection(id: 0).close()
        } catch {
            throw .unavailable("\(url): \(PostgresErrorText.describe(error))")
        }
    }

    /// A connection of its own, outside the pool (the change feed's `LISTEN` holds one for
    /// as long as it follows); the caller closes it.
    func dedicatedConnection(id: Int) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS = url.tls == .disable
            ? .disable : .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
    }

    /// Ends the pool; queries after this fail.
    public func close() {
        runner.cancel()
    }

    /// Runs `body` in one transaction as `opsdeck_app`, scoped to `scope`.
    public func transaction<Result: Sendable>(
        _ scope: TenantScope, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await client.withTransaction(logger: logger) { connection in
            // The role and the scope in one round trip.
            switch scope {
            case .allTenants:
                for try await _ in try await connection.prepared(AllTenants.self, logger: logger) {}
            case .tenant(let tenant):
                var binds = PostgresBindings()
                binds.append(tenant.rawValue)
                for try await _ in try await connection.prepared(OneTenant.self, binds, logger: logger) {}
            }
            return try await body(connection)
        }
    }

    private enum AllTenants: PostgresStatementText {
        static let name = "scope_all"
        static let sql = "SELECT set_config('role', 'opsdeck_app', true), set_config('opsdeck.scope', 'all', true)"
    }

    private enum OneTenant: PostgresStatementText {
        static let name = "scope_tenant"
        static let sql = "SELECT set_config('role', 'opsdeck_app', true), set_config('opsdeck.tenant_id', $1, true)"
    }

    /// Runs `body` in one transaction as the login role itself (the migrator, as an administrator).
    func administratorTransaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withTransaction(logger: logger) { connection in try await body(connection) }
    }

    /// Runs a whole SQL file (several statements, dollar-quoted bodies) as one statement: a
    /// temporary PL/pgSQL function executes the text, so the extended query protocol, which
    /// takes one statement per query, can apply a migration file as written.
    static func runScript(_ sql: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            CREATE OR REPLACE FUNCTION pg_temp.opsdeck_run_script(script text) RETURNS void
            LANGUAGE plpgsql AS $f$ BEGIN EXECUTE script; END $f$
            """, logger: logger)
        try await connection.query("SELECT pg_temp.opsdeck_run_script(\(sql))", logger: logger)
    }
}
