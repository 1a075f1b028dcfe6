import DeckCore
import DeckPostgres
import Logging
import PostgresNIO

/// The PostgreSQL server a benchmark runs on, reached with an administrator's URL: it makes
/// the benchmark's own databases (`opsdeck_bench_…`, fresh or copied from a template) and
/// drops them again. It touches no other database.
struct PostgresBenchServer: Sendable {
    /// The administrator's URL (its database is only used to create and drop others).
    let adminURL: PostgresURL
    let password: String?
    let logger = Logger(label: "opsdeck.bench.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The prefix of every database the benchmark makes; nothing else is ever dropped.
    static let prefix = "opsdeck_bench_"

    init(adminURL: PostgresURL, password: String?) {
        self.adminURL = adminURL
        self.password = password
    }

    /// A new database name: the prefix, then 12 random hex digits.
    static func newDatabaseName() -> String {
        var random = SystemRandomNumberGenerator()
        let digits = String(random.next() & 0xFFFF_FFFF_FFFF, radix: 16)
        return prefix + String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// The URL of `database` on this server, as the administrator.
    func url(of database: String) -> PostgresURL {
        var url = adminURL
        url.database = database
        return url
    }

    /// `url` as text for a child's `--db`: without its password (children read it from
    /// `PGPASSWORD`, so it never shows in a process list), `sslmode` written when it is not
    /// the host's default.
    static func childURLText(_ url: PostgresURL) -> String {
        let text = url.description
        let defaultMode = (try? PostgresURL(parsing: text))?.tls
        return defaultMode == url.tls ? text : text + "?sslmode=" + url.tls.rawValue
    }

    /// Creates a new database, empty (`template0`) or as a copy of `template`; returns its name.
    func createDatabase(copying template: String? = nil) async throws -> String {
        let name = Self.newDatabaseName()
        try await withAdminConnection { connection in
            if let template {
                // A template must have no other session: the pool that filled it may still be
                // closing its connections. They are this benchmark's own, in its own database.
                for attempt in 1...50 {
                    try await connection.query(PostgresQuery(unsafeSQL: """
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = '\(template)' AND pid <> pg_backend_pid()
                        """), logger: logger)
                    do {
                        try await connection.query(
                            PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\" TEMPLATE \"\(template)\""), logger: logger)
                        return
                    } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 50 {
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
            } else {
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\" TEMPLATE template0"), logger: logger)
            }
        }
        return name
    }

    /// Drops `database` (one of the benchmark's), ending any session still in it.
    func dropDatabase(_ database: String) async throws {
        guard database.hasPrefix(Self.prefix) else { throw BenchFailure("refusing to drop \(database): not a benchmark database") }
        try await withAdminConnection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(database)\" WITH (FORCE)"), logger: logger)
        }
    }

    /// Runs one statement outside a transaction in `database` as the administrator
    /// (`VACUUM`, which no transaction may hold).
    func execute(_ sql: String, in database: String) async throws {
        try await withConnection(to: database) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    /// A connection to `database` for the plain loop, as the administrator.
    func connect(to database: String, id: Int) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS = adminURL.tls == .disable
            ? .disable : .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        var configuration = PostgresConnection.Configuration(
            host: adminURL.host, port: adminURL.port, username: adminURL.user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
    }

    private func withAdminConnection(_ body: (PostgresConnection) async throws -> Void) async throws {
        try await withConnection(to: adminURL.database, body)
    }

    private func withConnection(to database: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        let connection: PostgresConnection
        do {
            connection = try await connect(to: database, id: 0)
        } catch {
            throw BenchFailure("\(url(of: database)): \(PostgresErrorText.describe(error))")
        }
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw BenchFailure("\(url(of: database)): \(PostgresErrorText.describe(error))")
        }
        try await connection.close()
    }
}
